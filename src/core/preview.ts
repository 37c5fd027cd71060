/**
 * A request as it would go out, for the user to read: method, URL, headers and body, with the
 * credentials redacted. The request itself is recorded where it leaves the client (see
 * ui/commands/preview.ts), so the preview is what would be sent, not a second rendering of it.
 */
import { redactSecrets } from "./errors";

export interface RecordedRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: string;
}

export interface RequestPreview {
	method: string;
	url: string;
	/** Lower-cased names, sorted; credentials replaced by `[redacted]`. */
	headers: [string, string][];
	/** The body pretty-printed when it is JSON, else as sent. */
	body: string;
}

export const REDACTED = "[redacted]";

/** Headers whose whole value is a credential (the scheme of `authorization` is kept). */
function redactHeader(name: string, value: string): string {
	if (name === "api-key") return REDACTED;
	if (name === "authorization") {
		const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
		return scheme ? `${scheme} ${REDACTED}` : REDACTED;
	}
	return value;
}

function prettyBody(body: string): string {
	try {
		return JSON.stringify(JSON.parse(body), null, 2);
	} catch {
		return body;
	}
}

export function redactRequest(req: RecordedRequest, secrets: readonly (string | null | undefined)[]): RequestPreview {
	const r = (s: string) => redactSecrets(s, secrets);
	const headers = Object.entries(req.headers)
		.map(([k, v]): [string, string] => [k.toLowerCase(), r(redactHeader(k.toLowerCase(), v))])
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return { method: req.method.toUpperCase(), url: r(req.url), headers, body: r(prettyBody(req.body)) };
}

/** The preview as one text: the request line, the headers, a blank line, the body (HTTP's own layout). */
export function previewText(p: RequestPreview): string {
	return [`${p.method} ${p.url}`, ...p.headers.map(([k, v]) => `${k}: ${v}`), "", p.body].join("\n");
}
