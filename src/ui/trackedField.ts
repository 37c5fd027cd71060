/**
 * The tracking state field: each command's target as a range in the editor's state, mapped
 * through every transaction, and the views that took it in (ui/tracking.ts uses it).
 *
 * Mapping rules, for a target [from, to):
 * - text typed at `from` goes before the target, text typed at `to` after it, text typed strictly
 *   inside into it; text replaced across an edge is cut from the target with the replaced part;
 * - when all of the target's text is deleted it collapses to a point (it is "gone"), and it comes
 *   back when that text is put back at that point by one edit (an undo, a paste);
 * - one edit that replaces a stretch holding the whole target with text that holds the target's
 *   text again, with the same context as far as the stretch reaches (a reload from disk, a
 *   `setValue` that kept it), moves the target there instead of dropping it;
 * - text put back at an edge by one edit so that the target's text is the captured text again
 *   (undoing a deletion at its start or end) is taken back into the target.
 * The note's text, the selection and the undo history are never touched by tracking.
 */
import { StateEffect, StateField, type ChangeSet, type EditorState, type Extension, type Text, type TransactionSpec } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { Editor } from "obsidian";
import { CONTEXT_CHARS, findInReplacement } from "../core/anchor";
import type { DocText } from "../core/placement";

/** The text a collapsed target had, with its context, to know it when it is put back. */
interface Lost {
	text: string;
	before: string;
	after: string;
}

export interface TrackRecord {
	readonly id: number;
	/** The note's path, following renames. */
	path: string;
	/** The target's text when it was captured. */
	readonly original: string;
	/** The note was deleted. */
	deleted: boolean;
	released: boolean;
	/** The last committed editor state whose tracked field held this target. */
	lastState: EditorState | null;
	/** Only when no editor state could track it: the note's text and the range at capture. */
	fallback: { doc: string; from: number; to: number } | null;
	/**
	 * Every editor view whose state took the target in: a note's editor, a canvas card's, a hover
	 * editor's, whatever holds it. Release takes the target out of each (tracking by view, not by
	 * the kind of leaf), then forgets them.
	 */
	views?: Set<EditorViewLike>;
}

export interface Tracked {
	readonly rec: TrackRecord;
	readonly from: number;
	readonly to: number;
	/** Set while a target that was not empty is collapsed. */
	readonly lost: Lost | null;
}

/** What placement needs of an editor view: CodeMirror's EditorView in Obsidian, `editor.cm`. */
export interface EditorViewLike {
	readonly state: EditorState;
	dispatch(...specs: TransactionSpec[]): void;
}

export function cmOf(editor: Editor): EditorViewLike | null {
	const cm = (editor as unknown as { cm?: Partial<EditorViewLike> }).cm;
	return cm && typeof cm.dispatch === "function" && cm.state ? (cm as EditorViewLike) : null;
}

/** A CodeMirror document as DocText (no full copy). */
export function cmDoc(doc: Text): DocText {
	return { length: doc.length, slice: (from, to) => doc.sliceString(from, to), lineEnd: (pos) => doc.lineAt(pos).to };
}

/** What mapping reads of the document before the change: slices, never the whole text. */
export type DocSlices = Pick<Text, "sliceString">;

interface Change {
	fromA: number;
	toA: number;
	fromB: number;
	toB: number;
	inserted: Text;
}

function mapPlain(t: Tracked, changes: ChangeSet, startDoc: DocSlices): Tracked {
	if (t.from === t.to) {
		const p = changes.mapPos(t.from, -1);
		return p === t.from ? t : { ...t, from: p, to: p };
	}
	const from = changes.mapPos(t.from, 1);
	const to = changes.mapPos(t.to, -1);
	if (from < to) return { rec: t.rec, from, to, lost: null };
	const lost = {
		text: startDoc.sliceString(t.from, t.to),
		before: startDoc.sliceString(Math.max(0, t.from - CONTEXT_CHARS), t.from),
		after: startDoc.sliceString(t.to, t.to + CONTEXT_CHARS),
	};
	return { rec: t.rec, from: to, to, lost };
}

/** The rules for one edit touching the target that plain mapping would get wrong; null when none applies. */
function mapByRule(t: Tracked, c: Change, startDoc: DocSlices): Tracked | null {
	const insLen = c.toB - c.fromB;
	if (t.from === t.to) {
		if (!t.lost || insLen < t.lost.text.length) return null;
		const at = findInReplacement(c.inserted.toString(), t.lost.text, t.lost.before, t.lost.after, t.from - c.fromA);
		return at === null ? null : { rec: t.rec, from: c.fromB + at, to: c.fromB + at + t.lost.text.length, lost: null };
	}
	const len = t.to - t.from;
	const original = t.rec.original;
	if (c.fromA === c.toA) {
		if (insLen + len !== original.length) return null;
		const cur = startDoc.sliceString(t.from, t.to);
		if (c.fromA === t.from && c.inserted.toString() + cur === original) return { rec: t.rec, from: c.fromB, to: c.toB + len, lost: null };
		if (c.fromA === t.to && cur + c.inserted.toString() === original) return { rec: t.rec, from: c.fromB - len, to: c.toB, lost: null };
		return null;
	}
	if (c.fromA > t.from || c.toA < t.to || insLen < len) return null;
	const at = findInReplacement(
		c.inserted.toString(),
		startDoc.sliceString(t.from, t.to),
		startDoc.sliceString(Math.max(0, t.from - CONTEXT_CHARS), t.from),
		startDoc.sliceString(t.to, t.to + CONTEXT_CHARS),
		t.from - c.fromA,
	);
	return at === null ? null : { rec: t.rec, from: c.fromB + at, to: c.fromB + at + len, lost: null };
}

/** One target through one transaction's changes. */
export function mapTracked(t: Tracked, changes: ChangeSet, startDoc: DocSlices): Tracked {
	const touching: Change[] = [];
	changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
		if (fromA <= t.to && toA >= t.from) touching.push({ fromA, toA, fromB, toB, inserted });
	});
	if (touching.length === 0) {
		const d = changes.mapPos(t.from, -1) - t.from;
		return d === 0 ? t : { ...t, from: t.from + d, to: t.to + d };
	}
	const only = touching.length === 1 ? touching[0] : undefined;
	return (only && mapByRule(t, only, startDoc)) ?? mapPlain(t, changes, startDoc);
}

export const trackTarget = StateEffect.define<Tracked>();
export const untrackTarget = StateEffect.define<TrackRecord>();

export const trackedField = StateField.define<readonly Tracked[]>({
	create: () => [],
	update(list, tr) {
		let next = list;
		if (tr.docChanged && next.length > 0) next = next.map((t) => mapTracked(t, tr.changes, tr.startState.doc));
		for (const e of tr.effects) {
			if (e.is(trackTarget)) next = [...next.filter((t) => t.rec !== e.value.rec), e.value];
			else if (e.is(untrackTarget)) next = next.filter((t) => t.rec !== e.value);
		}
		return next;
	},
});

/** Only committed states: a listener on the view, not the field's update. A released target keeps nothing. */
const rememberLastState = EditorView.updateListener.of((update) => {
	for (const t of update.state.field(trackedField, false) ?? []) {
		if (t.rec.released) continue;
		t.rec.lastState = update.state;
		(t.rec.views ??= new Set()).add(update.view);
	}
});

export const trackingExtension: Extension = [trackedField, rememberLastState];
