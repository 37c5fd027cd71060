/**
 * Placement, step one: where a followed target is now, found without writing anything.
 *
 * - "live": an open editor tracks it (ui/tracking.ts): its range there is exact.
 * - "snapshot": no editor tracks it, but its range as it last was, in the text it was in, is
 *   known; the writer finds it again in the note's text now (the same offsets when the text is
 *   unchanged, else from its text and context).
 * - "gone": there is no place: the note was deleted, or the target's text was removed.
 * Step two, writing there (or into a note of its own): ui/insertion.ts.
 */
import type { App, Editor, TFile } from "obsidian";
import { locateAnchor, makeAnchor } from "../core/anchor";
import type { DocText } from "../core/placement";
import { cmDoc, type PlacementTracker, type Snapshot, type TrackRecord } from "./tracking";

export const REASON_NOTE_DELETED = "the note was deleted";
export const REASON_TEXT_GONE = "the selected text was no longer in the note";

export type Location =
	| { kind: "live"; file: TFile; editor: Editor; doc: DocText; range: { from: number; to: number } }
	| { kind: "snapshot"; file: TFile; snapshot: Snapshot }
	| { kind: "gone"; reason: string };

export function locate(app: App, tracker: PlacementTracker, rec: TrackRecord): Location {
	const file = rec.deleted ? null : app.vault.getFileByPath(rec.path);
	if (!file) return { kind: "gone", reason: REASON_NOTE_DELETED };
	const live = tracker.live(rec);
	if (live) return { kind: "live", file, editor: live.editor, doc: cmDoc(live.cm.state.doc), range: live.tracked };
	const snapshot = tracker.snapshot(rec);
	if (!snapshot || (rec.original !== "" && snapshot.from === snapshot.to)) return { kind: "gone", reason: REASON_TEXT_GONE };
	return { kind: "snapshot", file, snapshot };
}

/** The snapshot's range in `doc`: the same offsets when the text is the one it was in, else found from its text and context. */
export function findSnapshot(doc: string, snap: Snapshot): { from: number; to: number } | null {
	const last = snap.text();
	if (doc === last) return { from: snap.from, to: snap.to };
	return locateAnchor(doc, makeAnchor(last, snap.from, snap.to));
}
