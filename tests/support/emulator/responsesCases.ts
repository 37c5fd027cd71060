// Tables for azureEmulatorResponses.test.ts, written literally from the facts files (azure-responses-api.md,
// azure-reasoning-api.md), not imported from the emulator's rules: a wrong rule fails a test.
import { KEY } from './errorCases';

export interface Req {
	path: string;
	headers?: Record<string, string>;
	body?: unknown;
	raw?: string;
}

/** [family, default model, has chat completions, has Responses, dated minimum ('v1-only': none)]. */
export const MODEL_TABLE = [
	['o1-preview', 'o1-preview-2024-09-12', true, false, '2024-12-01-preview'],
	['o1-mini', 'o1-mini-2024-09-12', true, false, '2024-12-01-preview'],
	['o1', 'o1-2024-12-17', true, true, '2024-12-01-preview'],
	['o3-mini', 'o3-mini-2025-01-31', true, true, '2024-12-01-preview'],
	['o3', 'o3-2025-04-16', true, true, '2025-04-01-preview'],
	['o4-mini', 'o4-mini-2025-04-16', true, true, '2025-04-01-preview'],
	['o3-pro', 'o3-pro-2025-06-10', false, true, '2025-04-01-preview'],
	['codex-mini', 'codex-mini-2025-05-16', false, true, '2025-04-01-preview'],
	['chat', 'gpt-4o-2024-11-20', true, true, '2024-10-21'],
	['gpt-5', 'gpt-5-2025-08-07', true, true, 'v1-only'],
	['gpt-5-chat', 'gpt-5-chat-2025-08-07', true, true, 'v1-only'],
	['gpt-5-pro', 'gpt-5-pro-2025-10-06', false, true, 'v1-only'],
	['gpt-5-codex', 'gpt-5-codex-2025-09-15', false, true, 'v1-only'],
	['gpt-5.1', 'gpt-5.1-2025-11-13', true, true, 'v1-only'],
	['gpt-5.1-chat', 'gpt-5.1-chat-2025-11-13', true, true, 'v1-only'],
	['gpt-5.1-codex', 'gpt-5.1-codex-2025-11-13', false, true, 'v1-only'],
	['gpt-5.1-codex-mini', 'gpt-5.1-codex-mini-2025-11-13', false, true, 'v1-only'],
	['gpt-5.1-codex-max', 'gpt-5.1-codex-max-2025-12-04', false, true, 'v1-only'],
	['gpt-5.2', 'gpt-5.2-2025-12-11', true, true, 'v1-only'],
	['gpt-5.2-pro', 'gpt-5.2-pro-2025-12-11', false, true, 'v1-only'],
	['gpt-5.4', 'gpt-5.4-2026-03-05', true, true, 'v1-only'],
	['gpt-5.5', 'gpt-5.5-2026-04-23', true, true, 'v1-only'],
	['gpt-5.6-sol', 'gpt-5.6-sol-2026-07-09', true, true, 'v1-only'],
	['gpt-5.6-terra', 'gpt-5.6-terra-2026-07-09', true, true, 'v1-only'],
	['gpt-5.6-luna', 'gpt-5.6-luna-2026-07-09', true, true, 'v1-only'],
	['gpt-6-astra', 'gpt-6-astra-2026-09-03', true, true, 'v1-only'],
] as const;

/** The model name in OperationNotSupported / "Model X is enabled only…" (the family, gpt-4o for chat). */
export const nameOf = (family: string) => (family === 'chat' ? 'gpt-4o' : family);

/** Efforts per family, from facts §4 (and the choices in types.ts where the facts are silent). */
export const EFFORTS: Record<string, readonly string[] | null> = {
	o1: ['low', 'medium', 'high'], 'o3-mini': ['low', 'medium', 'high'], o3: ['low', 'medium', 'high'], 'o4-mini': ['low', 'medium', 'high'],
	'o3-pro': ['low', 'medium', 'high'], 'codex-mini': ['low', 'medium', 'high'], chat: null, 'gpt-5-chat': null,
	'gpt-5': ['minimal', 'low', 'medium', 'high'], 'gpt-5-pro': ['high'], 'gpt-5-codex': ['low', 'medium', 'high'],
	'gpt-5.1': ['none', 'low', 'medium', 'high'], 'gpt-5.1-chat': ['medium'], 'gpt-5.1-codex': ['low', 'medium', 'high'],
	'gpt-5.1-codex-mini': ['low', 'medium', 'high'], 'gpt-5.1-codex-max': ['low', 'medium', 'high', 'xhigh'],
	'gpt-5.2': ['none', 'low', 'medium', 'high', 'xhigh'], 'gpt-5.4': ['none', 'low', 'medium', 'high', 'xhigh'], 'gpt-5.2-pro': ['none', 'low', 'medium', 'high', 'xhigh'],
	'gpt-5.5': ['none', 'low', 'medium', 'high', 'xhigh'], 'gpt-5.6-sol': ['none', 'low', 'medium', 'high', 'xhigh', 'max'],
	'gpt-5.6-terra': ['none', 'low', 'medium', 'high', 'xhigh', 'max'], 'gpt-5.6-luna': ['none', 'low', 'medium', 'high', 'xhigh', 'max'],
	'gpt-6-astra': ['none', 'low', 'medium', 'high', 'xhigh'],
};

export const API_KEY = { 'api-key': KEY };
export const USER_INPUT = [{ role: 'user', content: [{ type: 'input_text', text: 'Hello there' }] }];

export function respV1(body: unknown, headers: Record<string, string> = API_KEY, query = ''): Req {
	return { path: `/openai/v1/responses${query}`, headers, body };
}
export function respDated(version: string | null, body: unknown, headers: Record<string, string> = API_KEY): Req {
	return { path: `/openai/responses${version === null ? '' : `?api-version=${version}`}`, headers, body };
}
export function chatV1(body: unknown): Req {
	return { path: '/openai/v1/chat/completions', headers: API_KEY, body };
}
/** A v1 Responses request to dep-FAMILY. */
export const resp = (family: string, extra: Record<string, unknown> = {}) => respV1({ model: `dep-${family}`, input: USER_INPUT, store: false, ...extra });
/** A v1 chat completions request to dep-FAMILY. */
export const chat = (family: string, extra: Record<string, unknown> = {}) => chatV1({ model: `dep-${family}`, messages: [{ role: 'user', content: 'Hello there' }], ...extra });

export const oai = (message: string, param: string | null, code: string | null) => ({ error: { message, type: 'invalid_request_error', param, code } });
export const azure = (code: string, message: string) => ({ error: { code, message } });
export const operationNotSupported = (operation: string, model: string) => azure('OperationNotSupported', `The ${operation} operation does not work with the specified model, ${model}. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993.`);
export const unknownParam = (p: string) => oai(`Unknown parameter: '${p}'.`, p, 'unknown_parameter');
export const unsupportedParam = (p: string) => oai(`Unsupported parameter: '${p}' is not supported with this model.`, p, 'unsupported_parameter');

/** The exact bodies quoted in the facts files, as strings (byte-for-byte). */
export const FACTS = {
	o3ProChat: '{"error":{"code":"OperationNotSupported","message":"The chatCompletion operation does not work with the specified model, o3-pro. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993."}}',
	astraMax: '{"error":{"message":"Unsupported value: \'reasoning_effort\' does not support \'max\' with this model. Supported values are: \'none\', \'low\', \'medium\', \'high\', and \'xhigh\'.","type":"invalid_request_error","param":"reasoning_effort","code":"unsupported_value"}}',
	gpt51Minimal: '{"error":{"message":"Unsupported value: \'minimal\' is not supported with the \'gpt-5.1\' model. Supported values are: \'none\', \'low\', \'medium\', and \'high\'.","type":"invalid_request_error","param":"reasoning.effort","code":"unsupported_value"}}',
	gpt51LaggingNone: '{"error":{"message":"Invalid value: \'none\'. Supported values are: \'low\', \'medium\', and \'high\'.","type":"invalid_request_error","param":"reasoning_effort","code":"invalid_value"}}',
	notFound: '{"error":{"code":"404","message":"Resource not found"}}',
	deploymentNotFound: '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}',
	unauthorized: '{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}',
	versionNotSupported: '{"error":{"code":"BadRequest","message":"API version not supported"}}',
	o3TooOld: '{"error":{"code":"BadRequest","message":"Model o3 is enabled only for api versions 2025-04-01-preview and later"}}',
	streamFalseOnly: '{"error":{"message":"Unsupported value: \'stream\' does not support true with this model. Supported values are: false.","type":"invalid_request_error","param":"stream","code":"unsupported_value"}}',
	temperatureOnly1: '{"error":{"message":"Unsupported value: \'temperature\' does not support 0.7 with this model. Only the default (1) value is supported.","type":"invalid_request_error","param":"temperature","code":"unsupported_value"}}',
	topP: '{"error":{"message":"Unsupported parameter: \'top_p\' is not supported with this model.","type":"invalid_request_error","param":"top_p","code":"unsupported_parameter"}}',
	temperatureAtAll: '{"error":{"message":"Unsupported parameter: \'temperature\' is not supported with this model.","type":"invalid_request_error","param":"temperature","code":"unsupported_parameter"}}',
};
