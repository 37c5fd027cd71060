/**
 * Following a command's target through every edit while the model thinks, without putting
 * anything into the note.
 *
 * While the note is open, the target is a range in a CodeMirror 6 state field (registered with
 * `registerEditorExtension`), mapped through each transaction's changes: exact for edits anywhere,
 * and O(size of the edit) per transaction, whatever the note's size. An update listener keeps, for
 * each target, the last committed editor state that held it, so that when the editor goes away
 * (the note closed, another note opened in its tab) the range as it last was, and the text around
 * it, are still known. When the note is opened again the target is put back into its editor: at
 * the same offsets when the text is the one it left, else where its text and context are found.
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
import { MarkdownView, type App, type Editor, type Plugin, type TAbstractFile, type TFile } from "obsidian";
import { CONTEXT_CHARS, findInReplacement, locateAnchor, makeAnchor } from "../core/anchor";
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

interface Change {
	fromA: number;
	toA: number;
	fromB: number;
	toB: number;
	inserted: Text;
}

function mapPlain(t: Tracked, changes: ChangeSet, startDoc: Text): Tracked {
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
function special(t: Tracked, c: Change, startDoc: Text): Tracked | null {
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
export function mapTracked(t: Tracked, changes: ChangeSet, startDoc: Text): Tracked {
	const touching: Change[] = [];
	changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
		if (fromA <= t.to && toA >= t.from) touching.push({ fromA, toA, fromB, toB, inserted });
	});
	if (touching.length === 0) {
		const d = changes.mapPos(t.from, -1) - t.from;
		return d === 0 ? t : { ...t, from: t.from + d, to: t.to + d };
	}
	const only = touching.length === 1 ? touching[0] : undefined;
	return (only && special(t, only, startDoc)) ?? mapPlain(t, changes, startDoc);
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

/** Only committed states: a listener on the view, not the field's update. */
const rememberLastState = EditorView.updateListener.of((update) => {
	for (const t of update.state.field(trackedField, false) ?? []) t.rec.lastState = update.state;
});

export const trackingExtension: Extension = [trackedField, rememberLastState];

/** The range as it last was, in the text it was in. */
export interface Snapshot {
	from: number;
	to: number;
	text(): string;
}

interface Live {
	editor: Editor;
	cm: EditorViewLike;
	tracked: Tracked;
}

function trackedIn(state: EditorState, rec: TrackRecord): Tracked | undefined {
	return state.field(trackedField, false)?.find((t) => t.rec === rec);
}

function markdownViewsOf(app: App, path: string): MarkdownView[] {
	const views: MarkdownView[] = [];
	app.workspace.iterateAllLeaves((leaf) => {
		if (leaf.view instanceof MarkdownView && leaf.view.file?.path === path) views.push(leaf.view);
	});
	return views;
}

/** An open editor showing the note, or null. */
export function openEditorFor(app: App, path: string): Editor | null {
	return markdownViewsOf(app, path)[0]?.editor ?? null;
}

/** `path` once `oldPath` (a note or a folder) became `newPath`, or null when it is not under it. */
function movedPath(path: string, oldPath: string, newPath: string): string | null {
	if (path === oldPath) return newPath;
	if (path.startsWith(`${oldPath}/`)) return newPath + path.slice(oldPath.length);
	return null;
}

/** The targets of one plugin: created on first use (or in onload), gone with the plugin. */
export class PlacementTracker {
	private readonly records = new Set<TrackRecord>();
	private nextId = 1;
	private disposed = false;

	constructor(private readonly plugin: Plugin) {
		const { app } = plugin;
		plugin.registerEditorExtension(trackingExtension);
		plugin.registerEvent(app.vault.on("rename", (file: TAbstractFile, oldPath: string) => this.renamed(oldPath, file.path)));
		plugin.registerEvent(app.vault.on("delete", (file: TAbstractFile) => this.deleted(file.path)));
		plugin.registerEvent(app.workspace.on("file-open", (file: TFile | null) => {
			if (file) this.reattach(file.path);
		}));
		plugin.register(() => this.dispose());
	}

	capture(editor: Editor, file: TFile, from: number, to: number): TrackRecord {
		let cm = cmOf(editor);
		if (cm && cm.state.field(trackedField, false) === undefined) {
			// Registered after this editor was made: have Obsidian apply the extension now.
			(this.plugin.app.workspace as { updateOptions?: () => void }).updateOptions?.();
			if (cm.state.field(trackedField, false) === undefined) cm = null;
		}
		const length = cm ? cm.state.doc.length : editor.getValue().length;
		const a = Math.max(0, Math.min(from, to, length));
		const b = Math.max(a, Math.min(Math.max(from, to), length));
		const original = cm ? cm.state.doc.sliceString(a, b) : editor.getValue().slice(a, b);
		const rec: TrackRecord = { id: this.nextId++, path: file.path, original, deleted: false, released: false, lastState: null, fallback: null };
		if (cm) {
			cm.dispatch({ effects: trackTarget.of({ rec, from: a, to: b, lost: null }) });
			if (trackedIn(cm.state, rec)) rec.lastState = cm.state;
		}
		if (!rec.lastState) rec.fallback = { doc: editor.getValue(), from: a, to: b };
		if (!this.disposed) this.records.add(rec);
		else rec.released = true;
		return rec;
	}

	/** The open editor tracking the target now, if any. */
	live(rec: TrackRecord): Live | null {
		for (const view of markdownViewsOf(this.plugin.app, rec.path)) {
			const cm = cmOf(view.editor);
			const tracked = cm ? trackedIn(cm.state, rec) : undefined;
			if (cm && tracked) return { editor: view.editor, cm, tracked };
		}
		return null;
	}

	/** The target as it last was, when no open editor tracks it. */
	snapshot(rec: TrackRecord): Snapshot | null {
		const state = rec.lastState;
		const t = state ? trackedIn(state, rec) : undefined;
		if (state && t) return { from: t.from, to: t.to, text: () => state.doc.toString() };
		const f = rec.fallback;
		return f ? { from: f.from, to: f.to, text: () => f.doc } : null;
	}

	/** Stops tracking: the target leaves every editor state (an effect, no change to the text). */
	release(rec: TrackRecord): void {
		if (rec.released) return;
		rec.released = true;
		this.records.delete(rec);
		const views = new Set<MarkdownView>();
		this.plugin.app.workspace.iterateAllLeaves((leaf) => {
			if (leaf.view instanceof MarkdownView) views.add(leaf.view);
		});
		for (const view of views) {
			const cm = cmOf(view.editor);
			if (cm && trackedIn(cm.state, rec)) cm.dispatch({ effects: untrackTarget.of(rec) });
		}
		rec.lastState = null;
		rec.fallback = null;
	}

	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		for (const rec of [...this.records]) this.release(rec);
		forgetTracker(this.plugin, this);
	}

	private renamed(oldPath: string, newPath: string): void {
		for (const rec of this.records) {
			const p = movedPath(rec.path, oldPath, newPath);
			if (p !== null) rec.path = p;
		}
	}

	private deleted(path: string): void {
		for (const rec of this.records) if (movedPath(rec.path, path, path) !== null) rec.deleted = true;
	}

	/** Puts targets of a note that was opened again back into its editor. */
	private reattach(path: string): void {
		for (const rec of this.records) {
			if (rec.path !== path || rec.deleted || !rec.lastState || this.live(rec)) continue;
			const last = rec.lastState;
			const t = trackedIn(last, rec);
			if (!t) continue;
			for (const view of markdownViewsOf(this.plugin.app, path)) {
				const cm = cmOf(view.editor);
				if (!cm || cm.state.field(trackedField, false) === undefined) continue;
				const doc = cm.state.doc;
				let at: Tracked | null = null;
				if (doc.length === last.doc.length && doc.eq(last.doc)) at = t;
				else if (t.from !== t.to || rec.original === "") {
					const found = locateAnchor(doc.toString(), makeAnchor(last.doc.toString(), t.from, t.to));
					if (found) at = { rec, from: found.from, to: found.to, lost: null };
				}
				if (!at) continue;
				cm.dispatch({ effects: trackTarget.of(at) });
				if (trackedIn(cm.state, rec)) rec.lastState = cm.state;
				break;
			}
		}
	}
}

const trackers = new WeakMap<Plugin, PlacementTracker>();

function forgetTracker(plugin: Plugin, tracker: PlacementTracker): void {
	if (trackers.get(plugin) === tracker) trackers.delete(plugin);
}

/** The plugin's tracker, made (and its editor extension registered) on first use. Call it in onload. */
export function placementTracker(plugin: Plugin): PlacementTracker {
	let tracker = trackers.get(plugin);
	if (!tracker) {
		tracker = new PlacementTracker(plugin);
		trackers.set(plugin, tracker);
	}
	return tracker;
}
