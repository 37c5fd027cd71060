import { describeUsage, filterHits, readCompletion, type CompletionOutcome } from "../../src/core/response";

/** The facts file's §4 success body, with the elided parts filled in. */
const SUCCESS = {
	id: "chatcmpl-AbC123",
	object: "chat.completion",
	created: 1733000000,
	model: "o1-2024-12-17",
	system_fingerprint: "fp_abc",
	service_tier: null,
	prompt_filter_results: [
		{
			prompt_index: 0,
			content_filter_results: {
				hate: { filtered: false, severity: "safe" },
				jailbreak: { filtered: false, detected: false },
				self_harm: { filtered: false, severity: "safe" },
				sexual: { filtered: false, severity: "safe" },
				violence: { filtered: false, severity: "safe" },
			},
		},
	],
	choices: [
		{
			index: 0,
			finish_reason: "stop",
			logprobs: null,
			message: { role: "assistant", content: "## Answer\n\nTwo plus two is **4**.", refusal: null },
			content_filter_results: {
				hate: { filtered: false, severity: "safe" },
				protected_material_code: { filtered: false, detected: false },
				protected_material_text: { filtered: false, detected: false },
				self_harm: { filtered: false, severity: "safe" },
				sexual: { filtered: false, severity: "safe" },
				violence: { filtered: false, severity: "safe" },
			},
		},
	],
	usage: {
		prompt_tokens: 28,
		completion_tokens: 512,
		total_tokens: 540,
		prompt_tokens_details: { audio_tokens: null, cached_tokens: 0 },
		completion_tokens_details: { audio_tokens: null, reasoning_tokens: 448 },
	},
};

function withChoice(choice: Record<string, unknown>, usage: unknown = SUCCESS.usage): unknown {
	return { ...SUCCESS, usage, choices: [{ ...SUCCESS.choices[0], ...choice }] };
}

describe("readCompletion", () => {
	test("the facts' success body is an answer, read in full", () => {
		const r = readCompletion(SUCCESS, 25_000);
		expect(r).toEqual({
			kind: "answer",
			completion: {
				text: "## Answer\n\nTwo plus two is **4**.",
				finishReason: "stop",
				model: "o1-2024-12-17",
				usage: { promptTokens: 28, completionTokens: 512, reasoningTokens: 448, totalTokens: 540 },
				outputFiltered: [],
				refusal: null,
				reasoningSummary: null,
			},
		});
	});

	test("the success body survives a JSON round trip (as it arrives over the wire)", () => {
		expect(readCompletion(JSON.parse(JSON.stringify(SUCCESS)), 25_000).kind).toBe("answer");
	});

	const budget = withChoice(
		{ finish_reason: "length", message: { role: "assistant", content: "", refusal: null } },
		{ prompt_tokens: 28, completion_tokens: 1000, total_tokens: 1028, completion_tokens_details: { reasoning_tokens: 1000 } },
	);
	const filtered = withChoice({
		finish_reason: "content_filter",
		message: { role: "assistant", content: null, refusal: null },
		content_filter_results: { hate: { filtered: false, severity: "safe" }, violence: { filtered: true, severity: "high" }, protected_material_text: { filtered: true, detected: true } },
	});

	const cases: { name: string; input: unknown; max?: number; expected: Partial<Record<string, unknown>> & { kind: CompletionOutcome["kind"] } }[] = [
		{ name: "budget eaten by reasoning", input: budget, max: 1000, expected: { kind: "budget-exhausted", maxCompletionTokens: 1000 } },
		{ name: "output filter", input: filtered, expected: { kind: "output-filtered" } },
		{ name: "filter reason only, no results object", input: withChoice({ finish_reason: "content_filter", message: { role: "assistant", content: "" }, content_filter_results: undefined }), expected: { kind: "output-filtered" } },
		{ name: "a category filtered though finish says stop", input: withChoice({ content_filter_results: { sexual: { filtered: true, severity: "medium" } } }), expected: { kind: "output-filtered" } },
		{ name: "refusal", input: withChoice({ message: { role: "assistant", content: null, refusal: "I can't help with that." } }), expected: { kind: "refusal" } },
		{ name: "empty content, finish stop", input: withChoice({ message: { role: "assistant", content: "" } }), expected: { kind: "empty" } },
		{ name: "whitespace content, finish length", input: withChoice({ finish_reason: "length", message: { role: "assistant", content: " \n " } }), max: 500, expected: { kind: "budget-exhausted", maxCompletionTokens: 500 } },
		{ name: "a partial answer cut by the budget is still an answer", input: withChoice({ finish_reason: "length", message: { role: "assistant", content: "The answer is" } }), expected: { kind: "answer" } },
		{ name: "no choices", input: { ...SUCCESS, choices: [] }, expected: { kind: "malformed" } },
		{ name: "choices missing", input: { error: { message: "x" } }, expected: { kind: "malformed" } },
		{ name: "choices not an array", input: { ...SUCCESS, choices: {} }, expected: { kind: "malformed" } },
		{ name: "a choice that is not an object", input: { ...SUCCESS, choices: ["text"] }, expected: { kind: "malformed" } },
		{ name: "null", input: null, expected: { kind: "malformed" } },
		{ name: "a string", input: "<html>", expected: { kind: "malformed" } },
		{ name: "an array", input: [SUCCESS], expected: { kind: "malformed" } },
		{ name: "a number", input: 42, expected: { kind: "malformed" } },
	];
	test.each(cases)("$name → $expected.kind", ({ input, max, expected }) => {
		expect(readCompletion(input, max ?? 25_000)).toMatchObject(expected);
	});

	test("budget exhaustion keeps the usage that shows reasoning took everything", () => {
		const r = readCompletion(budget, 1000);
		if (r.kind !== "budget-exhausted") throw new Error(r.kind);
		expect(r.completion.usage).toEqual({ promptTokens: 28, completionTokens: 1000, reasoningTokens: 1000, totalTokens: 1028 });
		expect(r.completion.text).toBe("");
		expect(r.completion.finishReason).toBe("length");
	});

	test("the output filter names the flagged categories, not the safe ones", () => {
		const r = readCompletion(filtered, 1000);
		if (r.kind !== "output-filtered") throw new Error(r.kind);
		expect(r.completion.outputFiltered).toEqual([{ category: "violence", severity: "high" }, { category: "protected_material_text" }]);
		expect(r.completion.text).toBe("");
	});

	test("the refusal text is kept", () => {
		const r = readCompletion(withChoice({ message: { role: "assistant", content: null, refusal: "No." } }), 1000);
		expect(r.kind === "refusal" && r.completion.refusal).toBe("No.");
	});

	test("missing usage and model do not break reading", () => {
		const r = readCompletion({ choices: [{ message: { content: "ok" }, finish_reason: "stop" }] }, 1000);
		expect(r).toEqual({ kind: "answer", completion: { text: "ok", finishReason: "stop", model: "", usage: null, outputFiltered: [], refusal: null, reasoningSummary: null } });
	});

	test("usage without completion details counts 0 reasoning tokens", () => {
		const r = readCompletion(withChoice({}, { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }), 1000);
		expect(r.kind === "answer" && r.completion.usage).toEqual({ promptTokens: 1, completionTokens: 2, reasoningTokens: 0, totalTokens: 3 });
	});
});

describe("filterHits", () => {
	test.each([
		{ name: "nothing", input: undefined, expected: [] },
		{ name: "not an object", input: "x", expected: [] },
		{ name: "all safe", input: SUCCESS.choices[0]!.content_filter_results, expected: [] },
		{ name: "severity kept", input: { violence: { filtered: true, severity: "medium" } }, expected: [{ category: "violence", severity: "medium" }] },
		{ name: "detected kinds have no severity", input: { jailbreak: { filtered: true, detected: true } }, expected: [{ category: "jailbreak" }] },
		{ name: "truthy but not true is not filtered", input: { hate: { filtered: "true", severity: "low" } }, expected: [] },
	])("$name", ({ input, expected }) => {
		expect(filterHits(input)).toEqual(expected);
	});
});

describe("describeUsage", () => {
	test.each([
		{ name: "the facts' success usage", input: { promptTokens: 28, completionTokens: 512, reasoningTokens: 448, totalTokens: 540 }, expected: "28 prompt + 512 completion tokens (of which 448 reasoning)" },
		{ name: "thousands", input: { promptTokens: 1234, completionTokens: 25_000, reasoningTokens: 24_000, totalTokens: 26_234 }, expected: "1,234 prompt + 25,000 completion tokens (of which 24,000 reasoning)" },
		{ name: "not reported", input: null, expected: "token use not reported" },
	])("$name", ({ input, expected }) => {
		expect(describeUsage(input)).toBe(expected);
	});
});
