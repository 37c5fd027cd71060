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
 * How a target is mapped through edits: ui/trackedField.ts.
 * The note's text, the selection and the undo history are never touched by tracking.
 */
import type { EditorState } from "@codemirror/state";
import { MarkdownView, type App, type Editor, type Plugin, type TAbstractFile, type TFile } from "obsidian";
import { locateAnchor, makeAnchor } from "../core/anchor";
import { cmOf, trackTarget, trackedField, trackingExtension, untrackTarget, type EditorViewLike, type TrackRecord, type Tracked } from "./trackedField";

export { cmDoc, cmOf, mapTracked, trackTarget, trackedField, trackingExtension, untrackTarget } from "./trackedField";
export type { EditorViewLike, TrackRecord, Tracked } from "./trackedField";

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

/**
 * An open editor showing the note in editing mode, or null. A view in reading mode keeps a hidden
 * editor: a write there would not reach the file until something saves it, so it does not count.
 */
export function openEditorFor(app: App, path: string): Editor | null {
	return markdownViewsOf(app, path).find((v) => v.getMode() === "source")?.editor ?? null;
}

/** `path` once `oldPath` (a note or a folder) became `newPath`, or null when it is not under it. */
function movedPath(path: string, oldPath: string, newPath: string): string | null {
	if (path === oldPath) return newPath;
	if (path.startsWith(`${oldPath}/`)) return newPath + path.slice(oldPath.length);
	return null;
}

/** The targets of one plugin: made in onload (main.ts), disposed on unload. */
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
			if (trackedIn(cm.state, rec)) {
				rec.lastState = cm.state;
				(rec.views ??= new Set()).add(cm);
			}
		}
		if (!rec.lastState) rec.fallback = { doc: editor.getValue(), from: a, to: b };
		if (!this.disposed) this.records.add(rec);
		else rec.released = true;
		return rec;
	}

	/** The open editor tracking the target now, if any. */
	live(rec: TrackRecord): Live | null {
		// A view in reading mode keeps a hidden editor; a write there may never reach the file.
		for (const view of markdownViewsOf(this.plugin.app, rec.path).filter((v) => v.getMode() === "source")) {
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
		// Every view that took the target in, whatever kind of editor it is, and the notes' editors.
		const views = new Set<EditorViewLike>(rec.views ?? []);
		this.plugin.app.workspace.iterateAllLeaves((leaf) => {
			const cm = leaf.view instanceof MarkdownView ? cmOf(leaf.view.editor) : null;
			if (cm) views.add(cm);
		});
		for (const cm of views) {
			if (trackedIn(cm.state, rec)) cm.dispatch({ effects: untrackTarget.of(rec) });
		}
		rec.views = undefined;
		rec.lastState = null;
		rec.fallback = null;
	}

	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		for (const rec of [...this.records]) this.release(rec);
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
				if (trackedIn(cm.state, rec)) {
					rec.lastState = cm.state;
					(rec.views ??= new Set()).add(cm);
				}
				break;
			}
		}
	}
}
