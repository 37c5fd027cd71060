// Recording a request: path → API style, operation and deployment; auth classification; secrets scrubbed.
import type http from 'node:http';
import type { AuthKind, EmulatorOptions, RecordedRequest } from './types';

const DATED_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
const V1_PATH = '/openai/v1/chat/completions';
/** The Responses paths: the deployment is body.model on both (the SDK does not move /responses under /deployments/). */
const RESPONSES_DATED_PATH = '/openai/responses';
const RESPONSES_V1_PATH = '/openai/v1/responses';
export const REDACTED = '[redacted]';
/** Secrets shorter than this are not searched for outside their auth header (too many false hits). */
export const MIN_SECRET_LENGTH = 8;

function styleOf(rawPath: string): Pick<RecordedRequest, 'apiStyle' | 'operation'> {
if (DATED_PATH.test(rawPath)) return { apiStyle: 'dated', operation: 'chat-completions' };
if (rawPath === V1_PATH) return { apiStyle: 'v1', operation: 'chat-completions' };
if (rawPath === RESPONSES_DATED_PATH) return { apiStyle: 'dated', operation: 'responses' };
if (rawPath === RESPONSES_V1_PATH) return { apiStyle: 'v1', operation: 'responses' };
return { apiStyle: 'unknown', operation: 'unknown' };
}

export function recordRequest(req: http.IncomingMessage, raw: string, parsed: unknown, opts: EmulatorOptions): RecordedRequest {
	const url = req.url ?? '/';
	const q = url.indexOf('?');
	const rawPath = q < 0 ? url : url.slice(0, q);
	const rawQuery = Object.fromEntries(new URLSearchParams(q < 0 ? '' : url.slice(q + 1)));
	const leaks = new Set<string>();
	const secrets = [opts.apiKey, ...(opts.bearerTokens ?? [])].filter((s) => s.length >= MIN_SECRET_LENGTH);
	const scrub = (s: string, where: string): string => {
		let out = s;
		for (const secret of secrets) {
			if (out.includes(secret)) {
				out = out.split(secret).join(REDACTED);
				leaks.add(where);
			}
		}
		return out;
	};
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers)) {
		const value = Array.isArray(v) ? v.join(', ') : (v ?? '');
		if (k === 'api-key') headers[k] = REDACTED;
		else if (k === 'authorization') headers[k] = /^bearer\s/i.test(value) ? `Bearer ${REDACTED}` : REDACTED;
		else headers[k] = scrub(value, `header:${k}`);
	}
	const dated = DATED_PATH.exec(rawPath);
	const { apiStyle, operation } = styleOf(rawPath);
	let deployment: string | undefined;
	if (dated?.[1] !== undefined) {
		try {
			deployment = decodeURIComponent(dated[1]);
		} catch {
			deployment = dated[1];
		}
	} else if ((apiStyle === 'v1' || operation === 'responses') && typeof parsed === 'object' && parsed !== null) {
		const model = (parsed as Record<string, unknown>).model;
		if (typeof model === 'string') deployment = model;
	}
	const query: Record<string, string> = {};
	for (const [k, v] of Object.entries(rawQuery)) query[scrub(k, 'query')] = scrub(v, 'query');
	const rawBody = scrub(raw, 'body');
	let body = parsed;
	if (rawBody !== raw) {
		try {
			body = JSON.parse(rawBody);
		} catch {
			body = undefined;
		}
	}
	return {
		method: req.method ?? 'GET', path: scrub(rawPath, 'path'), query, headers, rawBody, body, apiStyle, operation,
		deployment: deployment === undefined ? undefined : scrub(deployment, 'path'),
		apiVersion: rawQuery['api-version'], auth: classifyAuth(req, opts), secretLeaks: [...leaks],
		status: 0, responseBody: '',
	};
}

export function classifyAuth(req: http.IncomingMessage, opts: EmulatorOptions): AuthKind {
	const apiKey = req.headers['api-key'];
	if (apiKey !== undefined) return apiKey === opts.apiKey ? 'api-key' : 'wrong';
	const authz = req.headers.authorization;
	if (authz === undefined) return 'none';
	const m = /^bearer\s+(.+)$/i.exec(authz.trim());
	if (!m) return 'wrong';
	if (m[1] === opts.apiKey) return 'bearer-key';
	return (opts.bearerTokens ?? []).includes(m[1] ?? '') ? 'bearer-token' : 'wrong';
}
