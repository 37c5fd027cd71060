/**
 * "Summarize note to new note" and "Summarize selection to new note" (commands, and the editor's
 * menu), and "Summarize to new note" on a note that need not be open (a file's menu): one path.
 */
import type { Editor, MarkdownFileInfo, MarkdownView, TFile } from "obsidian";
import { SUMMARIZE_NOTE_TEMPLATE, SUMMARIZE_SELECTION_TEMPLATE } from "../../core/commandPrompts";
import { renderTemplate } from "../../core/prompt";
import type { PluginContext } from "../context";
import { writeGeneratedNote } from "./newNote";
import { tell, type CommandOutcome } from "./notify";
import { deploymentFor } from "./deployment";
import { captureEditor, NO_NOTE } from "./editorCapture";
import { send } from "./send";
import { recordAnswer } from "../history/recordRequest";
import { openEditorFor } from "../tracking";

/** What is summarized: the note, its text, the selection in it ("" when none). */
interface SummarySource {
	readonly file: TFile;
	readonly doc: string;
	readonly selection: string;
	readonly title: string;
}

export async function summarize(ctx: PluginContext, editor: Editor, view: MarkdownView | MarkdownFileInfo, scope: "note" | "selection"): Promise<CommandOutcome> {
	const cap = captureEditor(editor, view);
	if (!cap) return tell(false, NO_NOTE);
	return summarizeSource(ctx, cap, scope);
}

/**
 * The whole note at `file`, open or not: its text as an open editor holds it (edits not saved yet
 * included), else as the vault has it.
 */
export async function summarizeFile(ctx: PluginContext, file: TFile): Promise<CommandOutcome> {
	const editor = openEditorFor(ctx.app, file.path);
	const doc = editor ? editor.getValue() : await ctx.app.vault.cachedRead(file);
	return summarizeSource(ctx, { file, doc, selection: "", title: file.basename }, "note");
}

async function summarizeSource(ctx: PluginContext, cap: SummarySource, scope: "note" | "selection"): Promise<CommandOutcome> {
	const hasSelection = cap.selection.trim() !== "";
	if (scope === "selection" && !hasSelection) return tell(false, "Select the text to summarize first.");
	if (scope === "note" && cap.doc.trim() === "") return tell(false, "The note is empty: there is nothing to summarize.");
	const noteCtx = { selection: cap.selection, note: cap.doc, title: cap.title };
	const selectionPrompt = renderTemplate(SUMMARIZE_SELECTION_TEMPLATE, noteCtx);
	const reply = await send(ctx, {
		what: scope === "note" ? "Summary" : "Summary of a selection",
		config: deploymentFor(ctx, null),
		prompt: scope === "note" ? renderTemplate(SUMMARIZE_NOTE_TEMPLATE, noteCtx) : selectionPrompt,
		selectionOnly: scope === "note" && hasSelection ? selectionPrompt : null,
		notePath: cap.file.path,
		origin: { command: scope === "note" ? "summarize-note-to-new-note" : "summarize-selection-to-new-note" },
	});
	if (!reply.ok) return reply.outcome;
	const ofSelection = scope === "selection" || reply.usedSelectionOnly;
	return recordAnswer(ctx, reply, writeGeneratedNote(ctx, cap.file, reply, {
		label: "summary",
		heading: ofSelection ? "Summary of a selection from {{link}}." : "Summary of {{link}}.",
		linkFromSource: ctx.settings.linkSummaryInSource,
		noun: "Summary",
	}));
}
