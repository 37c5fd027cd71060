/**
 * The batch's index note in the output folder: a link to every summary of the folder's notes (as
 * the vault holds them now) and the notes too large to summarize. Written only when its text
 * changes, so an up-to-date batch run again touches nothing; a note of the user's at its path is
 * never overwritten (the index goes beside it), nor is an index the user edited since the plugin
 * wrote it (its note_hash, core/batchNotes.ts): it is kept, and the index is written beside it, or
 * into the plugin's own index beside it from an earlier run. An index from a build before
 * note_hash counts as the plugin's when it reads exactly as the plugin would write it now.
 */
import { normalizePath, TFile, TFolder, type App } from "obsidian";
import { asWritten, indexFolderOf, indexNoteText, readSummaryMark, summaryEdited, withoutNoteHash } from "../../core/batchNotes";
import { folderKey, type BatchPlan } from "../../core/batchPlan";
import { linkTo } from "../answerNote";
import { createNewNote } from "../newNoteFile";

function notesUnder(folder: TFolder): TFile[] {
	const out: TFile[] = [];
	for (const child of folder.children) {
		if (child instanceof TFolder) out.push(...notesUnder(child));
		else if (child instanceof TFile && child.extension === "md") out.push(child);
	}
	return out;
}

export interface IndexWritten {
	path: string;
	/** The index the user edited, kept as it is (the index is now at `path`). */
	kept: string | null;
}

/** Writes or updates the index; resolves with its path, or null when there is nothing to index. */
export async function writeIndex(app: App, plan: BatchPlan): Promise<IndexWritten | null> {
	const path = normalizePath(plan.indexPath);
	const mirror = app.vault.getFolderByPath(plan.mirror);
	const prefix = plan.folder === "" ? "" : `${folderKey(plan.folder)}/`;
	// Each source's summary: an unedited one (the plugin keeps it current) before one the user edited.
	const found = new Map<string, { file: TFile; edited: boolean }>();
	for (const file of mirror ? notesUnder(mirror) : []) {
		const text = await app.vault.cachedRead(file);
		const mark = readSummaryMark(text);
		if (!mark || !mark.sourcePath.startsWith(prefix) || !app.vault.getFileByPath(mark.sourcePath)) continue;
		const edited = summaryEdited(text);
		const before = found.get(mark.sourcePath);
		if (!before || (before.edited && !edited)) found.set(mark.sourcePath, { file, edited });
	}
	const entries = [...found].map(([sourcePath, { file }]) => ({ sourcePath, summaryLink: linkTo(app, file.path, path), sourceLink: linkTo(app, sourcePath, path) }));
	const tooLarge = plan.tooLarge.map((t) => t.sourcePath);
	if (entries.length === 0 && tooLarge.length === 0) return null;
	const text = indexNoteText(plan.folder, entries, tooLarge);
	const covers = plan.folder === "" ? "/" : plan.folder;
	// The index at its path, then any other of this folder's indexes beside it (an edited one's successor).
	let kept: string | null = null;
	const candidates = [app.vault.getAbstractFileByPath(path), ...(mirror?.children ?? []).filter((f) => f.path !== path).sort((a, b) => a.path.localeCompare(b.path))];
	for (const file of candidates) {
		if (!(file instanceof TFile) || file.extension !== "md") continue;
		const current = await app.vault.read(file);
		if (indexFolderOf(current) !== covers) continue;
		const ours = asWritten(current) ?? current === withoutNoteHash(text);
		if (!ours) {
			if (file.path === path) kept = path;
			continue;
		}
		if (current === text) return { path: file.path, kept: null };
		await app.vault.modify(file, text);
		return { path: file.path, kept };
	}
	if (!app.vault.getAbstractFileByPath(path)) {
		if (!app.vault.getFolderByPath(plan.mirror)) await app.vault.createFolder(plan.mirror).catch(() => undefined);
		try {
			return { path: (await app.vault.create(path, text)).path, kept };
		} catch {
			// Taken meanwhile: a free name beside it.
		}
	}
	return { path: (await createNewNote(app, plan.mirror, path.slice(path.lastIndexOf("/") + 1).replace(/\.md$/, ""), () => text)).path, kept };
}
