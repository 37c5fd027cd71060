// Chat-completions validation and api-versions, written from the facts files (azure-reasoning-api.md,
// azure-responses-api.md), independent of src/: a mistake in the plugin's capability table must be caught here, not mirrored.
// The family table is in modelTable.ts, the error bodies in errors.ts, the Responses validation in responsesRules.ts.
import {
	effortRefusal, has, oaiError, operationNotSupported, modelTooNew, quoteList, typeName, unsupportedParameter, type Verdict,
} from './errors';
import { FAMILY_RULES, effectiveEffort, effortsOf, type FamilyRules } from './modelTable';
import type { EmulatedDeployment, EmulatedFamily } from './types';

export * from './errors';
export { FAMILY_RULES, defaultReasoningTokens, effectiveEffort, effortsOf, type FamilyRules } from './modelTable';

/** The dated api-versions the emulator knows (chat completions inference, GA and preview). Others: 400 "API version not supported". */
export const KNOWN_API_VERSIONS: readonly string[] = [
	'2022-12-01', '2023-05-15', '2024-02-01', '2024-06-01', '2024-10-21',
	'2023-03-15-preview', '2023-06-01-preview', '2023-07-01-preview', '2023-08-01-preview', '2023-09-01-preview',
	'2023-10-01-preview', '2023-12-01-preview', '2024-02-15-preview', '2024-03-01-preview', '2024-04-01-preview',
	'2024-05-01-preview', '2024-07-01-preview', '2024-08-01-preview', '2024-09-01-preview', '2024-10-01-preview',
	'2024-12-01-preview', '2025-01-01-preview', '2025-02-01-preview', '2025-03-01-preview', '2025-04-01-preview',
];

/** `api-version` values accepted on the v1 path besides none at all (a choice: Microsoft's v1 docs use `preview`). */
export const V1_API_VERSIONS: readonly string[] = ['v1', 'preview'];

/** Compares two YYYY-MM-DD[-preview] versions by date; on the same date a preview is older than GA. */
export function compareApiVersions(a: string, b: string): number {
	const key = (v: string) => `${v.slice(0, 10)}${v.endsWith('-preview') ? '0' : '1'}`;
	return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

// ---- body validation ----------------------------------------------------------------------------

/** Top-level keys Azure knows (2024-12-01-preview spec, plus `model` and later v1 additions). */
const KNOWN_KEYS = new Set([
	'model', 'messages', 'temperature', 'top_p', 'stream', 'stream_options', 'stop', 'max_tokens', 'max_completion_tokens',
	'presence_penalty', 'frequency_penalty', 'logit_bias', 'logprobs', 'top_logprobs', 'store', 'metadata', 'user', 'n',
	'data_sources', 'reasoning_effort', 'parallel_tool_calls', 'response_format', 'seed', 'tools', 'tool_choice',
	'function_call', 'functions', 'user_security_context', 'modalities', 'prediction', 'audio', 'verbosity',
	'prompt_cache_key', 'safety_identifier',
]);

/** Keys a dated api-version older than this does not know: "Unrecognized request argument supplied". */
const KEY_SINCE: Record<string, string> = {
	max_completion_tokens: '2024-09-01-preview',
	reasoning_effort: '2024-12-01-preview',
};

/** Refused outright by every reasoning family (even as null: omit them). */
const REASONING_UNSUPPORTED = ['top_p', 'presence_penalty', 'frequency_penalty', 'logprobs', 'top_logprobs', 'logit_bias', 'parallel_tool_calls'];

const ROLES = ['system', 'assistant', 'user', 'developer'];

function validateMessages(messages: unknown): Verdict | null {
	if (messages === undefined) return oaiError("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
	if (!Array.isArray(messages)) return oaiError(`Invalid type for 'messages': expected an array of objects, but got ${typeName(messages)} instead.`, 'messages', 'invalid_type');
	if (messages.length === 0) return oaiError("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
	for (const [i, m] of messages.entries()) {
		const at = `messages[${i}]`;
		if (typeof m !== 'object' || m === null || Array.isArray(m)) return oaiError(`Invalid type for '${at}': expected an object, but got ${typeName(m)} instead.`, at, 'invalid_type');
		const msg = m as Record<string, unknown>;
		if (msg.role === undefined) return oaiError(`Missing required parameter: '${at}.role'.`, `${at}.role`, 'missing_required_parameter');
		// The emulator does not emulate tool calling: 'tool' and 'function' roles are refused like any unknown role.
		if (typeof msg.role !== 'string' || !ROLES.includes(msg.role)) return oaiError(`Invalid value: '${String(msg.role)}'. Supported values are: ${quoteList(ROLES)}.`, `${at}.role`, 'invalid_value');
		if (msg.content === undefined) return oaiError(`Missing required parameter: '${at}.content'.`, `${at}.content`, 'missing_required_parameter');
		if (typeof msg.content === 'string') continue;
		if (!Array.isArray(msg.content)) return oaiError(`Invalid type for '${at}.content': expected one of a string or array of objects, but got ${typeName(msg.content)} instead.`, `${at}.content`, 'invalid_type');
		if (msg.content.length === 0) return oaiError(`Invalid '${at}.content': empty array. Expected an array with minimum length 1, but got an empty array instead.`, `${at}.content`, 'empty_array');
		for (const [j, part] of (msg.content as unknown[]).entries()) {
			const pat = `${at}.content[${j}]`;
			if (typeof part !== 'object' || part === null || Array.isArray(part)) return oaiError(`Invalid type for '${pat}': expected an object, but got ${typeName(part)} instead.`, pat, 'invalid_type');
			const p = part as Record<string, unknown>;
			// Text parts only: the emulator does not emulate vision or audio input.
			if (p.type !== 'text') return oaiError(`Invalid value: '${String(p.type)}'. Supported values are: 'text'.`, `${pat}.type`, 'invalid_value');
			if (p.text === undefined) return oaiError(`Missing required parameter: '${pat}.text'.`, `${pat}.text`, 'missing_required_parameter');
			if (typeof p.text !== 'string') return oaiError(`Invalid type for '${pat}.text': expected a string, but got ${typeName(p.text)} instead.`, `${pat}.text`, 'invalid_type');
		}
	}
	return null;
}

/** A token limit: a positive integer no larger than the family's output limit. null means "not set". */
export function validateTokenLimit(name: string, v: unknown, limit: number): Verdict | null {
	if (v === undefined || v === null) return null;
	if (typeof v !== 'number' || !Number.isInteger(v)) return oaiError(`Invalid type for '${name}': expected an integer, but got ${typeName(v)} instead.`, name, 'invalid_type');
	if (v < 1) return oaiError(`Invalid '${name}': integer below minimum value. Expected a value >= 1, but got ${v} instead.`, name, 'integer_below_min_value');
	if (v > limit) return oaiError(`${name} is too large: ${v}. This model supports at most ${limit} completion tokens, whereas you provided ${v}.`, name, null);
	return null;
}

/** top_p for `effort-none` families: unsupported unless the effort is none, then 0..1. */
export function validateTopP(rules: FamilyRules, body: Record<string, unknown>, effort: string | null): Verdict | null {
	if (!has(body, 'top_p')) return null;
	if (effort !== 'none') return unsupportedParameter('top_p');
	const t = body.top_p;
	if (t === null) return null;
	if (typeof t !== 'number') return oaiError(`Invalid type for 'top_p': expected a decimal, but got ${typeName(t)} instead.`, 'top_p', 'invalid_type');
	if (t > 1) return oaiError(`Invalid 'top_p': decimal above maximum value. Expected a value <= 1, but got ${String(t)} instead.`, 'top_p', 'decimal_above_max_value');
	if (t < 0) return oaiError(`Invalid 'top_p': decimal below minimum value. Expected a value >= 0, but got ${String(t)} instead.`, 'top_p', 'decimal_below_min_value');
	return null;
}

/**
 * temperature by the family's rule; `effort` is the effort in force (effort-none families). For
 * effort-none families a temperature while reasoning is refused even as null (strict: omit it).
 */
export function validateTemperature(rules: FamilyRules, body: Record<string, unknown>, effort: string | null = null): Verdict | null {
	if (!has(body, 'temperature')) return null;
	if (rules.temperature === 'rejected') return unsupportedParameter('temperature');
	if (rules.temperature === 'effort-none' && effort !== 'none') return unsupportedParameter('temperature');
	const t = body.temperature;
	if (t === null) return null;
	if (typeof t !== 'number') return oaiError(`Invalid type for 'temperature': expected a decimal, but got ${typeName(t)} instead.`, 'temperature', 'invalid_type');
	if (rules.temperature === 'only-1') {
		if (t === 1) return null;
		return oaiError(`Unsupported value: 'temperature' does not support ${String(t)} with this model. Only the default (1) value is supported.`, 'temperature', 'unsupported_value');
	}
	if (t > 2) return oaiError(`Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got ${String(t)} instead.`, 'temperature', 'decimal_above_max_value');
	if (t < 0) return oaiError(`Invalid 'temperature': decimal below minimum value. Expected a value >= 0, but got ${String(t)} instead.`, 'temperature', 'decimal_below_min_value');
	return null;
}

export function validateStream(rules: FamilyRules, body: Record<string, unknown>): Verdict | null {
	const s = body.stream;
	if (s === undefined || s === null || s === false) return null;
	if (typeof s !== 'boolean') return oaiError(`Invalid type for 'stream': expected a boolean, but got ${typeName(s)} instead.`, 'stream', 'invalid_type');
	if (rules.stream === 'unsupported-value') return oaiError("Unsupported value: 'stream' does not support true with this model. Supported values are: false.", 'stream', 'unsupported_value');
	// INVENTED: the family can stream on Azure, but the emulator answers only whole completions.
	return oaiError('The Azure emulator does not stream: send stream false or omit it.', 'stream', 'emulator_no_streaming');
}

/** An effort value for a deployment (its own list and wording, else the family's); `param` names it in errors. */
export function validateEffortValue(dep: Pick<EmulatedDeployment, 'family' | 'efforts' | 'effortWording'>, param: string, v: unknown, defaultWording: 'param' | 'model'): Verdict | null {
	const e = effortsOf(dep);
	if (e === 'unknown-parameter') return oaiError(`Unknown parameter: '${param}'.`, param, 'unknown_parameter');
	if (e === 'unsupported-parameter') return unsupportedParameter(param);
	if (v === null || (typeof v === 'string' && e.includes(v))) return null;
	return effortRefusal(param, v, e, FAMILY_RULES[dep.family].modelName, dep.effortWording ?? defaultWording);
}

function validateReasoningEffort(dep: Pick<EmulatedDeployment, 'family' | 'efforts' | 'effortWording'>, body: Record<string, unknown>): Verdict | null {
	if (!has(body, 'reasoning_effort')) return null;
	return validateEffortValue(dep, 'reasoning_effort', body.reasoning_effort, 'param');
}

function validateRoles(rules: FamilyRules, messages: Array<Record<string, unknown>>): Verdict | null {
	if (rules.noInstructionRoles) {
		const i = messages.findIndex((m) => m.role === 'system' || m.role === 'developer');
		if (i >= 0) return oaiError(`Unsupported value: 'messages[${i}].role' does not support '${String(messages[i]?.role)}' with this model.`, `messages[${i}].role`, 'unsupported_value');
	}
	if (rules.reasoning && messages.some((m) => m.role === 'system') && messages.some((m) => m.role === 'developer')) {
		// INVENTED (facts: "never send both", no body).
		return oaiError("Invalid 'messages': a request may hold 'system' or 'developer' messages, not both.", 'messages', 'invalid_value');
	}
	return null;
}

/**
 * Validates a parsed chat-completions body for a deployment (or just a family). `apiVersion` is the dated
 * api-version (undefined on v1). Order: not an object; unknown keys (first in body order); messages; then the
 * family's parameters (max_tokens, the unsupported list, temperature, top_p (effort-none families), stream,
 * reasoning_effort, roles, token limits).
 */
export function validateBody(body: unknown, family: EmulatedFamily, apiVersion: string | undefined, dep: Pick<EmulatedDeployment, 'efforts' | 'effortWording'> = {}): Verdict | null {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		// INVENTED message in OpenAI's shape.
		return oaiError(`Invalid type for request body: expected an object, but got ${typeName(body)} instead.`, null, 'invalid_type');
	}
	const b = body as Record<string, unknown>;
	for (const k of Object.keys(b)) {
		const since = KEY_SINCE[k];
		if (!KNOWN_KEYS.has(k) || (apiVersion !== undefined && since !== undefined && compareApiVersions(apiVersion, since) < 0)) {
			return oaiError(`Unrecognized request argument supplied: ${k}`, null, null);
		}
	}
	const messagesError = validateMessages(b.messages);
	if (messagesError) return messagesError;
	const rules = FAMILY_RULES[family];
	if (rules.reasoning) {
		if (has(b, 'max_tokens')) return oaiError("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens', 'unsupported_parameter');
		for (const p of REASONING_UNSUPPORTED) if (has(b, p) && !(p === 'top_p' && rules.temperature === 'effort-none')) return unsupportedParameter(p);
	}
	const effort = effectiveEffort(family, b.reasoning_effort);
	const v = validateTemperature(rules, b, effort) ?? (rules.temperature === 'effort-none' ? validateTopP(rules, b, effort) : null)
		?? validateStream(rules, b) ?? validateReasoningEffort({ ...dep, family }, b)
		?? validateRoles(rules, b.messages as Array<Record<string, unknown>>);
	if (v) return v;
	if (!rules.reasoning && has(b, 'max_tokens') && has(b, 'max_completion_tokens') && b.max_tokens !== null && b.max_completion_tokens !== null) {
		// INVENTED (not in the facts).
		return oaiError("Invalid request: 'max_tokens' and 'max_completion_tokens' cannot both be set.", 'max_tokens', null);
	}
	return validateTokenLimit('max_completion_tokens', b.max_completion_tokens, rules.outputLimit)
		?? (rules.reasoning ? null : validateTokenLimit('max_tokens', b.max_tokens, rules.outputLimit));
}

/**
 * The dated API's version checks for a deployment's family, after the version is known to Azure:
 * too old → `Model X is enabled only for api versions MIN and later`; gpt-5 → OperationNotSupported.
 */
export function checkFamilyVersion(family: EmulatedFamily, apiVersion: string, operation: 'chatCompletion' | 'responses' = 'chatCompletion'): Verdict | null {
	const rules = FAMILY_RULES[family];
	if (rules.minDatedVersion === null) return null;
	if (rules.minDatedVersion === 'v1-only') return operationNotSupported(rules.modelName, operation);
	return compareApiVersions(apiVersion, rules.minDatedVersion) < 0 ? modelTooNew(rules.modelName, rules.minDatedVersion) : null;
}
