/**
 * The deployment editor's rows for what the family table allows per operation: the operation
 * itself, the reasoning effort (the family's list, or Azure's own once it gave one), reasoning
 * summaries and verbosity. Each row is shown only where the family has the choice.
 */
import { Setting } from "obsidian";
import { OPERATIONS, type ModelFamily, type Operation, type ReasoningEffort, type SummaryMode, type Verbosity } from "../../core/families";
import type { FieldEditor } from "./deploymentFields";

const EFFORT_LABELS: Record<ReasoningEffort, string> = { none: "None (no reasoning)", minimal: "Minimal", low: "Low", medium: "Medium", high: "High", xhigh: "Extra high", max: "Max" };
const OPERATION_NAMES: Record<Operation, string> = { responses: "Responses API", "chat-completions": "Chat completions" };
const SUMMARY_LABELS: Record<SummaryMode, string> = { off: "Off", auto: "Auto", concise: "Concise", detailed: "Detailed" };

export function operationFields(el: HTMLElement, ed: FieldEditor, family: ModelFamily): void {
	const cfg = ed.cfg;
	const op = new Setting(el).setName("API operation");
	if (family.operations.length > 1) {
		op.setDesc("Responses gives reasoning summaries and stores nothing (the plugin sends store: false); chat completions works in every region.");
		op.addDropdown((d) => {
			for (const o of OPERATIONS) if (family.operations.includes(o)) d.addOption(o, OPERATION_NAMES[o]);
			d.setValue(cfg.operation).onChange((v) => {
				cfg.operation = v === "responses" ? "responses" : "chat-completions";
				ed.chosen("operation");
			});
			ed.register("operation", op, d.selectEl);
		});
	} else {
		const only = family.operations[0] ?? "chat-completions";
		op.setDesc(`${family.label} answers only on ${only === "responses" ? "the Responses API" : "chat completions"}.`);
		// A stored operation the family lacks is an error with a fix; until then show what is stored.
		op.controlEl.createSpan({ cls: "azure-reasoning-fixed-value", text: OPERATION_NAMES[cfg.operation] });
		ed.register("operation", op, null);
	}

	if (family.summaries !== "no" && family.operations.includes("responses")) {
		const approval = family.summaries === "approval" ? ` ${family.label}'s summaries need Microsoft's approval for the resource.` : "";
		const summary = new Setting(el).setName("Reasoning summary").setDesc(`What the model considered before answering, kept apart from the answer (Responses API only).${approval}`);
		summary.addDropdown((d) => {
			for (const m of Object.keys(SUMMARY_LABELS) as SummaryMode[]) d.addOption(m, SUMMARY_LABELS[m]);
			d.setValue(cfg.reasoningSummary).onChange((v) => {
				cfg.reasoningSummary = (Object.keys(SUMMARY_LABELS) as SummaryMode[]).find((m) => m === v) ?? "off";
				ed.chosen("reasoningSummary");
			});
			ed.register("reasoningSummary", summary, d.selectEl);
		});
	}

	if (family.verbosity && family.operations.includes("responses")) {
		const verbosity = new Setting(el).setName("Verbosity").setDesc("How long the answer is (only with responses).");
		verbosity.addDropdown((d) => {
			d.addOption("", "Azure's default (not sent)").addOption("low", "Low").addOption("medium", "Medium").addOption("high", "High");
			d.setValue(cfg.verbosity).onChange((v) => {
				cfg.verbosity = (["low", "medium", "high"] as Verbosity[]).find((x) => x === v) ?? "";
				ed.chosen("verbosity");
			});
			ed.register("verbosity", verbosity, d.selectEl);
		});
	}
}

export function effortField(el: HTMLElement, ed: FieldEditor, family: ModelFamily): void {
	const cfg = ed.cfg;
	if (family.reasoningEfforts.length === 0) return;
	// `family` already has Azure's own list in place of the table's, once Azure gave one (deploymentFamily).
	const efforts = family.reasoningEfforts;
	const def = family.defaultEffort;
	const defaultLabel = cfg.operation === "responses" && def ? `Default (${EFFORT_LABELS[def].toLowerCase()}, sent)` : `Azure's default${def ? ` (${EFFORT_LABELS[def].toLowerCase()})` : ""}, not sent`;
	const azure = cfg.supportedEfforts ? " These are the efforts Azure listed for this deployment; choosing another model family forgets them." : "";
	const effort = new Setting(el).setName("Reasoning effort").setDesc(`How hard the model thinks: higher is slower and uses more tokens.${azure}`);
	effort.addDropdown((d) => {
		d.addOption("", defaultLabel);
		for (const e of efforts) d.addOption(e, EFFORT_LABELS[e]);
		// A stored effort outside the list stays visible (its finding offers the fix).
		if (cfg.reasoningEffort !== "" && !efforts.includes(cfg.reasoningEffort)) d.addOption(cfg.reasoningEffort, EFFORT_LABELS[cfg.reasoningEffort]);
		d.setValue(cfg.reasoningEffort).onChange((v) => {
			cfg.reasoningEffort = efforts.find((e) => e === v) ?? "";
			ed.chosen("reasoningEffort");
		});
		ed.register("reasoningEffort", effort, d.selectEl);
	});
}
