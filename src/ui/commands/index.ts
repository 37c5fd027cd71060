/**
 * The plugin's commands. Ids are stable once released; no default hotkeys. Each editor command
 * captures what it needs at once (the selection, the note, the place) and lets the user keep
 * working while the model thinks; its callback's promise resolves when the command is over.
 *
 * | id | what it does with the answer |
 * |---|---|
 * | run-prompt-on-selection | picks a template; replaces the selection, goes below it, or a new note, as the template says |
 * | ask-about-selection | a free instruction; the answer goes below the selection |
 * | summarize-note-to-new-note | a new note with the summary of the whole note |
 * | summarize-selection-to-new-note | a new note with the summary of the selection |
 * | template-<id> | one per prompt template: that template, as above |
 * | choose-deployment | no request: sets the default deployment |
 * | preview-request | no request: shows what a template would send |
 * | cancel-request | cancels a running request |
 */
import type { PluginContext } from "../context";
import { askAboutSelection, runTemplateCommand } from "./inNote";
import { cancelRequest, chooseDeployment } from "./manage";
import { previewRequest } from "./preview";
import { summarize } from "./summarize";
import { guarded } from "./notify";
import type { CommandRegistry } from "./templateCommands";

export type { CommandOutcome } from "./notify";
export { templateCommandId } from "./templateCommands";

/** Registers the commands on `ctx`; they act through `ctx`. */
export function registerCommands(plugin: CommandRegistry, ctx: PluginContext): void {
	plugin.addCommand({
		id: "run-prompt-on-selection",
		name: "Run prompt on selection",
		editorCallback: (editor, view) => guarded("Run prompt on selection", () => runTemplateCommand(ctx, editor, view, null)),
	});
	plugin.addCommand({
		id: "ask-about-selection",
		name: "Ask about selection",
		editorCallback: (editor, view) => guarded("Ask about selection", () => askAboutSelection(ctx, editor, view)),
	});
	plugin.addCommand({
		id: "summarize-note-to-new-note",
		name: "Summarize note to new note",
		editorCallback: (editor, view) => guarded("Summarize note to new note", () => summarize(ctx, editor, view, "note")),
	});
	plugin.addCommand({
		id: "summarize-selection-to-new-note",
		name: "Summarize selection to new note",
		editorCallback: (editor, view) => guarded("Summarize selection to new note", () => summarize(ctx, editor, view, "selection")),
	});
	plugin.addCommand({
		id: "choose-deployment",
		name: "Choose deployment",
		callback: () => guarded("Choose deployment", () => chooseDeployment(ctx)),
	});
	plugin.addCommand({
		id: "preview-request",
		name: "Preview request",
		editorCallback: (editor, view) => guarded("Preview request", () => previewRequest(ctx, editor, view)),
	});
	plugin.addCommand({
		id: "cancel-request",
		name: "Cancel request",
		checkCallback: (checking) => {
			if (ctx.services.requests.running.length === 0) return false;
			if (!checking) void guarded("Cancel request", () => cancelRequest(ctx));
			return true;
		},
	});
	ctx.services.templateCommands.sync();
}
