/**
 * Sends one built request to a deployment, without streaming: one POST of the built body as JSON
 * to the built URL (Chat Completions or Responses, dated or v1) over `requestUrl`, with no SDK.
 * A 2xx answer that is JSON is the result; anything else is explained from Azure's own answer.
 *
 * Retries: 429 and 5xx and
 * lost connections are retried up to `maxRetries` times, waiting `retry-after-ms`, else
 * `retry-after`, else a short backoff; a 4xx other than 429 never is. The timeout covers the
 * whole call, retries included. Cancel and timeout stop the wait at once; `requestUrl`
 * cannot be aborted: after a cancel its late answer is dropped, after a timeout it is handed to
 * `onLateAnswer` (the commands keep it in a new note).
 */
import { MAX_RETRY_WAIT_MS, redactSecrets, type Failure } from "../core/errors";
import type { BuiltRequest } from "../core/request";
import type { ReadyDeployment } from "../core/validate";
import { postText, type SeenResponse, type RequestUrlFn } from "./transport";

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

/** Waits `ms`, or less when `signal` aborts; never rejects. The batch waits with it too. */
export function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
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
 * The only headers a request carries: content type, accept and one credential. Key: `api-key`
 * (dated) or `Authorization: Bearer KEY` (v1); an Entra ID token: `Authorization: Bearer TOKEN`
 * on both. Nothing is read from the environment (Obsidian desktop exposes `process.env`).
 */
function requestHeaders(dep: Pick<ReadyDeployment, "apiStyle">, auth: Pick<SendOptions, "apiKey" | "bearerToken">): Record<string, string> {
	const common = { accept: "application/json", "content-type": "application/json" };
	if (auth.bearerToken !== undefined) return { ...common, authorization: `Bearer ${auth.bearerToken}` };
	if (dep.apiStyle === "v1") return { ...common, authorization: `Bearer ${auth.apiKey}` };
	return { ...common, "api-key": auth.apiKey };
}

/** A 2xx answer's JSON; undefined when it is not JSON (or not 2xx). */
function answerJson(r: SeenResponse): { json: unknown } | undefined {
	if (r.status < 200 || r.status > 299) return undefined;
	try {
		return { json: JSON.parse(r.body) };
	} catch {
		return undefined;
	}
}

/** What a non-JSON or non-2xx answer means, from Azure's own words. */
function answerFailure(c: SeenResponse, attempts: number, redact: (s: string) => string): Failure {
	if (c.status < 400) return { kind: "invalid-json", status: c.status, bodyStart: redact(c.body.slice(0, 200)) };
	// Only a wait the server asked for, never our own backoff, is reported as Azure's.
	const asked = serverWaitMs(c.headers);
	return {
		kind: "http",
		status: c.status,
		body: redact(c.body),
		attempts,
		...(c.headers["content-type"] ? { contentType: c.headers["content-type"] } : {}),
		...(asked !== null ? { retryAfterSeconds: asked / 1000 } : {}),
	};
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
	const onLateResponse = (r: SeenResponse) => {
		if (!timedOut || r.status !== 200 || !opts.onLateAnswer) return;
		const late = answerJson(r);
		if (late) opts.onLateAnswer(late.json);
	};
	const body = JSON.stringify(built.body);

	try {
		for (let attempt = 0; ; attempt++) {
			if (stop.signal.aborted) return result({ ok: false, failure: stopped() }, attempt);
			let seen: SeenResponse | undefined;
			let networkError: unknown;
			try {
				seen = await postText(opts.requestUrl, built.url, requestHeaders(dep, opts), body, { signal: stop.signal, onLateResponse });
			} catch (err) {
				if (stop.signal.aborted) return result({ ok: false, failure: stopped() }, attempt + 1);
				networkError = err;
			}
			const answer = seen && answerJson(seen);
			if (answer) return result({ ok: true, json: answer.json }, attempt + 1);
			const failure: Failure = seen ? answerFailure(seen, attempt + 1, redact) : { kind: "network", detail: redact(errorDetail(networkError)), attempts: attempt + 1 };
			if (!retryable(failure) || attempt >= opts.maxRetries) return result({ ok: false, failure }, attempt + 1);
			const waitMs = retryWaitMs(seen?.headers ?? {}, attempt);
			if (waitMs > MAX_RETRY_WAIT_MS || Date.now() + waitMs >= deadline) return result({ ok: false, failure }, attempt + 1);
			opts.onRetry?.({ attempt: attempt + 1, waitMs, status: seen?.status ?? null });
			await sleep(waitMs, stop.signal);
		}
	} finally {
		window.clearTimeout(timer);
		opts.signal?.removeEventListener("abort", onCancel);
	}
}
