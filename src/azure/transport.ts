/**
 * A `fetch` for the `openai` SDK over Obsidian's `requestUrl`: no CORS preflight (the SDK's
 * `x-stainless-*` headers are refused by some hosts in a browser), and it works on mobile.
 *
 * `requestUrl` cannot be aborted and has no timeout. So an aborted call rejects at once with an
 * `AbortError` (a plain Error, not a DOMException, which crosses realms badly under jest); its
 * late answer goes only to the call's `onLateResponse` (the client keeps it after a timeout,
 * drops it after a cancel).
 */

/** The part of Obsidian's `requestUrl` this adapter uses; injected so `azure/` never imports `obsidian`. */
export interface RequestUrlParamLike {
	url: string;
	method?: string;
	contentType?: string;
	body?: string | ArrayBuffer;
	headers?: Record<string, string>;
	throw?: boolean;
}

export interface RequestUrlResponseLike {
	status: number;
	headers: Record<string, string>;
	text: string;
}

export type RequestUrlFn = (param: RequestUrlParamLike) => Promise<RequestUrlResponseLike>;

/** What the last answer was, before the SDK interprets it; errors are explained from this. */
export interface SeenResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export function abortError(): Error {
	const err = new Error("The request was aborted.");
	err.name = "AbortError";
	return err;
}

/**
 * The only request headers that leave: what Azure needs (content type, accept, the key or the
 * bearer token) and the SDK's own `user-agent`, `idempotency-key` and `x-stainless-*`. Anything
 * else came from outside the plugin: the SDK adds every line of the `OPENAI_CUSTOM_HEADERS`
 * environment variable (Obsidian desktop exposes `process.env` to plugins) and cannot be told not to.
 */
const SENT_HEADERS = new Set(["accept", "content-type", "api-key", "authorization", "user-agent", "idempotency-key"]);

function isSentHeader(name: string): boolean {
	const n = name.toLowerCase();
	return SENT_HEADERS.has(n) || n.startsWith("x-stainless-");
}

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers) return out;
	// The SDK hands a Headers already: read it as it is rather than copy it first.
	(headers instanceof Headers ? headers : new Headers(headers)).forEach((value, key) => {
		if (isSentHeader(key)) out[key] = value;
	});
	return out;
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
	return out;
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/**
 * A per-call listener travels with the call as an extra `RequestInit` property (the SDK passes
 * a request's `fetchOptions` through to fetch), so one client can serve concurrent calls.
 */
export interface ResponseHooks {
	onAzureResponse?: (r: SeenResponse) => void;
	/** An answer that arrived after the call was aborted (requestUrl cannot be stopped). */
	onLateResponse?: (r: SeenResponse) => void;
}

/**
 * Builds the adapter. The call's own `onAzureResponse` receives every answer as it arrived
 * (status, headers, text), so failures can be explained from Azure's own words rather than the
 * SDK's summary.
 */
export function requestUrlFetch(requestUrl: RequestUrlFn): typeof fetch {
	const adapter: typeof fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
		const signal = init?.signal ?? undefined;
		if (signal?.aborted) throw abortError();
		const body = init?.body;
		if (body !== undefined && body !== null && typeof body !== "string") throw new TypeError("requestUrlFetch sends string bodies only");
		const pending = requestUrl({
			url,
			method: init?.method ?? "GET",
			headers: headerRecord(init?.headers),
			...(typeof body === "string" ? { body } : {}),
			throw: false,
		});
		const answer = await new Promise<RequestUrlResponseLike>((resolve, reject) => {
			const onAbort = () => reject(abortError());
			signal?.addEventListener("abort", onAbort, { once: true });
			pending.then(
				(r) => {
					signal?.removeEventListener("abort", onAbort);
					if (signal?.aborted) (init as ResponseHooks | undefined)?.onLateResponse?.({ status: r.status, headers: lowerKeys(r.headers ?? {}), body: r.text ?? "" });
					resolve(r);
				},
				(e: unknown) => {
					signal?.removeEventListener("abort", onAbort);
					reject(e instanceof Error ? e : new Error(String(e)));
				},
			);
		});
		const headers = lowerKeys(answer.headers ?? {});
		const text = answer.text ?? "";
		(init as ResponseHooks | undefined)?.onAzureResponse?.({ status: answer.status, headers, body: text });
		if (answer.status < 200 || answer.status > 599) throw new Error(`Unexpected HTTP status ${answer.status}`);
		return new Response(NULL_BODY_STATUS.has(answer.status) ? null : text, { status: answer.status, headers: safeHeaders(headers) });
	};
	return adapter;
}

function safeHeaders(headers: Record<string, string>): Headers {
	try {
		return new Headers(headers);
	} catch {
		// One of them cannot be held: take them one by one, leaving that one out.
	}
	const out = new Headers();
	for (const [k, v] of Object.entries(headers)) {
		try {
			out.set(k, v);
		} catch {
			// A header the Fetch standard forbids or cannot hold: the SDK does not need it.
		}
	}
	return out;
}
