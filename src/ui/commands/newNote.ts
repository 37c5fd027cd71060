/**
 * Answers that become notes of their own: the two summaries, and templates whose output is a
 * new note. The note goes into the configured folder, named after the source and never over an
 * existing note; its frontmatter says where it came from and what made it; it opens in a new
 * tab. Optionally (a setting) the source note gets a link to it, added at its end.
 */
import { MarkdownView, normalizePath, type App, type Editor, type TFile } from "obsidian";
import { appendParagraph, generatedNoteBase, generatedNoteText, pathLink } from "../../core/summaryNote";
import type AzureReasoningPlugin from "../../main";
import { freePath } from "../insertion";
import { openInNewTab, tell, type CommandOutcome } from "./notify";
import { describeRun, type Sent } from "./run";

export interface NewNoteSpec {
	/** In the name, after the source's: `Meeting (summary)`. */
	label: string;
	/** The first line of the note, with `{{link}}` for the link to the source. */
	heading: string;
	/** Add a link to the new note at the end of the source (when the setting asks for it). */
	linkFromSource: boolean;
	/** How the notice starts: "Summary", "Explain". */
	noun: string;
}

/** The setting may not exist yet in older settings files: off unless set. */
export function linkSummaryInSource(plugin: AzureReasoningPlugin): boolean {
	return plugin.settings.linkSummaryInSource;
}

async function ensureFolder(app: App, folder: string): Promise<string> {
	const path = folder.trim() === "" ? "" : normalizePath(folder);
	if (path !== "" && path !== "/" && !app.vault.getAbstractFileByPath(path)) await app.vault.createFolder(path);
	return path === "/" ? "" : path;
}

function openEditorOf(app: App, path: string): Editor | null {
	let found: Editor | null = null;
	app.workspace.iterateAllLeaves((leaf) => {
		if (!found && leaf.view instanceof MarkdownView && leaf.view.file?.path === path) found = leaf.view.editor;
	});
	return found;
}

/** Adds `line` as the last paragraph of the note: in its editor when it is open (one undo step), else in the file. */
async function appendToNote(app: App, file: TFile, line: string): Promise<void> {
	const editor = openEditorOf(app, file.path);
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

export async function writeGeneratedNote(plugin: AzureReasoningPlugin, source: TFile, sent: Extract<Sent, { ok: true }>, spec: NewNoteSpec): Promise<CommandOutcome> {
	const { app } = plugin;
	const sourcePath = source.path;
	const sourceExists = app.vault.getFileByPath(sourcePath) === source;
	const folder = await ensureFolder(app, plugin.settings.outputFolder);
	const path = freePath(app, folder, generatedNoteBase(sourcePath, spec.label));
	const sourceLink = sourceExists ? app.fileManager.generateMarkdownLink(source, path) : pathLink(sourcePath);
	const text = generatedNoteText(
		{
			sourcePath,
			sourceLink,
			heading: spec.heading,
			deployment: sent.deployment.displayName,
			model: sent.completion.model || sent.deployment.deployment,
			date: new Date(),
			usage: sent.completion.usage,
		},
		sent.completion.text,
	);
	const note = await app.vault.create(path, text);
	if (spec.linkFromSource && sourceExists && !plugin.unloading) {
		await appendToNote(app, source, `${spec.noun}: ${app.fileManager.generateMarkdownLink(note, sourcePath)}`);
	}
	if (!plugin.unloading) await openInNewTab(plugin, note.path);
	const outcome = tell(true, `${spec.noun} in ${note.path}, from ${sent.completion.model || sent.deployment.deployment} in ${describeRun(sent)}.`);
	return { ...outcome, note: note.path };
}
