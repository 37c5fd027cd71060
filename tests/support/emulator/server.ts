// The emulator's HTTP server: records, applies scripted faults, else routes and validates like Azure.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compliantBody, faultAnswer, faultKind, json, type Answer } from './faults';
import { MIN_SECRET_LENGTH, REDACTED, recordRequest } from './request';
import { defaultAnswer, defaultSummary } from './responses';
import { validateRequest } from './routing';
import type { AnswerFn, EmulatedDeployment, EmulatorOptions, Fault, RecordedRequest, SummaryFn } from './types';

/**
 * A strict Azure OpenAI emulator on 127.0.0.1 (ephemeral port): chat completions as below, and the
 * Responses API (`POST /openai/v1/responses`, `POST /openai/responses?api-version=V`; checks and answer
 * shape in types.ts and routing.ts).
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
	private summaryFn: SummaryFn = defaultSummary;
	private responsesAvailable: boolean;
	private readonly sleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	private closing: Promise<void> | undefined;
	private readonly arrivalWaiters = new Set<() => void>();

	private constructor(private readonly server: http.Server, url: string, private readonly opts: EmulatorOptions) {
		this.url = url;
		this.responsesAvailable = opts.responsesAvailable ?? true;
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

	/**
	 * Ends every pending fault delay now, and the delayed requests are answered: a test holds a
	 * request with a long `delayMs` and lets it go when the user's side is done, without waiting on the clock.
	 */
	releaseDelays(): void {
		for (const s of this.sleeps) {
			clearTimeout(s.timer);
			s.resolve();
		}
		this.sleeps.clear();
	}

	/**
	 * Resolves once `n` requests have been recorded since the last reset (answered or not). Event
	 * driven, no polling: it works under a test's fake clock.
	 */
	whenRequests(n: number): Promise<RecordedRequest[]> {
		return new Promise((resolve) => {
			const check = () => {
				if (this.requests.length < n) return;
				this.arrivalWaiters.delete(check);
				resolve(this.requests);
			};
			this.arrivalWaiters.add(check);
			check();
		});
	}

	/** Sets the content generator of compliant completions (default: defaultAnswer). */
	setAnswer(fn: AnswerFn): void {
		this.answerFn = fn;
	}

	/** Sets the reasoning-summary generator of Responses answers (default: defaultSummary). */
	setSummary(fn: SummaryFn): void {
		this.summaryFn = fn;
	}

	/** Whether the region serves the Responses API (false: 404 Resource not found on both Responses paths). */
	setResponsesAvailable(available: boolean): void {
		this.responsesAvailable = available;
	}

	/** Adds a deployment, or replaces the one of the same name. */
	addDeployment(d: EmulatedDeployment): void {
		this.deployments.set(d.name, { ...d });
	}

	/** Clears recorded requests (the same array, emptied), scripted faults, the answer and summary functions. Deployments and responsesAvailable stay. */
	reset(): void {
		this.requests.length = 0;
		this.faults = [];
		this.answerFn = defaultAnswer;
		this.summaryFn = defaultSummary;
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
		const rec = recordRequest(req, raw, parsed, this.opts);
		this.requests.push(rec);
		for (const check of [...this.arrivalWaiters]) check();
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
			const answer = fault && kind && kind !== 'delay' ? faultAnswer(fault, kind, rec, parsed, this.depFor(rec), this.answerFn, this.summaryFn) : this.route(rec, parsed, isJson);
			Object.assign(answer.headers, fault?.headers);
			this.send(res, rec, answer, kind === 'drop-mid-body');
		} catch (e) {
			// An emulator bug or a throwing answer function / match: make it loud.
			this.send(res, rec, json(500, { error: { code: 'EmulatorError', message: String(e) } }), false);
		}
	}

	private route(rec: RecordedRequest, body: unknown, isJson: boolean): Answer {
		const v = validateRequest(rec, body, isJson, { deployments: this.deployments, responsesAvailable: this.responsesAvailable });
		if ('status' in v) return json(v.status, v.body);
		return json(200, compliantBody(rec, body, v, this.answerFn, this.summaryFn));
	}

	/** The deployment a fault answers for: the request's, else a stand-in of the chat family. */
	private depFor(rec: RecordedRequest): EmulatedDeployment {
		return this.deployments.get(rec.deployment ?? '') ?? { name: rec.deployment ?? '(none)', family: 'chat' };
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
