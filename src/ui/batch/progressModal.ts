/**
 * The progress view of a batch: a real progress bar, done / skipped / failed / remaining, elapsed
 * and estimated time left, the tokens so far (of which reasoning), the pace (and a rate limit
 * being waited out); Pause or Resume, and Cancel. Closing it leaves the batch running (its
 * progress goes to the status bar). At the end: how it went, each failure with its reason, and
 * "Retry the failed ones".
 */
import { Modal } from "obsidian";
import { fractionDone, type BatchSnapshot } from "../../core/batchProgress";
import type { ModalHost } from "../context";
import { guardedHandler } from "../guard";
import { openWhileLoaded } from "../modals/lifetime";
import { describeCounts, describePace, describeTime, describeTokens, keptLines } from "./progressText";
import type { KeptSummary } from "./work";

export const RETRY_LABEL = "Retry the failed ones";

/** What the view shows and drives: a batch (ui/batch/session.ts). */
export interface ProgressSource {
	readonly folderLabel: string;
	readonly isOver: boolean;
	readonly report: { cancelled: boolean; failed: readonly { item: { sourcePath: string }; reason: string }[] } | null;
	readonly indexPath: string | null;
	readonly indexProblem: string;
	/** The summaries (and the index) the user edited, kept as they were, and where the new ones went. */
	readonly kept: readonly KeptSummary[];
	readonly indexKept: string | null;
	snapshot(): BatchSnapshot;
	/** Called on each change; returns the unsubscribe. */
	subscribe(listener: () => void): () => void;
	pause(): void;
	resume(): void;
	cancel(): void;
	/** "Retry the failed ones". */
	retry(): Promise<unknown>;
	/** The view closed (the batch goes on). */
	progressClosed(): void;
}

export class BatchProgressModal extends Modal {
	isShown = false;
	private barEl!: HTMLProgressElement;
	private countsEl!: HTMLElement;
	private timeEl!: HTMLElement;
	private tokensEl!: HTMLElement;
	private paceEl!: HTMLElement;
	private endEl!: HTMLElement;
	private buttonsEl!: HTMLElement;
	/** The buttons shown, as one key: rebuilt only when it changes (so keyboard focus stays put). */
	private buttonsKey = "";
	private unsubscribe: () => void = () => undefined;
	private ticker: number | null = null;

	constructor(
		private readonly host: ModalHost,
		private readonly session: ProgressSource,
	) {
		super(host.app);
	}

	show(): void {
		openWhileLoaded(this, this.host);
	}

	onOpen(): void {
		this.isShown = true;
		this.modalEl.addClass("azure-reasoning-batch");
		this.setTitle(`Summarizing the notes in ${this.session.folderLabel}`);
		const el = this.contentEl;
		this.barEl = el.createEl("progress", { cls: "azure-reasoning-batch-bar", attr: { max: "1", value: "0", "aria-label": "Notes summarized" } });
		this.countsEl = el.createEl("p", { cls: "azure-reasoning-batch-counts", attr: { "aria-live": "polite" } });
		this.timeEl = el.createEl("p", { cls: "azure-reasoning-batch-line" });
		this.tokensEl = el.createEl("p", { cls: "azure-reasoning-batch-line" });
		this.paceEl = el.createEl("p", { cls: "azure-reasoning-batch-line" });
		this.endEl = el.createDiv({ cls: "azure-reasoning-batch-end" });
		this.buttonsEl = el.createDiv("modal-button-container");
		this.unsubscribe = this.session.subscribe(() => this.render());
		// Cleared in onClose (the plugin's unload closes the view too).
		this.ticker = window.setInterval(() => this.render(), 1000);
		this.render();
	}

	onClose(): void {
		this.isShown = false;
		this.unsubscribe();
		if (this.ticker !== null) window.clearInterval(this.ticker);
		this.ticker = null;
		this.contentEl.empty();
		this.session.progressClosed();
	}

	private render(): void {
		if (!this.isShown) return;
		const s = this.session.snapshot();
		const over = this.session.isOver;
		const fraction = fractionDone(s);
		this.barEl.value = fraction;
		this.barEl.setAttr("aria-valuetext", `${s.done + s.failed} of ${s.total} notes`);
		this.countsEl.setText(describeCounts(s));
		this.timeEl.setText(describeTime(s));
		this.tokensEl.setText(describeTokens(s));
		this.paceEl.setText(over ? "" : describePace(s));
		this.renderEnd(over);
		const failed = this.session.report?.failed.length ?? 0;
		const key = over ? `over:${failed}` : s.state;
		if (key !== this.buttonsKey) this.renderButtons(key, over, failed);
	}

	private renderEnd(over: boolean): void {
		this.endEl.empty();
		const report = this.session.report;
		if (!over || !report) return;
		const how = report.cancelled ? "Cancelled: nothing more was sent, and no partial note was written." : report.failed.length > 0 ? "Done, with failures." : "Done.";
		this.endEl.createEl("p", { text: how, cls: "azure-reasoning-batch-outcome" });
		if (this.session.indexPath) this.endEl.createEl("p", { text: `Index of the summaries: ${this.session.indexPath}` });
		if (this.session.indexProblem) this.endEl.createEl("p", { text: this.session.indexProblem, cls: "azure-reasoning-batch-problem" });
		for (const line of keptLines(this.session.kept, this.session.indexKept, this.session.indexPath)) this.endEl.createEl("p", { text: line });
		if (report.failed.length === 0) return;
		this.endEl.createEl("p", { text: `Failed (${report.failed.length}):` });
		const list = this.endEl.createEl("ul", { cls: "azure-reasoning-batch-failures" });
		for (const f of report.failed) {
			const li = list.createEl("li");
			li.createSpan({ text: f.item.sourcePath, cls: "azure-reasoning-batch-path" });
			li.createSpan({ text: `: ${f.reason}` });
		}
	}

	private renderButtons(key: string, over: boolean, failed: number): void {
		this.buttonsKey = key;
		this.buttonsEl.empty();
		const add = (text: string, run: () => unknown, cta = false) => {
			const b = this.buttonsEl.createEl("button", { text, cls: cta ? "mod-cta" : [] });
			b.addEventListener("click", guardedHandler(`"${text}"`, run));
		};
		if (over) {
			if (failed > 0) add(RETRY_LABEL, () => this.session.retry(), true);
			add("Close", () => this.close());
			return;
		}
		if (key === "paused") add("Resume", () => this.session.resume(), true);
		else if (key === "running") add("Pause", () => this.session.pause());
		if (key !== "cancelling") add("Cancel", () => this.session.cancel());
		add("Hide", () => this.close());
	}
}
