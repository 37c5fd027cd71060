/**
 * What a batch runner (core/batchRunner.ts) and the work it runs agree on: how an item's attempt
 * ended, the clock it waits with, its options, and the report it ends with.
 */
import type { LimitChange } from "./batchConcurrency";
import type { BatchSnapshot, BatchTokens } from "./batchProgress";

/** How one item's attempt ended. */
export type WorkResult =
	| { kind: "done"; tokens: BatchTokens | null }
	| { kind: "rate-limited"; retryAfterMs: number | null; reason: string }
	/** Worth another try (5xx, connection): after a backoff, up to maxRetries. */
	| { kind: "retry"; reason: string }
	| { kind: "failed"; reason: string }
	| { kind: "cancelled" };

export interface BatchClock {
	now(): number;
	/** Resolves after `ms`, or at once when `signal` aborts. */
	sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface RunnerOptions<T> {
	items: readonly T[];
	/** For the time-left estimate: the item's estimated prompt tokens. */
	weight: (item: T) => number;
	work: (item: T, signal: AbortSignal) => Promise<WorkResult>;
	concurrency: number;
	/** Tries after a server error or a lost connection. */
	maxRetries: number;
	/** Tries after 429s, per item (default 8): a quota that never frees fails the item, not the batch. */
	maxRateLimitRetries?: number;
	/** The longest retry-after a batch waits out (default 60 s); a longer one fails the item with its reason. */
	maxRateLimitWaitMs?: number;
	/** Counted in snapshots as skipped. */
	skipped?: number;
	restoreAfterMs?: number;
	clock: BatchClock;
	onChange?: (snapshot: BatchSnapshot) => void;
}

export interface BatchFailure<T> {
	item: T;
	reason: string;
}

export interface BatchReport<T> {
	done: T[];
	failed: BatchFailure<T>[];
	/** Not sent, or cut off by Cancel. */
	notDone: T[];
	cancelled: boolean;
	tokens: BatchTokens;
	limitChanges: LimitChange[];
	elapsedMs: number;
}
