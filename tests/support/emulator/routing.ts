// The checks before an answer, for both operations (see AzureEmulator's doc and types.ts).
import {
	API_VERSION_NOT_SUPPORTED, DEPLOYMENT_NOT_FOUND, INVALID_JSON, KNOWN_API_VERSIONS, MISSING_MODEL, RESOURCE_NOT_FOUND,
	UNAUTHORIZED, V1_API_VERSION_REJECTED, V1_API_VERSIONS, checkFamilyVersion, compareApiVersions, oaiError,
	operationNotSupported, typeName, validateBody, type Verdict,
} from './rules';
import { FAMILY_RULES } from './modelTable';
import { validateResponsesBody } from './responsesRules';
import type { EmulatedDeployment, RecordedRequest } from './types';

/** The first dated api-version with the Responses API (facts §2). An older known version: 404, the route does not exist (CHOICE). */
export const RESPONSES_MIN_DATED_VERSION = '2025-03-01-preview';

export interface RouteContext {
	deployments: ReadonlyMap<string, EmulatedDeployment>;
	responsesAvailable: boolean;
}

/** `body.model` → the deployment (v1 chat completions, and Responses on both styles). */
function deploymentOfBody(body: unknown, ctx: RouteContext, forResponses: boolean): Verdict | EmulatedDeployment {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return forResponses
			? oaiError(`Invalid type for request body: expected an object, but got ${typeName(body)} instead.`, null, 'invalid_type') // INVENTED, as rules.ts
			: (validateBody(body, 'chat', undefined) ?? INVALID_JSON);
	}
	const model = (body as Record<string, unknown>).model;
	if (model === undefined || model === null) return MISSING_MODEL;
	if (typeof model !== 'string') return oaiError(`Invalid type for 'model': expected a string, but got ${typeName(model)} instead.`, 'model', 'invalid_type');
	return ctx.deployments.get(model) ?? DEPLOYMENT_NOT_FOUND;
}

/** Chat completions, steps 1-7 (unchanged), plus OperationNotSupported for Responses-only families. */
function validateChat(rec: RecordedRequest, body: unknown, isJson: boolean, ctx: RouteContext): Verdict | EmulatedDeployment {
	const chatOnly = (dep: EmulatedDeployment): Verdict | null =>
		FAMILY_RULES[dep.family].operations.includes('chat-completions') ? null : operationNotSupported(FAMILY_RULES[dep.family].modelName);
	if (rec.apiStyle === 'dated') {
		if (rec.apiVersion === undefined) return RESOURCE_NOT_FOUND;
		if (rec.auth !== 'api-key' && rec.auth !== 'bearer-token') return UNAUTHORIZED;
		if (!KNOWN_API_VERSIONS.includes(rec.apiVersion)) return API_VERSION_NOT_SUPPORTED;
		const dep = ctx.deployments.get(rec.deployment ?? '');
		if (!dep) return DEPLOYMENT_NOT_FOUND;
		const refused = chatOnly(dep) ?? checkFamilyVersion(dep.family, rec.apiVersion);
		if (refused) return refused;
		if (!isJson) return INVALID_JSON;
		return validateBody(body, dep.family, rec.apiVersion, dep) ?? dep;
	}
	if (rec.auth === 'none' || rec.auth === 'wrong') return UNAUTHORIZED;
	if (rec.apiVersion !== undefined && !V1_API_VERSIONS.includes(rec.apiVersion)) return V1_API_VERSION_REJECTED;
	if (!isJson) return INVALID_JSON;
	const dep = deploymentOfBody(body, ctx, false);
	if ('status' in dep) return dep;
	return chatOnly(dep) ?? validateBody(body, dep.family, undefined, dep) ?? dep;
}

/**
 * Responses: path, responsesAvailable (404 before auth, as a wrong path), auth, api-version (dated: known,
 * then ≥ 2025-03-01-preview else 404; v1: none, v1, preview), JSON, model → deployment, the family's
 * operations (o1-preview / o1-mini: OperationNotSupported "responses"), the dated minimum, the body.
 */
function validateResponses(rec: RecordedRequest, body: unknown, isJson: boolean, ctx: RouteContext): Verdict | EmulatedDeployment {
	if (!ctx.responsesAvailable) return RESOURCE_NOT_FOUND;
	if (rec.apiStyle === 'dated') {
		if (rec.apiVersion === undefined) return RESOURCE_NOT_FOUND;
		if (rec.auth !== 'api-key' && rec.auth !== 'bearer-token') return UNAUTHORIZED;
		if (!KNOWN_API_VERSIONS.includes(rec.apiVersion)) return API_VERSION_NOT_SUPPORTED;
		if (compareApiVersions(rec.apiVersion, RESPONSES_MIN_DATED_VERSION) < 0) return RESOURCE_NOT_FOUND;
	} else {
		if (rec.auth === 'none' || rec.auth === 'wrong') return UNAUTHORIZED;
		if (rec.apiVersion !== undefined && !V1_API_VERSIONS.includes(rec.apiVersion)) return V1_API_VERSION_REJECTED;
	}
	if (!isJson) return INVALID_JSON;
	const dep = deploymentOfBody(body, ctx, true);
	if ('status' in dep) return dep;
	const rules = FAMILY_RULES[dep.family];
	if (!rules.operations.includes('responses')) return operationNotSupported(rules.modelName, 'responses');
	if (rec.apiStyle === 'dated') {
		const refused = checkFamilyVersion(dep.family, rec.apiVersion ?? '', 'responses');
		if (refused) return refused;
	}
	return validateResponsesBody(body as Record<string, unknown>, dep) ?? dep;
}

/** A compliant request's deployment, or the verdict that refuses it. */
export function validateRequest(rec: RecordedRequest, body: unknown, isJson: boolean, ctx: RouteContext): Verdict | EmulatedDeployment {
	if (rec.method !== 'POST' || rec.operation === 'unknown') return RESOURCE_NOT_FOUND;
	return rec.operation === 'responses' ? validateResponses(rec, body, isJson, ctx) : validateChat(rec, body, isJson, ctx);
}
