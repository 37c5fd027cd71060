/**
 * Microsoft Entra ID sign-in through the OAuth 2.0 device authorization grant (RFC 8628), as
 * data in and out: the requests to send (form-encoded POSTs), and what each answer means.
 * Nothing here sends, waits or stores; azure/entraClient.ts does, over `requestUrl`.
 *
 * Flow: POST `{authority}/{tenant}/oauth2/v2.0/devicecode` → show the user code and the
 * verification address → poll `{authority}/{tenant}/oauth2/v2.0/token` every `interval`
 * seconds (+5 s after each `slow_down`, RFC 8628 §3.5) until success, denial or expiry →
 * keep the refresh token in secret storage and the access token in memory, refreshing it a
 * margin before it expires. What each outcome tells the user: core/entraWords.ts.
 */
import { isRecord } from "./record";
import { isLoopbackHost } from "./endpoint";

export const DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";
/** The Azure OpenAI resource scope, plus a refresh token. */
export const ENTRA_SCOPE = "https://cognitiveservices.azure.com/.default offline_access";
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** RFC 8628 §3.2: the polling interval when the server names none. */
export const DEFAULT_POLL_INTERVAL_S = 5;
/** RFC 8628 §3.5: what each `slow_down` adds to the interval, for that and every later poll. */
export const SLOW_DOWN_STEP_S = 5;
/** Refresh an access token this long before it expires. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface EntraConfig {
	/** Scheme and host, no path: https://login.microsoftonline.com, https://login.microsoftonline.us, ... */
	authorityHost: string;
	/** A directory (tenant) id or a verified domain. */
	tenant: string;
	/** The application (client) id of the user's own app registration. */
	clientId: string;
}

/** A form-encoded POST: `body` is `application/x-www-form-urlencoded`. */
export interface FormRequest {
	url: string;
	body: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Why the tenant cannot be used, or null when it is a GUID or a domain name. */
export function tenantProblem(tenant: string): string | null {
	const t = tenant.trim();
	if (t === "") return "Enter the directory (tenant) ID of your organisation, or its domain (contoso.onmicrosoft.com).";
	if (GUID.test(t) || DOMAIN.test(t)) return null;
	// A multi-tenant app registration signs work or school accounts in through "organizations".
	if (t.toLowerCase() === "organizations") return null;
	if (t.toLowerCase() === "common" || t.toLowerCase() === "consumers") return "Personal Microsoft accounts cannot use Azure OpenAI: use your organisation's tenant ID or domain, or \"organizations\".";
	return "The tenant must be a directory (tenant) ID such as 72f988bf-86f1-41af-91ab-2d7cd011db47, or a domain such as contoso.onmicrosoft.com.";
}

/** Why the client id cannot be used, or null when it is a GUID. */
export function clientIdProblem(clientId: string): string | null {
	const c = clientId.trim();
	if (c === "") return "Enter the application (client) ID of your app registration (Azure portal → App registrations → Overview).";
	return GUID.test(c) ? null : "The application (client) ID is a GUID such as 0a1b2c3d-4e5f-6789-abcd-ef0123456789.";
}

/**
 * The authority host, normalised to its origin; or why it cannot be used. https only, except
 * plain http on a loopback address (for local tests). No path, query or credentials.
 */
export function parseAuthorityHost(value: string): { ok: true; origin: string } | { ok: false; message: string } {
	const v = value.trim() === "" ? DEFAULT_AUTHORITY_HOST : value.trim();
	let url: URL;
	try {
		url = new URL(v);
	} catch {
		return { ok: false, message: `The sign-in authority must be an https address such as ${DEFAULT_AUTHORITY_HOST}.` };
	}
	const loopback = isLoopbackHost(url.hostname);
	if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) return { ok: false, message: `The sign-in authority must start with https:// (for example ${DEFAULT_AUTHORITY_HOST}).` };
	if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
		return { ok: false, message: `The sign-in authority is a host only, without a path: for example ${DEFAULT_AUTHORITY_HOST}.` };
	}
	return { ok: true, origin: url.origin };
}

function endpoint(cfg: EntraConfig, leaf: "devicecode" | "token"): string {
	const host = parseAuthorityHost(cfg.authorityHost);
	const origin = host.ok ? host.origin : DEFAULT_AUTHORITY_HOST;
	return `${origin}/${encodeURIComponent(cfg.tenant.trim())}/oauth2/v2.0/${leaf}`;
}

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

/** RFC 8628 §3.1: the device authorization request. */
export function deviceCodeRequest(cfg: EntraConfig): FormRequest {
	return { url: endpoint(cfg, "devicecode"), body: form({ client_id: cfg.clientId.trim(), scope: ENTRA_SCOPE }) };
}

/** RFC 8628 §3.4: one poll of the token endpoint. */
export function tokenPollRequest(cfg: EntraConfig, deviceCode: string): FormRequest {
	return { url: endpoint(cfg, "token"), body: form({ grant_type: DEVICE_CODE_GRANT, client_id: cfg.clientId.trim(), device_code: deviceCode }) };
}

/** RFC 6749 §6: a new access token from the refresh token. */
export function refreshRequest(cfg: EntraConfig, refreshToken: string): FormRequest {
	return { url: endpoint(cfg, "token"), body: form({ grant_type: "refresh_token", client_id: cfg.clientId.trim(), refresh_token: refreshToken, scope: ENTRA_SCOPE }) };
}

/** What the device authorization endpoint gave (RFC 8628 §3.2). */
export interface DeviceCode {
	deviceCode: string;
	userCode: string;
	verificationUri: string;
	expiresInS: number;
	intervalS: number;
}

export interface Tokens {
	accessToken: string;
	/** Absent when the server sent none (then sign-in lasts as long as the access token). */
	refreshToken: string | null;
	/** Epoch milliseconds. */
	expiresAt: number;
}

/** An OAuth error answer (RFC 6749 §5.2), its description kept for the user. */
export interface OAuthError {
	error: string;
	description: string;
}

function parseJson(text: string): Record<string, unknown> | null {
	try {
		const v: unknown = JSON.parse(text);
		return isRecord(v) ? v : null;
	} catch {
		return null;
	}
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const posNum = (v: unknown): number | null => {
	const n = typeof v === "string" ? Number(v) : v;
	return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : null;
};

/** The first line of Microsoft's `error_description` (its trace and correlation ids follow). */
function oauthError(json: Record<string, unknown> | null, status: number): OAuthError {
	const error = str(json?.error) ?? `http_${status}`;
	const description = (str(json?.error_description) ?? "").split(/\r?\n/)[0]?.trim() ?? "";
	return { error, description };
}

export type DeviceCodeResult = { ok: true; code: DeviceCode } | { ok: false; error: OAuthError };

export function readDeviceCodeResponse(status: number, text: string): DeviceCodeResult {
	const json = parseJson(text);
	if (status !== 200 || !json) return { ok: false, error: oauthError(json, status) };
	const deviceCode = str(json.device_code);
	const userCode = str(json.user_code);
	// Microsoft's v2.0 endpoint says `verification_uri`; its v1 endpoint said `verification_url`.
	const verificationUri = str(json.verification_uri) ?? str(json.verification_url);
	const expiresInS = posNum(json.expires_in);
	if (!deviceCode || !userCode || !verificationUri || !expiresInS) return { ok: false, error: { error: "invalid_response", description: "The sign-in service's answer lacked the code or the address." } };
	return { ok: true, code: { deviceCode, userCode, verificationUri, expiresInS, intervalS: posNum(json.interval) ?? DEFAULT_POLL_INTERVAL_S } };
}

function readTokens(json: Record<string, unknown>, now: number): Tokens | null {
	const accessToken = str(json.access_token);
	const type = str(json.token_type);
	if (!accessToken || (type !== null && type.toLowerCase() !== "bearer")) return null;
	const expiresInS = posNum(json.expires_in) ?? 3600;
	return { accessToken, refreshToken: str(json.refresh_token), expiresAt: now + expiresInS * 1000 };
}

export type PollOutcome =
	| { kind: "success"; tokens: Tokens }
	/** `authorization_pending`: keep polling at the same interval. */
	| { kind: "pending" }
	/** `slow_down`: keep polling, at `intervalS` (the old one + 5 s) from now on. */
	| { kind: "slow-down"; intervalS: number }
	/** `expired_token`: the code expired; start again for a new one. */
	| { kind: "expired" }
	/** `access_denied` (RFC 8628) or `authorization_declined` (Microsoft): the user said no. */
	| { kind: "denied" }
	| { kind: "error"; error: OAuthError };

/** RFC 8628 §3.5: what one poll's answer means. `intervalS` is the interval in use. */
export function classifyPoll(status: number, text: string, intervalS: number, now: number): PollOutcome {
	const json = parseJson(text);
	if (status === 200 && json) {
		const tokens = readTokens(json, now);
		return tokens ? { kind: "success", tokens } : { kind: "error", error: { error: "invalid_response", description: "The sign-in service's answer held no bearer token." } };
	}
	const err = oauthError(json, status);
	switch (err.error) {
		case "authorization_pending":
			return { kind: "pending" };
		case "slow_down":
			return { kind: "slow-down", intervalS: intervalS + SLOW_DOWN_STEP_S };
		case "expired_token":
			return { kind: "expired" };
		case "access_denied":
		case "authorization_declined":
			return { kind: "denied" };
		default:
			return { kind: "error", error: err };
	}
}

export type RefreshOutcome =
	| { kind: "success"; tokens: Tokens }
	/** `invalid_grant`: the refresh token was revoked, expired or belongs to another app: sign in again. */
	| { kind: "revoked"; error: OAuthError }
	| { kind: "error"; error: OAuthError };

export function classifyRefresh(status: number, text: string, now: number): RefreshOutcome {
	const json = parseJson(text);
	if (status === 200 && json) {
		const tokens = readTokens(json, now);
		if (tokens) return { kind: "success", tokens };
		return { kind: "error", error: { error: "invalid_response", description: "The sign-in service's answer held no bearer token." } };
	}
	const err = oauthError(json, status);
	return err.error === "invalid_grant" ? { kind: "revoked", error: err } : { kind: "error", error: err };
}

/** Whether an access token should be refreshed before use: expired, or within `marginMs` of it. */
export function needsRefresh(tokens: Pick<Tokens, "expiresAt"> | null, now: number, marginMs = REFRESH_MARGIN_MS): boolean {
	return tokens === null || now >= tokens.expiresAt - marginMs;
}

/**
 * Who an access token was issued to, for "Signed in as …": the `upn`, `preferred_username`,
 * `unique_name` or `email` claim of its payload. Read only for display; never verified or trusted.
 */
export function accountOfToken(token: string): string | null {
	const payload = token.split(".")[1];
	if (!payload) return null;
	try {
		const binary = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
		const claims = parseJson(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
		return [claims?.upn, claims?.preferred_username, claims?.unique_name, claims?.email].map(str).find((v) => v !== null) ?? null;
	} catch {
		return null;
	}
}
