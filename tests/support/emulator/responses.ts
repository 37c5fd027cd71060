// Response bodies: the success shape of facts §4, content filters, rate limits, proxy pages.
import { randomBytes } from 'node:crypto';
import { FAMILY_RULES, defaultReasoningTokens, effectiveEffort } from './modelTable';
import type { EmulatedDeployment, OutputFilterCategory, PromptFilterCategory } from './types';

type Json = Record<string, unknown>;

/** The response `model` of a deployment (its own, else its family's default). */
export function modelOf(dep: EmulatedDeployment): string {
	return dep.model ?? FAMILY_RULES[dep.family].model;
}

/**
 * Reasoning tokens of a deployment (its own, else 192 for reasoning families, 0 for chat); 0 when the
 * family takes effort `none` and the request's effort (`reasoning_effort`, `reasoning.effort`, else the
 * family's default) is `none`.
 */
export function reasoningOf(dep: EmulatedDeployment, body?: unknown): number {
	const e = FAMILY_RULES[dep.family].reasoningEffort;
	if (typeof e !== 'string' && e.includes('none') && effectiveEffort(dep.family, sentEffort(body)) === 'none') return 0;
	return dep.reasoningTokens ?? defaultReasoningTokens(dep.family);
}

/** The effort a body sends: `reasoning_effort` (chat) or `reasoning.effort` (Responses). */
export function sentEffort(body: unknown): unknown {
	if (typeof body !== 'object' || body === null) return undefined;
	const b = body as Json;
	if (b.reasoning_effort !== undefined) return b.reasoning_effort;
	return typeof b.reasoning === 'object' && b.reasoning !== null ? (b.reasoning as Json).effort : undefined;
}

/** The text of a message's content: a string, or its text parts joined by "\n". Anything else: "". */
export function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((p: unknown) => (typeof p === 'object' && p !== null && typeof (p as Json).text === 'string' ? ((p as Json).text as string) : ''))
		.join('\n');
}

/**
 * The messages of a body: chat `messages`; for a Responses body (no `messages`), `instructions` as a
 * developer message, then `input` (a string is one user message; items without a role are user messages).
 */
export function messagesOf(body: unknown): Json[] {
	if (typeof body !== 'object' || body === null) return [];
	const b = body as Json;
	if (b.messages === undefined && b.input !== undefined) {
		const out: Json[] = typeof b.instructions === 'string' ? [{ role: 'developer', content: b.instructions }] : [];
		if (typeof b.input === 'string') return [...out, { role: 'user', content: b.input }];
		const items = Array.isArray(b.input) ? b.input.filter((x): x is Json => typeof x === 'object' && x !== null) : [];
		return [...out, ...items.map((x) => ({ ...x, role: x.role ?? 'user' }))];
	}
	const m = b.messages;
	return Array.isArray(m) ? m.filter((x): x is Json => typeof x === 'object' && x !== null) : [];
}

/** prompt_tokens (Responses: input_tokens): ceil(total characters of all message contents / 4). */
export function promptTokens(body: unknown): number {
	return Math.ceil(messagesOf(body).reduce((n, m) => n + textOf(m.content).length, 0) / 4);
}

/** Tokens of a visible completion: ceil(characters / 4). */
export function contentTokens(content: string): number {
	return Math.ceil(content.length / 4);
}

function fnv1a(s: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
	return h.toString(16).padStart(8, '0');
}

/**
 * The default content of a compliant completion, deterministic:
 * `Answer from MODEL: FIRST_LINE [DIGEST]` where MODEL is the deployment's response model, FIRST_LINE the
 * trimmed first line of the last user message's text (cut to 80 characters plus "…"), DIGEST the 8-hex
 * FNV-1a hash of that whole message text. Without a user message FIRST_LINE is "(no user message)".
 * e.g. `Answer from o1-2024-12-17: Summarize this note [1c0f9a3e]`.
 */
export function defaultAnswer(body: any, dep: EmulatedDeployment): string { // eslint-disable-line @typescript-eslint/no-explicit-any
	return `Answer from ${modelOf(dep)}: ${echo(body)}`;
}

/** `FIRST_LINE [DIGEST]` of the last user message (a Responses `input` too), or `(no user message)`. */
function echo(body: unknown): string {
	const user = messagesOf(body).filter((m) => m.role === 'user').pop();
	if (!user) return '(no user message)';
	const text = textOf(user.content);
	const line = (text.split('\n')[0] ?? '').trim();
	const shown = line.length > 80 ? `${line.slice(0, 80)}…` : line;
	return `${shown} [${fnv1a(text)}]`;
}

/** The default reasoning summary, deterministic: `Summary (KIND) from MODEL: FIRST_LINE [DIGEST]` (as defaultAnswer). */
export function defaultSummary(body: any, dep: EmulatedDeployment, kind: string): string { // eslint-disable-line @typescript-eslint/no-explicit-any
	return `Summary (${kind}) from ${modelOf(dep)}: ${echo(body)}`;
}

const safe = () => ({ filtered: false, severity: 'safe' });
const undetected = () => ({ filtered: false, detected: false });

/** prompt_filter_results, all safe (key order as Azure sends it). */
export function promptFilterResults(): Json[] {
	return [{ prompt_index: 0, content_filter_results: { hate: safe(), jailbreak: undetected(), self_harm: safe(), sexual: safe(), violence: safe() } }];
}

/** A choice's content_filter_results, all safe unless `flagged` names a category (filtered: true). */
export function choiceFilterResults(flagged?: OutputFilterCategory): Json {
	const r: Json = {
		hate: safe(), protected_material_code: undetected(), protected_material_text: undetected(),
		self_harm: safe(), sexual: safe(), violence: safe(),
	};
	if (flagged) r[flagged] = flagged.startsWith('protected_material') ? { filtered: true, detected: true } : { filtered: true, severity: 'medium' };
	return r;
}

export interface CompletionSpec {
	model: string;
	content: string;
	finishReason: 'stop' | 'length' | 'content_filter';
	promptTokens: number;
	reasoningTokens: number;
	completionTokens: number;
	flagged?: OutputFilterCategory;
	noChoices?: boolean;
}

/** The success body of facts §4. */
export function completionBody(s: CompletionSpec): Json {
	return {
		id: `chatcmpl-${randomBytes(15).toString('base64url')}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: s.model,
		system_fingerprint: `fp_${randomBytes(5).toString('hex')}`,
		service_tier: null,
		prompt_filter_results: promptFilterResults(),
		choices: s.noChoices ? [] : [{
			index: 0,
			finish_reason: s.finishReason,
			logprobs: null,
			message: { role: 'assistant', content: s.content, refusal: null },
			content_filter_results: choiceFilterResults(s.flagged),
		}],
		usage: {
			prompt_tokens: s.promptTokens,
			completion_tokens: s.completionTokens,
			total_tokens: s.promptTokens + s.completionTokens,
			prompt_tokens_details: { audio_tokens: null, cached_tokens: 0 },
			completion_tokens_details: { audio_tokens: null, reasoning_tokens: s.reasoningTokens },
		},
	};
}

/** The request's output budget: max_completion_tokens, else max_tokens, when a positive number. */
export function budgetOf(body: unknown): number | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const b = body as Json;
	const v = typeof b.max_completion_tokens === 'number' ? b.max_completion_tokens : b.max_tokens;
	return typeof v === 'number' && v > 0 ? v : undefined;
}

/**
 * A compliant completion under the request's budget: budget ≤ reasoning tokens → content "", finish
 * "length", completion = reasoning = budget; budget below reasoning + content tokens → content cut to
 * (budget - reasoning) * 4 characters, finish "length"; otherwise the whole content, finish "stop".
 */
export function budgetedCompletion(body: unknown, dep: EmulatedDeployment, content: string): Json {
	const reasoning = reasoningOf(dep, body);
	const budget = budgetOf(body);
	const base = { model: modelOf(dep), promptTokens: promptTokens(body) };
	if (budget !== undefined && budget <= reasoning) {
		return completionBody({ ...base, content: '', finishReason: 'length', reasoningTokens: budget, completionTokens: budget });
	}
	if (budget !== undefined && reasoning + contentTokens(content) > budget) {
		return completionBody({ ...base, content: content.slice(0, (budget - reasoning) * 4), finishReason: 'length', reasoningTokens: reasoning, completionTokens: budget });
	}
	return completionBody({ ...base, content, finishReason: 'stop', reasoningTokens: reasoning, completionTokens: reasoning + contentTokens(content) });
}

/** A completion with this content whatever the budget (finish "stop"), or flagged by the output filter. */
export function plainCompletion(body: unknown, dep: EmulatedDeployment, content: string, flagged?: OutputFilterCategory): Json {
	const reasoning = reasoningOf(dep, body);
	return completionBody({
		model: modelOf(dep), promptTokens: promptTokens(body), content, flagged,
		finishReason: flagged ? 'content_filter' : 'stop', reasoningTokens: reasoning, completionTokens: reasoning + contentTokens(content),
	});
}

/** Budget exhausted: content "", finish "length", completion = reasoning = the request's budget (else the deployment's reasoning tokens). */
export function exhaustedCompletion(body: unknown, dep: EmulatedDeployment): Json {
	const n = budgetOf(body) ?? reasoningOf(dep, body);
	return completionBody({ model: modelOf(dep), promptTokens: promptTokens(body), content: '', finishReason: 'length', reasoningTokens: n, completionTokens: n });
}

/** A cut-off answer: the first half of `content`, finish "length", completion = reasoning + its tokens. */
export function cutOffCompletion(body: unknown, dep: EmulatedDeployment, content: string): Json {
	const reasoning = reasoningOf(dep, body);
	const part = content.slice(0, Math.floor(content.length / 2));
	return completionBody({ model: modelOf(dep), promptTokens: promptTokens(body), content: part, finishReason: 'length', reasoningTokens: reasoning, completionTokens: reasoning + contentTokens(part) });
}

/** 200 with `choices: []` (usage: no completion tokens). */
export function noChoicesCompletion(body: unknown, dep: EmulatedDeployment): Json {
	return completionBody({ model: modelOf(dep), promptTokens: promptTokens(body), content: '', finishReason: 'stop', reasoningTokens: 0, completionTokens: 0, noChoices: true });
}

/**
 * The 400 of a filtered prompt, with the live key names (`innererror`, `content_filter_result`). The facts
 * elide the message after "policy."; the rest is the wording Azure users report.
 */
export function filteredPromptBody(category: PromptFilterCategory, severity = 'medium', param = 'prompt'): Json {
	const r: Json = { hate: safe(), self_harm: safe(), sexual: safe(), violence: safe(), jailbreak: undetected() };
	r[category] = category === 'jailbreak' ? { filtered: true, detected: true } : { filtered: true, severity };
	return {
		error: {
			message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
			type: null, param, code: 'content_filter', status: 400,
			innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: r },
		},
	};
}

/**
 * Azure's 429 body. The facts elide the message after "Please retry after N seconds."; the tail is the
 * wording users report. VERSION is the request's api-version ("v1" on the v1 path: invented). On the
 * Responses API the operation is named `Responses_Create` (INVENTED, by analogy).
 */
export function rateLimitBody(apiVersion: string, seconds: number, operation = 'ChatCompletions_Create'): Json {
	return {
		error: {
			code: '429',
			message: `Requests to the ${operation} Operation under Azure OpenAI API version ${apiVersion} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${seconds} seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
		},
	};
}

/** An Application Gateway style HTML error page (a proxy between the user and Azure). */
export function htmlErrorPage(status: number): string {
	const title = status === 502 ? '502 Bad Gateway' : status === 503 ? '503 Service Temporarily Unavailable' : status === 504 ? '504 Gateway Time-out' : `${status} Error`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\r\n</body>\r\n</html>\r\n`;
}
