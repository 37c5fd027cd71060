import fc from "fast-check";
import { answerTitle, formatAnswer, isAnswerFormat, normalizeAnswer, quoteMarkdown, unquoteMarkdown, type AnswerInfo } from "../../src/core/answerFormat";
import { planPlacement, stringDoc } from "../../src/core/placement";
import { withReasoning } from "../../src/core/summaryNote";

const info: AnswerInfo = { model: "o1-2024-12-17", elapsedMs: 3_456, usage: { promptTokens: 1_210, completionTokens: 2_048, reasoningTokens: 1_920, totalTokens: 3_258 } };

/** Markdown made of the characters that matter to quoting: line breaks of both kinds, `>`, fences, list marks, callout syntax, spaces and tabs. */
const markdown = fc.string({ unit: fc.constantFrom("a", "b", " ", "\t", "\n", "\r", "\r\n", ">", "> ", "```", "~~~", "- ", "1. ", "[!note]", "[!warning]-", "|", "#"), maxLength: 60 });

test("a quote: `> ` on every line, blank lines kept inside the quote as a bare `>`", () => {
	expect(quoteMarkdown("First paragraph.\n\n- one\n- two")).toBe("> First paragraph.\n>\n> - one\n> - two");
});

test("a quote keeps a code fence, its blank lines and its indentation, inside the quote", () => {
	const answer = "Run:\n\n```python\ndef f():\n\n    return 1\n```\n";
	expect(quoteMarkdown(answer)).toBe("> Run:\n>\n> ```python\n> def f():\n>\n>     return 1\n> ```");
});

test("a callout of the model's own nests inside the quote", () => {
	expect(quoteMarkdown("> [!warning] Careful\n> Friday is close.\n\nShip.")).toBe("> > [!warning] Careful\n> > Friday is close.\n>\n> Ship.");
});

test("CRLF and lone CR are line breaks; leading blank lines and trailing newlines are dropped", () => {
	expect(quoteMarkdown("\r\n\r\nOne\r\nTwo\rThree\r\n\r\n")).toBe("> One\n> Two\n> Three");
	expect(quoteMarkdown("  \n\n")).toBe("");
});

test("the callout's title names the model, the time taken and the tokens (of which reasoning)", () => {
	expect(formatAnswer("Yes.\n\nBecause.", "callout", info)).toBe("> [!note] o1-2024-12-17 · 3.5 s · 1,210 prompt + 2,048 completion tokens (1,920 reasoning)\n> Yes.\n>\n> Because.");
	expect(answerTitle({ ...info, usage: null, model: "" })).toBe("Model · 3.5 s · tokens not reported");
	expect(answerTitle({ ...info, model: "odd\nname" })).toBe("odd name · 3.5 s · 1,210 prompt + 2,048 completion tokens (1,920 reasoning)");
});

test("plain is the answer exactly as it came (placing it tidies it, as before formats existed)", () => {
	expect(formatAnswer("\n  indented first line\r\nsecond\n\n", "plain", info)).toBe("\n  indented first line\r\nsecond\n\n");
});

test("isAnswerFormat accepts the three formats only", () => {
	expect(["plain", "quote", "callout", "note", "", null, undefined].map(isAnswerFormat)).toEqual([true, true, true, false, false, false, false]);
});

describe("properties", () => {
	test("unquoting a quote gives back the answer (normalized)", () => {
		fc.assert(
			fc.property(markdown, (a) => {
				expect(unquoteMarkdown(quoteMarkdown(a))).toBe(normalizeAnswer(a));
			}),
		);
	});

	test("every line of a quote starts with `>`, none is blank, and no `\\r` is left", () => {
		fc.assert(
			fc.property(markdown, (a) => {
				const q = quoteMarkdown(a);
				expect(q).not.toContain("\r");
				for (const line of q === "" ? [] : q.split("\n")) expect(line === ">" || line.startsWith("> ")).toBe(true);
			}),
		);
	});

	test("a callout is one title line, then the quote of the answer", () => {
		fc.assert(
			fc.property(markdown, fc.string(), (a, model) => {
				const [first, ...rest] = formatAnswer(a, "callout", { ...info, model }).split("\n");
				expect(first).toBe(`> [!note] ${answerTitle({ ...info, model })}`);
				expect(first).not.toMatch(/[\r\n]/);
				expect(unquoteMarkdown(rest.join("\n"))).toBe(normalizeAnswer(a));
			}),
		);
	});

	test("placed below any paragraph, a quote has a blank line on each side, so it neither joins the text above nor takes in the text below", () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom("x", " ", "\n"), maxLength: 20 }), markdown, (after, a) => {
				const doc = `Before.${after === "" ? "" : "\n"}${after}`;
				const q = quoteMarkdown(a);
				fc.pre(q !== "");
				const plan = planPlacement(stringDoc(doc), { from: 0, to: 7 }, "Before.", q, "below");
				if (plan.kind !== "insert") throw new Error("no place below");
				const out = doc.slice(0, plan.from) + plan.insert + doc.slice(plan.to);
				const start = out.indexOf(q);
				const next = out.slice(start + q.length, start + q.length + 2);
				expect(out.slice(start - 2, start)).toBe("\n\n");
				expect(["", "\n", "\n\n"]).toContain(next);
			}),
		);
	});
});

test("the reasoning summary's folded callout sits above the formatted answer, a blank line apart (two callouts, not one)", () => {
	const answer = formatAnswer("Yes.", "callout", info);
	expect(withReasoning(answer, "Checked the dates.")).toBe(`> [!abstract]- Reasoning summary\n> Checked the dates.\n\n${answer}`);
});
