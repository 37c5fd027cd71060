/**
 * Sends one built request to a deployment, without streaming, on the operation it was built for
 * (`chat.completions.create` or `responses.create`): `AzureOpenAI` for the dated API, `OpenAI`
 * with the `/openai/v1` base URL for v1, both over `requestUrl`.
 *
 * Retries are ours, not the SDK's (it would also retry 408/409 and timeouts): 429 and 5xx and
 * lost connections are retried up to `maxRetries` times, waiting `retry-after-ms`, else
 * `retry-after`, else a short backoff; a 4xx other than 429 never is. The timeout covers the
 * whole call, retries included. Cancel and timeout stop the wait at once; `requestUrl`
 * cannot be aborted: after a cancel its late answer is dropped, after a timeout it is handed to
 * `onLateAnswer` (the commands keep it in a new note).
 */
import { AzureOpenAI, OpenAI } from "openai";
import { redactSecrets, type Failure } from "../core/errors";
import type { BuiltRequest } from "../core/request";
import type { ReadyDeployment } from "../core/validate";
import { requestUrlFetch, type ResponseHooks, type SeenResponse, type RequestUrlFn } from "./transport";

export interface SendOptions {
	requestUrl: RequestUrlFn;
	apiKey: string;
	/** A Microsoft Entra ID access token: sent as `Authorization: Bearer` instead of the key, on both API styles. */
	bearerToken?: string;
	timeoutMs: number;
	maxRetries: number;
	/** Aborting it cancels the call. */
	signal?: AbortSignal;
	/** Called before each retry with the wait chosen, e.g. to show "retrying in 4 s". */
	onRetry?: (info: { attempt: number; waitMs: number; status: number | null }) => void;
	/** Injected for tests of the retry schedule; defaults to setTimeout. */
	sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
	/**
	 * A successful answer that arrived after the call timed out (not after a cancel: the user
	 * asked to stop), so it need not be thrown away.
	 */
	onLateAnswer?: (json: unknown) => void;
}

export type SendResult =
	| { ok: true; json: unknown; attempts: number; elapsedMs: number }
	| { ok: false; failure: Failure; attempts: number; elapsedMs: number };

/** Longest wait between retries we accept from a server or our own backoff (a batch's too). */
export const MAX_RETRY_WAIT_MS = 60_000;

/** The wait the server asked for (`retry-after-ms`, else `retry-after` in seconds or as a date); null when it asked none that parses. */
export function serverWaitMs(headers: Record<string, string>, now = Date.now()): number | null {
	const ms = Number(headers["retry-after-ms"]);
	if (headers["retry-after-ms"] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
	const after = headers["retry-after"];
	if (after !== undefined) {
		const seconds = Number(after);
		if (after.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
		const date = Date.parse(after);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	return null;
}

/** The server's wait, else our backoff: 0.5 s, 1 s, 2 s … at most 8 s. */
export function retryWaitMs(headers: Record<string, string>, attempt: number, now = Date.now()): number {
	return serverWaitMs(headers, now) ?? Math.min(500 * 2 ** attempt, 8_000);
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const timer = window.setTimeout(done, ms);
		function done() {
			window.clearTimeout(timer);
			signal.removeEventListener("abort", done);
			resolve();
		}
		signal.addEventListener("abort", done, { once: true });
	});
}

/**
 * Clients are reused per deployment, key, transport and timeout (the key lives only in this
 * in-memory map, as it does in the client). A few deployments at most; the map is cleared when
 * it grows past that, so an edited deployment's old client does not linger.
 */
const clients = new Map<string, { requestUrl: RequestUrlFn; client: OpenAI }>();
const MAX_CLIENTS = 8;

/** Forgets every cached client (and the keys they hold); the plugin calls it on unload. */
export function clearClientCache(): void {
	clients.clear();
}

function clientFor(dep: ReadyDeployment, auth: Pick<SendOptions, "apiKey" | "bearerToken">, requestUrl: RequestUrlFn, timeoutMs: number): OpenAI {
	const id = JSON.stringify([dep.apiStyle, dep.endpoint, dep.deployment, dep.apiVersion, auth.apiKey, auth.bearerToken ?? null, timeoutMs]);
	const cached = clients.get(id);
	if (cached && cached.requestUrl === requestUrl) return cached.client;
	if (clients.size >= MAX_CLIENTS) clients.clear();
	const client = makeClient(dep, auth, requestUrlFetch(requestUrl), timeoutMs);
	clients.set(id, { requestUrl, client });
	return client;
}

/** The SDK's logger, silenced: with `OPENAI_LOG=debug` in the environment it would print every request and answer (the note's text) to the console. */
const SILENT = { error() {}, warn() {}, info() {}, debug() {} };

/**
 * Key: `api-key` (dated) or `Authorization: Bearer KEY` (v1). Entra ID: `Authorization: Bearer
 * TOKEN` on both, via `azureADTokenProvider` for the dated API (the SDK sends `api-key` for a
 * string `apiKey` there) and `apiKey` for v1 (the plain client sends it as a bearer token).
 *
 * Every option the SDK would otherwise read from `process.env` is passed explicitly (Obsidian
 * desktop exposes it to plugins): base URL, key (`null`, not undefined, beside a token provider:
 * undefined would pick up `AZURE_OPENAI_API_KEY` and make the SDK throw), api-version,
 * organization, project, admin key, webhook secret and log level. `OPENAI_CUSTOM_HEADERS` cannot
 * be turned off here: each request pins its own credential and content headers (pinnedHeaders),
 * and the transport sends only the headers it knows (transport.ts).
 */
function makeClient(dep: ReadyDeployment, opts: Pick<SendOptions, "apiKey" | "bearerToken">, fetchImpl: typeof fetch, timeoutMs: number): OpenAI {
	const common = {
		fetch: fetchImpl,
		maxRetries: 0,
		timeout: timeoutMs + 60_000,
		dangerouslyAllowBrowser: true,
		organization: null,
		project: null,
		adminAPIKey: null,
		webhookSecret: null,
		logLevel: "off" as const,
		logger: SILENT,
	};
	const token = opts.bearerToken;
	if (dep.apiStyle === "v1") return new OpenAI({ ...common, apiKey: token ?? opts.apiKey, baseURL: `${dep.endpoint}/openai/v1` });
	const auth = token !== undefined ? { azureADTokenProvider: () => Promise.resolve(token), apiKey: null as unknown as undefined } : { apiKey: opts.apiKey };
	return new AzureOpenAI({ ...common, ...auth, baseURL: `${dep.endpoint}/openai`, deployment: dep.deployment, apiVersion: dep.apiVersion ?? "" });
}

function errorDetail(err: unknown): string {
	if (err instanceof Error) {
		const cause = (err as { cause?: unknown }).cause;
		const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : "";
		return [err.message, cause instanceof Error ? cause.message : "", code].filter(Boolean).join(": ");
	}
	return String(err);
}

function retryable(failure: Failure): boolean {
	if (failure.kind === "http") return failure.status === 429 || failure.status >= 500;
	return failure.kind === "network";
}

/**
 * The headers every request carries whatever the environment says. The SDK applies
 * `OPENAI_CUSTOM_HEADERS` after its own auth headers, so a line there could replace the key with
 * another tool's credential (and send that credential to this endpoint); a request's own headers
 * come last of all, so they pin the one credential this deployment uses and drop the other.
 */
function pinnedHeaders(dep: Pick<ReadyDeployment, "apiStyle">, auth: Pick<SendOptions, "apiKey" | "bearerToken">): Record<string, string | null> {
	const common = { accept: "application/json", "content-type": "application/json" };
	if (auth.bearerToken !== undefined) return { ...common, authorization: `Bearer ${auth.bearerToken}`, "api-key": null };
	if (dep.apiStyle === "v1") return { ...common, authorization: `Bearer ${auth.apiKey}`, "api-key": null };
	return { ...common, "api-key": auth.apiKey, authorization: null };
}

/** One call on the built request's operation; the answer's JSON as Azure sent it. */
async function create(client: OpenAI, built: BuiltRequest, options: { signal: AbortSignal; fetchOptions: ResponseHooks; headers: Record<string, string | null> }): Promise<unknown> {
	const requestOptions = options as unknown as NonNullable<Parameters<typeof client.chat.completions.create>[1]>;
	if (built.operation === "responses") return client.responses.create(built.body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming, requestOptions);
	return client.chat.completions.create(built.body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming, requestOptions);
}

export async function sendRequest(dep: ReadyDeployment, built: BuiltRequest, opts: SendOptions): Promise<SendResult> {
	const started = Date.now();
	const deadline = started + opts.timeoutMs;
	const sleep = opts.sleep ?? defaultSleep;
	const stop = new AbortController();
	let timedOut = false;
	const timer = window.setTimeout(() => {
		timedOut = true;
		stop.abort();
	}, opts.timeoutMs);
	const onCancel = () => stop.abort();
	opts.signal?.addEventListener("abort", onCancel, { once: true });
	if (opts.signal?.aborted) stop.abort();

	const redact = (s: string) => redactSecrets(s, [opts.apiKey, opts.bearerToken]);
	const result = (r: { ok: true; json: unknown } | { ok: false; failure: Failure }, attempts: number): SendResult => ({ ...r, attempts, elapsedMs: Date.now() - started });
	const stopped = (): Failure => (timedOut ? { kind: "timeout", seconds: Math.round(opts.timeoutMs / 1000) } : { kind: "cancelled" });

	try {
		for (let attempt = 0; ; attempt++) {
			if (stop.signal.aborted) return result({ ok: false, failure: stopped() }, attempt);
			let seen: SeenResponse | undefined;
			const hooks: ResponseHooks = {
				onAzureResponse: (r) => (seen = r),
				onLateResponse: (r) => {
					if (!timedOut || r.status !== 200 || !opts.onLateAnswer) return;
					try {
						opts.onLateAnswer(JSON.parse(r.body));
					} catch {
						// Not JSON: nothing to keep.
					}
				},
			};
			let failure: Failure;
			try {
				// Inside the try: a client the SDK refuses to build is a failure to explain, not a rejection nobody sees.
				let client: OpenAI;
				try {
					client = clientFor(dep, opts, opts.requestUrl, opts.timeoutMs);
				} catch (err) {
					return result({ ok: false, failure: { kind: "client", detail: redact(errorDetail(err)) } }, attempt);
				}
				const json = await create(client, built, { signal: stop.signal, fetchOptions: hooks, headers: pinnedHeaders(dep, opts) });
				return result({ ok: true, json }, attempt + 1);
			} catch (err) {
				if (stop.signal.aborted) return result({ ok: false, failure: stopped() }, attempt + 1);
				const c = seen;
				if (c && c.status >= 400) {
					// Only a wait the server asked for, never our own backoff, is reported as Azure's.
					const asked = serverWaitMs(c.headers);
					failure = {
						kind: "http",
						status: c.status,
						body: redact(c.body),
						attempts: attempt + 1,
						...(c.headers["content-type"] ? { contentType: c.headers["content-type"] } : {}),
						...(asked !== null ? { retryAfterSeconds: asked / 1000 } : {}),
					};
				} else if (c) {
					failure = { kind: "invalid-json", status: c.status, bodyStart: redact(c.body.slice(0, 200)) };
				} else {
					failure = { kind: "network", detail: redact(errorDetail(err)), attempts: attempt + 1 };
				}
				if (!retryable(failure) || attempt >= opts.maxRetries) return result({ ok: false, failure }, attempt + 1);
				const waitMs = c ? retryWaitMs(c.headers, attempt) : retryWaitMs({}, attempt);
				if (waitMs > MAX_RETRY_WAIT_MS || Date.now() + waitMs >= deadline) return result({ ok: false, failure }, attempt + 1);
				opts.onRetry?.({ attempt: attempt + 1, waitMs, status: c?.status ?? null });
				await sleep(waitMs, stop.signal);
			}
		}
	} finally {
		window.clearTimeout(timer);
		opts.signal?.removeEventListener("abort", onCancel);
	}
}
