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
 * - Two steps: locate (ui/locate.ts: a live editor, the last snapshot, or gone), then write. In
 *   an open editor the answer goes in with one `editor.transaction`: one undo step. A note that
 *   was closed is written with `Vault.process` at the place its editor last had, found again from
 *   the text around it if the file changed since.
 * - When there is no place (the note deleted, the selected text removed, or not found again),
 *   the answer goes into a note of its own (ui/answerNote.ts); the Placement gives the reason.
 * - Nothing is ever written into the note before the answer: releasing a target (cancel, error,
 *   unload) leaves it byte for byte as the user left it.
 */
import type { App, Editor, TFile } from "obsidian";
import { editKeepingCrlf, spliceText } from "../core/anchor";
import { planPlacement, stringDoc, type OutputPlacement, type PlacementPlan } from "../core/placement";
import { keptAnswerHeading } from "../core/summaryNote";
import { writeAnswerNote } from "./answerNote";
import type { PluginContext } from "./context";
import { findSnapshot, locate, REASON_TEXT_GONE, type Location } from "./locate";
import { openEditorFor, type PlacementTracker, type Snapshot, type TrackRecord } from "./tracking";

export { REASON_NOTE_DELETED, REASON_TEXT_GONE } from "./locate";
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

export const NOTE_EDITED_BELOW = "The selected text was changed while the model was thinking, so the answer was inserted below it instead of replacing it.";

/** A place in a note being followed until the answer arrives. */
export class Target {
	constructor(
		/** Null when nothing was followed (the plugin was unloading): placing it throws. */
		readonly rec: TrackRecord | null,
		private readonly tracker: PlacementTracker,
		private readonly initialPath: string,
	) {}

	/** The note's path (follows renames). */
	get path(): string {
		return this.rec?.path ?? this.initialPath;
	}

	/** Stops following the place; idempotent; leaves nothing anywhere. */
	release(): void {
		if (this.rec) this.tracker.release(this.rec);
	}
}

/**
 * Starts following [from, to) (offsets in `editor`, which shows `file`). Call it when the command
 * runs, before anything is awaited.
 */
export function captureTarget(ctx: PluginContext, editor: Editor, file: TFile, from: number, to: number): Target {
	const tracker = ctx.services.placement;
	// While the plugin unloads nothing is followed: placing the target throws.
	if (ctx.services.lifetime.aborted) return new Target(null, tracker, file.path);
	return new Target(tracker.capture(editor, file, from, to), tracker, file.path);
}

type Insertion = Extract<PlacementPlan, { kind: "insert" }>;

function insertedAt(where: "editor" | "file", path: string, insertion: Insertion, mode: OutputPlacement): Placement {
	return { where, path, placed: insertion.placed, ...(mode === "replace" && insertion.placed === "below" ? { note: NOTE_EDITED_BELOW } : {}) };
}

/** One transaction: one undo step. */
function writeInEditor(editor: Editor, insertion: Insertion): void {
	editor.transaction({ changes: [{ from: editor.offsetToPos(insertion.from), to: editor.offsetToPos(insertion.to), text: insertion.insert }] });
}

/** The note is closed: `Vault.process` at the snapshot's place, found again in the file's text; null when it is not there. */
async function writeInFile(app: App, file: TFile, insertionIn: (doc: string) => Insertion | null): Promise<Insertion | null> {
	// A note with CRLF line endings is planned with "\n" (as its editor had it) and keeps CRLF.
	const edit = (data: string) =>
		editKeepingCrlf(data, (text) => {
			const insertion = insertionIn(text);
			return insertion ? { text: spliceText(text, insertion.from, insertion.to, insertion.insert), value: insertion } : null;
		});
	if (!edit(await app.vault.read(file))) return null;
	let done: Insertion | null = null;
	await app.vault.process(file, (data) => {
		const edited = edit(data);
		done = edited?.value ?? null;
		return edited ? edited.text : data;
	});
	return done;
}

/** Writes the answer where `at` says, or into a note of its own when there is no place. */
async function write(ctx: PluginContext, rec: TrackRecord, at: Location, text: string, mode: OutputPlacement, reasoningSummary: string | null): Promise<Placement> {
	const { app } = ctx;
	const toNote = async (reason: string): Promise<Placement> => {
		const heading = keptAnswerHeading(null, reason, true);
		const note = await writeAnswerNote(app, ctx.settings.outputFolder, { sourcePath: rec.path, label: "answer", heading, answer: text, reasoningSummary });
		return { where: "new-note", path: note.path, reason };
	};
	if (at.kind === "gone") return toNote(at.reason);
	if (at.kind === "live") {
		const plan = planPlacement(at.doc, at.range, rec.original, text, mode);
		if (plan.kind === "gone") return toNote(REASON_TEXT_GONE);
		writeInEditor(at.editor, plan);
		return insertedAt("editor", rec.path, plan, mode);
	}
	const insertionIn = (doc: string): Insertion | null => insertionAtSnapshot(doc, at.snapshot, rec.original, text, mode);
	const editor = openEditorFor(app, rec.path);
	if (editor) {
		const insertion = insertionIn(editor.getValue());
		if (!insertion) return toNote(REASON_TEXT_GONE);
		writeInEditor(editor, insertion);
		return insertedAt("editor", rec.path, insertion, mode);
	}
	const inFile = await writeInFile(app, at.file, insertionIn);
	return inFile ? insertedAt("file", rec.path, inFile, mode) : toNote(REASON_TEXT_GONE);
}

function insertionAtSnapshot(doc: string, snapshot: Snapshot, original: string, text: string, mode: OutputPlacement): Insertion | null {
	const range = findSnapshot(doc, snapshot);
	const plan = range ? planPlacement(stringDoc(doc), range, original, text, mode) : null;
	return plan?.kind === "insert" ? plan : null;
}

/**
 * Puts the answer at the target (see the rules at the top) and releases the target. Throws when
 * the target was released already (after a cancel, or the plugin's unload): nothing is written then.
 */
/** `reasoningSummary`: kept with the answer when it has to go into a note of its own (the note has room for it). */
export async function placeAnswer(ctx: PluginContext, target: Target, text: string, mode: OutputPlacement, reasoningSummary: string | null = null): Promise<Placement> {
	const rec = target.rec;
	if (!rec || rec.released) throw new Error("placeAnswer: this target was released; nothing was written");
	try {
		return await write(ctx, rec, locate(ctx.app, ctx.services.placement, rec), text, mode, reasoningSummary);
	} finally {
		ctx.services.placement.release(rec);
	}
}
