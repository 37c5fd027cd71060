/**
 * Requests in flight: each has its own cancel, and all show while they run. On desktop a
 * status-bar item shows the deployment and the elapsed time and cancels on click; on mobile,
 * where there is no status bar, a notice does.
 */
import { Notice, Platform, type Plugin } from "obsidian";

export interface Job {
	readonly id: number;
	readonly label: string;
	readonly startedAt: number;
	readonly signal: AbortSignal;
	/** Set while a retry waits, e.g. "retrying in 4 s after 429". */
	status: string;
	cancel(): void;
	finish(): void;
}

export class RequestTracker {
	private readonly jobs = new Map<number, Job>();
	private nextId = 1;
	private statusEl: HTMLElement | null = null;
	private mobileNotice: Notice | null = null;
	private ticker: number | null = null;

	constructor(private readonly plugin: Plugin) {}

	get running(): Job[] {
		return [...this.jobs.values()];
	}

	start(label: string): Job {
		const controller = new AbortController();
		const id = this.nextId++;
		const job: Job = {
			id,
			label,
			startedAt: Date.now(),
			signal: controller.signal,
			status: "",
			cancel: () => controller.abort(),
			finish: () => {
				this.jobs.delete(id);
				this.render();
			},
		};
		this.jobs.set(id, job);
		if (this.ticker === null) {
			this.ticker = window.setInterval(() => this.render(), 1000);
			this.plugin.registerInterval(this.ticker);
		}
		this.render();
		return job;
	}

	/** Cancels every request (on unload, or from the status bar). */
	cancelAll(): void {
		for (const job of this.jobs.values()) job.cancel();
	}

	text(): string {
		const jobs = this.running;
		if (jobs.length === 0) return "";
		const now = Date.now();
		const parts = jobs.map((j) => `${j.label} ${Math.floor((now - j.startedAt) / 1000)} s${j.status ? ` (${j.status})` : ""}`);
		return `Thinking: ${parts.join(", ")}`;
	}

	private render(): void {
		const text = this.text();
		if (text === "") {
			if (this.ticker !== null) window.clearInterval(this.ticker);
			this.ticker = null;
			this.statusEl?.remove();
			this.statusEl = null;
			this.mobileNotice?.hide();
			this.mobileNotice = null;
			return;
		}
		if (Platform.isMobile) {
			if (!this.mobileNotice) this.mobileNotice = new Notice(text, 0);
			else this.mobileNotice.setMessage(text);
			return;
		}
		if (!this.statusEl) {
			this.statusEl = this.plugin.addStatusBarItem();
			this.statusEl.addClass("azure-reasoning-status");
			this.statusEl.setAttribute("aria-label", "Click to cancel");
			this.plugin.registerDomEvent(this.statusEl, "click", () => this.cancelAll());
		}
		this.statusEl.setText(text);
	}

	dispose(): void {
		this.cancelAll();
		this.jobs.clear();
		this.render();
	}
}
