/**
 * How many summaries of a batch are in flight at once: the setting's number at most, halved when
 * Azure answers 429 (once per storm: a 429 to a request sent before the last halving does not
 * halve again), no new request at all until its `retry-after` has passed, and one more again each
 * time `restoreAfterMs` went by without a 429 and with at least `limit` answers since the last
 * change (a quiet spell with nothing sent proves nothing). The clock is injected.
 */

export interface ConcurrencyOptions {
	/** The setting: the most in flight at once. */
	max: number;
	/** Never below this (default 1). */
	min?: number;
	/** Quiet time before one step back up (default 15 s). */
	restoreAfterMs?: number;
	/** What a 429 without retry-after makes everyone wait (default 5 s). */
	defaultWaitMs?: number;
	now: () => number;
}

export interface LimitChange {
	at: number;
	limit: number;
	why: "rate-limited" | "restored";
}

export const DEFAULT_RESTORE_AFTER_MS = 15_000;
export const DEFAULT_RATE_LIMIT_WAIT_MS = 5_000;

export class AdaptiveConcurrency {
	readonly max: number;
	private readonly min: number;
	private readonly restoreAfterMs: number;
	private readonly defaultWaitMs: number;
	private readonly now: () => number;
	private current: number;
	private pausedUntil = 0;
	private lastChangeAt: number;
	private lastHalvingAt = Number.NEGATIVE_INFINITY;
	private answersSinceChange = 0;
	/** Every change of the limit, in order. */
	readonly changes: LimitChange[] = [];

	constructor(opts: ConcurrencyOptions) {
		this.max = Math.max(1, Math.floor(opts.max));
		this.min = Math.min(this.max, Math.max(1, Math.floor(opts.min ?? 1)));
		this.restoreAfterMs = opts.restoreAfterMs ?? DEFAULT_RESTORE_AFTER_MS;
		this.defaultWaitMs = opts.defaultWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
		this.now = opts.now;
		this.current = this.max;
		this.lastChangeAt = opts.now();
	}

	/** How many may be in flight now. */
	get limit(): number {
		return this.current;
	}

	/** How long to wait before sending anything (a retry-after still running), in ms. */
	waitMs(): number {
		return Math.max(0, this.pausedUntil - this.now());
	}

	/** A request sent at `sentAt` was answered 429, asking to wait `retryAfterMs` (null: it did not say). */
	rateLimited(retryAfterMs: number | null, sentAt: number): void {
		const t = this.now();
		const wait = retryAfterMs !== null && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : this.defaultWaitMs;
		this.pausedUntil = Math.max(this.pausedUntil, t + wait);
		this.answersSinceChange = 0;
		this.lastChangeAt = t;
		if (sentAt < this.lastHalvingAt) return;
		this.lastHalvingAt = t;
		const halved = Math.max(this.min, Math.floor(this.current / 2));
		if (halved !== this.current) {
			this.current = halved;
			this.changes.push({ at: t, limit: halved, why: "rate-limited" });
		}
	}

	/** A request was answered (not 429): perhaps one step back up. */
	answered(): void {
		this.answersSinceChange++;
		const t = this.now();
		if (this.current >= this.max || t < this.pausedUntil) return;
		if (t - this.lastChangeAt < this.restoreAfterMs || this.answersSinceChange < this.current) return;
		this.current++;
		this.lastChangeAt = t;
		this.answersSinceChange = 0;
		this.changes.push({ at: t, limit: this.current, why: "restored" });
	}
}
