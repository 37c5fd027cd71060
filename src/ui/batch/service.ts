/**
 * The batches of summaries while the plugin is loaded: the one running now (one at a time, so two
 * never write the same summaries), the clock they run on, and the command and menu runs in
 * progress, so that a caller (a test, the demo) can wait for a batch started from the folder's
 * menu as it waits for a command's promise.
 */
import type { Plugin } from "obsidian";
import { defaultSleep } from "../../azure/client";
import type { BatchClock } from "../../core/batchRunner";
import type { BatchSession } from "./session";

export const WALL_CLOCK: BatchClock = { now: () => Date.now(), sleep: defaultSleep };

export class BatchService {
	/** What batches wait with (retry-after, backoff) and measure time by; tests put a virtual clock here. */
	clock: BatchClock = WALL_CLOCK;
	/** The batch running now, or the last one (its progress view can still show its failures). */
	session: BatchSession | null = null;
	private readonly pending = new Set<Promise<unknown>>();

	constructor(readonly plugin: Plugin) {}

	/** True while a batch sends or writes. */
	get busy(): boolean {
		return this.session !== null && !this.session.isOver;
	}

	/** Keeps `work` among the runs in progress until it settles; returns it. */
	track<T>(work: Promise<T>): Promise<T> {
		this.pending.add(work);
		void work.finally(() => this.pending.delete(work));
		return work;
	}

	/**
	 * Resolves once every command, menu and "Retry the failed ones" run started so far is over, with
	 * what each of them resolved to (a command's outcome), in the order they started; a run that
	 * rejected is left out (the command wrapper turns throws into outcomes, so none does).
	 */
	async settled(): Promise<unknown[]> {
		const outcomes: unknown[] = [];
		const seen = new Set<Promise<unknown>>();
		while (this.pending.size > 0) {
			const runs = [...this.pending];
			const results = await Promise.allSettled(runs);
			results.forEach((r, i) => {
				const run = runs[i] as Promise<unknown>;
				if (seen.has(run)) return;
				seen.add(run);
				if (r.status === "fulfilled") outcomes.push(r.value);
			});
		}
		return outcomes;
	}

	/** On unload: the running batch is cancelled (nothing more is written) and its progress goes. */
	dispose(): void {
		this.session?.dispose();
		this.session = null;
	}
}
