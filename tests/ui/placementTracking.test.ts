/**
 * The tracking state field on a bare CodeMirror EditorState: each mapping rule, one at a time,
 * and the cost per keystroke on a 10 MB note.
 */
import { EditorState, type Text, type TransactionSpec } from "@codemirror/state";
import { trackTarget, trackedField, untrackTarget, type TrackRecord, type Tracked } from "../../src/ui/tracking";
import { mapTracked, type DocSlices } from "../../src/ui/trackedField";

function record(original: string): TrackRecord {
	return { id: 1, path: "N.md", original, deleted: false, released: false, lastState: null, fallback: null };
}

/** A state holding `doc` with the target [from, to) tracked. */
function tracking(doc: string, from: number, to: number): { state: EditorState; rec: TrackRecord } {
	const rec = record(doc.slice(from, to));
	const state = EditorState.create({ doc, extensions: [trackedField] }).update({ effects: trackTarget.of({ rec, from, to, lost: null }) }).state;
	return { state, rec };
}

function after(state: EditorState, ...specs: TransactionSpec[]): EditorState {
	for (const spec of specs) state = state.update(spec).state;
	return state;
}

function target(state: EditorState): Tracked {
	const t = state.field(trackedField)[0];
	if (!t) throw new Error("not tracked");
	return t;
}

/** The document with the target shown as [ ]. */
function shown(state: EditorState): string {
	const { from, to } = target(state);
	const doc = state.doc.toString();
	return `${doc.slice(0, from)}[${doc.slice(from, to)}]${doc.slice(to)}`;
}

const DOC = "one two three four";
const FROM = 4;
const TO = 13; // "two three"

describe("plain mapping", () => {
	test.each([
		{ name: "typed before", change: { from: 0, insert: "zero " }, expected: "zero one [two three] four" },
		{ name: "typed at the start: outside", change: { from: FROM, insert: ">" }, expected: "one >[two three] four" },
		{ name: "typed at the end: outside", change: { from: TO, insert: "<" }, expected: "one [two three]< four" },
		{ name: "typed inside", change: { from: 7, insert: "!" }, expected: "one [two! three] four" },
		{ name: "typed after", change: { from: DOC.length, insert: " five" }, expected: "one [two three] four five" },
		{ name: "deleted across the start", change: { from: 2, to: 6, insert: "" }, expected: "on[o three] four" },
		{ name: "deleted across the end", change: { from: 10, to: 15, insert: "" }, expected: "one [two th]our" },
		{ name: "replaced across the start: the new text is outside", change: { from: 2, to: 6, insert: "XY" }, expected: "onXY[o three] four" },
		{ name: "replaced across the end: the new text is outside", change: { from: 10, to: 15, insert: "XY" }, expected: "one [two th]XYour" },
		{ name: "its start replaced: the new text is inside", change: { from: FROM, to: 7, insert: "2" }, expected: "one [2 three] four" },
		{ name: "its end replaced: the new text is inside", change: { from: 8, to: TO, insert: "3" }, expected: "one [two 3] four" },
		{ name: "text just before it deleted", change: { from: 0, to: FROM, insert: "" }, expected: "[two three] four" },
		{ name: "text just after it deleted", change: { from: TO, to: DOC.length, insert: "" }, expected: "one [two three]" },
	])("$name", ({ change, expected }) => {
		const { state } = tracking(DOC, FROM, TO);
		expect(shown(after(state, { changes: change }))).toBe(expected);
	});

	test("several changes in one transaction, on both sides and inside", () => {
		const { state } = tracking(DOC, FROM, TO);
		const next = after(state, { changes: [{ from: 0, insert: "A" }, { from: 7, insert: "B" }, { from: DOC.length, insert: "C" }] });
		expect(shown(next)).toBe("Aone [twoB three] fourC");
	});

	test("all of its text deleted: it collapses, and text typed there later stays outside it", () => {
		const { state } = tracking(DOC, FROM, TO);
		const gone = after(state, { changes: { from: FROM, to: TO, insert: "" } });
		expect(target(gone)).toMatchObject({ from: FROM, to: FROM, lost: { text: "two three" } });
		expect(shown(after(gone, { changes: { from: FROM, insert: "new" } }))).toBe("one []new four");
	});

	test("replaced whole by other text: collapsed before that text", () => {
		const { state } = tracking(DOC, FROM, TO);
		expect(shown(after(state, { changes: { from: 2, to: 15, insert: "XYZ" } }))).toBe("on[]XYZour");
	});

	test("an insertion point (empty target) stays before text typed at it", () => {
		const { state } = tracking(DOC, 3, 3);
		expect(shown(after(state, { changes: { from: 3, insert: "!!" } }, { changes: { from: 0, insert: "^" } }))).toBe("^one[]!! two three four");
	});
});

describe("the rules that bring a removed target back", () => {
	test("its text put back at the point where it collapsed (an undo, a paste)", () => {
		const { state } = tracking(DOC, FROM, TO);
		const back = after(state, { changes: { from: FROM, to: TO, insert: "" } }, { changes: { from: FROM, insert: "two three" } });
		expect(shown(back)).toBe("one [two three] four");
		expect(target(back).lost).toBeNull();
	});

	test("put back with the text around it that was deleted with it", () => {
		const { state } = tracking(DOC, FROM, TO);
		const back = after(state, { changes: { from: 2, to: 15, insert: "" } }, { changes: { from: 2, insert: "e two three f" } });
		expect(shown(back)).toBe("one [two three] four");
	});

	test("other text put back at that point: still gone", () => {
		const { state } = tracking(DOC, FROM, TO);
		const next = after(state, { changes: { from: FROM, to: TO, insert: "" } }, { changes: { from: FROM, insert: "two" } });
		expect(target(next)).toMatchObject({ from: FROM, to: FROM });
	});

	test("the deleted start of its text put back at its start (undoing that deletion)", () => {
		const { state } = tracking(DOC, FROM, TO);
		expect(shown(after(state, { changes: { from: FROM, to: 8, insert: "" } }, { changes: { from: FROM, insert: "two " } }))).toBe("one [two three] four");
	});

	test("the deleted end of its text put back at its end", () => {
		const { state } = tracking(DOC, FROM, TO);
		expect(shown(after(state, { changes: { from: 7, to: TO, insert: "" } }, { changes: { from: 7, insert: " three" } }))).toBe("one [two three] four");
	});

	test("other text at an edge stays outside, even if it makes the captured text with the target", () => {
		const { state } = tracking(DOC, FROM, TO);
		// "two three" is still whole: "x" + "two three" is not the captured text
		expect(shown(after(state, { changes: { from: FROM, insert: "x" } }))).toBe("one x[two three] four");
	});

	test("one edit rewriting a stretch around it with the same text and context (a reload, setValue): it moves along", () => {
		const { state } = tracking(DOC, FROM, TO);
		expect(shown(after(state, { changes: { from: 0, to: DOC.length, insert: `Title\n${DOC}!` } }))).toBe("Title\none [two three] four!");
	});

	test("the same text, but other text right next to it in that edit: not taken for it", () => {
		const { state } = tracking(DOC, FROM, TO);
		const next = after(state, { changes: { from: 0, to: DOC.length, insert: "my two three cats" } });
		expect(target(next).from).toBe(target(next).to);
	});
});

test("effects add and remove targets; a transaction that changes nothing keeps the field's value", () => {
	const { state, rec } = tracking(DOC, FROM, TO);
	const list = state.field(trackedField);
	expect(after(state, { selection: { anchor: 2 } }).field(trackedField)).toBe(list);
	expect(after(state, { effects: untrackTarget.of(rec) }).field(trackedField)).toEqual([]);
	const empty = EditorState.create({ doc: DOC, extensions: [trackedField] });
	const none = empty.field(trackedField);
	expect(after(empty, { changes: { from: 0, insert: "x" } }).field(trackedField)).toBe(none);
});

test("cost: 2,000 keystrokes in a 10 MB note with a target spanning most of it never read the note's text", () => {
	// Counted, not timed: the machines are shared. Reading the target once per keystroke would
	// slice 2,000 x 10 MB; mapping through the changes reads nothing. The field maps each target
	// with mapTracked over the document before the change; here each transaction is also mapped
	// through a reader of that document that counts what it is asked for, and the two must agree.
	const line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n";
	const doc = line.repeat(Math.ceil(10_000_000 / line.length));
	let { state } = tracking(doc, 100, doc.length - 100);
	const small = record("ipsum");
	state = after(state, { effects: trackTarget.of({ rec: small, from: 6, to: 11, lost: null }) });
	let charsRead = 0;
	const counting = (text: Text): DocSlices => ({
		sliceString: (from, to = text.length, lineSep) => {
			const slice = text.sliceString(from, to, lineSep);
			charsRead += slice.length;
			return slice;
		},
	});
	const ranges = (list: readonly Tracked[]) => list.map((t) => `${t.from}-${t.to}${t.lost ? " lost" : ""}`).join(" ");
	let mapped = state.field(trackedField);
	let disagreements = 0;
	for (let i = 0; i < 2000; i++) {
		const at = i % 2 === 0 ? 5_000_000 + i : 50 + (i % 7);
		const tr = state.update({ changes: { from: at, insert: "x" } });
		mapped = mapped.map((t) => mapTracked(t, tr.changes, counting(tr.startState.doc)));
		state = tr.state;
		if (ranges(state.field(trackedField)) !== ranges(mapped)) disagreements++;
	}
	expect(disagreements).toBe(0);
	const [big, ipsum] = state.field(trackedField);
	expect(big).toMatchObject({ from: 100 + 1000, to: doc.length + 2000 - 100 });
	expect(state.doc.sliceString(ipsum!.from, ipsum!.to)).toBe("ipsum");
	expect(charsRead).toBeLessThan(100_000);
});
