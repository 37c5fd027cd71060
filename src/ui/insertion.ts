/**
 * Putting an answer where it was asked for. The note may have changed while the model
 * thought: the place is found again from its anchor (the selected text and its context).
 * In an open editor the answer goes in as one transaction (one undo step); in a closed
 * note through `Vault.process`; when the place is gone, into a new note. An answer is
 * never thrown away, and nothing else in the note is touched.
 */
import { MarkdownView, normalizePath, type App, type Editor, type TFile } from "obsidian";
import { locateAnchor, spliceText, type Anchor } from "../core/anchor";

export type Placement = { where: "editor" | "file"; path: string } | { where: "new-note"; path: string; reason: string };

function openEditorFor(app: App, path: string): Editor | null {
	let found: Editor | null = null;
	app.workspace.iterateAllLeaves((leaf) => {
		if (!found && leaf.view instanceof MarkdownView && leaf.view.file?.path === path) found = leaf.view.editor;
	});
	return found;
}

/** A path in `folder` named after `base` that no file has yet. */
export function freePath(app: App, folder: string, base: string): string {
	const safe = base.replace(/[\\/:*?"<>|#^[\]]/g, " ").replace(/\s+/g, " ").trim() || "Answer";
	const prefix = folder.trim() === "" ? "" : `${normalizePath(folder)}/`;
	for (let n = 1; ; n++) {
		const path = normalizePath(`${prefix}${safe}${n === 1 ? "" : ` ${n}`}.md`);
		if (!app.vault.getAbstractFileByPath(path)) return path;
	}
}

async function ensureFolder(app: App, folder: string): Promise<void> {
	const path = normalizePath(folder);
	if (folder.trim() === "" || app.vault.getAbstractFileByPath(path)) return;
	await app.vault.createFolder(path);
}

async function toNewNote(app: App, folder: string, sourcePath: string, text: string, reason: string): Promise<Placement> {
	await ensureFolder(app, folder);
	const base = sourcePath.split("/").pop()?.replace(/\.md$/, "") ?? "Note";
	const path = freePath(app, folder, `${base} (answer)`);
	const link = `[[${sourcePath.replace(/\.md$/, "")}]]`;
	await app.vault.create(path, `Answer for ${link}, kept here because ${reason}.\n\n${text}\n`);
	return { where: "new-note", path, reason };
}

export async function placeAnswer(app: App, sourcePath: string, anchor: Anchor, text: string, folder: string): Promise<Placement> {
	const editor = openEditorFor(app, sourcePath);
	if (editor) {
		const at = locateAnchor(editor.getValue(), anchor);
		if (at) {
			editor.transaction({ changes: [{ from: editor.offsetToPos(at.from), to: editor.offsetToPos(at.to), text }] });
			return { where: "editor", path: sourcePath };
		}
		return toNewNote(app, folder, sourcePath, text, "the selected text was no longer in the note");
	}
	const file: TFile | null = app.vault.getFileByPath(sourcePath);
	if (!file) return toNewNote(app, folder, sourcePath, text, "the note was gone");
	let placed = false;
	await app.vault.process(file, (doc) => {
		const at = locateAnchor(doc, anchor);
		if (!at) return doc;
		placed = true;
		return spliceText(doc, at.from, at.to, text);
	});
	if (placed) return { where: "file", path: sourcePath };
	return toNewNote(app, folder, sourcePath, text, "the selected text was no longer in the note");
}
