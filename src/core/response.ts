/**
 * Reading an answer from either operation, into the same shape: the text, the reasoning summary
 * (Responses API only), why it ended (chat completions' finish reason; the Responses API's
 * `incomplete_details.reason` mapped onto it), usage with reasoning tokens, and the content-filter
 * results; and deciding whether there is an answer to insert.
 */
import { formatCount } from "./count";
import { isRecord } from "./record";
import type { Operation } from "./families";

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
	/** What the model considered before answering (Responses API, when asked for); never part of `text`. */
	reasoningSummary: string | null;
}

export type CompletionOutcome =
	| { kind: "answer"; completion: Completion }
	| { kind: "budget-exhausted"; completion: Completion; maxCompletionTokens: number }
	| { kind: "output-filtered"; completion: Completion }
	| { kind: "refusal"; completion: Completion }
	| { kind: "empty"; completion: Completion }
	| { kind: "malformed"; detail: string };

function obj(value: unknown): Record<string, unknown> | undefined {
	return isRecord(value) ? value : undefined;
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
		reasoningSummary: null,
	};
	return judge(completion, maxCompletionTokens);
}

/** Whether a read completion is an answer to insert, and if not, why. */
function judge(completion: Completion, maxCompletionTokens: number): CompletionOutcome {
	if (completion.finishReason === "content_filter" || completion.outputFiltered.length > 0) return { kind: "output-filtered", completion };
	if (completion.refusal !== null && completion.text.trim() === "") return { kind: "refusal", completion };
	if (completion.text.trim() === "") {
		if (completion.finishReason === "length") return { kind: "budget-exhausted", completion, maxCompletionTokens };
		return { kind: "empty", completion };
	}
	return { kind: "answer", completion };
}

function readResponsesUsage(value: unknown): Usage | null {
	const u = obj(value);
	if (!u) return null;
	return {
		promptTokens: num(u.input_tokens),
		completionTokens: num(u.output_tokens),
		reasoningTokens: num(obj(u.output_tokens_details)?.reasoning_tokens),
		totalTokens: num(u.total_tokens),
	};
}

/**
 * Reads a Responses API body (`AzureResponse`): the `output_text` parts of its message items are
 * the answer, `refusal` parts a refusal, the `summary_text` parts of its reasoning items the
 * summary. `status: incomplete` with `max_output_tokens` is the budget running out (with no
 * message at all when reasoning used it all), with `content_filter` a filtered answer: they map to
 * chat completions' `length` and `content_filter`, so both operations are judged alike.
 */
export function readResponses(json: unknown, maxOutputTokens: number): CompletionOutcome {
	const root = obj(json);
	if (!root) return { kind: "malformed", detail: "the answer was not a JSON object" };
	if (!Array.isArray(root.output)) return { kind: "malformed", detail: "the answer had no output" };
	const status = typeof root.status === "string" ? root.status : "";
	if (status === "failed") {
		const message = obj(root.error)?.message;
		return { kind: "malformed", detail: `Azure reported that the response failed${typeof message === "string" && message !== "" ? `: ${message}` : ""}` };
	}
	const texts: string[] = [];
	const refusals: string[] = [];
	const summary: string[] = [];
	for (const item of root.output) {
		const it = obj(item);
		if (it?.type === "message" && Array.isArray(it.content)) {
			for (const part of it.content) {
				const p = obj(part);
				if (p?.type === "output_text" && typeof p.text === "string") texts.push(p.text);
				if (p?.type === "refusal" && typeof p.refusal === "string") refusals.push(p.refusal);
			}
		} else if (it?.type === "reasoning" && Array.isArray(it.summary)) {
			for (const part of it.summary) {
				const p = obj(part);
				if (p?.type === "summary_text" && typeof p.text === "string" && p.text.trim() !== "") summary.push(p.text);
			}
		}
	}
	const reason = obj(root.incomplete_details)?.reason;
	const finishReason = status === "incomplete" ? (reason === "max_output_tokens" ? "length" : reason === "content_filter" ? "content_filter" : typeof reason === "string" ? reason : "incomplete") : status === "completed" ? "stop" : status || null;
	const completion: Completion = {
		text: texts.join(""),
		finishReason,
		model: typeof root.model === "string" ? root.model : "",
		usage: readResponsesUsage(root.usage),
		outputFiltered: [],
		refusal: refusals.length > 0 ? refusals.join("\n") : null,
		reasoningSummary: summary.length > 0 ? summary.join("\n\n") : null,
	};
	return judge(completion, maxOutputTokens);
}

/** Reads what either operation answered. */
export function readAnswer(json: unknown, operation: Operation, maxOutputTokens: number): CompletionOutcome {
	return operation === "responses" ? readResponses(json, maxOutputTokens) : readCompletion(json, maxOutputTokens);
}

/** "1,234 prompt + 567 completion tokens (of which 448 reasoning)". */
export function describeUsage(usage: Usage | null): string {
	if (!usage) return "token use not reported";
	const f = formatCount;
	return `${f(usage.promptTokens)} prompt + ${f(usage.completionTokens)} completion tokens (of which ${f(usage.reasoningTokens)} reasoning)`;
}
