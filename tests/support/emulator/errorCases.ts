// Table of error paths for azureEmulator.test.ts: each with Azure's exact status and body, written
// literally from the facts file (not imported from rules.ts, so a wrong rule fails a test).

export const KEY = 'emu-key-0123456789abcdef0123456789';
export const TOKEN = 'entra-token-abcdefghijklmnopqrstuv';

export interface Req {
	method?: string;
	path: string;
	headers?: Record<string, string>;
	body?: unknown;
	/** Sent as is instead of JSON.stringify(body). */
	raw?: string;
}

export interface Case {
	name: string;
	request: Req;
	expectStatus: number;
	expectBody: unknown;
}

const USER = [{ role: 'user', content: 'Hello there' }];
const API_KEY = { 'api-key': KEY };

export function dated(dep: string, version: string | null, body: unknown = { messages: USER }, headers: Record<string, string> = API_KEY): Req {
	const q = version === null ? '' : `?api-version=${encodeURIComponent(version)}`;
	return { path: `/openai/deployments/${encodeURIComponent(dep)}/chat/completions${q}`, headers, body };
}

export function v1(body: unknown, headers: Record<string, string> = API_KEY, query = ''): Req {
	return { path: `/openai/v1/chat/completions${query}`, headers, body };
}

/** The version each family needs on the dated API (gpt-5 has none). */
export const MIN_VERSION: Record<string, string> = {
	'o1-preview': '2024-12-01-preview', 'o1-mini': '2024-12-01-preview', o1: '2024-12-01-preview',
	'o3-mini': '2024-12-01-preview', o3: '2025-04-01-preview', 'o4-mini': '2025-04-01-preview', chat: '2024-10-21',
};

/** A dated request to dep-FAMILY at its minimum version (gpt-5: v1). */
export function to(family: string, extra: Record<string, unknown> = {}, messages: unknown = USER): Req {
	const body = { messages, ...extra };
	return family === 'gpt-5' ? v1({ model: 'dep-gpt-5', ...body }) : dated(`dep-${family}`, MIN_VERSION[family] ?? '', body);
}

export const NOT_FOUND = { error: { code: '404', message: 'Resource not found' } };
export const UNAUTHORIZED = { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } };
export const DEPLOYMENT_NOT_FOUND = { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.' } };
export const VERSION_NOT_SUPPORTED = { error: { code: 'BadRequest', message: 'API version not supported' } };
const tooOld = (model: string, min: string) => ({ error: { code: 'BadRequest', message: `Model ${model} is enabled only for api versions ${min} and later` } });
export const oai = (message: string, param: string | null, code: string | null) => ({ error: { message, type: 'invalid_request_error', param, code } });
const unsupportedParam = (p: string) => oai(`Unsupported parameter: '${p}' is not supported with this model.`, p, 'unsupported_parameter');
const tempValue = (t: string) => oai(`Unsupported value: 'temperature' does not support ${t} with this model. Only the default (1) value is supported.`, 'temperature', 'unsupported_value');
const STREAM_UNSUPPORTED = oai("Unsupported value: 'stream' does not support true with this model. Supported values are: false.", 'stream', 'unsupported_value');
const EMULATOR_NO_STREAM = oai('The Azure emulator does not stream: send stream false or omit it.', 'stream', 'emulator_no_streaming');
const INVALID_JSON = oai("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)", null, null);
const tooLarge = (p: string, n: number, max: number) => oai(`${p} is too large: ${n}. This model supports at most ${max} completion tokens, whereas you provided ${n}.`, p, null);
const effortValue = (v: string, list: string) => oai(`Unsupported value: 'reasoning_effort' does not support '${v}' with this model. Supported values are: ${list}.`, 'reasoning_effort', 'unsupported_value');
const LMH = "'low', 'medium', and 'high'";
const DATED_O1 = '/openai/deployments/dep-o1/chat/completions';
const SYS = { role: 'system', content: 'Be brief.' };
const DEV = { role: 'developer', content: 'Formatting re-enabled - use Markdown.' };
const MAX_TOKENS = oai("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens', 'unsupported_parameter');

export const ROUTING_AND_AUTH: Case[] = [
	{ name: 'wrong path (no /chat)', request: { path: '/openai/deployments/dep-o1/completions?api-version=2024-12-01-preview', headers: API_KEY, body: { messages: USER } }, expectStatus: 404, expectBody: NOT_FOUND },
	{ name: 'dated without api-version', request: dated('dep-o1', null), expectStatus: 404, expectBody: NOT_FOUND },
	{ name: 'dated without api-version and without key (routing first)', request: dated('dep-o1', null, { messages: USER }, {}), expectStatus: 404, expectBody: NOT_FOUND },
	{ name: 'dated with a trailing slash', request: { path: `${DATED_O1}/?api-version=2024-12-01-preview`, headers: API_KEY, body: { messages: USER } }, expectStatus: 404, expectBody: NOT_FOUND },
	{ name: 'double slash from an endpoint ending in /', request: { path: `/${DATED_O1}?api-version=2024-12-01-preview`, headers: API_KEY, body: { messages: USER } }, expectStatus: 404, expectBody: NOT_FOUND },
	{ name: 'GET on the dated path', request: { method: 'GET', path: `${DATED_O1}?api-version=2024-12-01-preview`, headers: API_KEY }, expectStatus: 404, expectBody: NOT_FOUND },
	{ name: 'v1 path with a trailing slash', request: { path: '/openai/v1/chat/completions/', headers: API_KEY, body: { model: 'dep-o1', messages: USER } }, expectStatus: 404, expectBody: NOT_FOUND },
	{ name: 'v1 path without /openai', request: { path: '/v1/chat/completions', headers: API_KEY, body: { model: 'dep-o1', messages: USER } }, expectStatus: 404, expectBody: NOT_FOUND },
	{ name: 'dated without any key', request: dated('dep-o1', '2024-12-01-preview', { messages: USER }, {}), expectStatus: 401, expectBody: UNAUTHORIZED },
	{ name: 'dated with a wrong api-key', request: dated('dep-o1', '2024-12-01-preview', { messages: USER }, { 'api-key': 'not-the-key-123456' }), expectStatus: 401, expectBody: UNAUTHORIZED },
	{ name: 'dated with Bearer KEY (as Smart Connections sent)', request: dated('dep-o1', '2024-12-01-preview', { messages: USER }, { authorization: `Bearer ${KEY}` }), expectStatus: 401, expectBody: UNAUTHORIZED },
	{ name: 'dated with an unknown bearer token', request: dated('dep-o1', '2024-12-01-preview', { messages: USER }, { authorization: 'Bearer some-other-token-xyz' }), expectStatus: 401, expectBody: UNAUTHORIZED },
	{ name: 'dated: a wrong api-key decides even beside a valid token', request: dated('dep-o1', '2024-12-01-preview', { messages: USER }, { 'api-key': 'nope-nope-nope', authorization: `Bearer ${TOKEN}` }), expectStatus: 401, expectBody: UNAUTHORIZED },
	{ name: 'dated: auth is checked before the api-version', request: dated('dep-o1', 'latest', { messages: USER }, {}), expectStatus: 401, expectBody: UNAUTHORIZED },
	{ name: 'v1 without any key', request: v1({ model: 'dep-o1', messages: USER }, {}), expectStatus: 401, expectBody: UNAUTHORIZED },
	{ name: 'v1 with a wrong Bearer', request: v1({ model: 'dep-o1', messages: USER }, { authorization: 'Bearer wrong-wrong-wrong' }), expectStatus: 401, expectBody: UNAUTHORIZED },
	{ name: 'v1 with the key under Basic', request: v1({ model: 'dep-o1', messages: USER }, { authorization: `Basic ${KEY}` }), expectStatus: 401, expectBody: UNAUTHORIZED },
];

export const VERSIONS_AND_DEPLOYMENTS: Case[] = [
	...['latest', '2024-13-01', '2024-12-01', '', '2024-12-01-Preview', '2026-01-01-preview'].map((v): Case => (
		{ name: `dated api-version "${v}" is not supported`, request: dated('dep-o1', v), expectStatus: 400, expectBody: VERSION_NOT_SUPPORTED })),
	{ name: 'v1 with a dated api-version (invented body)', request: v1({ model: 'dep-o1', messages: USER }, API_KEY, '?api-version=2024-12-01-preview'), expectStatus: 400, expectBody: VERSION_NOT_SUPPORTED },
	{ name: 'dated unknown deployment', request: dated('nope', '2024-12-01-preview'), expectStatus: 404, expectBody: DEPLOYMENT_NOT_FOUND },
	{ name: 'dated deployment names are case-sensitive', request: dated('DEP-O1', '2024-12-01-preview'), expectStatus: 404, expectBody: DEPLOYMENT_NOT_FOUND },
	{ name: 'v1 unknown model', request: v1({ model: 'nope', messages: USER }), expectStatus: 404, expectBody: DEPLOYMENT_NOT_FOUND },
	{ name: 'v1 without model', request: v1({ messages: USER }), expectStatus: 400, expectBody: oai('you must provide a model parameter', null, null) },
	{ name: 'v1 with a numeric model', request: v1({ model: 5, messages: USER }), expectStatus: 400, expectBody: oai("Invalid type for 'model': expected a string, but got an integer instead.", 'model', 'invalid_type') },
	{ name: 'o1-preview on 2024-06-01 (Text Generator default)', request: dated('dep-o1-preview', '2024-06-01'), expectStatus: 400, expectBody: tooOld('o1-preview', '2024-12-01-preview') },
	{ name: 'o1-mini on 2024-10-21 (latest GA)', request: dated('dep-o1-mini', '2024-10-21'), expectStatus: 400, expectBody: tooOld('o1-mini', '2024-12-01-preview') },
	{ name: 'o1 on 2024-10-01-preview (Smart Connections default)', request: dated('dep-o1', '2024-10-01-preview'), expectStatus: 400, expectBody: tooOld('o1', '2024-12-01-preview') },
	{ name: 'o1 on 2024-05-01-preview (Copilot default)', request: dated('dep-o1', '2024-05-01-preview'), expectStatus: 400, expectBody: tooOld('o1', '2024-12-01-preview') },
	{ name: 'o3-mini on 2024-09-01-preview', request: dated('dep-o3-mini', '2024-09-01-preview'), expectStatus: 400, expectBody: tooOld('o3-mini', '2024-12-01-preview') },
	{ name: 'o3 on 2025-03-01-preview', request: dated('dep-o3', '2025-03-01-preview'), expectStatus: 400, expectBody: tooOld('o3', '2025-04-01-preview') },
	{ name: 'o4-mini on 2024-12-01-preview', request: dated('dep-o4-mini', '2024-12-01-preview'), expectStatus: 400, expectBody: tooOld('o4-mini', '2025-04-01-preview') },
	{ name: 'a deployment named like gpt-4o that runs o1', request: dated('gpt-4o-prod', '2024-06-01'), expectStatus: 400, expectBody: tooOld('o1', '2024-12-01-preview') },
	{ name: 'gpt-5 on the dated API (invented body)', request: dated('dep-gpt-5', '2025-04-01-preview'), expectStatus: 400, expectBody: { error: { code: 'OperationNotSupported', message: 'The chatCompletion operation does not work with the specified model, gpt-5. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993.' } } },
	{ name: 'chat: max_completion_tokens on 2024-06-01', request: dated('dep-chat', '2024-06-01', { messages: USER, max_completion_tokens: 100 }), expectStatus: 400, expectBody: oai('Unrecognized request argument supplied: max_completion_tokens', null, null) },
	{ name: 'chat: reasoning_effort on 2024-10-21', request: dated('dep-chat', '2024-10-21', { messages: USER, reasoning_effort: 'low' }), expectStatus: 400, expectBody: oai('Unrecognized request argument supplied: reasoning_effort', null, null) },
];

export const BODY_SHAPE: Case[] = [
	{ name: 'dated: invalid JSON', request: { ...dated('dep-o1', '2024-12-01-preview'), raw: '{"messages": [' }, expectStatus: 400, expectBody: INVALID_JSON },
	{ name: 'dated: empty body', request: { ...dated('dep-o1', '2024-12-01-preview'), raw: '' }, expectStatus: 400, expectBody: INVALID_JSON },
	{ name: 'v1: invalid JSON', request: { ...v1({}), raw: 'model=dep-o1' }, expectStatus: 400, expectBody: INVALID_JSON },
	{ name: 'body is an array (invented message)', request: dated('dep-o1', '2024-12-01-preview', [USER]), expectStatus: 400, expectBody: oai('Invalid type for request body: expected an object, but got an array instead.', null, 'invalid_type') },
	{ name: 'no messages', request: dated('dep-o1', '2024-12-01-preview', { max_completion_tokens: 100 }), expectStatus: 400, expectBody: oai("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter') },
	{ name: 'messages is a string', request: to('o1', {}, 'hi'), expectStatus: 400, expectBody: oai("Invalid type for 'messages': expected an array of objects, but got a string instead.", 'messages', 'invalid_type') },
	{ name: 'messages is empty', request: to('o1', {}, []), expectStatus: 400, expectBody: oai("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array') },
	{ name: 'a message without role', request: to('o1', {}, [{ content: 'x' }]), expectStatus: 400, expectBody: oai("Missing required parameter: 'messages[0].role'.", 'messages[0].role', 'missing_required_parameter') },
	{ name: 'a tool message (not emulated)', request: to('o1', {}, [USER[0], { role: 'tool', content: 'x' }]), expectStatus: 400, expectBody: oai("Invalid value: 'tool'. Supported values are: 'system', 'assistant', 'user', and 'developer'.", 'messages[1].role', 'invalid_value') },
	{ name: 'a message without content', request: to('o1', {}, [{ role: 'user' }]), expectStatus: 400, expectBody: oai("Missing required parameter: 'messages[0].content'.", 'messages[0].content', 'missing_required_parameter') },
	{ name: 'numeric content', request: to('o1', {}, [{ role: 'user', content: 42 }]), expectStatus: 400, expectBody: oai("Invalid type for 'messages[0].content': expected one of a string or array of objects, but got an integer instead.", 'messages[0].content', 'invalid_type') },
	{ name: 'empty content parts', request: to('o1', {}, [{ role: 'user', content: [] }]), expectStatus: 400, expectBody: oai("Invalid 'messages[0].content': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages[0].content', 'empty_array') },
	{ name: 'an image part (not emulated)', request: to('o1', {}, [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }]), expectStatus: 400, expectBody: oai("Invalid value: 'image_url'. Supported values are: 'text'.", 'messages[0].content[0].type', 'invalid_value') },
	{ name: 'a text part with numeric text', request: to('o1', {}, [{ role: 'user', content: [{ type: 'text', text: 3 }] }]), expectStatus: 400, expectBody: oai("Invalid type for 'messages[0].content[0].text': expected a string, but got an integer instead.", 'messages[0].content[0].text', 'invalid_type') },
	{ name: 'an unknown top-level key', request: to('o1', { max_output_tokens: 10 }), expectStatus: 400, expectBody: oai('Unrecognized request argument supplied: max_output_tokens', null, null) },
	{ name: 'an unknown key on chat too', request: to('chat', { apiKey: 'x' }), expectStatus: 400, expectBody: oai('Unrecognized request argument supplied: apiKey', null, null) },
];

export const REASONING_RULES: Case[] = [
	{ name: 'o1: max_tokens', request: to('o1', { max_tokens: 500 }), expectStatus: 400, expectBody: MAX_TOKENS },
	{ name: 'o4-mini (v1 body): max_tokens', request: v1({ model: 'dep-o4-mini', messages: USER, max_tokens: 500 }), expectStatus: 400, expectBody: MAX_TOKENS },
	{ name: 'gpt-5: max_tokens even null', request: to('gpt-5', { max_tokens: null }), expectStatus: 400, expectBody: MAX_TOKENS },
	...(['top_p', 'presence_penalty', 'frequency_penalty', 'logprobs', 'top_logprobs', 'logit_bias', 'parallel_tool_calls'] as const).flatMap((p) =>
		(['o1-preview', 'o3-mini', 'gpt-5'] as const).map((f): Case => ({ name: `${f}: ${p}`, request: to(f, { [p]: p === 'logit_bias' ? {} : p === 'logprobs' || p === 'parallel_tool_calls' ? false : 1 }), expectStatus: 400, expectBody: unsupportedParam(p) }))),
	{ name: 'o1: top_p null still refused', request: to('o1', { top_p: null }), expectStatus: 400, expectBody: unsupportedParam('top_p') },
	...(['o1-preview', 'o1-mini', 'o1'] as const).map((f): Case => ({ name: `${f}: stream true`, request: to(f, { stream: true }), expectStatus: 400, expectBody: STREAM_UNSUPPORTED })),
	...(['o3-mini', 'o3', 'o4-mini', 'gpt-5', 'chat'] as const).map((f): Case => ({ name: `${f}: stream true (emulator does not stream)`, request: to(f, { stream: true }), expectStatus: 400, expectBody: EMULATOR_NO_STREAM })),
	{ name: 'o1: stream "yes"', request: to('o1', { stream: 'yes' }), expectStatus: 400, expectBody: oai("Invalid type for 'stream': expected a boolean, but got a string instead.", 'stream', 'invalid_type') },
	{ name: 'o1-preview: system at messages[0]', request: to('o1-preview', {}, [SYS, USER[0]]), expectStatus: 400, expectBody: oai("Unsupported value: 'messages[0].role' does not support 'system' with this model.", 'messages[0].role', 'unsupported_value') },
	{ name: 'o1-mini: developer at messages[0]', request: to('o1-mini', {}, [DEV, USER[0]]), expectStatus: 400, expectBody: oai("Unsupported value: 'messages[0].role' does not support 'developer' with this model.", 'messages[0].role', 'unsupported_value') },
	{ name: 'o1-preview: system at messages[2] (real index)', request: to('o1-preview', {}, [USER[0], { role: 'assistant', content: 'ok' }, SYS]), expectStatus: 400, expectBody: oai("Unsupported value: 'messages[2].role' does not support 'system' with this model.", 'messages[2].role', 'unsupported_value') },
	{ name: 'o1-preview: temperature 0.7', request: to('o1-preview', { temperature: 0.7 }), expectStatus: 400, expectBody: tempValue('0.7') },
	{ name: 'o1-mini: temperature 0 (BMO parseInt)', request: to('o1-mini', { temperature: 0 }), expectStatus: 400, expectBody: tempValue('0') },
	{ name: 'o1: temperature 1 refused outright', request: to('o1', { temperature: 1 }), expectStatus: 400, expectBody: unsupportedParam('temperature') },
	{ name: 'o3-mini: temperature 0.7 refused outright', request: to('o3-mini', { temperature: 0.7 }), expectStatus: 400, expectBody: unsupportedParam('temperature') },
	{ name: 'o3: temperature 0.7', request: to('o3', { temperature: 0.7 }), expectStatus: 400, expectBody: tempValue('0.7') },
	{ name: 'o4-mini: temperature 0.2', request: to('o4-mini', { temperature: 0.2 }), expectStatus: 400, expectBody: tempValue('0.2') },
	{ name: 'gpt-5: temperature 0.7', request: to('gpt-5', { temperature: 0.7 }), expectStatus: 400, expectBody: tempValue('0.7') },
	{ name: 'o3: temperature "1" (a string)', request: to('o3', { temperature: '1' }), expectStatus: 400, expectBody: oai("Invalid type for 'temperature': expected a decimal, but got a string instead.", 'temperature', 'invalid_type') },
	{ name: 'o1-preview: reasoning_effort', request: to('o1-preview', { reasoning_effort: 'low' }), expectStatus: 400, expectBody: oai("Unknown parameter: 'reasoning_effort'.", 'reasoning_effort', 'unknown_parameter') },
	{ name: 'o1-mini: reasoning_effort', request: to('o1-mini', { reasoning_effort: 'high' }), expectStatus: 400, expectBody: oai("Unknown parameter: 'reasoning_effort'.", 'reasoning_effort', 'unknown_parameter') },
	{ name: 'o1: reasoning_effort minimal', request: to('o1', { reasoning_effort: 'minimal' }), expectStatus: 400, expectBody: effortValue('minimal', LMH) },
	{ name: 'o3-mini: reasoning_effort extreme', request: to('o3-mini', { reasoning_effort: 'extreme' }), expectStatus: 400, expectBody: effortValue('extreme', LMH) },
	{ name: 'o4-mini: reasoning_effort HIGH', request: to('o4-mini', { reasoning_effort: 'HIGH' }), expectStatus: 400, expectBody: effortValue('HIGH', LMH) },
	{ name: 'gpt-5: reasoning_effort none', request: to('gpt-5', { reasoning_effort: 'none' }), expectStatus: 400, expectBody: effortValue('none', "'minimal', 'low', 'medium', and 'high'") },
	{ name: 'chat: reasoning_effort', request: dated('dep-chat', '2025-01-01-preview', { messages: USER, reasoning_effort: 'low' }), expectStatus: 400, expectBody: unsupportedParam('reasoning_effort') },
	...(['o1', 'o3-mini', 'gpt-5'] as const).map((f): Case => ({ name: `${f}: system and developer together (invented message)`, request: to(f, {}, [SYS, DEV, USER[0]]), expectStatus: 400, expectBody: oai("Invalid 'messages': a request may hold 'system' or 'developer' messages, not both.", 'messages', 'invalid_value') })),
	{ name: 'o1: max_completion_tokens 0', request: to('o1', { max_completion_tokens: 0 }), expectStatus: 400, expectBody: oai("Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.", 'max_completion_tokens', 'integer_below_min_value') },
	{ name: 'o1: max_completion_tokens -5', request: to('o1', { max_completion_tokens: -5 }), expectStatus: 400, expectBody: oai("Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got -5 instead.", 'max_completion_tokens', 'integer_below_min_value') },
	{ name: 'o1: max_completion_tokens 1.5', request: to('o1', { max_completion_tokens: 1.5 }), expectStatus: 400, expectBody: oai("Invalid type for 'max_completion_tokens': expected an integer, but got a decimal instead.", 'max_completion_tokens', 'invalid_type') },
	{ name: 'o1: max_completion_tokens "100"', request: to('o1', { max_completion_tokens: '100' }), expectStatus: 400, expectBody: oai("Invalid type for 'max_completion_tokens': expected an integer, but got a string instead.", 'max_completion_tokens', 'invalid_type') },
	...([['o1-preview', 32768], ['o1-mini', 65536], ['o1', 100000], ['o3-mini', 100000], ['o3', 100000], ['o4-mini', 100000], ['gpt-5', 128000], ['chat', 16384]] as const).map(([f, max]): Case => (
		{ name: `${f}: max_completion_tokens ${max + 1} > ${max}`, request: to(f, { max_completion_tokens: max + 1 }), expectStatus: 400, expectBody: tooLarge('max_completion_tokens', max + 1, max) })),
	{ name: 'chat: temperature 2.5', request: to('chat', { temperature: 2.5 }), expectStatus: 400, expectBody: oai("Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead.", 'temperature', 'decimal_above_max_value') },
	{ name: 'chat: temperature -0.1', request: to('chat', { temperature: -0.1 }), expectStatus: 400, expectBody: oai("Invalid 'temperature': decimal below minimum value. Expected a value >= 0, but got -0.1 instead.", 'temperature', 'decimal_below_min_value') },
	{ name: 'chat: max_tokens 16385', request: to('chat', { max_tokens: 16385 }), expectStatus: 400, expectBody: tooLarge('max_tokens', 16385, 16384) },
	{ name: 'chat: max_tokens and max_completion_tokens (invented message)', request: to('chat', { max_tokens: 10, max_completion_tokens: 10 }), expectStatus: 400, expectBody: oai("Invalid request: 'max_tokens' and 'max_completion_tokens' cannot both be set.", 'max_tokens', null) },
];

/** Requests that must be answered 200. */
export const ACCEPTED: Array<{ name: string; request: Req }> = [
	{ name: 'o1-preview: temperature 1 (the seed sends it)', request: to('o1-preview', { temperature: 1, max_completion_tokens: 32768 }) },
	{ name: 'o1-mini: user-only messages with an assistant turn', request: to('o1-mini', {}, [USER[0], { role: 'assistant', content: 'Hi' }, USER[0]]) },
	{ name: 'o1: developer message and reasoning_effort high', request: to('o1', { reasoning_effort: 'high' }, [DEV, USER[0]]) },
	{ name: 'o1: a system message alone (treated as developer)', request: to('o1', {}, [SYS, USER[0]]) },
	{ name: 'o1: stream false, null reasoning_effort', request: to('o1', { stream: false, reasoning_effort: null }) },
	{ name: 'o1: model in the body of a dated request (the SDK sends it)', request: to('o1', { model: 'whatever' }) },
	{ name: 'o1: text content parts', request: to('o1', {}, [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }]) },
	{ name: 'o3-mini on 2025-04-01-preview', request: dated('dep-o3-mini', '2025-04-01-preview') },
	{ name: 'o3: temperature 1', request: to('o3', { temperature: 1 }) },
	{ name: 'o4-mini: reasoning_effort low', request: to('o4-mini', { reasoning_effort: 'low' }) },
	{ name: 'gpt-5: reasoning_effort minimal, max 128000', request: to('gpt-5', { reasoning_effort: 'minimal', max_completion_tokens: 128000 }) },
	{ name: 'chat on 2024-06-01: system, temperature 0.7, max_tokens, top_p', request: dated('dep-chat', '2024-06-01', { messages: [SYS, USER[0]], temperature: 0.7, max_tokens: 500, top_p: 0.9 }) },
	{ name: 'chat on 2024-02-15-preview', request: dated('dep-chat', '2024-02-15-preview') },
	{ name: 'chat (v1): developer and system', request: v1({ model: 'dep-chat', messages: [SYS, DEV, USER[0]], max_completion_tokens: 16384 }) },
	{ name: 'dated with an Entra token', request: dated('dep-o1', '2024-12-01-preview', { messages: USER }, { authorization: `Bearer ${TOKEN}` }) },
	{ name: 'v1 with Bearer KEY', request: v1({ model: 'dep-o1', messages: USER }, { authorization: `Bearer ${KEY}` }) },
	{ name: 'v1 with an Entra token', request: v1({ model: 'dep-o1', messages: USER }, { authorization: `bearer ${TOKEN}` }) },
	{ name: 'v1 with api-version=preview', request: v1({ model: 'dep-o1', messages: USER }, API_KEY, '?api-version=preview') },
	{ name: 'v1 with api-version=v1', request: v1({ model: 'dep-o1', messages: USER }, API_KEY, '?api-version=v1') },
];
