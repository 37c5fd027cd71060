/**
 * Answers that become notes of their own: the two summaries, and templates whose output is a
 * new note. The note goes into the configured folder, named after the source and never over an
 * existing note (ui/answerNote.ts, the one writer of such notes); its frontmatter says where it
 * came from and what made it; it opens in a new tab. Optionally (a setting) the source note gets
 * a link to it, added at its end.
 */
import type { App, TFile } from "obsidian";
import { formatAnswer, type AnswerFormat } from "../../core/answerFormat";
import { appendParagraph, withReasoning } from "../../core/summaryNote";
import { writeAnswerNote } from "../answerNote";
import type { PluginContext } from "../context";
import { messageOf } from "../guard";
import { openEditorFor } from "../tracking";
import { copyAnswerAction, openInNewTab, showNotice, tell, type CommandOutcome } from "./notify";
import { answerInfo, describeRun, type Answered } from "./send";

export interface NewNoteSpec {
	/** In the name, after the source's: `Meeting (summary)`. */
	label: string;
	/** The first line of the note, with `{{link}}` for the link to the source. */
	heading: string;
	/** Add a link to the new note at the end of the source (when the setting asks for it). */
	linkFromSource: boolean;
	/** How the notice starts: "Summary", "Explain". */
	noun: string;
	/** How the answer is written under the heading (a template's format); absent: plain. */
	format?: AnswerFormat | undefined;
}

/** Adds `line` as the last paragraph of the note: in its editor when it is open (one undo step), else in the file. */
async function appendToNote(app: App, file: TFile, line: string): Promise<void> {
	const editor = openEditorFor(app, file.path);
	if (editor) {
		const { at, text } = appendParagraph(editor.getValue(), line);
		const pos = editor.offsetToPos(at);
		editor.transaction({ changes: [{ from: pos, to: pos, text }] });
		return;
	}
	await app.vault.process(file, (doc) => {
		const { at, text } = appendParagraph(doc, line);
		return doc.slice(0, at) + text;
	});
}

export async function writeGeneratedNote(ctx: PluginContext, source: TFile, reply: Answered, spec: NewNoteSpec): Promise<CommandOutcome> {
	const { app } = ctx;
	const sourcePath = source.path;
	const sourceExists = app.vault.getFileByPath(sourcePath) === source;
	let note: TFile;
	try {
		note = await writeAnswerNote(app, ctx.settings.outputFolder, {
			sourcePath,
			label: spec.label,
			heading: spec.heading,
			answer: formatAnswer(reply.completion.text, spec.format ?? "plain", answerInfo(reply)),
			reasoningSummary: reply.completion.reasoningSummary,
			provenance: { deployment: reply.deployment.displayName, model: reply.completion.model || reply.deployment.deployment, date: new Date(), usage: reply.completion.usage },
		});
	} catch (e) {
		// Never lose an answer: it stays on hand from the notice.
		const message = `The answer could not be written to a new note (${messageOf(e)}).`;
		showNotice(message, 0, [copyAnswerAction(ctx, source.basename, withReasoning(reply.completion.text, reply.completion.reasoningSummary))]);
		return { ok: false, message };
	}
	// The answer is safe in its note from here on: what follows may fail, and then says so.
	let linkFailed = "";
	if (spec.linkFromSource && sourceExists && !ctx.services.lifetime.aborted) {
		try {
			await appendToNote(app, source, `${spec.noun}: ${app.fileManager.generateMarkdownLink(note, sourcePath)}`);
		} catch (e) {
			linkFailed = ` The link to it could not be added to ${sourcePath} (${messageOf(e)}).`;
		}
	}
	let openFailed = "";
	if (!ctx.services.lifetime.aborted) {
		try {
			await openInNewTab(ctx, note.path);
		} catch (e) {
			openFailed = ` It could not be opened (${messageOf(e)}).`;
		}
	}
	const outcome = tell(linkFailed === "", `${spec.noun} in ${note.path}, from ${reply.completion.model || reply.deployment.deployment} in ${describeRun(reply)}.${linkFailed}${openFailed}`);
	return { ...outcome, note: note.path };
}
