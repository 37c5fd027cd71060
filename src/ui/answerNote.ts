/**
 * The one writer for answers that go to a note of their own: a summary, a template whose output
 * is a new note, an answer whose place in the note is gone, an answer that came after the
 * timeout, an answer the clipboard refused. The note goes into the output folder under a name
 * no note has (ui/newNoteFile.ts), in the format of core/summaryNote.ts, with a link back to the
 * source in the user's link format.
 */
import type { App, TFile } from "obsidian";
import { generatedNoteBase, generatedNoteText, pathLink, type Provenance } from "../core/summaryNote";
import { createNewNote } from "./newNoteFile";

export interface AnswerNote {
	/** The note the answer was asked in; null when there is none to link to. */
	sourcePath: string | null;
	/** Without a source: what the note is named after. */
	name?: string;
	/** In the name, after the source's: `Meeting (summary)`. */
	label: string;
	/** The first line, with `{{link}}` where the link to the source goes. */
	heading: string;
	answer: string;
	reasoningSummary: string | null;
	/** Frontmatter, for the notes a command makes on purpose. */
	provenance?: Omit<Provenance, "sourcePath">;
}

/** A link to the note at `path` from `from`, in the user's link format; a full-path wikilink when it no longer exists. */
export function linkTo(app: App, path: string, from: string): string {
	const file = app.vault.getFileByPath(path);
	return file ? app.fileManager.generateMarkdownLink(file, from) : pathLink(path);
}

/** Writes the answer's note; throws only when no note could be made (then the caller keeps the answer on hand). */
export function writeAnswerNote(app: App, folder: string, note: AnswerNote): Promise<TFile> {
	const { sourcePath, provenance } = note;
	const base = sourcePath !== null ? generatedNoteBase(sourcePath, note.label) : `${note.name ?? "Answer"} (${note.label})`;
	return createNewNote(app, folder, base, (path) => {
		const heading = { heading: note.heading, sourceLink: sourcePath !== null ? linkTo(app, sourcePath, path) : "" };
		const info = provenance && sourcePath !== null ? { ...heading, ...provenance, sourcePath } : heading;
		return generatedNoteText(info, note.answer, note.reasoningSummary);
	});
}
