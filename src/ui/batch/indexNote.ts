/**
 * The batch's index note in the output folder: a link to every summary of the folder's notes (as
 * the vault holds them now) and the notes too large to summarize. Written only when its text
 * changes, so an up-to-date batch run again touches nothing; a note of the user's at its path is
 * never overwritten (the index goes beside it).
 */
import { normalizePath, TFile, TFolder, type App } from "obsidian";
import { indexNoteText, isIndexNote, readSummaryMark } from "../../core/batchNotes";
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

/** Writes or updates the index; resolves with its path, or null when there is nothing to index. */
export async function writeIndex(app: App, plan: BatchPlan): Promise<string | null> {
	const path = normalizePath(plan.indexPath);
	const mirror = app.vault.getFolderByPath(plan.mirror);
	const prefix = plan.folder === "" ? "" : `${folderKey(plan.folder)}/`;
	const entries = [];
	const seen = new Set<string>();
	for (const file of mirror ? notesUnder(mirror) : []) {
		const mark = readSummaryMark(await app.vault.cachedRead(file));
		if (!mark || seen.has(mark.sourcePath) || !mark.sourcePath.startsWith(prefix) || !app.vault.getFileByPath(mark.sourcePath)) continue;
		seen.add(mark.sourcePath);
		entries.push({ sourcePath: mark.sourcePath, summaryLink: linkTo(app, file.path, path), sourceLink: linkTo(app, mark.sourcePath, path) });
	}
	const tooLarge = plan.tooLarge.map((t) => t.sourcePath);
	if (entries.length === 0 && tooLarge.length === 0) return null;
	const text = indexNoteText(plan.folder, entries, tooLarge);
	const existing = app.vault.getAbstractFileByPath(path);
	if (existing instanceof TFile) {
		const current = await app.vault.read(existing);
		if (isIndexNote(current)) {
			if (current !== text) await app.vault.modify(existing, text);
			return path;
		}
	}
	if (!existing) {
		if (!app.vault.getFolderByPath(plan.mirror)) await app.vault.createFolder(plan.mirror).catch(() => undefined);
		try {
			return (await app.vault.create(path, text)).path;
		} catch {
			// Taken meanwhile: a free name beside it.
		}
	}
	return (await createNewNote(app, plan.mirror, path.slice(path.lastIndexOf("/") + 1).replace(/\.md$/, ""), () => text)).path;
}
