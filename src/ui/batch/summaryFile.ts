/**
 * Where a batch's summary goes: in place of the older, unedited summary, else at its planned
 * path, else at a free name beside it (the path taken meanwhile, or holding an edited summary,
 * checked again at the moment of writing: a batch runs for minutes).
 */
import { normalizePath, TFile, type App } from "obsidian";
import type { PlannedNote } from "../../core/batchPlan";
import { summaryEdited } from "../../core/batchNotes";
import { createNewNote } from "../newNoteFile";

async function ensureFolder(app: App, path: string): Promise<void> {
	if (path === "" || app.vault.getFolderByPath(path)) return;
	try {
		await app.vault.createFolder(path);
	} catch {
		// Made meanwhile by another note of the batch; a real failure shows when the note is created.
	}
}

/** A summary the user edited, kept as it is, and the new one written beside it. */
export interface KeptSummary {
	sourcePath: string;
	edited: string[];
	written: string;
}

/** Thrown inside Vault.process when the summary turned out edited: nothing is written there. */
class EditedMeanwhile extends Error {}

/** Writes the summary: replaces the older, unedited one at its planned path, else creates it (another free name if the path was taken meanwhile, or holds an edited summary). */
export async function writeSummary(app: App, note: PlannedNote, text: (path: string) => string): Promise<{ path: string; kept: string[] }> {
	const path = normalizePath(note.summaryPath);
	const existing = app.vault.getAbstractFileByPath(path);
	const cut = path.lastIndexOf("/");
	const dir = cut < 0 ? "" : path.slice(0, cut);
	const base = path.slice(cut + 1).replace(/\.md$/i, "");
	if (note.replaces && existing instanceof TFile) {
		try {
			await app.vault.process(existing, (current) => {
				if (summaryEdited(current)) throw new EditedMeanwhile();
				return text(path);
			});
			return { path, kept: [] };
		} catch (e) {
			if (!(e instanceof EditedMeanwhile)) throw e;
		}
		// Edited since the plan was made: kept, the new summary beside it.
		return { path: (await createNewNote(app, dir, base.replace(/ \d+$/, ""), text)).path, kept: [path] };
	}
	await ensureFolder(app, dir);
	if (!existing) {
		try {
			return { path: (await app.vault.create(path, text(path))).path, kept: note.kept };
		} catch {
			// Taken meanwhile: a free name beside it.
		}
	}
	return { path: (await createNewNote(app, dir, base, text)).path, kept: note.kept };
}
