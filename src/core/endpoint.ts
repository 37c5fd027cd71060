/**
 * Reading what the user typed or pasted as an endpoint: a resource URL
 * (`https://RES.openai.azure.com`), a gateway URL with a path prefix, or the full target
 * URI that the Azure portal shows
 * (`https://RES.openai.azure.com/openai/deployments/NAME/chat/completions?api-version=V`,
 * or `https://RES.openai.azure.com/openai/v1/chat/completions`).
 */
import type { ApiStyle } from "./families";

export interface ParsedEndpoint {
	/** scheme://host[:port][/gateway-prefix], without `/openai/...` and without a trailing slash. */
	base: string;
	protocol: "http:" | "https:";
	host: string;
	/** What a pasted target URI said, when it said it. */
	fromUri: { apiStyle?: ApiStyle; deployment?: string; apiVersion?: string };
	/** True when the input held more than the base (a path into the API or a query). */
	hadExtra: boolean;
}

export type EndpointProblem = "empty" | "not-a-url" | "no-scheme" | "bad-scheme";

const AZURE_HOST_SUFFIXES = [
	".openai.azure.com",
	".cognitiveservices.azure.com",
	".services.ai.azure.com",
	".openai.azure.us",
	".cognitiveservices.azure.us",
	".openai.azure.cn",
	".cognitiveservices.azure.cn",
];

export function isAzureHost(host: string): boolean {
	const h = host.toLowerCase();
	return AZURE_HOST_SUFFIXES.some((s) => h.endsWith(s) && h.length > s.length);
}

export function isLoopbackHost(host: string): boolean {
	const h = host.toLowerCase().replace(/^\[|\]$/g, "");
	return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** decodeURIComponent that keeps the raw text when an escape is malformed (`%E0%A4%A`). */
function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** The last input and what it gave: every command validates its deployment, and so reads the same endpoint again. */
let last: { input: string; result: Readonly<ParsedEndpoint> | EndpointProblem } | null = null;

/** What `input` says (frozen: the same object is given for the same input, so nobody may change it). */
export function parseEndpoint(input: string): Readonly<ParsedEndpoint> | EndpointProblem {
	if (last?.input === input) return last.result;
	const result = parse(input);
	if (typeof result !== "string") Object.freeze(Object.freeze(result).fromUri);
	last = { input, result };
	return result;
}

function parse(input: string): ParsedEndpoint | EndpointProblem {
	const text = input.trim();
	if (text === "") return "empty";
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return "no-scheme";
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return "not-a-url";
	}
	if (url.protocol !== "https:" && url.protocol !== "http:") return "bad-scheme";
	if (url.hostname === "") return "not-a-url";

	const fromUri: ParsedEndpoint["fromUri"] = {};
	let path = url.pathname.replace(/\/+$/, "");
	const openaiAt = path.search(/\/openai(\/|$)/i);
	if (openaiAt >= 0) {
		const rest = path.slice(openaiAt + "/openai".length);
		path = path.slice(0, openaiAt);
		const dated = /^\/deployments\/([^/]+)/i.exec(rest);
		if (dated?.[1]) {
			fromUri.apiStyle = "dated";
			fromUri.deployment = safeDecode(dated[1]);
		} else if (/^\/v1(\/|$)/i.test(rest)) {
			fromUri.apiStyle = "v1";
		}
	}
	const version = url.searchParams.get("api-version");
	if (version) {
		if (version.toLowerCase() === "v1" || version.toLowerCase() === "preview") fromUri.apiStyle = "v1";
		else fromUri.apiVersion = version;
	}
	const base = `${url.protocol}//${url.host}${path}`;
	const hadExtra = url.search !== "" || url.hash !== "" || openaiAt >= 0;
	return { base, protocol: url.protocol, host: url.hostname, fromUri, hadExtra };
}
