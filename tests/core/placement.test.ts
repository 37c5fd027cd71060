import { belowPoint, planPlacement, stringDoc, tidyAnswer, type OutputPlacement } from "../../src/core/placement";

function apply(doc: string, from: number, to: number, answer: string, mode: OutputPlacement, original = doc.slice(from, to)): string | null {
	const plan = planPlacement(stringDoc(doc), { from, to }, original, answer, mode);
	return plan.kind === "gone" ? null : doc.slice(0, plan.from) + plan.insert + doc.slice(plan.to);
}

function range(doc: string, text: string): [number, number] {
	const i = doc.indexOf(text);
	if (i < 0) throw new Error(text);
	return [i, i + text.length];
}

describe("replace", () => {
	test.each([
		{ name: "a word", doc: "say hi now", sel: "hi", answer: "hello", after: "say hello now" },
		{ name: "the answer's outer whitespace dropped", doc: "say hi now", sel: "hi", answer: "\n\n hello \n", after: "say hello now" },
		{ name: "the selection's trailing line break kept", doc: "a\nline one\nb\n", sel: "line one\n", answer: "LINE", after: "a\nLINE\nb\n" },
		{ name: "the selection's outer spaces kept", doc: "x  two words  y", sel: "  two words  ", answer: "2w", after: "x  2w  y" },
		{ name: "a multi-line answer", doc: "p\n\nold\n\nq", sel: "old", answer: "new\n\nnewer", after: "p\n\nnew\n\nnewer\n\nq" },
		{ name: "an insertion point", doc: "ab", sel: "", answer: "X", after: "ab" },
	])("$name", ({ doc, sel, answer, after }) => {
		if (sel === "") {
			expect(apply(doc, 1, 1, answer, "replace")).toBe("aXb");
			return;
		}
		const [from, to] = range(doc, sel);
		expect(apply(doc, from, to, answer, "replace")).toBe(after);
	});
});

describe("below", () => {
	test.each([
		{ name: "selection mid-line, a line follows", doc: "one two\nthree\n", sel: "one", after: "one two\n\nANSWER\n\nthree\n" },
		{ name: "a blank line follows already", doc: "one\n\nthree\n", sel: "one", after: "one\n\nANSWER\n\nthree\n" },
		{ name: "at the end of a note with a final line break", doc: "one\n", sel: "one", after: "one\n\nANSWER\n" },
		{ name: "at the end of a note without one", doc: "one", sel: "one", after: "one\n\nANSWER" },
		{ name: "a selection ending with its line break: after that line, not the next", doc: "a\nb\nc\n", sel: "a\nb\n", after: "a\nb\n\nANSWER\n\nc\n" },
		{ name: "a selection over several lines ends on its last line", doc: "a\nbb\ncc\nd", sel: "b\nc", after: "a\nbb\ncc\n\nANSWER\n\nd" },
		{ name: "a selection of just a line break", doc: "a\n\nb", sel: "\n", after: "a\n\nANSWER\n\nb" },
	])("$name", ({ doc, sel, after }) => {
		const [from, to] = range(doc, sel);
		expect(apply(doc, from, to, "\n\nANSWER  \n\n", "below")).toBe(after);
	});

	test("an insertion point: below its line", () => {
		expect(apply("ab\ncd", 1, 1, "X", "below")).toBe("ab\n\nX\n\ncd");
	});

	test("the answer's first-line indent is kept (code)", () => {
		expect(apply("a", 0, 1, "\n    code\n", "below")).toBe("a\n\n    code");
	});
});

describe("a target changed since it was captured", () => {
	test("replace does not clobber the edit: the answer goes below, and the plan says so", () => {
		const doc = "We ship on monday.\nNext.";
		const [from, to] = range(doc, "ship on monday");
		const plan = planPlacement(stringDoc(doc), { from, to }, "ship on friday", "ANSWER", "replace");
		expect(plan).toEqual({ kind: "insert", from: 18, to: 18, insert: "\n\nANSWER\n", placed: "below", edited: true });
	});

	test("below is below either way, marked edited", () => {
		const plan = planPlacement(stringDoc("x y"), { from: 0, to: 1 }, "z", "A", "below");
		expect(plan).toMatchObject({ placed: "below", edited: true });
	});

	test("all of its text gone: no place", () => {
		expect(planPlacement(stringDoc("abc"), { from: 1, to: 1 }, "b", "A", "replace")).toEqual({ kind: "gone" });
		expect(planPlacement(stringDoc("abc"), { from: 1, to: 1 }, "b", "A", "below")).toEqual({ kind: "gone" });
	});
});

test("tidyAnswer and belowPoint", () => {
	expect(tidyAnswer("\n \n  x\ny  \n\n")).toBe("  x\ny");
	expect(belowPoint(stringDoc("ab\ncd"), 0, 1)).toBe(2);
	expect(belowPoint(stringDoc("ab\ncd"), 0, 3)).toBe(2);
	expect(belowPoint(stringDoc("ab\ncd"), 3, 4)).toBe(5);
});
