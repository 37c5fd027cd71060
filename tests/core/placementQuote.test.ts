/**
 * A quote or a callout replacing a selection anywhere in a note (mid-line, across lines, at the
 * edges) stands as a block of its own: the user's text outside the selection is kept exactly, in
 * order, and the answer's lines all start with `>`, with a blank line or the note's edge on each
 * side (else Markdown's lazy continuation reads the user's next line into the quote).
 */
import fc from "fast-check";
import { formatAnswer, type AnswerFormat } from "../../src/core/answerFormat";
import { planPlacement, stringDoc } from "../../src/core/placement";

const INFO = { model: "o1-2024-12-17", elapsedMs: 3400, usage: { promptTokens: 12, completionTokens: 30, reasoningTokens: 20, totalTokens: 42 } };

function replaced(doc: string, from: number, to: number, answer: string): string {
	const plan = planPlacement(stringDoc(doc), { from, to }, doc.slice(from, to), answer, "replace");
	if (plan.kind !== "insert") throw new Error("the selection was not empty, its place cannot be gone");
	expect(plan.placed).toBe("replace");
	return doc.slice(0, plan.from) + plan.insert + doc.slice(plan.to);
}

const blank = (line: string | undefined) => line === undefined || /^[ \t]*$/.test(line);

/** Checks `block` stands on its own lines in `text` at `at`; written from the rule, not from the plugin's code. */
function expectOwnBlock(text: string, at: number, block: string): void {
	expect(text.slice(at, at + block.length)).toBe(block);
	expect(at === 0 || text[at - 1] === "\n").toBe(true);
	const lines = text.split("\n");
	const first = text.slice(0, at).split("\n").length - 1;
	const count = block.split("\n").length;
	for (let i = first; i < first + count; i++) expect(lines[i]?.startsWith(">")).toBe(true);
	expect(blank(first === 0 ? undefined : lines[first - 1])).toBe(true);
	expect(blank(lines[first + count])).toBe(true);
}

const CHARS = ["a", "b", " ", "\t", "\n", "\n", ">", "-", "#", "x"];
const docArb = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 40 }).map((cs) => cs.join(""));
const answerArb = fc.array(fc.constantFrom("A", "B", " ", "\n", "-", "`"), { minLength: 1, maxLength: 20 }).map((cs) => `Z${cs.join("")}`);

test.each<AnswerFormat>(["quote", "callout"])("%s replacing a selection anywhere: the user's text kept in order, the answer a block of its own", (format) => {
	fc.assert(
		fc.property(docArb, fc.nat(), fc.nat(), answerArb, (doc, a, b, raw) => {
			const [from, to] = [a % (doc.length + 1), b % (doc.length + 1)].sort((x, y) => x - y) as [number, number];
			fc.pre(doc.slice(from, to).trim() !== "");
			const block = formatAnswer(raw, format, INFO);
			const out = replaced(doc, from, to, block);
			// Every character outside the selection, in order and untouched.
			expect(out.startsWith(doc.slice(0, from))).toBe(true);
			expect(out.endsWith(doc.slice(to))).toBe(true);
			const middle = out.slice(from, out.length - (doc.length - to));
			// Between them: only the block and whitespace (the selection's own outer whitespace, line breaks).
			expect(middle.trim()).toBe(block);
			expectOwnBlock(out, from + middle.indexOf(block), block);
		}),
		// 300 random documents and selections per format (fast-check's default is 100); 1,000 cost 2.5 s more of the suite.
		{ numRuns: 300 },
	);
});

test.each([
	{ name: "mid-line", doc: "say hi now\nnext\n", sel: "hi", after: "say \n\n> X\n\n now\nnext\n" },
	{ name: "a whole line", doc: "a\nhi\nb\n", sel: "hi\n", after: "a\n\n> X\n\nb\n" },
	{ name: "a paragraph between blank lines", doc: "a\n\nhi\n\nb", sel: "hi", after: "a\n\n> X\n\nb" },
	{ name: "the whole note", doc: "hi", sel: "hi", after: "> X" },
])("a quote replacing $name", ({ doc, sel, after }) => {
	const from = doc.indexOf(sel);
	expect(replaced(doc, from, from + sel.length, "> X")).toBe(after);
});

test("plain text still replaces inside the line", () => {
	expect(replaced("say hi now", 4, 6, "hello")).toBe("say hello now");
});
