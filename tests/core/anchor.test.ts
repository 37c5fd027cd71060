import fc from "fast-check";
import { CONTEXT_CHARS, findInReplacement, locateAnchor, makeAnchor, spliceText } from "../../src/core/anchor";

const DOC = [
	"# Meeting notes",
	"",
	"Alice proposed moving the launch to Friday.",
	"Bob will check the budget before then.",
	"",
	"## Actions",
	"- Carol: draft the announcement",
].join("\n");

const TARGET = "Bob will check the budget before then.";
const AT = DOC.indexOf(TARGET);

function at(doc: string, text: string, nth = 0): { from: number; to: number } {
	let i = -1;
	for (let n = 0; n <= nth; n++) i = doc.indexOf(text, i + 1);
	if (i < 0) throw new Error(`not found: ${text}`);
	return { from: i, to: i + text.length };
}

describe("makeAnchor", () => {
	test("keeps the text and up to CONTEXT_CHARS of context on each side", () => {
		const long = "x".repeat(100) + "TARGET" + "y".repeat(100);
		const a = makeAnchor(long, 100, 106);
		expect(a).toEqual({ from: 100, to: 106, text: "TARGET", before: "x".repeat(CONTEXT_CHARS), after: "y".repeat(CONTEXT_CHARS) });
	});

	test("context is cut at the document's ends", () => {
		expect(makeAnchor("abcdef", 1, 3)).toEqual({ from: 1, to: 3, text: "bc", before: "a", after: "def" });
	});
});

describe("locateAnchor after edits", () => {
	const anchor = makeAnchor(DOC, AT, AT + TARGET.length);
	const cases: { name: string; doc: string; expected: { from: number; to: number } | null }[] = [
		{ name: "unchanged", doc: DOC, expected: { from: AT, to: AT + TARGET.length } },
		{ name: "text inserted before", doc: "Intro paragraph.\n\n" + DOC, expected: { from: AT + 18, to: AT + 18 + TARGET.length } },
		{ name: "text inserted right before (inside the context)", doc: spliceText(DOC, AT, AT, "NEW "), expected: { from: AT + 4, to: AT + 4 + TARGET.length } },
		{ name: "text deleted before", doc: DOC.replace("# Meeting notes\n\n", ""), expected: { from: AT - 17, to: AT - 17 + TARGET.length } },
		{ name: "text inserted after", doc: DOC + "\n- Dan: book the room", expected: { from: AT, to: AT + TARGET.length } },
		{ name: "text inserted right after (inside the context)", doc: spliceText(DOC, AT + TARGET.length, AT + TARGET.length, " (maybe)"), expected: { from: AT, to: AT + TARGET.length } },
		{ name: "edited inside the target: it is no longer the text that was asked about", doc: DOC.replace("check the budget", "check the costs"), expected: null },
		{ name: "removed", doc: DOC.replace(TARGET + "\n", ""), expected: null },
		{ name: "the whole note replaced", doc: "Something else entirely.", expected: null },
		{ name: "empty note", doc: "", expected: null },
	];
	test.each(cases)("$name", ({ doc, expected }) => {
		const found = locateAnchor(doc, anchor);
		expect(found).toEqual(expected);
		if (found) expect(doc.slice(found.from, found.to)).toBe(TARGET);
	});

	test("the text moved to another place", () => {
		const moved = DOC.replace(TARGET + "\n", "") + "\n" + TARGET;
		expect(locateAnchor(moved, anchor)).toEqual(at(moved, TARGET));
	});

	test("duplicated text: the context decides, even when the copy is nearer the old place", () => {
		const doc = "Note A.\nTODO: call\nThe plan: TODO: call\nEnd.";
		const second = at(doc, "TODO: call", 1);
		const a = makeAnchor(doc, second.from, second.to);
		// a copy of the text pasted right where the original used to be, with other context
		const edited = "Note A.\nTODO: call\nX TODO: call Y\nThe plan: TODO: call\nEnd.";
		expect(locateAnchor(edited, a)).toEqual(at(edited, "TODO: call", 2));
	});

	test.each([
		{ name: "the first", nth: 0 },
		{ name: "the second", nth: 1 },
	])("duplicated text with the same context: the one nearest the old place wins ($name)", ({ nth }) => {
		const filler = "-".repeat(CONTEXT_CHARS + 10);
		const doc = `${filler}item${filler}item${filler}`;
		const target = at(doc, "item", nth);
		const a = makeAnchor(doc, target.from, target.to);
		expect(locateAnchor("zz" + doc, a)).toEqual({ from: target.from + 2, to: target.to + 2 });
	});

	test("the original place wins when the text and all its context are still there", () => {
		const doc = "one two one";
		const a = makeAnchor(doc, 8, 11);
		expect(locateAnchor(doc, a)).toEqual({ from: 8, to: 11 });
	});
});

describe("an empty selection (an insertion point)", () => {
	const point = DOC.indexOf("\n## Actions");
	const anchor = makeAnchor(DOC, point, point);

	test.each([
		{ name: "unchanged", doc: DOC, expected: point },
		{ name: "text inserted before", doc: "Intro.\n" + DOC, expected: point + 7 },
		{ name: "text inserted after", doc: DOC + "\nMore.", expected: point },
	])("$name: found by its context", ({ doc, expected }) => {
		expect(locateAnchor(doc, anchor)).toEqual({ from: expected, to: expected });
	});

	test("its context gone: not found", () => {
		expect(locateAnchor(DOC.replace("before then.", "after that."), anchor)).toBeNull();
	});

	test("an empty note's insertion point is found only in an empty note", () => {
		const a = makeAnchor("", 0, 0);
		expect(locateAnchor("", a)).toEqual({ from: 0, to: 0 });
		expect(locateAnchor("now with text", a)).toBeNull();
	});
});

describe("spliceText", () => {
	test.each([
		{ name: "replace", input: { doc: "hello world", from: 6, to: 11, text: "there" }, expected: "hello there" },
		{ name: "insert", input: { doc: "ab", from: 1, to: 1, text: "X" }, expected: "aXb" },
		{ name: "delete", input: { doc: "abc", from: 0, to: 1, text: "" }, expected: "bc" },
	])("$name", ({ input, expected }) => {
		expect(spliceText(input.doc, input.from, input.to, input.text)).toBe(expected);
	});
});

describe("property: edits outside the anchored range only shift it", () => {
	// The note's text and the anchored text come from one alphabet, inserted text from another,
	// so an insertion can never create a second copy of the anchored text.
	const noteChar = fc.constantFrom("a", "b", " ", "\n", "é", "😀", "#");
	const insertChar = fc.constantFrom("x", "y", "Z", "\t", "中");
	const noteText = (min: number, max: number) => fc.string({ unit: noteChar, minLength: min, maxLength: max });
	const insertion = fc.string({ unit: insertChar, minLength: 1, maxLength: 80 });

	const scenario = fc
		.record({
			before: noteText(0, 200),
			target: noteText(1, 40),
			after: noteText(0, 200),
			edits: fc.array(fc.record({ where: fc.double({ min: 0, max: 1, noNaN: true }), text: insertion }), { minLength: 1, maxLength: 6 }),
		})
		.filter(({ before, target, after }) => {
			const doc = before + target + after;
			return doc.indexOf(target) === before.length && doc.indexOf(target, before.length + 1) === -1;
		});

	test("the anchored text is found at its shifted position", () => {
		fc.assert(
			fc.property(scenario, ({ before, target, after, edits }) => {
				const doc = before + target + after;
				const anchor = makeAnchor(doc, before.length, before.length + target.length);
				let edited = doc;
				let from = anchor.from;
				for (const e of edits) {
					// a position outside the anchored text (its two ends included): k in [0, from] is
					// before it, k in (from, slots] maps to [from + length, edited.length] after it
					const slots = edited.length - target.length + 1;
					const k = Math.min(slots, Math.floor(e.where * (slots + 1)));
					const pos = k <= from ? k : k - 1 + target.length;
					edited = spliceText(edited, pos, pos, e.text);
					if (pos <= from) from += e.text.length;
				}
				expect(edited.slice(from, from + target.length)).toBe(target);
				expect(locateAnchor(edited, anchor)).toEqual({ from, to: from + target.length });
			}),
			{ numRuns: 1000 },
		);
	});

	test("an insertion point is found at its shifted position when edits stay out of its context", () => {
		const unique = fc
			.record({ before: noteText(1, 100), after: noteText(1, 100), far: insertion, prefix: insertion })
			.map(({ before, after, far, prefix }) => ({ before: `<${before}`, after: `${after}>`, far, prefix }));
		fc.assert(
			fc.property(unique, ({ before, after, far, prefix }) => {
				const doc = before + after;
				const anchor = makeAnchor(doc, before.length, before.length);
				const edited = prefix + doc + far;
				expect(locateAnchor(edited, anchor)).toEqual({ from: prefix.length + before.length, to: prefix.length + before.length });
			}),
			{ numRuns: 500 },
		);
	});
});

describe("findInReplacement", () => {
	test.each([
		{ name: "with its context", region: "intro TWO tail", before: "intro ", after: " tail", near: 0, expected: 6 },
		{ name: "context cut by the region's edges", region: "TWO", before: "long context ", after: " more", near: 0, expected: 0 },
		{ name: "other text next to it in the region", region: "my TWO cats", before: "one ", after: " three", near: 3, expected: null },
		{ name: "two copies with the context: the nearest", region: "a TWO b a TWO b", before: "a ", after: " b", near: 10, expected: 10 },
		{ name: "not there", region: "nothing", before: "", after: "", near: 0, expected: null },
	])("$name", ({ region, before, after, near, expected }) => {
		expect(findInReplacement(region, "TWO", before, after, near)).toBe(expected);
	});

	test("an empty text is never found", () => {
		expect(findInReplacement("abc", "", "", "", 0)).toBeNull();
	});
});
