/**
 * The arithmetic of a batch's progress: what is done, failed and left, the tokens so far, and an
 * estimate of the time left. The estimate weighs each note by its prompt's estimated tokens (a
 * long note takes longer), from the pace of the notes finished so far, paused time left out.
 */

export interface BatchTokens {
	prompt: number;
	completion: number;
	/** Of the completion tokens, those spent on reasoning. */
	reasoning: number;
}

export type BatchState = "running" | "paused" | "cancelling" | "cancelled" | "finished";

export interface BatchSnapshot {
	state: BatchState;
	/** The notes this run sends (not those skipped before it started). */
	total: number;
	done: number;
	failed: number;
	/** Up to date, too large or empty: not sent. */
	skipped: number;
	/** Not done and not failed yet (in flight included). */
	remaining: number;
	inFlight: number;
	/** How many may be in flight now (the concurrency, after any halving). */
	concurrency: number;
	/** While a retry-after runs: how long until requests go out again. */
	waitingMs: number;
	tokens: BatchTokens;
	/** Time running, paused time left out. */
	elapsedMs: number;
	/** null until a note finished. */
	etaMs: number | null;
}

/** Time left: the time per token of the notes finished so far, times the tokens left. null until a note finished. */
export function estimateRemainingMs(elapsedMs: number, finishedWeight: number, remainingWeight: number): number | null {
	if (remainingWeight <= 0) return 0;
	if (finishedWeight <= 0 || elapsedMs <= 0) return null;
	return Math.round((elapsedMs * remainingWeight) / finishedWeight);
}

/** The share done, 0 to 1, for the progress bar (failed notes count as handled). */
export function fractionDone(s: Pick<BatchSnapshot, "total" | "done" | "failed">): number {
	return s.total === 0 ? 1 : Math.min(1, (s.done + s.failed) / s.total);
}

export function addTokens(a: BatchTokens, b: Partial<BatchTokens> | null): BatchTokens {
	if (!b) return a;
	return { prompt: a.prompt + (b.prompt ?? 0), completion: a.completion + (b.completion ?? 0), reasoning: a.reasoning + (b.reasoning ?? 0) };
}

export const NO_TOKENS: BatchTokens = { prompt: 0, completion: 0, reasoning: 0 };
