/**
 * A loopback emulator of Microsoft Entra ID's v2.0 device-code and token endpoints for tests:
 * a real `node:http` server on 127.0.0.1 that answers like login.microsoftonline.com.
 *
 * ```ts
 * const entra = await EntraEmulator.start({ tenant: TENANT, clientId: CLIENT });
 * entra.scriptPolls('authorization_pending', 'slow_down', 'success');
 * // authority host: entra.url
 * entra.revokeRefreshTokens();   // the next refresh answers invalid_grant
 * ```
 * Every access token it issues is in `issuedAccessTokens` (give them to the Azure emulator's
 * `bearerTokens`); each refresh rotates the refresh token and issues a new access token.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type PollState = "authorization_pending" | "slow_down" | "expired_token" | "access_denied" | "authorization_declined" | "success";

export interface EntraEmulatorOptions {
	tenant: string;
	clientId: string;
	/** Seconds, sent as `interval` (default 5; null omits it). */
	interval?: number | null;
	/** Seconds, the device code's life (default 900). */
	expiresIn?: number;
	/** Seconds, the access tokens' life (default 3600). */
	accessTokenLifetime?: number;
	/** Issue no refresh token (as when offline_access was not granted). */
	noRefreshToken?: boolean;
	/** The `upn` claim of the access tokens (default ada@contoso.onmicrosoft.com). */
	account?: string;
	/** Where issued access tokens are recorded (e.g. the Azure emulator's live `bearerTokens`). */
	accessTokens?: string[];
}

export interface EntraRecord {
	path: string;
	contentType: string;
	form: Record<string, string>;
	status: number;
	/** The `error` answered, or "success". */
	outcome: string;
}

const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const SCOPE = "https://cognitiveservices.azure.com/.default offline_access";

const oauthError = (error: string, description: string) => ({
	error,
	error_description: `AADSTS${Math.floor(Math.random() * 90000) + 10000}: ${description}\r\nTrace ID: 0000\r\nCorrelation ID: 0000\r\nTimestamp: 2026-01-01 00:00:00Z`,
	error_codes: [70000],
	timestamp: "2026-01-01 00:00:00Z",
});

const DESCRIPTIONS: Record<string, string> = {
	authorization_pending: "The user has not yet completed authentication.",
	slow_down: "You are polling too fast.",
	expired_token: "The device code has expired.",
	access_denied: "The user denied the request.",
	authorization_declined: "The end user declined the authorization request.",
};

export class EntraEmulator {
	readonly requests: EntraRecord[] = [];
	readonly issuedAccessTokens: string[];
	readonly issuedRefreshTokens: string[] = [];
	/** Refresh tokens still valid. */
	private readonly validRefresh = new Set<string>();
	private polls: PollState[] = [];
	private deviceCodes = new Set<string>();
	private counter = 0;

	private constructor(
		private readonly server: http.Server,
		readonly url: string,
		private readonly opts: EntraEmulatorOptions,
	) {
		this.issuedAccessTokens = opts.accessTokens ?? [];
		server.on("request", (req, res) => this.handle(req, res));
	}

	static async start(opts: EntraEmulatorOptions): Promise<EntraEmulator> {
		const server = http.createServer();
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
		const { port } = server.address() as AddressInfo;
		return new EntraEmulator(server, `http://127.0.0.1:${port}`, opts);
	}

	/** The answers to the next polls, in order; after them, `authorization_pending` forever. */
	scriptPolls(...states: PollState[]): void {
		this.polls.push(...states);
	}

	/** A valid refresh token, as if the user had signed in on this device before. */
	mintRefreshToken(): string {
		const issued = this.issue();
		return String(issued.refresh_token);
	}

	/** Revokes every refresh token issued so far (the next refresh gets invalid_grant). */
	revokeRefreshTokens(): void {
		this.validRefresh.clear();
	}

	close(): Promise<void> {
		this.server.closeAllConnections();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
		const chunks: Buffer[] = [];
		req.on("data", (c: Buffer) => chunks.push(c));
		req.on("end", () => {
			const path = (req.url ?? "").split("?")[0] ?? "";
			const contentType = req.headers["content-type"] ?? "";
			const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
			const record: EntraRecord = { path, contentType, form, status: 0, outcome: "" };
			this.requests.push(record);
			const [status, body] = this.route(req.method ?? "", path, contentType, form);
			record.status = status;
			record.outcome = "error" in body ? String(body.error) : "success";
			res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
			res.end(JSON.stringify(body));
		});
	}

	private route(method: string, path: string, contentType: string, form: Record<string, string>): [number, Record<string, unknown>] {
		const base = `/${this.opts.tenant}/oauth2/v2.0/`;
		if (method !== "POST") return [405, oauthError("invalid_request", "Only POST is supported.")];
		if (!path.startsWith(base)) return [400, oauthError("invalid_tenant", `Tenant '${path.split("/")[1] ?? ""}' not found.`)];
		if (!contentType.startsWith("application/x-www-form-urlencoded")) return [400, oauthError("invalid_request", "The request body must be application/x-www-form-urlencoded.")];
		if (form.client_id !== this.opts.clientId) return [400, oauthError("unauthorized_client", `Application with identifier '${form.client_id ?? ""}' was not found in the directory.`)];
		const leaf = path.slice(base.length);
		if (leaf === "devicecode") return this.deviceCode(form);
		if (leaf === "token" && form.grant_type === DEVICE_CODE_GRANT) return this.poll(form);
		if (leaf === "token" && form.grant_type === "refresh_token") return this.refresh(form);
		if (leaf === "token") return [400, oauthError("unsupported_grant_type", "The grant type is not supported.")];
		return [404, oauthError("invalid_request", "Not found.")];
	}

	private deviceCode(form: Record<string, string>): [number, Record<string, unknown>] {
		if (form.scope !== SCOPE) return [400, oauthError("invalid_scope", `The scope '${form.scope ?? ""}' is not valid.`)];
		const deviceCode = `dc-${++this.counter}-${"x".repeat(40)}`;
		this.deviceCodes.add(deviceCode);
		const interval = this.opts.interval === undefined ? 5 : this.opts.interval;
		return [200, {
			device_code: deviceCode,
			user_code: `ABCD${this.counter}EFG`,
			verification_uri: "https://microsoft.com/devicelogin",
			expires_in: this.opts.expiresIn ?? 900,
			...(interval === null ? {} : { interval }),
			message: `To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD${this.counter}EFG to authenticate.`,
		}];
	}

	private poll(form: Record<string, string>): [number, Record<string, unknown>] {
		if (!this.deviceCodes.has(form.device_code ?? "")) return [400, oauthError("invalid_grant", "The provided value for the input parameter 'device_code' is not valid.")];
		const state = this.polls.shift() ?? "authorization_pending";
		if (state !== "success") {
			if (state === "expired_token" || state === "access_denied" || state === "authorization_declined") this.deviceCodes.delete(form.device_code ?? "");
			return [400, oauthError(state, DESCRIPTIONS[state] ?? state)];
		}
		this.deviceCodes.delete(form.device_code ?? "");
		return [200, this.issue()];
	}

	private refresh(form: Record<string, string>): [number, Record<string, unknown>] {
		const token = form.refresh_token ?? "";
		if (!this.validRefresh.has(token)) return [400, oauthError("invalid_grant", "The refresh token has been revoked or has expired. The user must sign in again.")];
		this.validRefresh.delete(token);
		return [200, this.issue()];
	}

	private issue(): Record<string, unknown> {
		const n = ++this.counter;
		// JWT-shaped (not signed): the plugin reads the `upn` claim only to show who is signed in.
		const claims = Buffer.from(JSON.stringify({ aud: "https://cognitiveservices.azure.com", upn: this.opts.account ?? "ada@contoso.onmicrosoft.com", n })).toString("base64url");
		const accessToken = `eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.${claims}.sig-${n}-${"a".repeat(24)}`;
		this.issuedAccessTokens.push(accessToken);
		const out: Record<string, unknown> = { token_type: "Bearer", scope: "https://cognitiveservices.azure.com/.default", expires_in: this.opts.accessTokenLifetime ?? 3600, ext_expires_in: 3600, access_token: accessToken };
		if (!this.opts.noRefreshToken) {
			const refreshToken = `rt-${n}-${"r".repeat(40)}`;
			this.issuedRefreshTokens.push(refreshToken);
			this.validRefresh.add(refreshToken);
			out.refresh_token = refreshToken;
		}
		return out;
	}
}
