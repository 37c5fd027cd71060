// Azure's error bodies (azure-reasoning-api.md §3, azure-responses-api.md §1, §4, §6), shared by both operations.
import type { EffortWording } from './types';

export interface Verdict {
	status: number;
	body: object;
}

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
 * 400 OperationNotSupported. Exact for chat completions on a Responses-only model (facts §1 of
 * azure-responses-api.md). INVENTED uses of the same body: gpt-5 families on the dated API (facts: "v1 only",
 * no body), and, with operation `responses`, o1-preview / o1-mini on the Responses API and gpt-5 families on
 * the dated Responses path (the most plausible: Azure's body for a model that cannot serve an operation,
 * the operation named as Azure would, lower case).
 */
export function operationNotSupported(modelName: string, operation: 'chatCompletion' | 'responses' = 'chatCompletion'): Verdict {
	return azureError(400, 'OperationNotSupported', `The ${operation} operation does not work with the specified model, ${modelName}. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993.`);
}

/** OpenAI's message for a body that is not JSON (not from the facts file). */
export const INVALID_JSON = oaiError("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)", null, null);

/** OpenAI's message when `model` is missing (v1 path). */
export const MISSING_MODEL = oaiError('you must provide a model parameter', null, null);

/** OpenAI's wording of a JSON value's type. */
export function typeName(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'an array';
	if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a decimal';
	if (typeof v === 'object') return 'an object';
	return `a ${typeof v}`;
}

export const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);
export const quoteList = (xs: readonly string[]) =>
	xs.length === 1 ? `'${xs[0]}'` : `${xs.slice(0, -1).map((x) => `'${x}'`).join(', ')}, and '${xs[xs.length - 1]}'`;

export function unsupportedParameter(p: string): Verdict {
	return oaiError(`Unsupported parameter: '${p}' is not supported with this model.`, p, 'unsupported_parameter');
}


/**
 * An effort outside the supported list, in one of the three wordings of facts §4 (see EffortWording).
 * `param` is `reasoning_effort` (chat completions) or `reasoning.effort` (Responses).
 */
export function effortRefusal(param: string, value: unknown, supported: readonly string[], modelName: string, wording: EffortWording): Verdict {
	const list = quoteList(supported);
	if (wording === 'invalid-value') return oaiError(`Invalid value: '${String(value)}'. Supported values are: ${list}.`, param, 'invalid_value');
	if (wording === 'model') return oaiError(`Unsupported value: '${String(value)}' is not supported with the '${modelName}' model. Supported values are: ${list}.`, param, 'unsupported_value');
	return oaiError(`Unsupported value: '${param}' does not support '${String(value)}' with this model. Supported values are: ${list}.`, param, 'unsupported_value');
}
