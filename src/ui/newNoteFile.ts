/**
 * Creating the notes that answers go into, so that an answer is never lost to a file name: the
 * name is made free of characters file systems refuse and of existing notes; a name taken
 * meanwhile (two answers arriving together) moves on to the next; an output folder that cannot
 * be made (a file of that name, a name the system refuses) falls back to the vault's root.
 */
import { normalizePath, type App, type TFile } from "obsidian";

/**
 * Whether a file has this path, or one that differs only in case: on macOS and Windows (whose file
 * systems ignore case) "meeting (summary).md" cannot be created beside "Meeting (summary).md",
 * though `getAbstractFileByPath` (exact) does not see it.
 */
function taken(app: App, path: string): boolean {
	if (app.vault.getAbstractFileByPath(path)) return true;
	const cut = path.lastIndexOf("/");
	const folder = cut < 0 ? app.vault.getRoot() : app.vault.getFolderByPath(path.slice(0, cut));
	const name = path.slice(cut + 1).toLowerCase();
	return (folder?.children ?? []).some((c) => c.name.toLowerCase() === name);
}

/** A path in `folder` named after `base` (with `ext`) that no file has yet, whatever the case. */
export function freePath(app: App, folder: string, base: string, ext = ".md"): string {
	const safe = base.replace(/[\\/:*?"<>|#^[\]]/g, " ").replace(/\s+/g, " ").trim() || "Answer";
	const prefix = folder.trim() === "" ? "" : `${normalizePath(folder)}/`;
	for (let n = 1; ; n++) {
		const path = normalizePath(`${prefix}${safe}${n === 1 ? "" : ` ${n}`}${ext}`);
		if (!taken(app, path)) return path;
	}
}

/** The folder to write into: the setting's, made when missing, or the vault's root when it cannot be. */
export async function usableFolder(app: App, folder: string): Promise<string> {
	const path = folder.trim() === "" ? "" : normalizePath(folder);
	if (path === "" || path === "/") return "";
	const existing = app.vault.getAbstractFileByPath(path);
	if (existing) return app.vault.getFolderByPath(path) ? path : "";
	try {
		await app.vault.createFolder(path);
	} catch {
		// Made meanwhile by another answer, or refused by the file system.
	}
	return app.vault.getFolderByPath(path) ? path : "";
}

const ATTEMPTS = 20;

/**
 * Creates a new note named after `base` in `folder` (or the root); `text` gets the chosen path,
 * for links relative to it. Throws only when even the vault's root refuses every name.
 */
export async function createNewNote(app: App, folder: string, base: string, text: (path: string) => string): Promise<TFile> {
	let dir = await usableFolder(app, folder);
	let lastError: unknown = null;
	for (let i = 0; i < ATTEMPTS; i++) {
		const path = freePath(app, dir, base);
		try {
			return await app.vault.create(path, text(path));
		} catch (e) {
			lastError = e;
			if (taken(app, path)) continue; // taken meanwhile: the next name
			if (dir !== "") dir = "";
			else break;
		}
	}
	throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
