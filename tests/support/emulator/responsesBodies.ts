// Responses API answers (azure-responses-api.md §6, Microsoft's AzureResponse): completed, incomplete
// (max_output_tokens / content_filter), with a reasoning item and a message item.
import { randomBytes } from 'node:crypto';
import { FAMILY_RULES, effectiveEffort } from './modelTable';
import { contentTokens, modelOf, promptTokens, reasoningOf, sentEffort } from './responses';
import type { EmulatedDeployment } from './types';

type Json = Record<string, unknown>;

export interface ResponseSpec {
	status: 'completed' | 'incomplete';
	reason?: 'max_output_tokens' | 'content_filter';
	/** The message text; null: no message item. */
	text: string | null;
	reasoningTokens: number;
	outputTokens: number;
	/** A reasoning item is written (with this summary text when one was asked for and allowed). */
	reasoningItem: boolean;
	summary?: string;
}

const hex = (n: number) => randomBytes(n).toString('hex');
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

/** The summary kind asked for (`reasoning.summary`, else the deprecated `generate_summary`), when any. */
export function summaryKind(body: unknown): 'auto' | 'concise' | 'detailed' | undefined {
	const r = obj(obj(body).reasoning);
	const k = r.summary ?? r.generate_summary;
	return k === 'auto' || k === 'concise' || k === 'detailed' ? k : undefined;
}

/** The AzureResponse body: the settings echoed from the request, output items, usage. */
export function responseBody(body: unknown, dep: EmulatedDeployment, s: ResponseSpec): Json {
	const b = obj(body);
	const rules = FAMILY_RULES[dep.family];
	const output: Json[] = [];
	if (s.reasoningItem) {
		output.push({ type: 'reasoning', id: `rs_${hex(24)}`, summary: s.summary === undefined ? [] : [{ type: 'summary_text', text: s.summary }] });
	}
	if (s.text !== null) {
		output.push({
			type: 'message', id: `msg_${hex(24)}`, status: s.status, role: 'assistant',
			content: [{ type: 'output_text', text: s.text, annotations: [] }],
		});
	}
	const input = promptTokens(body);
	const text = obj(b.text);
	return {
		id: `resp_${hex(24)}`,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: s.status,
		background: false,
		error: null,
		incomplete_details: s.reason ? { reason: s.reason } : null,
		instructions: typeof b.instructions === 'string' ? b.instructions : null,
		max_output_tokens: typeof b.max_output_tokens === 'number' ? b.max_output_tokens : null,
		model: modelOf(dep),
		output,
		parallel_tool_calls: true,
		previous_response_id: null,
		reasoning: rules.reasoning ? { effort: effectiveEffort(dep.family, sentEffort(body)), summary: summaryKind(body) ?? null } : null,
		store: typeof b.store === 'boolean' ? b.store : true,
		temperature: typeof b.temperature === 'number' ? b.temperature : 1,
		text: { format: { type: 'text' }, ...(typeof text.verbosity === 'string' ? { verbosity: text.verbosity } : {}) },
		tool_choice: 'auto',
		tools: [],
		top_p: typeof b.top_p === 'number' ? b.top_p : 1,
		truncation: 'disabled',
		usage: {
			input_tokens: input,
			input_tokens_details: { cached_tokens: 0 },
			output_tokens: s.outputTokens,
			output_tokens_details: { reasoning_tokens: s.reasoningTokens },
			total_tokens: input + s.outputTokens,
		},
		user: null,
		metadata: obj(b.metadata),
	};
}

/**
 * A compliant answer under `max_output_tokens`: budget ≤ reasoning tokens → incomplete, no message item,
 * output = reasoning = budget; budget below reasoning + answer tokens → incomplete, the answer cut to
 * (budget - reasoning) * 4 characters, output = budget; otherwise completed. The reasoning item is there
 * when the request reasoned (reasoning tokens > 0); `summary` fills it.
 */
export function budgetedResponse(body: unknown, dep: EmulatedDeployment, content: string, summary?: string): Json {
	const reasoning = reasoningOf(dep, body);
	const max = obj(body).max_output_tokens;
	const budget = typeof max === 'number' && max > 0 ? max : undefined;
	const base = { reasoningItem: reasoning > 0, summary: reasoning > 0 ? summary : undefined };
	if (budget !== undefined && reasoning > 0 && budget <= reasoning) {
		return responseBody(body, dep, { ...base, status: 'incomplete', reason: 'max_output_tokens', text: null, reasoningTokens: budget, outputTokens: budget });
	}
	if (budget !== undefined && reasoning + contentTokens(content) > budget) {
		return responseBody(body, dep, { ...base, status: 'incomplete', reason: 'max_output_tokens', text: content.slice(0, (budget - reasoning) * 4), reasoningTokens: reasoning, outputTokens: budget });
	}
	return responseBody(body, dep, { ...base, status: 'completed', text: content, reasoningTokens: reasoning, outputTokens: reasoning + contentTokens(content) });
}

/** Fault answers on the Responses API (see Fault in types.ts). */
export const responseFaults = {
	content(body: unknown, dep: EmulatedDeployment, content: string): Json {
		const r = reasoningOf(dep, body);
		return responseBody(body, dep, { status: 'completed', text: content, reasoningItem: r > 0, reasoningTokens: r, outputTokens: r + contentTokens(content) });
	},
	exhausted(body: unknown, dep: EmulatedDeployment): Json {
		const max = obj(body).max_output_tokens;
		const n = typeof max === 'number' && max > 0 ? max : reasoningOf(dep, body);
		return responseBody(body, dep, { status: 'incomplete', reason: 'max_output_tokens', text: null, reasoningItem: true, reasoningTokens: n, outputTokens: n });
	},
	cutOff(body: unknown, dep: EmulatedDeployment, content: string): Json {
		const r = reasoningOf(dep, body);
		const part = content.slice(0, Math.floor(content.length / 2));
		return responseBody(body, dep, { status: 'incomplete', reason: 'max_output_tokens', text: part, reasoningItem: r > 0, reasoningTokens: r, outputTokens: r + contentTokens(part) });
	},
	/** CHOICE (facts: only the reason): the reasoning item, and a message item only for non-empty content. */
	filtered(body: unknown, dep: EmulatedDeployment, content: string): Json {
		const r = reasoningOf(dep, body);
		return responseBody(body, dep, { status: 'incomplete', reason: 'content_filter', text: content === '' ? null : content, reasoningItem: r > 0, reasoningTokens: r, outputTokens: r + contentTokens(content) });
	},
	empty(body: unknown, dep: EmulatedDeployment): Json {
		return responseBody(body, dep, { status: 'completed', text: null, reasoningItem: false, reasoningTokens: 0, outputTokens: 0 });
	},
};
