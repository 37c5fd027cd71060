// The emulator's own rules, written from the facts file (azure-reasoning-api.md), independent of src/:
// a mistake in the plugin's capability table must be caught here, not mirrored.
import type { EmulatedFamily } from './types';

export interface Verdict {
	status: number;
	body: object;
}

interface FamilyRules {
	/** Default `model` of responses. */
	model: string;
	/** The name in `Model {name} is enabled only for api versions ...`. */
	modelName: string;
	/** Minimum dated api-version; null: any known version; 'v1-only': the dated API refuses it. */
	minDatedVersion: string | null | 'v1-only';
	outputLimit: number;
	reasoning: boolean;
	/** o1-preview / o1-mini: no system and no developer message. */
	noInstructionRoles: boolean;
	/** only-1: 1 accepted, other values unsupported_value; rejected: the parameter at all; range: 0..2. */
	temperature: 'only-1' | 'rejected' | 'range';
	/** Allowed values, or how the parameter is refused. */
	reasoningEffort: readonly string[] | 'unknown-parameter' | 'unsupported-parameter';
	/** stream:true answered with the exact unsupported_value (no streaming in the facts), or with the emulator's own 400. */
	stream: 'unsupported-value' | 'emulator';
}

const LMH = ['low', 'medium', 'high'] as const;

/** The family table. See the facts file §1 and the output limits below it. */
export const FAMILY_RULES: Readonly<Record<EmulatedFamily, FamilyRules>> = {
	'o1-preview': { model: 'o1-preview-2024-09-12', modelName: 'o1-preview', minDatedVersion: '2024-12-01-preview', outputLimit: 32768, reasoning: true, noInstructionRoles: true, temperature: 'only-1', reasoningEffort: 'unknown-parameter', stream: 'unsupported-value' },
	'o1-mini': { model: 'o1-mini-2024-09-12', modelName: 'o1-mini', minDatedVersion: '2024-12-01-preview', outputLimit: 65536, reasoning: true, noInstructionRoles: true, temperature: 'only-1', reasoningEffort: 'unknown-parameter', stream: 'unsupported-value' },
	o1: { model: 'o1-2024-12-17', modelName: 'o1', minDatedVersion: '2024-12-01-preview', outputLimit: 100000, reasoning: true, noInstructionRoles: false, temperature: 'rejected', reasoningEffort: LMH, stream: 'unsupported-value' },
	'o3-mini': { model: 'o3-mini-2025-01-31', modelName: 'o3-mini', minDatedVersion: '2024-12-01-preview', outputLimit: 100000, reasoning: true, noInstructionRoles: false, temperature: 'rejected', reasoningEffort: LMH, stream: 'emulator' },
	o3: { model: 'o3-2025-04-16', modelName: 'o3', minDatedVersion: '2025-04-01-preview', outputLimit: 100000, reasoning: true, noInstructionRoles: false, temperature: 'only-1', reasoningEffort: LMH, stream: 'emulator' },
	'o4-mini': { model: 'o4-mini-2025-04-16', modelName: 'o4-mini', minDatedVersion: '2025-04-01-preview', outputLimit: 100000, reasoning: true, noInstructionRoles: false, temperature: 'only-1', reasoningEffort: LMH, stream: 'emulator' },
	'gpt-5': { model: 'gpt-5-2025-08-07', modelName: 'gpt-5', minDatedVersion: 'v1-only', outputLimit: 128000, reasoning: true, noInstructionRoles: false, temperature: 'only-1', reasoningEffort: ['minimal', 'low', 'medium', 'high'], stream: 'emulator' },
	chat: { model: 'gpt-4o-2024-11-20', modelName: 'gpt-4o', minDatedVersion: null, outputLimit: 16384, reasoning: false, noInstructionRoles: false, temperature: 'range', reasoningEffort: 'unsupported-parameter', stream: 'emulator' },
};

/** Reasoning tokens a completion uses when the deployment does not say. */
export function defaultReasoningTokens(family: EmulatedFamily): number {
	return FAMILY_RULES[family].reasoning ? 192 : 0;
}

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

// ---- error bodies -------------------------------------------------------------------------------

/** OpenAI's parameter error shape (400). */
export function oaiError(message: string, param: string | null, code: string | null, status = 400): Verdict {
	return { status, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

/** Azure's own error shape (no type/param). */
export function azureError(status: number, code: string, message: string): Verdict {
	return { status, body: { error: { code, message } } };
}

export const RESOURCE_NOT_FOUND = azureError(404, '404', 'Resource not found');
export const UNAUTHORIZED = azureError(401, '401', 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.');
export const DEPLOYMENT_NOT_FOUND = azureError(404, 'DeploymentNotFound', 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.');
export const API_VERSION_NOT_SUPPORTED = azureError(400, 'BadRequest', 'API version not supported');
/** INVENTED (facts: "rejected with 400", no body): a dated api-version on the v1 path reuses Azure's dated-API body. */
export const V1_API_VERSION_REJECTED = API_VERSION_NOT_SUPPORTED;

export function modelTooNew(modelName: string, minVersion: string): Verdict {
	return azureError(400, 'BadRequest', `Model ${modelName} is enabled only for api versions ${minVersion} and later`);
}

/**
 * INVENTED for gpt-5 on the dated API (facts: "v1 only", no body): Azure's OperationNotSupported code,
 * with the message Azure gives when a model cannot serve an operation.
 */
export function operationNotSupported(modelName: string): Verdict {
	return azureError(400, 'OperationNotSupported', `The chatCompletion operation does not work with the specified model, ${modelName}. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993.`);
}

/** OpenAI's message for a body that is not JSON (not from the facts file). */
export const INVALID_JSON = oaiError("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)", null, null);

/** OpenAI's message when `model` is missing (v1 path). */
export const MISSING_MODEL = oaiError('you must provide a model parameter', null, null);

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

/** OpenAI's wording of a JSON value's type. */
export function typeName(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'an array';
	if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a decimal';
	if (typeof v === 'object') return 'an object';
	return `a ${typeof v}`;
}

const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const quoteList = (xs: readonly string[]) =>
	xs.length === 1 ? `'${xs[0]}'` : `${xs.slice(0, -1).map((x) => `'${x}'`).join(', ')}, and '${xs[xs.length - 1]}'`;

function unsupportedParameter(p: string): Verdict {
	return oaiError(`Unsupported parameter: '${p}' is not supported with this model.`, p, 'unsupported_parameter');
}

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
function validateTokenLimit(name: string, v: unknown, limit: number): Verdict | null {
	if (v === undefined || v === null) return null;
	if (typeof v !== 'number' || !Number.isInteger(v)) return oaiError(`Invalid type for '${name}': expected an integer, but got ${typeName(v)} instead.`, name, 'invalid_type');
	if (v < 1) return oaiError(`Invalid '${name}': integer below minimum value. Expected a value >= 1, but got ${v} instead.`, name, 'integer_below_min_value');
	if (v > limit) return oaiError(`${name} is too large: ${v}. This model supports at most ${limit} completion tokens, whereas you provided ${v}.`, name, null);
	return null;
}

function validateTemperature(rules: FamilyRules, body: Record<string, unknown>): Verdict | null {
	if (!has(body, 'temperature')) return null;
	if (rules.temperature === 'rejected') return unsupportedParameter('temperature');
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

function validateStream(rules: FamilyRules, body: Record<string, unknown>): Verdict | null {
	const s = body.stream;
	if (s === undefined || s === null || s === false) return null;
	if (typeof s !== 'boolean') return oaiError(`Invalid type for 'stream': expected a boolean, but got ${typeName(s)} instead.`, 'stream', 'invalid_type');
	if (rules.stream === 'unsupported-value') return oaiError("Unsupported value: 'stream' does not support true with this model. Supported values are: false.", 'stream', 'unsupported_value');
	// INVENTED: the family can stream on Azure, but the emulator answers only whole completions.
	return oaiError('The Azure emulator does not stream: send stream false or omit it.', 'stream', 'emulator_no_streaming');
}

function validateReasoningEffort(rules: FamilyRules, body: Record<string, unknown>): Verdict | null {
	if (!has(body, 'reasoning_effort')) return null;
	const e = rules.reasoningEffort;
	if (e === 'unknown-parameter') return oaiError("Unknown parameter: 'reasoning_effort'.", 'reasoning_effort', 'unknown_parameter');
	if (e === 'unsupported-parameter') return unsupportedParameter('reasoning_effort');
	const v = body.reasoning_effort;
	if (v === null || (typeof v === 'string' && e.includes(v))) return null;
	return oaiError(`Unsupported value: 'reasoning_effort' does not support '${String(v)}' with this model. Supported values are: ${quoteList(e)}.`, 'reasoning_effort', 'unsupported_value');
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
 * Validates a parsed body for a family. `apiVersion` is the dated api-version (undefined on v1).
 * Order: not an object; unknown keys (first in body order); messages; then the family's parameters
 * (max_tokens, the unsupported list, temperature, stream, reasoning_effort, roles, token limits).
 */
export function validateBody(body: unknown, family: EmulatedFamily, apiVersion: string | undefined): Verdict | null {
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
		for (const p of REASONING_UNSUPPORTED) if (has(b, p)) return unsupportedParameter(p);
	}
	const v = validateTemperature(rules, b) ?? validateStream(rules, b) ?? validateReasoningEffort(rules, b)
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
export function checkFamilyVersion(family: EmulatedFamily, apiVersion: string): Verdict | null {
	const rules = FAMILY_RULES[family];
	if (rules.minDatedVersion === null) return null;
	if (rules.minDatedVersion === 'v1-only') return operationNotSupported(rules.modelName);
	return compareApiVersions(apiVersion, rules.minDatedVersion) < 0 ? modelTooNew(rules.modelName, rules.minDatedVersion) : null;
}
