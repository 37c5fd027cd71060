/**
 * What a command captures when it runs, before anything is awaited: the note, the editor, the
 * note's text and the selection. ("Capture" means this throughout, and, for commands whose
 * answer goes back into the note, the place they follow: `captureTarget` in ui/insertion.ts.)
 */
import type { Editor, MarkdownFileInfo, MarkdownView, TFile } from "obsidian";
import { cmOf } from "../trackedField";

/** What an editor command says when no note is open. */
export const NO_NOTE = "This command works in a note: open one first.";

/** What the editor held when the command ran. */
export interface Captured {
	file: TFile;
	editor: Editor;
	/** The note's text when the command ran (made into a string on first read: most prompts read only the selection). */
	readonly doc: string;
	from: number;
	to: number;
	selection: string;
	title: string;
}

export function captureEditor(editor: Editor, view: MarkdownView | MarkdownFileInfo): Captured | null {
	const file = view.file;
	if (!file) return null;
	const from = editor.posToOffset(editor.getCursor("from"));
	const to = editor.posToOffset(editor.getCursor("to"));
	const base = { file, editor, from, to, title: file.basename };
	// CodeMirror's document is immutable: holding it keeps the text as it is now, whatever is typed later.
	const snapshot = cmOf(editor)?.state.doc;
	if (!snapshot) {
		const doc = editor.getValue();
		return { ...base, doc, selection: doc.slice(from, to) };
	}
	let text: string | undefined;
	return {
		...base,
		selection: snapshot.sliceString(from, to),
		get doc() {
			return (text ??= snapshot.toString());
		},
	};
}
