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
 * | sign-in-with-microsoft | no request: the device-code sign-in of an Entra ID deployment |
 * | summarize-folder-to-new-notes | a batch: one summary note per note of a folder (ui/batch/) |
 */
import type { Editor, MarkdownFileInfo, MarkdownView } from "obsidian";
import { summarizeFolder } from "../batch/summarizeFolder";
import type { PluginContext } from "../context";
import { askAboutSelection, runTemplateCommand } from "./inNote";
import { cancelRequest, chooseDeployment } from "./manage";
import { previewRequest } from "./preview";
import { signInWithMicrosoft } from "./signIn";
import { summarize } from "./summarize";
import { guarded, type CommandOutcome } from "./notify";
import type { CommandRegistry } from "./templateCommands";

export type { CommandOutcome } from "./notify";
export { templateCommandId } from "./templateCommands";

type EditorCommand = (ctx: PluginContext, editor: Editor, view: MarkdownView | MarkdownFileInfo) => Promise<CommandOutcome>;

/** The commands that work in a note: id, name, what they do. */
const IN_NOTE: [string, string, EditorCommand][] = [
	["run-prompt-on-selection", "Run prompt on selection", (ctx, editor, view) => runTemplateCommand(ctx, editor, view, null)],
	["ask-about-selection", "Ask about selection", askAboutSelection],
	["summarize-note-to-new-note", "Summarize note to new note", (ctx, editor, view) => summarize(ctx, editor, view, "note")],
	["summarize-selection-to-new-note", "Summarize selection to new note", (ctx, editor, view) => summarize(ctx, editor, view, "selection")],
	["preview-request", "Preview request", previewRequest],
];

/** Registers the commands on `plugin`; they act through `ctx`, each through the one wrapper (`guarded`). */
export function registerCommands(plugin: CommandRegistry, ctx: PluginContext): void {
	for (const [id, name, run] of IN_NOTE) plugin.addCommand({ id, name, editorCallback: (editor, view) => guarded(name, () => run(ctx, editor, view)) });
	plugin.addCommand({
		id: "choose-deployment",
		name: "Choose deployment",
		callback: () => guarded("Choose deployment", () => chooseDeployment(ctx)),
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
	plugin.addCommand({
		id: "sign-in-with-microsoft",
		name: "Sign in with Microsoft",
		callback: () => guarded("Sign in with Microsoft", () => signInWithMicrosoft(ctx)),
	});
	plugin.addCommand({
		id: "summarize-folder-to-new-notes",
		name: "Summarize folder to new notes",
		// Resolves when the batch is over (tests and the demo wait for it).
		callback: () => ctx.services.batches.track(guarded("Summarize folder to new notes", () => summarizeFolder(ctx, null))),
	});
	ctx.services.templateCommands.sync();
}
