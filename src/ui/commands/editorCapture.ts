/**
 * What a command captures when it runs, before anything is awaited: the note, the editor, the
 * note's text and the selection. ("Capture" means this throughout, and, for commands whose
 * answer goes back into the note, the place they follow: `captureTarget` in ui/insertion.ts.)
 */
import type { Editor, MarkdownFileInfo, MarkdownView, TFile } from "obsidian";

/** What an editor command says when no note is open. */
export const NO_NOTE = "This command works in a note: open one first.";

/** What the editor held when the command ran. */
export interface Captured {
	file: TFile;
	editor: Editor;
	doc: string;
	from: number;
	to: number;
	selection: string;
	title: string;
}

export function captureEditor(editor: Editor, view: MarkdownView | MarkdownFileInfo): Captured | null {
	const file = view.file;
	if (!file) return null;
	const doc = editor.getValue();
	const from = editor.posToOffset(editor.getCursor("from"));
	const to = editor.posToOffset(editor.getCursor("to"));
	return { file, editor, doc, from, to, selection: doc.slice(from, to), title: file.basename };
}
