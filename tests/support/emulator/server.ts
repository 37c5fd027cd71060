// The emulator's HTTP server: records, applies scripted faults, else routes and validates like Azure.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	API_VERSION_NOT_SUPPORTED, DEPLOYMENT_NOT_FOUND, INVALID_JSON, KNOWN_API_VERSIONS, MISSING_MODEL, RESOURCE_NOT_FOUND,
	UNAUTHORIZED, V1_API_VERSION_REJECTED, V1_API_VERSIONS, checkFamilyVersion, oaiError, typeName, validateBody,
	type Verdict,
} from './rules';
import {
	budgetedCompletion, defaultAnswer, exhaustedCompletion, filteredPromptBody, htmlErrorPage, noChoicesCompletion,
	plainCompletion, rateLimitBody,
} from './responses';
import type {
	AnswerFn, AuthKind, EmulatedDeployment, EmulatorOptions, Fault, FaultKind, RecordedRequest,
} from './types';

const DATED_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
const V1_PATH = '/openai/v1/chat/completions';
const REDACTED = '[redacted]';
/** Secrets shorter than this are not searched for outside their auth header (too many false hits). */
const MIN_SECRET_LENGTH = 8;

interface Answer {
	status: number;
	body: string;
	headers: Record<string, string>;
}

const json = (status: number, body: object): Answer => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const fromVerdict = (v: Verdict): Answer => json(v.status, v.body);

function faultKind(f: Fault): FaultKind {
	if (f.drop) return f.drop === 'mid-body' ? 'drop-mid-body' : 'drop-before-response';
	if (f.html) return 'html';
	if (f.invalidJson) return 'invalid-json';
	if (f.rateLimit) return 'rate-limit';
	if (f.filteredPrompt) return 'filtered-prompt';
	if (f.filteredOutput) return 'filtered-output';
	if (f.exhaustBudget) return 'exhaust-budget';
	if (f.noChoices) return 'no-choices';
	if (f.content !== undefined) return 'content';
	if (f.status !== undefined || f.body !== undefined) return 'raw';
	return 'delay';
}

/**
 * A strict Azure OpenAI chat-completions emulator on 127.0.0.1 (ephemeral port).
 *
 * Each request is recorded first, then the first matching scripted fault answers it; otherwise it is
 * checked in this order, each failure answered with Azure's status and body (facts file §3):
 * 1. path & method: `POST /openai/deployments/{name}/chat/completions?api-version=V` (dated) or
 *    `POST /openai/v1/chat/completions` (v1, deployment = body.model); anything else, or dated without
 *    `api-version`, → 404 Resource not found (no trailing-slash or `//` leniency);
 * 2. auth → 401 (dated: `api-key` or an Entra bearer token, NOT `Bearer KEY`; v1: any of the three);
 * 3. api-version → 400 (dated: one of KNOWN_API_VERSIONS; v1: none, `v1` or `preview`);
 * 4. deployment → 404 DeploymentNotFound (v1: a body that is not JSON → 400 first, no `model` → 400);
 * 5. dated: the family's minimum api-version → 400 `Model X is enabled only for api versions MIN and later`
 *    (gpt-5 → 400 OperationNotSupported);
 * 6-7. the body (rules.ts validateBody);
 * 8. 200 with the success shape (responses.ts budgetedCompletion), content from the answer function.
 * Responses carry `apim-request-id` and `x-request-id`. OPTIONS (CORS preflight) is not emulated: 404.
 */
export class AzureEmulator {
	/** 'http://127.0.0.1:PORT': the "endpoint" a deployment setting holds. */
	readonly url: string;
	/** Every request, in order, with what was answered (status 0 until answered). */
	readonly requests: RecordedRequest[] = [];
	private readonly deployments = new Map<string, EmulatedDeployment>();
	private faults: Array<{ fault: Fault; remaining: number }> = [];
	private answerFn: AnswerFn = defaultAnswer;
	private readonly sleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	private closing: Promise<void> | undefined;

	private constructor(private readonly server: http.Server, url: string, private readonly opts: EmulatorOptions) {
		this.url = url;
		for (const d of opts.deployments) this.addDeployment(d);
	}

	/** Starts listening on 127.0.0.1, port 0 (ephemeral). */
	static async start(opts: EmulatorOptions): Promise<AzureEmulator> {
		const server = http.createServer();
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		const { port } = server.address() as AddressInfo;
		const emulator = new AzureEmulator(server, `http://127.0.0.1:${port}`, opts);
		server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => void emulator.handle(req, res));
		return emulator;
	}

	/** Queues faults (FIFO); each answers the next `times` (default 1) requests it matches. */
	script(...faults: Fault[]): void {
		for (const fault of faults) {
			const remaining = fault.times ?? 1;
			if (remaining > 0) this.faults.push({ fault, remaining });
		}
	}

	/** Scripted faults not yet used up. */
	get pendingFaults(): number {
		return this.faults.length;
	}

	/** Fault delays still waiting (close() cancels them). */
	get pendingDelays(): number {
		return this.sleeps.size;
	}

	/** Sets the content generator of compliant completions (default: defaultAnswer). */
	setAnswer(fn: AnswerFn): void {
		this.answerFn = fn;
	}

	/** Adds a deployment, or replaces the one of the same name. */
	addDeployment(d: EmulatedDeployment): void {
		this.deployments.set(d.name, { ...d });
	}

	/** Clears recorded requests (the same array, emptied), scripted faults and the answer function. Deployments stay. */
	reset(): void {
		this.requests.length = 0;
		this.faults = [];
		this.answerFn = defaultAnswer;
	}

	/** Cancels pending fault delays, closes every connection, then the server. Idempotent. */
	close(): Promise<void> {
		if (!this.closing) {
			for (const s of this.sleeps) {
				clearTimeout(s.timer);
				s.resolve();
			}
			this.sleeps.clear();
			this.server.closeAllConnections();
			this.closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
		}
		return this.closing;
	}

	private sleep(ms: number): Promise<void> {
		return new Promise<void>((resolve) => {
			const entry = { timer: setTimeout(() => { this.sleeps.delete(entry); resolve(); }, ms), resolve };
			this.sleeps.add(entry);
		});
	}

	private takeFault(rec: RecordedRequest): Fault | undefined {
		const i = this.faults.findIndex((q) => !q.fault.match || q.fault.match(rec));
		const entry = this.faults[i];
		if (!entry) return undefined;
		if (--entry.remaining <= 0) this.faults.splice(i, 1);
		return entry.fault;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		try {
			for await (const chunk of req) chunks.push(chunk as Buffer);
		} catch {
			return; // the client went away
		}
		const raw = Buffer.concat(chunks).toString('utf8');
		let parsed: unknown;
		let isJson = false;
		try {
			parsed = JSON.parse(raw);
			isJson = true;
		} catch {
			parsed = undefined;
		}
		const rec = this.record(req, raw, parsed);
		this.requests.push(rec);
		try {
			const fault = this.takeFault(rec);
			if (fault?.delayMs) await this.sleep(fault.delayMs);
			if (this.closing) {
				req.socket.destroy();
				return;
			}
			const kind = fault ? faultKind(fault) : undefined;
			if (kind) rec.fault = kind;
			if (kind === 'drop-before-response') {
				req.socket.destroy();
				return;
			}
			const answer = fault && kind && kind !== 'delay' ? this.faultAnswer(fault, kind, rec, parsed) : this.route(rec, parsed, isJson);
			Object.assign(answer.headers, fault?.headers);
			this.send(res, rec, answer, kind === 'drop-mid-body');
		} catch (e) {
			// An emulator bug or a throwing answer function / match: make it loud.
			this.send(res, rec, json(500, { error: { code: 'EmulatorError', message: String(e) } }), false);
		}
	}

	private record(req: http.IncomingMessage, raw: string, parsed: unknown): RecordedRequest {
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		const rawPath = q < 0 ? url : url.slice(0, q);
		const rawQuery = Object.fromEntries(new URLSearchParams(q < 0 ? '' : url.slice(q + 1)));
		const leaks = new Set<string>();
		const secrets = [this.opts.apiKey, ...(this.opts.bearerTokens ?? [])].filter((s) => s.length >= MIN_SECRET_LENGTH);
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
		const apiStyle = dated ? 'dated' : rawPath === V1_PATH ? 'v1' : 'unknown';
		let deployment: string | undefined;
		if (dated?.[1] !== undefined) {
			try {
				deployment = decodeURIComponent(dated[1]);
			} catch {
				deployment = dated[1];
			}
		} else if (apiStyle === 'v1' && typeof parsed === 'object' && parsed !== null) {
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
			method: req.method ?? 'GET', path: scrub(rawPath, 'path'), query, headers, rawBody, body, apiStyle,
			deployment: deployment === undefined ? undefined : scrub(deployment, 'path'),
			apiVersion: rawQuery['api-version'], auth: this.classifyAuth(req), secretLeaks: [...leaks],
			status: 0, responseBody: '',
		};
	}

	private classifyAuth(req: http.IncomingMessage): AuthKind {
		const apiKey = req.headers['api-key'];
		if (apiKey !== undefined) return apiKey === this.opts.apiKey ? 'api-key' : 'wrong';
		const authz = req.headers.authorization;
		if (authz === undefined) return 'none';
		const m = /^bearer\s+(.+)$/i.exec(authz.trim());
		if (!m) return 'wrong';
		if (m[1] === this.opts.apiKey) return 'bearer-key';
		return (this.opts.bearerTokens ?? []).includes(m[1] ?? '') ? 'bearer-token' : 'wrong';
	}

	/** The checks of steps 1-7; a deployment when the request is compliant. */
	private validate(rec: RecordedRequest, body: unknown, isJson: boolean): Verdict | EmulatedDeployment {
		if (rec.method !== 'POST' || rec.apiStyle === 'unknown') return RESOURCE_NOT_FOUND;
		if (rec.apiStyle === 'dated') {
			if (rec.apiVersion === undefined) return RESOURCE_NOT_FOUND;
			if (rec.auth !== 'api-key' && rec.auth !== 'bearer-token') return UNAUTHORIZED;
			if (!KNOWN_API_VERSIONS.includes(rec.apiVersion)) return API_VERSION_NOT_SUPPORTED;
			const dep = this.deployments.get(rec.deployment ?? '');
			if (!dep) return DEPLOYMENT_NOT_FOUND;
			const tooOld = checkFamilyVersion(dep.family, rec.apiVersion);
			if (tooOld) return tooOld;
			if (!isJson) return INVALID_JSON;
			return validateBody(body, dep.family, rec.apiVersion) ?? dep;
		}
		if (rec.auth === 'none' || rec.auth === 'wrong') return UNAUTHORIZED;
		if (rec.apiVersion !== undefined && !V1_API_VERSIONS.includes(rec.apiVersion)) return V1_API_VERSION_REJECTED;
		if (!isJson) return INVALID_JSON;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) return validateBody(body, 'chat', undefined) ?? INVALID_JSON;
		const model = (body as Record<string, unknown>).model;
		if (model === undefined || model === null) return MISSING_MODEL;
		if (typeof model !== 'string') return oaiError(`Invalid type for 'model': expected a string, but got ${typeName(model)} instead.`, 'model', 'invalid_type');
		const dep = this.deployments.get(model);
		if (!dep) return DEPLOYMENT_NOT_FOUND;
		return validateBody(body, dep.family, undefined) ?? dep;
	}

	private route(rec: RecordedRequest, body: unknown, isJson: boolean): Answer {
		const v = this.validate(rec, body, isJson);
		if ('status' in v) return fromVerdict(v);
		return json(200, budgetedCompletion(body, v, this.answerFn(body, v)));
	}

	/** The deployment a fault answers for: the request's, else a stand-in of the chat family. */
	private depFor(rec: RecordedRequest): EmulatedDeployment {
		return this.deployments.get(rec.deployment ?? '') ?? { name: rec.deployment ?? '(none)', family: 'chat' };
	}

	private faultAnswer(f: Fault, kind: FaultKind, rec: RecordedRequest, body: unknown): Answer {
		const dep = this.depFor(rec);
		const compliant = () => JSON.stringify(budgetedCompletion(body, dep, this.answerFn(body, dep)));
		switch (kind) {
			case 'drop-mid-body':
				return { status: f.status ?? 200, body: typeof f.body === 'string' ? f.body : f.body ? JSON.stringify(f.body) : compliant(), headers: { 'content-type': 'application/json' } };
			case 'html':
				return { status: f.status ?? 502, body: htmlErrorPage(f.status ?? 502), headers: { 'content-type': 'text/html; charset=utf-8' } };
			case 'invalid-json': {
				const full = compliant();
				return { status: 200, body: full.slice(0, Math.floor(full.length / 2)), headers: { 'content-type': 'application/json' } };
			}
			case 'rate-limit': {
				const { retryAfterSeconds, retryAfterMs } = f.rateLimit ?? {};
				const seconds = retryAfterSeconds === undefined ? (typeof retryAfterMs === 'number' ? Math.ceil(retryAfterMs / 1000) : 60) : retryAfterSeconds;
				const ms = retryAfterMs === undefined ? (typeof seconds === 'number' ? seconds * 1000 : null) : retryAfterMs;
				const answer = json(429, rateLimitBody(rec.apiStyle === 'dated' ? (rec.apiVersion ?? '') : 'v1', seconds ?? Math.ceil((ms ?? 60000) / 1000)));
				if (seconds !== null) answer.headers['retry-after'] = String(seconds);
				if (ms !== null) answer.headers['retry-after-ms'] = String(ms);
				return answer;
			}
			case 'filtered-prompt':
				return json(400, filteredPromptBody(f.filteredPrompt?.category ?? 'violence', f.filteredPrompt?.severity));
			case 'filtered-output':
				return json(200, plainCompletion(body, dep, f.content ?? '', f.filteredOutput?.category ?? 'violence'));
			case 'exhaust-budget':
				return json(200, exhaustedCompletion(body, dep));
			case 'no-choices':
				return json(200, noChoicesCompletion(body, dep));
			case 'content':
				return json(200, plainCompletion(body, dep, f.content ?? ''));
			default: // raw
				return { status: f.status ?? 200, body: typeof f.body === 'string' ? f.body : f.body ? JSON.stringify(f.body) : '', headers: { 'content-type': 'application/json' } };
		}
	}

	private send(res: http.ServerResponse, rec: RecordedRequest, answer: Answer, dropMidBody: boolean): void {
		// The key is never echoed: scrub the answer as the record was scrubbed.
		let body = answer.body;
		for (const s of [this.opts.apiKey, ...(this.opts.bearerTokens ?? [])]) if (s.length >= MIN_SECRET_LENGTH) body = body.split(s).join(REDACTED);
		const id = randomUUID();
		const headers = {
			'apim-request-id': id, 'x-request-id': id, 'x-ms-region': 'Emulated', ...answer.headers,
			'content-length': String(Buffer.byteLength(body)),
		};
		rec.status = answer.status;
		if (!dropMidBody) {
			rec.responseBody = body;
			res.writeHead(answer.status, headers);
			res.end(body);
			return;
		}
		const half = body.slice(0, Math.floor(body.length / 2));
		rec.responseBody = half;
		res.writeHead(answer.status, headers);
		res.write(half, () => res.socket?.destroy());
	}
}
