/**
 * What the "Request history" view shows, drawn into any element (the view's, or a test page's):
 * the filters (deployment, outcome), Export as CSV, the usage chart, and the requests, newest
 * first, each with what asked, the deployment and model, the time taken, the tokens (of which
 * reasoning), how it ended, and buttons to open the note the answer went to and to run it again.
 */
import { formatCount } from "../../core/count";
import type { HistoryEntry, HistoryOutcome } from "../../core/historyEntry";
import { deploymentsIn, filterHistory, usageByDay, type HistoryFilter } from "../../core/historyUsage";
import { drawUsage } from "./usageChart";

/** The most requests listed at once (the export holds them all). */
export const LIST_LIMIT = 200;

export interface PanelActions {
	/** Whether the note exists (then "Open" is offered). */
	noteExists(path: string): boolean;
	open(path: string): unknown;
	/** Sends the kept prompt again (only offered for entries that kept it). */
	runAgain(entry: HistoryEntry): unknown;
	exportCsv(entries: readonly HistoryEntry[]): unknown;
	/** Runs a button's action: a throw becomes a notice (ui/guard.ts). */
	handler(label: string, run: () => unknown): () => void;
}

export interface PanelSource {
	all(): readonly HistoryEntry[];
	/** Why the list may be incomplete (the file could not be read, or a damaged one was kept aside), or "". */
	status(): string;
}

const OUTCOMES: HistoryOutcome[] = ["answered", "failed", "cancelled", "late"];

function when(iso: string): string {
	return new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

export class HistoryPanel {
	filter: HistoryFilter = { deploymentId: null, outcome: null };

	constructor(
		readonly el: HTMLElement,
		private readonly source: PanelSource,
		private readonly actions: PanelActions,
		private readonly now: () => Date = () => new Date(),
	) {}

	render(): void {
		const { el } = this;
		el.empty();
		el.addClass("azure-reasoning-history");
		const all = this.source.all();
		const status = this.source.status();
		if (status) el.createEl("p", { cls: "azure-reasoning-history-status", text: status });
		this.drawControls(el.createDiv({ cls: "azure-reasoning-history-controls" }), all);
		drawUsage(el.createDiv(), usageByDay(all, this.now()));
		const shown = filterHistory(all, this.filter);
		const list = el.createDiv();
		list.createEl("h4", { text: "Requests" });
		if (shown.length === 0) {
			list.createEl("p", { cls: "azure-reasoning-history-empty", text: all.length === 0 ? "No requests yet. Every request the plugin sends is listed here." : "No request matches the filters." });
			return;
		}
		for (const e of shown.slice(0, LIST_LIMIT)) this.drawEntry(list, e);
		if (shown.length > LIST_LIMIT) list.createEl("p", { cls: "azure-reasoning-history-empty", text: `The newest ${LIST_LIMIT} of ${shown.length} are listed; export as CSV for all of them.` });
	}

	private drawControls(el: HTMLElement, all: readonly HistoryEntry[]): void {
		const deployment = el.createEl("select", { cls: "dropdown", attr: { "aria-label": "Deployment" } });
		deployment.createEl("option", { text: "All deployments", value: "" });
		for (const d of deploymentsIn(all)) deployment.createEl("option", { text: d.name, value: d.id });
		deployment.value = this.filter.deploymentId ?? "";
		deployment.addEventListener("change", () => {
			this.filter = { ...this.filter, deploymentId: deployment.value || null };
			this.render();
		});
		const outcome = el.createEl("select", { cls: "dropdown", attr: { "aria-label": "Outcome" } });
		outcome.createEl("option", { text: "All outcomes", value: "" });
		for (const value of OUTCOMES) outcome.createEl("option", { text: value, value });
		outcome.value = this.filter.outcome ?? "";
		outcome.addEventListener("change", () => {
			this.filter = { ...this.filter, outcome: (outcome.value || null) as HistoryOutcome | null };
			this.render();
		});
		const exportButton = el.createEl("button", { text: "Export as CSV" });
		exportButton.disabled = all.length === 0;
		exportButton.addEventListener("click", this.actions.handler("Export as CSV", () => this.actions.exportCsv(filterHistory(all, this.filter).reverse())));
	}

	private drawEntry(list: HTMLElement, e: HistoryEntry): void {
		const item = list.createDiv({ cls: `azure-reasoning-history-entry azure-reasoning-outcome-${e.outcome}` });
		const top = item.createDiv({ cls: "azure-reasoning-history-meta" });
		top.createEl("strong", { text: e.template ?? e.command });
		top.createSpan({ cls: "azure-reasoning-history-badge", text: e.outcome });
		const meta = item.createDiv({ cls: "azure-reasoning-history-meta" });
		meta.createSpan({ text: when(e.time) });
		meta.createSpan({ text: e.model ? `${e.deployment} (${e.model})` : e.deployment });
		meta.createSpan({ text: `${(e.durationMs / 1000).toFixed(1)} s` });
		if (e.promptTokens + e.completionTokens > 0) {
			meta.createSpan({ text: `${formatCount(e.promptTokens)} + ${formatCount(e.completionTokens)} tokens${e.reasoningTokens > 0 ? ` (${formatCount(e.reasoningTokens)} reasoning)` : ""}` });
		}
		if (e.error) item.createDiv({ cls: "azure-reasoning-history-error", text: e.error });
		// "Answer (below): Notes/A.md"; kept-note: the place was gone, or the answer came late.
		if (e.destination.path) item.createDiv({ cls: "azure-reasoning-history-meta", text: `Answer (${e.destination.kind}): ${e.destination.path}` });
		const buttons = item.createDiv({ cls: "azure-reasoning-history-actions" });
		const path = e.destination.path;
		if (path && this.actions.noteExists(path)) {
			buttons.createEl("button", { text: "Open", attr: { "aria-label": `Open ${path}` } }).addEventListener("click", this.actions.handler("Open", () => this.actions.open(path)));
		}
		if (e.prompt !== undefined) {
			buttons.createEl("button", { text: "Run again", title: "The same prompt again; the answer into a new note" }).addEventListener("click", this.actions.handler("Run again", () => this.actions.runAgain(e)));
		}
		if (buttons.childElementCount === 0) buttons.remove();
	}
}
