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
import type AzureReasoningPlugin from "../../main";
import { closeAllModals } from "../modals/registry";
import { askAboutSelection, runTemplateCommand } from "./inNote";
import { cancelRequest, chooseDeployment } from "./manage";
import { previewRequest } from "./preview";
import { summarize } from "./summarize";
import { forgetTemplateCommands, syncTemplateCommands } from "./templateCommands";

import { guarded } from "./notify";
export type { CommandOutcome } from "./notify";
export { syncTemplateCommands, templateCommandId } from "./templateCommands";

export function registerCommands(plugin: AzureReasoningPlugin): void {
	plugin.addCommand({
		id: "run-prompt-on-selection",
		name: "Run prompt on selection",
		editorCallback: (editor, ctx) => guarded("Run prompt on selection", () => runTemplateCommand(plugin, editor, ctx, null)),
	});
	plugin.addCommand({
		id: "ask-about-selection",
		name: "Ask about selection",
		editorCallback: (editor, ctx) => guarded("Ask about selection", () => askAboutSelection(plugin, editor, ctx)),
	});
	plugin.addCommand({
		id: "summarize-note-to-new-note",
		name: "Summarize note to new note",
		editorCallback: (editor, ctx) => guarded("Summarize note to new note", () => summarize(plugin, editor, ctx, "note")),
	});
	plugin.addCommand({
		id: "summarize-selection-to-new-note",
		name: "Summarize selection to new note",
		editorCallback: (editor, ctx) => guarded("Summarize selection to new note", () => summarize(plugin, editor, ctx, "selection")),
	});
	plugin.addCommand({
		id: "choose-deployment",
		name: "Choose deployment",
		callback: () => guarded("Choose deployment", () => chooseDeployment(plugin)),
	});
	plugin.addCommand({
		id: "preview-request",
		name: "Preview request",
		editorCallback: (editor, ctx) => guarded("Preview request", () => previewRequest(plugin, editor, ctx)),
	});
	plugin.addCommand({
		id: "cancel-request",
		name: "Cancel request",
		checkCallback: (checking) => {
			if (plugin.requests.running.length === 0) return false;
			if (!checking) void guarded("Cancel request", () => cancelRequest(plugin));
			return true;
		},
	});
	syncTemplateCommands(plugin);
	plugin.register(() => {
		closeAllModals();
		forgetTemplateCommands(plugin);
	});
}
