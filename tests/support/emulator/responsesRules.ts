// Validation of Responses requests (azure-responses-api.md §3-§5): Microsoft's AzureCreateResponse schema
// (schemaCheck.ts), then the family's rules. Independent of src/.
import { has, oaiError, typeName, unsupportedParameter, type Verdict } from './errors';
import { FAMILY_RULES, effectiveEffort } from './modelTable';
import { validateEffortValue, validateStream, validateTemperature, validateTokenLimit, validateTopP } from './rules';
import { CREATE_RESPONSE, check, enumOf, resolve, schemaNamed, unknownParameter } from './schemaCheck';
import type { EmulatedDeployment } from './types';

type Json = Record<string, unknown>;

/**
 * Accepted by the schema, but not emulated (no tools, no stored state, no prompt templates): any value
 * other than null (and `[]` for tools, false for background) gets the emulator's own 400, code emulator_not_emulated.
 */
const NOT_EMULATED = ['tools', 'tool_choice', 'prompt', 'previous_response_id', 'background', 'max_tool_calls'];
/** OpenAI's documented floor for max_output_tokens (Azure's schema has none; facts silent): strict, so 16. */
export const MIN_OUTPUT_TOKENS = 16;
/** OpenAI's values for text.verbosity (not yet in Microsoft's schema snapshot, facts §3). */
const VERBOSITY = ['low', 'medium', 'high'];

const notEmulated = (k: string) => oaiError(`The Azure emulator does not emulate '${k}': omit it.`, k, 'emulator_not_emulated');
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One input item: an implicit/easy message `{role?, content}` or `{type: "message", role, content}`; text parts only. */
function checkItem(item: unknown, at: string): Verdict | null {
	if (!isObj(item)) return oaiError(`Invalid type for '${at}': expected an object, but got ${typeName(item)} instead.`, at, 'invalid_type');
	if (item.type !== undefined) {
		const types = enumOf(schemaNamed('OpenAI.ItemType'));
		if (typeof item.type !== 'string' || !types.includes(item.type)) return check(schemaNamed('OpenAI.ItemType'), item.type, `${at}.type`) ?? oaiError(`Invalid type for '${at}.type': expected a string, but got ${typeName(item.type)} instead.`, `${at}.type`, 'invalid_type');
		if (item.type !== 'message') return notEmulated(`${at}.type`);
	}
	const roles = enumOf(schemaNamed('OpenAI.ResponsesMessageRole'));
	if (item.type === 'message' && item.role === undefined) return oaiError(`Missing required parameter: '${at}.role'.`, `${at}.role`, 'missing_required_parameter');
	if (item.role !== undefined && (typeof item.role !== 'string' || !roles.includes(item.role))) {
		return check({ type: 'string', enum: [...roles] }, item.role, `${at}.role`);
	}
	if (item.content === undefined) return oaiError(`Missing required parameter: '${at}.content'.`, `${at}.content`, 'missing_required_parameter');
	if (typeof item.content === 'string') return null;
	if (!Array.isArray(item.content)) return oaiError(`Invalid type for '${at}.content': expected one of a string or array of objects, but got ${typeName(item.content)} instead.`, `${at}.content`, 'invalid_type');
	const partType = item.role === 'assistant' ? 'output_text' : 'input_text';
	for (const [j, part] of item.content.entries()) {
		const pat = `${at}.content[${j}]`;
		if (!isObj(part)) return oaiError(`Invalid type for '${pat}': expected an object, but got ${typeName(part)} instead.`, pat, 'invalid_type');
		const known = enumOf(schemaNamed('OpenAI.ItemContentType'));
		if (typeof part.type !== 'string' || !known.includes(part.type)) return check({ type: 'string', enum: [...known] }, part.type ?? null, `${pat}.type`);
		// Text only: the emulator does not emulate images, files or audio.
		if (part.type !== partType) return oaiError(`Invalid value: '${part.type}'. Supported values are: '${partType}'.`, `${pat}.type`, 'invalid_value');
		const r = check(schemaNamed(partType === 'input_text' ? 'OpenAI.ItemContentInputText' : 'OpenAI.ItemContentOutputText'), part, pat);
		if (r) return r;
	}
	return null;
}

function checkInput(b: Json): Verdict | null {
	// CHOICE: `input` required (the schema makes only `model` required, but without a prompt or a previous
	// response, neither emulated, there is nothing to answer).
	if (b.input === undefined || b.input === null) return oaiError("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
	if (typeof b.input === 'string') return null;
	if (!Array.isArray(b.input)) return oaiError(`Invalid type for 'input': expected one of a string or array of objects, but got ${typeName(b.input)} instead.`, 'input', 'invalid_type');
	if (b.input.length === 0) return oaiError("Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'input', 'empty_array');
	for (const [i, item] of b.input.entries()) {
		const r = checkItem(item, `input[${i}]`);
		if (r) return r;
	}
	const roles = b.input.map((x) => (isObj(x) ? x.role : undefined));
	const instructionRoles = roles.filter((r) => r === 'system' || r === 'developer');
	if ((typeof b.instructions === 'string' && instructionRoles.length > 0) || (roles.includes('system') && roles.includes('developer'))) {
		// INVENTED (facts: never a developer message in input beside instructions; never system and developer together).
		return oaiError("Invalid 'input': a request may hold 'instructions', a 'system' or a 'developer' message, only one of them.", 'input', 'invalid_value');
	}
	return null;
}

/** Microsoft's schema, top-level keys in body order first (chat spellings are unknown keys), then nested shapes. */
export function validateResponsesSchema(b: Json): Verdict | null {
	const props = resolve(CREATE_RESPONSE).properties ?? {};
	for (const k of Object.keys(b)) if (!props[k]) return unknownParameter(k);
	for (const [k, v] of Object.entries(b)) {
		if (k === 'input') continue;
		let prop = props[k] as NonNullable<(typeof props)[string]>;
		if (k === 'reasoning') {
			// The snapshot's ReasoningEffort enum is low/medium/high only, older than the models (facts §4: none,
			// minimal, xhigh, max): the type is checked here, the value by the model's own list below.
			const r = resolve(prop);
			prop = { ...r, properties: { ...r.properties, effort: { type: 'string', nullable: true } } };
		}
		// text.verbosity: OpenAI's reference, not yet in the snapshot (facts §3): accepted as a key, checked below.
		const r = check(prop, v, k, k === 'text' ? ['verbosity'] : []);
		if (r) return r;
	}
	for (const k of NOT_EMULATED) {
		const v = b[k];
		if (v !== undefined && v !== null && !(k === 'tools' && Array.isArray(v) && v.length === 0) && v !== false) return notEmulated(k);
	}
	if (isObj(b.text)) {
		const f = b.text.format;
		if (isObj(f) && f.type !== 'text') {
			const types = ['text', 'json_schema', 'json_object'];
			return typeof f.type === 'string' && types.includes(f.type) ? notEmulated('text.format') : check({ type: 'string', enum: types }, f.type ?? null, 'text.format.type');
		}
		const verb = b.text.verbosity;
		if (verb !== undefined && verb !== null) {
			const r = check({ type: 'string', enum: VERBOSITY }, verb, 'text.verbosity');
			if (r) return r;
		}
	}
	return checkInput(b);
}

/**
 * The family's rules on a schema-valid body: stream, reasoning.effort (facts §4 wordings, default `model`),
 * reasoning.summary, text.verbosity, temperature / top_p (§5), top_logprobs, max_output_tokens (16 … limit).
 */
export function validateResponsesRules(b: Json, dep: EmulatedDeployment): Verdict | null {
	const rules = FAMILY_RULES[dep.family];
	const reasoning = isObj(b.reasoning) ? b.reasoning : {};
	const streamError = validateStream(rules, b);
	if (streamError) return streamError;
	if (reasoning.effort !== undefined) {
		const r = validateEffortValue(dep, 'reasoning.effort', reasoning.effort, 'model');
		if (r) return r;
	}
	for (const key of ['summary', 'generate_summary'] as const) {
		if (reasoning[key] === undefined || reasoning[key] === null) continue;
		if (rules.summary === 'no') return unsupportedParameter(`reasoning.${key}`);
		if (rules.summary === 'gated' && !dep.summaryAccess) {
			// INVENTED (facts §7: a 400, exact text unknown): Azure's approval-gated reasoning summary for o3 / o4-mini.
			return oaiError(`Reasoning summaries are not available for the model ${rules.modelName} on this resource: the reasoning summary feature requires an approved access request.`, `reasoning.${key}`, 'unsupported_parameter');
		}
	}
	if (isObj(b.text) && b.text.verbosity !== undefined && b.text.verbosity !== null && !rules.verbosity) return unsupportedParameter('text.verbosity');
	const effort = effectiveEffort(dep.family, reasoning.effort);
	const t = validateTemperature(rules, b, effort);
	if (t) return t;
	if (rules.reasoning && has(b, 'top_p')) {
		const r = rules.temperature === 'effort-none' ? validateTopP(rules, b, effort) : unsupportedParameter('top_p');
		if (r) return r;
	}
	if (rules.reasoning && has(b, 'top_logprobs')) return unsupportedParameter('top_logprobs');
	const max = b.max_output_tokens;
	if (typeof max === 'number' && max < MIN_OUTPUT_TOKENS) {
		return oaiError(`Invalid 'max_output_tokens': integer below minimum value. Expected a value >= ${MIN_OUTPUT_TOKENS}, but got ${max} instead.`, 'max_output_tokens', 'integer_below_min_value');
	}
	// The chat-completions body with the Responses spelling (facts §6).
	return validateTokenLimit('max_output_tokens', max, rules.outputLimit);
}

/** Schema, then family rules. The body must already be an object with a string `model`. */
export function validateResponsesBody(b: Json, dep: EmulatedDeployment): Verdict | null {
	return validateResponsesSchema(b) ?? validateResponsesRules(b, dep);
}
