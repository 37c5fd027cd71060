import fc from "fast-check";
import { binaryUnit } from "../support/binaryUnit";
import { budgetThatFits, checkContext, type ContextCheck, describeOverflow, estimatePromptTokens, estimateTokens } from "../../src/core/tokens";

describe("estimateTokens", () => {
	test.each([
		{ name: "empty", text: "", tokens: 0 },
		{ name: "English: about 4 characters a token, plus 10%", text: "a".repeat(400), tokens: 110 },
		{ name: "accented and Cyrillic letters: 2 characters a token", text: "é".repeat(100) + "ж".repeat(100), tokens: 110 },
		{ name: "Chinese, Japanese, Korean: a token a character", text: "会議".repeat(50) + "회의".repeat(25), tokens: 165 },
		{ name: "emoji: two tokens each", text: "🚀".repeat(10), tokens: 22 },
	])("$name", ({ text, tokens }) => {
		expect(estimateTokens(text)).toBe(tokens);
	});

	test("counts as reading every character would: the ASCII between non-ASCII runs is counted by its length", () => {
		// The definition, one character at a time (the module's estimate before its fast path).
		const dense = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;
		const byCharacter = (text: string) => {
			const n = { ascii: 0, dense: 0, other: 0 };
			for (const ch of text) {
				const code = ch.codePointAt(0)!;
				if (code < 0x80) n.ascii++;
				else if (dense.test(ch)) n.dense++;
				else if (code > 0xffff) n.dense += 2;
				else n.other++;
			}
			return Math.ceil(Math.round((n.ascii / 4 + n.other / 2 + n.dense) * 1.1 * 1e6) / 1e6);
		};
		const pieces = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: binaryUnit }), fc.constantFrom("会議", "회의", "🚀", "é", "\ud83d", "\ude80", "a\r\n"));
		fc.assert(
			fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
				const text = parts.join("");
				expect(estimateTokens(text)).toBe(byCharacter(text));
			}),
			{ numRuns: 500 },
		);
	});

	test("leans high on real English prose compared with OpenAI's ~4 characters a token", () => {
		const prose = "The team decided to ship the release on Friday, after the last review of the migration plan. ".repeat(50);
		expect(estimateTokens(prose)).toBeGreaterThanOrEqual(Math.ceil(prose.length / 4));
	});
});

describe("checkContext", () => {
	const messages = (chars: number) => [{ content: "x".repeat(chars) }];

	test("adds the chat format's overhead per message", () => {
		expect(estimatePromptTokens([{ content: "" }, { content: "" }])).toBe(3 + 4 + 4);
	});

	test("fits when the prompt's estimate is within the window less the answer's budget", () => {
		expect(checkContext(messages(4_000), 128_000, 16_000)).toEqual({ promptTokens: 1_107, contextWindow: 128_000, reserved: 16_000, available: 112_000, fits: true });
	});

	test("does not fit past it, and says so with the numbers", () => {
		const check = checkContext(messages(420_000), 128_000, 16_000);
		expect(check.fits).toBe(false);
		expect(describeOverflow(check, "o1-preview")).toBe(
			"The prompt is about 115,507 tokens (an estimate), but o1-preview takes 128,000 tokens in all, of which 16,000 are kept for the answer (max completion tokens): at most 112,000 are left for the prompt.",
		);
	});

	test("a budget as large as the window leaves no room", () => {
		expect(checkContext(messages(1), 100, 100)).toMatchObject({ available: 0, fits: false });
	});
});

describe("budgetThatFits", () => {
	const check = (promptTokens: number, contextWindow: number, reserved: number): ContextCheck => ({ promptTokens, contextWindow, reserved, available: contextWindow - reserved, fits: promptTokens <= contextWindow - reserved });

	test("the room the prompt leaves, rounded down to hundreds: the prompt then fits", () => {
		const c = check(132_005, 200_000, 100_000);
		const budget = budgetThatFits(c, 1);
		expect(budget).toBe(67_900);
		expect(200_000 - budget!).toBeGreaterThanOrEqual(c.promptTokens);
	});

	test("below 1,000 the exact room; never below the API's minimum", () => {
		expect(budgetThatFits(check(199_500, 200_000, 25_000), 16)).toBe(500);
		expect(budgetThatFits(check(199_990, 200_000, 25_000), 16)).toBeNull();
		expect(budgetThatFits(check(199_990, 200_000, 25_000), 1)).toBe(10);
		expect(budgetThatFits(check(200_000, 200_000, 25_000), 0)).toBeNull();
	});

	test("none when the prompt alone is larger than the window, or already fits", () => {
		expect(budgetThatFits(check(250_000, 200_000, 25_000), 1)).toBeNull();
		expect(budgetThatFits(check(10_000, 200_000, 25_000), 1)).toBeNull();
	});
});
