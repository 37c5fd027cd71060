/**
 * Runs a batch: every item once, as many at a time as the concurrency controller allows; a
 * failing item never stops the others. A 429 halves the concurrency and holds every request until
 * its retry-after has passed (one longer than `maxRateLimitWaitMs` fails the item instead), then the item goes again (first in line); a server error or a lost
 * connection is tried again after a backoff, up to `maxRetries` times; anything else fails the
 * item with its reason. Pause stops sending (what is in flight finishes); Cancel aborts what is
 * in flight and sends nothing more. What an item's work does with its answer is the caller's:
 * it gets the abort signal and must write nothing once it is aborted. Clock and sleep are injected.
 */
import { AdaptiveConcurrency } from "./batchConcurrency";
import { MAX_RETRY_WAIT_MS } from "./errors";
import { addTokens, estimateRemainingMs, NO_TOKENS, type BatchSnapshot, type BatchState, type BatchTokens } from "./batchProgress";
import type { BatchFailure, BatchReport, RunnerOptions, WorkResult } from "./batchWork";

export type { BatchClock, BatchFailure, BatchReport, RunnerOptions, WorkResult } from "./batchWork";

interface Entry<T> {
	item: T;
	retries: number;
	rateLimits: number;
}

export const DEFAULT_RATE_LIMIT_RETRIES = 8;

/** The backoff before another try after a server error: 1 s, 2 s, 4 s … at most 30 s. */
export function retryBackoffMs(retries: number): number {
	return Math.min(30_000, 1000 * 2 ** Math.max(0, retries - 1));
}

export class BatchRun<T> {
	private readonly queue: Entry<T>[];
	private readonly controller: AdaptiveConcurrency;
	private readonly abort = new AbortController();
	private readonly done: T[] = [];
	private readonly failed: BatchFailure<T>[] = [];
	private tokens: BatchTokens = NO_TOKENS;
	private state: BatchState = "running";
	/** In flight, plus items waiting out a backoff before they go back in line. */
	private busy = 0;
	private inFlight = 0;
	private finishedWeight = 0;
	private readonly startedAt: number;
	private pausedMs = 0;
	private pausedAt: number | null = null;
	private wake: () => void = () => undefined;
	private result: Promise<BatchReport<T>> | null = null;

	constructor(private readonly opts: RunnerOptions<T>) {
		this.queue = opts.items.map((item) => ({ item, retries: 0, rateLimits: 0 }));
		this.startedAt = opts.clock.now();
		this.controller = new AdaptiveConcurrency({ max: opts.concurrency, now: () => opts.clock.now(), ...(opts.restoreAfterMs !== undefined ? { restoreAfterMs: opts.restoreAfterMs } : {}) });
	}

	/** Runs the batch (once: later calls get the same promise). Never rejects. */
	start(): Promise<BatchReport<T>> {
		this.result ??= this.loop();
		return this.result;
	}

	pause(): void {
		if (this.state !== "running") return;
		this.state = "paused";
		this.pausedAt = this.opts.clock.now();
		this.changed();
	}

	resume(): void {
		if (this.state !== "paused") return;
		this.state = "running";
		if (this.pausedAt !== null) this.pausedMs += this.opts.clock.now() - this.pausedAt;
		this.pausedAt = null;
		this.changed();
	}

	/** Aborts what is in flight and sends nothing more. */
	cancel(): void {
		if (this.state === "finished" || this.state === "cancelled" || this.state === "cancelling") return;
		if (this.pausedAt !== null) this.pausedMs += this.opts.clock.now() - this.pausedAt;
		this.pausedAt = null;
		this.state = "cancelling";
		this.abort.abort();
		this.changed();
	}

	get isOver(): boolean {
		return this.state === "finished" || this.state === "cancelled";
	}

	snapshot(): BatchSnapshot {
		const now = this.opts.clock.now();
		const total = this.opts.items.length;
		const elapsedMs = Math.max(0, now - this.startedAt - this.pausedMs - (this.pausedAt !== null ? now - this.pausedAt : 0));
		const remainingWeight = this.queue.reduce((sum, e) => sum + this.opts.weight(e.item), 0) + this.inFlightWeight;
		return {
			state: this.state,
			total,
			done: this.done.length,
			failed: this.failed.length,
			skipped: this.opts.skipped ?? 0,
			remaining: total - this.done.length - this.failed.length,
			inFlight: this.inFlight,
			concurrency: this.controller.limit,
			waitingMs: this.controller.waitMs(),
			tokens: this.tokens,
			elapsedMs,
			etaMs: this.isOver ? 0 : estimateRemainingMs(elapsedMs, this.finishedWeight, remainingWeight),
		};
	}

	private inFlightWeight = 0;

	private changed(): void {
		this.opts.onChange?.(this.snapshot());
		const wake = this.wake;
		this.wake = () => undefined;
		wake();
	}

	private nextChange(): Promise<void> {
		return new Promise((resolve) => {
			this.wake = resolve;
		});
	}

	private async loop(): Promise<BatchReport<T>> {
		const { clock } = this.opts;
		const signal = this.abort.signal;
		this.changed();
		for (;;) {
			if (signal.aborted) break;
			if (this.queue.length === 0 && this.busy === 0) break;
			if (this.state === "paused" || this.queue.length === 0 || this.inFlight >= this.controller.limit) {
				await this.nextChange();
				continue;
			}
			const wait = this.controller.waitMs();
			if (wait > 0) {
				this.changed();
				await clock.sleep(wait, signal);
				continue;
			}
			const entry = this.queue.shift();
			if (entry) this.launch(entry, signal);
		}
		while (this.busy > 0) await this.nextChange();
		const cancelled = signal.aborted;
		this.state = cancelled ? "cancelled" : "finished";
		const handled = new Set<T>([...this.done, ...this.failed.map((f) => f.item)]);
		const report: BatchReport<T> = {
			done: [...this.done],
			failed: [...this.failed],
			notDone: this.opts.items.filter((i) => !handled.has(i)),
			cancelled,
			tokens: this.tokens,
			limitChanges: [...this.controller.changes],
			elapsedMs: this.snapshot().elapsedMs,
		};
		this.changed();
		return report;
	}

	private launch(entry: Entry<T>, signal: AbortSignal): void {
		const { clock } = this.opts;
		const weight = this.opts.weight(entry.item);
		this.busy++;
		this.inFlight++;
		this.inFlightWeight += weight;
		const sentAt = clock.now();
		this.changed();
		const settle = async (result: WorkResult) => {
			this.inFlight--;
			this.inFlightWeight -= weight;
			if (result.kind !== "rate-limited" && result.kind !== "cancelled") this.controller.answered();
			if (signal.aborted || result.kind === "cancelled") return;
			if (result.kind === "done") {
				this.done.push(entry.item);
				this.tokens = addTokens(this.tokens, result.tokens);
				this.finishedWeight += weight;
			} else if (result.kind === "rate-limited" && (result.retryAfterMs ?? 0) > (this.opts.maxRateLimitWaitMs ?? MAX_RETRY_WAIT_MS)) {
				// Not held for hours: the item fails, saying so; the others go on.
				this.fail(entry, weight, `${result.reason} That is longer than a batch waits (${Math.round((this.opts.maxRateLimitWaitMs ?? MAX_RETRY_WAIT_MS) / 1000)} s): run it again later.`);
			} else if (result.kind === "rate-limited") {
				this.controller.rateLimited(result.retryAfterMs, sentAt);
				entry.rateLimits++;
				if (entry.rateLimits > (this.opts.maxRateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES)) this.fail(entry, weight, result.reason);
				else this.queue.unshift(entry);
			} else if (result.kind === "retry") {
				entry.retries++;
				if (entry.retries > this.opts.maxRetries) this.fail(entry, weight, result.reason);
				else {
					this.changed();
					await clock.sleep(retryBackoffMs(entry.retries), signal);
					if (!signal.aborted) this.queue.push(entry);
				}
			} else {
				this.fail(entry, weight, result.reason);
			}
		};
		void this.opts
			.work(entry.item, signal)
			.catch((e: unknown): WorkResult => ({ kind: "failed", reason: e instanceof Error ? e.message : String(e) }))
			.then(settle)
			.finally(() => {
				this.busy--;
				this.changed();
			});
	}

	private fail(entry: Entry<T>, weight: number, reason: string): void {
		this.failed.push({ item: entry.item, reason });
		this.finishedWeight += weight;
	}
}
