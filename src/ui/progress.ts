/**
 * Requests in flight. Each has its own cancel and its own progress while it runs: on desktop
 * a status-bar item with the deployment and the elapsed time, which cancels that request on
 * click; on mobile, where there is no status bar, a notice (cancel with the "Cancel request"
 * command), shown again at the next tick when a tap dismissed it. Any number can run at once.
 * The progress shows once a request has run for PROGRESS_DELAY_MS: an answer that comes sooner
 * needs none, and its command places it without building and removing a status-bar item first.
 * The request can be cancelled from its start ("Cancel request" lists it at once).
 */
import { Notice, Platform, type Plugin } from "obsidian";

export interface JobInfo {
	/** The deployment's display name. */
	deployment: string;
	/** What was asked, e.g. "Improve the writing" or "Summary". */
	what: string;
	/** The note it was asked in. */
	notePath: string;
}

export interface Job extends JobInfo {
	readonly id: number;
	readonly startedAt: number;
	readonly signal: AbortSignal;
	/** Set while a retry waits, e.g. "retrying in 4 s after HTTP 429". */
	status: string;
	cancel(): void;
	/** Takes its progress away; called once the request ended, however it ended. */
	finish(): void;
}

interface Shown {
	job: Job;
	/** Until PROGRESS_DELAY_MS passed: the timer that shows it; null once it shows. */
	reveal: number | null;
	statusEl: HTMLElement | null;
	notice: Notice | null;
}

/** How long a request runs before its progress shows: no real request to a model answers sooner. */
export const PROGRESS_DELAY_MS = 200;

/** "12 s", "3 min 05 s". */
export function formatElapsed(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	if (s < 60) return `${s} s`;
	return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

function noteName(path: string): string {
	return path.split("/").pop()?.replace(/\.md$/i, "") ?? path;
}

/** One line about a request: "Summary of Meeting, on o1, 12 s". */
export function describeJob(job: Job, now = Date.now()): string {
	return `${job.what}, ${noteName(job.notePath)}, on ${job.deployment}, ${formatElapsed(now - job.startedAt)}${job.status ? ` (${job.status})` : ""}`;
}

export class RequestTracker {
	private readonly shown = new Map<number, Shown>();
	/** The requests not finished yet: after dispose() too, until their aborts settle. */
	private readonly unfinished = new Set<number>();
	private whenSettled: (() => void)[] = [];
	private nextId = 1;
	private ticker: number | null = null;

	constructor(
		private readonly plugin: Plugin,
		/** PROGRESS_DELAY_MS; 0 in the screenshots of the progress. */
		private readonly showAfterMs = PROGRESS_DELAY_MS,
	) {}

	/** The requests running now, oldest first. */
	get running(): Job[] {
		return [...this.shown.values()].map((s) => s.job);
	}

	start(info: JobInfo): Job {
		const controller = new AbortController();
		const id = this.nextId++;
		const job: Job = {
			...info,
			id,
			startedAt: Date.now(),
			signal: controller.signal,
			status: "",
			cancel: () => controller.abort(),
			finish: () => this.finished(id),
		};
		this.unfinished.add(id);
		const shown: Shown = { job, reveal: null, statusEl: null, notice: null };
		this.shown.set(id, shown);
		// Cleared when the request ends (remove), and by dispose() on unload.
		if (this.showAfterMs > 0) shown.reveal = window.setTimeout(() => this.reveal(id), this.showAfterMs);
		else this.reveal(id);
		return job;
	}

	private reveal(id: number): void {
		const s = this.shown.get(id);
		if (!s) return;
		s.reveal = null;
		if (this.ticker === null) {
			// Cleared when the last request ends, and by dispose() on unload.
			this.ticker = window.setInterval(() => this.render(), 1000);
		}
		this.render();
	}

	cancel(id: number): boolean {
		const s = this.shown.get(id);
		s?.job.cancel();
		return s !== undefined;
	}

	/** Cancels every request (on unload). */
	cancelAll(): void {
		for (const s of this.shown.values()) s.job.cancel();
	}

	/** Resolves once every request started so far has finished (cancelled ones settle a few turns after their abort). */
	settled(): Promise<void> {
		if (this.unfinished.size === 0) return Promise.resolve();
		return new Promise((resolve) => this.whenSettled.push(resolve));
	}

	private finished(id: number): void {
		this.remove(id);
		this.unfinished.delete(id);
		if (this.unfinished.size > 0) return;
		for (const resolve of this.whenSettled.splice(0)) resolve();
	}

	private remove(id: number): void {
		const s = this.shown.get(id);
		if (!s) return;
		this.shown.delete(id);
		if (s.reveal !== null) window.clearTimeout(s.reveal);
		s.statusEl?.remove();
		s.notice?.hide();
		if (this.shown.size === 0 && this.ticker !== null) {
			window.clearInterval(this.ticker);
			this.ticker = null;
		}
	}

	private render(): void {
		const now = Date.now();
		for (const s of this.shown.values()) {
			if (s.reveal !== null) continue;
			const { job } = s;
			const elapsed = formatElapsed(now - job.startedAt);
			const status = job.status ? ` (${job.status})` : "";
			if (Platform.isMobile) {
				const text = `Thinking: ${describeJob(job, now)}. To stop it, run "Cancel request".`;
				// A tap dismisses a notice for good (it leaves the page): show a new one.
				if (!s.notice || !s.notice.messageEl.isConnected) s.notice = new Notice(text, 0);
				else s.notice.setMessage(text);
				continue;
			}
			if (!s.statusEl) {
				const el = this.plugin.addStatusBarItem();
				el.addClass("azure-reasoning-status");
				el.addClass("mod-clickable");
				el.setAttribute("aria-label", `${job.what} in ${noteName(job.notePath)}: click to cancel`);
				// The item goes when the request ends (or on unload), and its listener with it.
				el.addEventListener("click", () => job.cancel());
				s.statusEl = el;
			}
			s.statusEl.setText(`${job.deployment}: thinking ${elapsed}${status}`);
		}
	}

	dispose(): void {
		this.cancelAll();
		for (const id of [...this.shown.keys()]) this.remove(id);
	}
}
