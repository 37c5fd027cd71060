// requestUrl over node:http / node:https: real HTTP, Obsidian's response shape and error rules.
import * as http from "node:http";
import * as https from "node:https";
import type { RequestUrlParam, RequestUrlResponse, RequestUrlResponsePromise } from "obsidian";

/**
 * Every call, in order, for tests and the demo to inspect. Credentials (`api-key`,
 * `authorization`) are recorded as `[redacted]`. Cleared by resetObsidianStandIn().
 */
export const requestUrlLog: { url: string; method: string; headers: Record<string, string>; body?: string }[] = [];

function loggedHeaders(headers: Record<string, string> | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(headers ?? {})) out[k] = /^(api-key|authorization)$/i.test(k) ? "[redacted]" : v;
	return out;
}

/** The error Obsidian rejects with for status >= 400 when `throw` is not false. */
export interface RequestUrlStatusError extends Error {
	status: number;
	headers: Record<string, string>;
}

const NET_ERRORS: Record<string, string> = {
	ECONNRESET: "net::ERR_CONNECTION_RESET",
	ECONNREFUSED: "net::ERR_CONNECTION_REFUSED",
	ENOTFOUND: "net::ERR_NAME_NOT_RESOLVED",
	EAI_AGAIN: "net::ERR_NAME_NOT_RESOLVED",
	ETIMEDOUT: "net::ERR_CONNECTION_TIMED_OUT",
	EPIPE: "net::ERR_CONNECTION_RESET",
};

/** Chromium-style message (as Obsidian desktop shows), keeping node's `code` and the original as `cause`. */
function networkError(err: NodeJS.ErrnoException): Error {
	const code = err.code ?? "";
	const e = new Error(NET_ERRORS[code] ?? `net::ERR_FAILED (${err.message})`) as NodeJS.ErrnoException & { cause?: unknown };
	e.code = err.code;
	e.cause = err;
	return e;
}

function responseOf(status: number, headers: Record<string, string>, body: Buffer): RequestUrlResponse {
	const arrayBuffer = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
	return {
		status,
		headers,
		arrayBuffer,
		get text(): string {
			return new TextDecoder().decode(arrayBuffer);
		},
		// Like Obsidian: parsed on access, so invalid JSON throws only when `json` is read.
		get json(): unknown {
			return JSON.parse(this.text) as unknown;
		},
	};
}

function bodyBuffer(body: RequestUrlParam["body"]): Buffer | undefined {
	if (body === undefined || body === null) return undefined;
	if (typeof body === "string") return Buffer.from(body, "utf8");
	// By tag, not instanceof: Obsidian and the plugin share one realm, so an ArrayBuffer from the
	// plugin is always "an ArrayBuffer" to it; main.js on the stand-in's mobile runs in a realm of its own.
	if (Object.prototype.toString.call(body) === "[object ArrayBuffer]") return Buffer.from(body as ArrayBuffer);
	// Obsidian's type allows only string | ArrayBuffer; a typed array is a plugin bug worth seeing.
	throw new TypeError(`requestUrl body must be a string or an ArrayBuffer, got ${Object.prototype.toString.call(body)}`);
}

function send(param: RequestUrlParam): Promise<RequestUrlResponse> {
	return new Promise<RequestUrlResponse>((resolve, reject) => {
		const url = new URL(param.url);
		const lib = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
		if (!lib) throw new Error(`requestUrl: unsupported protocol ${url.protocol}`);
		const headers: Record<string, string> = { ...(param.headers ?? {}) };
		if (param.contentType) {
			for (const k of Object.keys(headers)) if (k.toLowerCase() === "content-type") delete headers[k];
			headers["content-type"] = param.contentType;
		}
		const body = bodyBuffer(param.body);
		if (body) headers["content-length"] = String(body.byteLength);
		// agent: false → one connection per request, closed afterwards (no keep-alive sockets left open).
		const req = lib.request(url, { method: param.method ?? "GET", headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on("data", (c: Buffer) => chunks.push(c));
			res.on("error", (err) => reject(networkError(err)));
			res.on("end", () => {
				const out: Record<string, string> = {};
				for (const [k, v] of Object.entries(res.headers)) {
					if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
				}
				const status = res.statusCode ?? 0;
				if (status >= 400 && param.throw !== false) {
					const e = new Error(`Request failed, status ${status}`) as RequestUrlStatusError;
					e.status = status;
					e.headers = out;
					reject(e);
					return;
				}
				resolve(responseOf(status, out, Buffer.concat(chunks)));
			});
		});
		req.on("error", (err) => reject(networkError(err)));
		req.end(body);
	});
}

/** Similar to fetch(), without CORS; cannot be aborted and has no timeout (like Obsidian's). */
export function requestUrl(request: RequestUrlParam | string): RequestUrlResponsePromise {
	const param: RequestUrlParam = typeof request === "string" ? { url: request } : request;
	requestUrlLog.push({ url: param.url, method: param.method ?? "GET", headers: loggedHeaders(param.headers), ...(typeof param.body === "string" ? { body: param.body } : {}) });
	const promise = send(param) as RequestUrlResponsePromise;
	// Lazy, so that an unread `.json` does not become an unhandled rejection when the request fails.
	const lazy = <K extends "arrayBuffer" | "json" | "text">(key: K) => {
		let derived: Promise<RequestUrlResponse[K]> | undefined;
		Object.defineProperty(promise, key, {
			get: () => (derived ??= promise.then((r) => r[key])),
		});
	};
	lazy("arrayBuffer");
	lazy("json");
	lazy("text");
	return promise;
}
