// The editor's undo history, over CodeMirror's change sets: one entry per undoable transaction.
import type { ChangeSet, EditorSelection, Text } from "@codemirror/state";

interface Entry {
	changes: ChangeSet;
	inverse: ChangeSet;
	selBefore: EditorSelection;
	selAfter: EditorSelection;
}

/** A change set as a sequence of edits, each in offsets of the text after the ones before it. */
export interface SequentialEdit {
	from: number;
	to: number;
	insert: string;
}

export function sequentialEdits(changes: ChangeSet): SequentialEdit[] {
	const edits: SequentialEdit[] = [];
	changes.iterChanges((fromA, toA, fromB, _toB, inserted) => {
		edits.push({ from: fromB, to: fromB + (toA - fromA), insert: inserted.toString() });
	});
	return edits;
}

export class History {
	readonly done: Entry[] = [];
	readonly undone: Entry[] = [];

	/** A transaction that changed `docBefore` by `changes`, with the selections around it. */
	record(changes: ChangeSet, docBefore: Text, selBefore: EditorSelection, selAfter: EditorSelection): void {
		this.done.push({ changes, inverse: changes.invert(docBefore), selBefore, selAfter });
		this.undone.length = 0;
	}

	/** The changes and selection that take the last step back, or null. */
	undo(): { changes: ChangeSet; selection: EditorSelection } | null {
		const entry = this.done.pop();
		if (!entry) return null;
		this.undone.push(entry);
		return { changes: entry.inverse, selection: entry.selBefore };
	}

	redo(): { changes: ChangeSet; selection: EditorSelection } | null {
		const entry = this.undone.pop();
		if (!entry) return null;
		this.done.push(entry);
		return { changes: entry.changes, selection: entry.selAfter };
	}
}
