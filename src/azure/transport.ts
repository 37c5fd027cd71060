/**
 * One POST over Obsidian's `requestUrl` (no CORS preflight; works on mobile), with `throw: false`
 * so 4xx/5xx answers come back with their body.
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

/** An answer as it arrived: status, lower-cased headers, text. */
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

function lowerKeys(headers: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
	return out;
}

export interface PostOptions {
	signal?: AbortSignal;
	/** An answer that arrived after the call was aborted (requestUrl cannot be stopped). */
	onLateResponse?: (r: SeenResponse) => void;
}

/**
 * POSTs `body` with exactly `headers`. Resolves with the answer whatever its status; rejects
 * with an `AbortError` when `signal` aborts first, or with the network error.
 */
export async function postText(requestUrl: RequestUrlFn, url: string, headers: Record<string, string>, body: string, opts: PostOptions = {}): Promise<SeenResponse> {
	const { signal } = opts;
	if (signal?.aborted) throw abortError();
	const pending = requestUrl({ url, method: "POST", headers, body, throw: false });
	const answer = await new Promise<RequestUrlResponseLike>((resolve, reject) => {
		const onAbort = () => reject(abortError());
		signal?.addEventListener("abort", onAbort, { once: true });
		pending.then(
			(r) => {
				signal?.removeEventListener("abort", onAbort);
				if (signal?.aborted) opts.onLateResponse?.({ status: r.status, headers: lowerKeys(r.headers ?? {}), body: r.text ?? "" });
				resolve(r);
			},
			(e: unknown) => {
				signal?.removeEventListener("abort", onAbort);
				reject(e instanceof Error ? e : new Error(String(e)));
			},
		);
	});
	return { status: answer.status, headers: lowerKeys(answer.headers ?? {}), body: answer.text ?? "" };
}
