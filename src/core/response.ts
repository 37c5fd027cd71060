/**
 * Reading a chat completion: the text, the finish reason, usage with reasoning tokens, and
 * the content-filter results; and deciding whether there is an answer to insert.
 */

export interface Usage {
	promptTokens: number;
	completionTokens: number;
	reasoningTokens: number;
	totalTokens: number;
}

export interface FilterHit {
	category: string;
	severity?: string;
}

export interface Completion {
	text: string;
	finishReason: string | null;
	/** The model that really answered, e.g. `o1-2024-12-17`. */
	model: string;
	usage: Usage | null;
	/** Categories the output filter flagged (`filtered: true`). */
	outputFiltered: FilterHit[];
	refusal: string | null;
}

export type CompletionOutcome =
	| { kind: "answer"; completion: Completion }
	| { kind: "budget-exhausted"; completion: Completion; maxCompletionTokens: number }
	| { kind: "output-filtered"; completion: Completion }
	| { kind: "refusal"; completion: Completion }
	| { kind: "empty"; completion: Completion }
	| { kind: "malformed"; detail: string };

function obj(value: unknown): Record<string, unknown> | undefined {
	return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function num(value: unknown): number {
	return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** The `filtered: true` categories of a content-filter results object (either key spelling). */
export function filterHits(results: unknown): FilterHit[] {
	const r = obj(results);
	if (!r) return [];
	const hits: FilterHit[] = [];
	for (const [category, value] of Object.entries(r)) {
		const v = obj(value);
		if (v?.filtered === true) hits.push(typeof v.severity === "string" ? { category, severity: v.severity } : { category });
	}
	return hits;
}

function readUsage(value: unknown): Usage | null {
	const u = obj(value);
	if (!u) return null;
	const details = obj(u.completion_tokens_details);
	return {
		promptTokens: num(u.prompt_tokens),
		completionTokens: num(u.completion_tokens),
		reasoningTokens: num(details?.reasoning_tokens),
		totalTokens: num(u.total_tokens),
	};
}

/** Reads a parsed completion body. `maxCompletionTokens` is what the request allowed. */
export function readCompletion(json: unknown, maxCompletionTokens: number): CompletionOutcome {
	const root = obj(json);
	if (!root) return { kind: "malformed", detail: "the answer was not a JSON object" };
	if (!Array.isArray(root.choices)) return { kind: "malformed", detail: "the answer had no choices" };
	const choice = obj(root.choices[0]);
	if (!choice) return { kind: "malformed", detail: "the answer had no choices" };
	const message = obj(choice.message);
	const content = message?.content;
	const completion: Completion = {
		text: typeof content === "string" ? content : "",
		finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : null,
		model: typeof root.model === "string" ? root.model : "",
		usage: readUsage(root.usage),
		outputFiltered: filterHits(choice.content_filter_results),
		refusal: typeof message?.refusal === "string" && message.refusal !== "" ? message.refusal : null,
	};
	if (completion.finishReason === "content_filter" || completion.outputFiltered.length > 0) return { kind: "output-filtered", completion };
	if (completion.refusal !== null && completion.text.trim() === "") return { kind: "refusal", completion };
	if (completion.text.trim() === "") {
		if (completion.finishReason === "length") return { kind: "budget-exhausted", completion, maxCompletionTokens };
		return { kind: "empty", completion };
	}
	return { kind: "answer", completion };
}

/** "1,234 prompt + 567 completion tokens (of which 448 reasoning)". */
export function describeUsage(usage: Usage | null): string {
	if (!usage) return "token use not reported";
	const f = (n: number) => n.toLocaleString("en-US");
	return `${f(usage.promptTokens)} prompt + ${f(usage.completionTokens)} completion tokens (of which ${f(usage.reasoningTokens)} reasoning)`;
}
