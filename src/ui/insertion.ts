/**
 * Putting an answer exactly where it was asked for. `captureTarget` starts following the place
 * (ui/tracking.ts) when the command runs; `placeAnswer` writes the answer there when it arrives,
 * whatever the user did meanwhile, and stops following it. The rules (core/placement.ts):
 *
 * - The place is the target's range followed through every edit since the capture; every
 *   character the user typed meanwhile is kept.
 * - "replace" replaces the range; "below" inserts the answer on its own paragraph after the line
 *   the range ends on. When the range's text was changed meanwhile, "replace" would throw away
 *   the user's edit: the answer goes below the range instead, and the Placement's `note` says so.
 * - In an open editor the answer goes in with one `editor.transaction`: one undo step. A note
 *   that was closed is written with `Vault.process` at the place its editor last had, found again
 *   from the text around it if the file changed since.
 * - When there is no place (the note deleted, the selected text removed, or not found again),
 *   the answer goes into a new note in the output folder; the Placement gives the reason.
 * - Nothing is ever written into the note before the answer: releasing a target (cancel, error,
 *   unload) leaves it byte for byte as the user left it.
 */
import { type App, type Editor, type TFile } from "obsidian";
import { editKeepingCrlf, locateAnchor, makeAnchor, spliceText } from "../core/anchor";
import { planPlacement, stringDoc, tidyAnswer, type OutputPlacement, type PlacementPlan } from "../core/placement";
import { cmDoc, openEditorFor, type PlacementTracker, type Snapshot, type TrackRecord } from "./tracking";
import type { PluginContext } from "./context";
import { createNewNote, freePath } from "./newNoteFile";
import { pathLink } from "../core/summaryNote";

export type { OutputPlacement };

export type Placement =
	| {
			where: "editor" | "file";
			path: string;
			/** What was done: "below" also when "replace" was asked for but the selection had been edited. */
			placed: OutputPlacement;
			/** Set when the answer went elsewhere than asked, for the notice. */
			note?: string;
	  }
	| { where: "new-note"; path: string; reason: string };

/** A place in a note being followed until the answer arrives. */
export interface Target {
	/** The note's path (follows renames). */
	readonly path: string;
	/** Stops following the place; idempotent; leaves nothing anywhere. */
	release(): void;
}

export const REASON_NOTE_DELETED = "the note was deleted";
export const REASON_TEXT_GONE = "the selected text was no longer in the note";
export const NOTE_EDITED_BELOW = "The selected text was changed while the model was thinking, so the answer was inserted below it instead of replacing it.";

const targets = new WeakMap<Target, { rec: TrackRecord; tracker: PlacementTracker }>();

/**
 * Starts following [from, to) (offsets in `editor`, which shows `file`). Call it when the command
 * runs, before anything is awaited.
 */
export function captureTarget(ctx: PluginContext, editor: Editor, file: TFile, from: number, to: number): Target {
	// While the plugin unloads nothing is tracked: the target is released from the start, and placing it throws.
	if (ctx.services.lifetime.aborted) return { path: file.path, release: () => undefined };
	const tracker = ctx.services.placement;
	const rec = tracker.capture(editor, file, from, to);
	const target: Target = {
		get path() {
			return rec.path;
		},
		release: () => tracker.release(rec),
	};
	targets.set(target, { rec, tracker });
	return target;
}

/** Re-exported for callers that name new notes; the logic lives with the note creation. */
export { freePath };

/** A link to the note at `path` from `from`, in the user's link format; a full-path wikilink when it no longer exists. */
export function linkTo(app: App, path: string, from: string): string {
	const file = app.vault.getFileByPath(path);
	return file ? app.fileManager.generateMarkdownLink(file, from) : pathLink(path);
}

async function toNewNote(app: App, folder: string, sourcePath: string, text: string, reason: string): Promise<Placement> {
	const base = sourcePath.split("/").pop()?.replace(/\.md$/, "") ?? "Note";
	const note = await createNewNote(app, folder, `${base} (answer)`, (path) => `Answer for ${linkTo(app, sourcePath, path)}, kept here because ${reason}.\n\n${text}\n`);
	return { where: "new-note", path: note.path, reason };
}

type Insert = Extract<PlacementPlan, { kind: "insert" }>;

function written(where: "editor" | "file", path: string, plan: Insert, mode: OutputPlacement): Placement {
	return { where, path, placed: plan.placed, ...(mode === "replace" && plan.placed === "below" ? { note: NOTE_EDITED_BELOW } : {}) };
}

/** One transaction: one undo step. */
function applyInEditor(editor: Editor, plan: Insert): void {
	editor.transaction({ changes: [{ from: editor.offsetToPos(plan.from), to: editor.offsetToPos(plan.to), text: plan.insert }] });
}

/** The snapshot's range in `doc`: the same offsets when the text is the one it was in, else found from its text and context. */
function resolve(doc: string, snap: Snapshot): { from: number; to: number } | null {
	const last = snap.text();
	if (doc === last) return { from: snap.from, to: snap.to };
	return locateAnchor(doc, makeAnchor(last, snap.from, snap.to));
}

async function placeTracked(ctx: PluginContext, tracker: PlacementTracker, rec: TrackRecord, text: string, mode: OutputPlacement): Promise<Placement> {
	const { app } = ctx;
	const newNote = (reason: string) => toNewNote(app, ctx.settings.outputFolder, rec.path, tidyAnswer(text), reason);
	const file = rec.deleted ? null : app.vault.getFileByPath(rec.path);
	if (!file) return newNote(REASON_NOTE_DELETED);

	const live = tracker.live(rec);
	if (live) {
		const plan = planPlacement(cmDoc(live.cm.state.doc), live.tracked, rec.original, text, mode);
		if (plan.kind === "gone") return newNote(REASON_TEXT_GONE);
		applyInEditor(live.editor, plan);
		return written("editor", rec.path, plan, mode);
	}

	const snap = tracker.snapshot(rec);
	if (!snap || (rec.original !== "" && snap.from === snap.to)) return newNote(REASON_TEXT_GONE);
	const plan = (doc: string): Insert | null => {
		const range = resolve(doc, snap);
		const p = range ? planPlacement(stringDoc(doc), range, rec.original, text, mode) : null;
		return p?.kind === "insert" ? p : null;
	};

	const editor = openEditorFor(app, rec.path);
	if (editor) {
		const p = plan(editor.getValue());
		if (!p) return newNote(REASON_TEXT_GONE);
		applyInEditor(editor, p);
		return written("editor", rec.path, p, mode);
	}

	// A note with CRLF line endings is planned with "\n" (as its editor had it) and keeps CRLF.
	const edit = (data: string) =>
		editKeepingCrlf(data, (text) => {
			const p = plan(text);
			return p ? { text: spliceText(text, p.from, p.to, p.insert), value: p } : null;
		});
	if (!edit(await app.vault.read(file))) return newNote(REASON_TEXT_GONE);
	let done: Insert | null = null;
	await app.vault.process(file, (data) => {
		const edited = edit(data);
		done = edited?.value ?? null;
		return edited ? edited.text : data;
	});
	const result = done as Insert | null;
	if (!result) return newNote(REASON_TEXT_GONE);
	return written("file", rec.path, result, mode);
}


/**
 * Puts the answer at the target (see the rules at the top) and releases the target. Throws when
 * the target was released already (after a cancel, or the plugin's unload): nothing is written then.
 */
export async function placeAnswer(ctx: PluginContext, target: Target, text: string, mode: OutputPlacement): Promise<Placement> {
	const entry = targets.get(target);
	if (!entry || entry.rec.released) throw new Error("placeAnswer: this target was released; nothing was written");
	try {
		return await placeTracked(ctx, entry.tracker, entry.rec, text, mode);
	} finally {
		entry.tracker.release(entry.rec);
	}
}
