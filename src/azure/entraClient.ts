/**
 * Runs the Entra ID device-code sign-in (core/entra.ts) over the injected `requestUrl`, and
 * keeps one deployment's tokens: the access token in memory only, the refresh token in an
 * injected secret store (the plugin passes `app.secretStorage`). Sleep and clock are injected
 * so tests do not wait. Nothing here throws for a failure; every end comes back as a value.
 */
import {
	accountOfToken, classifyPoll, classifyRefresh, deviceCodeRequest, needsRefresh, readDeviceCodeResponse, refreshRequest,
	tokenPollRequest, type DeviceCode, type EntraConfig, type FormRequest, type PollOutcome, type Tokens,
} from "../core/entra";
import { entraMessage } from "../core/entraWords";
import type { RequestUrlFn, RequestUrlResponseLike } from "./transport";

/** The part of Obsidian's `SecretStorage` used here (it has no delete: "" means none). */
export interface SecretStoreLike {
	getSecret(id: string): string | null;
	setSecret(id: string, secret: string): void;
}

export interface EntraDeps {
	requestUrl: RequestUrlFn;
	store: SecretStoreLike;
	/** The secret that holds this deployment's refresh token (see `entraSecretName`). */
	secretName: string;
	now?: () => number;
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type TokenResult = { ok: true; token: string } | { ok: false; message: string; signInAgain: boolean };
export type SignInResult = { ok: true } | { ok: false; kind: "expired" | "denied" | "error" | "cancelled"; message: string };

/** A secret id Obsidian accepts (lowercase letters, digits, dashes), one per deployment. */
export function entraSecretName(deploymentId: string): string {
	const clean = deploymentId.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
	if (clean === deploymentId) return `azure-reasoning-entra-${clean}`;
	let h = 5381;
	for (const ch of deploymentId) h = ((h * 33) ^ ch.charCodeAt(0)) >>> 0;
	return `azure-reasoning-entra-${clean}${clean ? "-" : ""}${h.toString(36)}`;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const timer = window.setTimeout(done, ms);
		function done() {
			window.clearTimeout(timer);
			signal?.removeEventListener("abort", done);
			resolve();
		}
		signal?.addEventListener("abort", done, { once: true });
	});
}

export class EntraSession {
	/** In memory only: never written anywhere. */
	private tokens: Tokens | null = null;
	private refreshing: Promise<TokenResult> | null = null;
	private disposed = false;
	/**
	 * Bumped by sign-out and dispose (a deployment forgotten, the plugin unloaded): a refresh or a
	 * sign-in that began before keeps nothing it receives, so it can never write a refresh token
	 * back after the user signed out or removed the deployment.
	 */
	private generation = 0;
	private readonly now: () => number;
	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

	constructor(
		readonly config: EntraConfig,
		private readonly deps: EntraDeps,
	) {
		this.now = deps.now ?? (() => Date.now());
		this.sleep = deps.sleep ?? defaultSleep;
	}

	/** Whether a sign-in is kept (a refresh token in the store, or a live access token). */
	isSignedIn(): boolean {
		return this.storedRefreshToken() !== null || (this.tokens !== null && this.now() < this.tokens.expiresAt);
	}

	/** Ends any sign-in in progress (at its next poll) and forgets the access token; the stored sign-in stays. */
	dispose(): void {
		this.disposed = true;
		this.generation++;
		this.refreshing = null;
		this.tokens = null;
	}

	/** Who the current access token was issued to; null before the first token of this session. */
	account(): string | null {
		return this.tokens ? accountOfToken(this.tokens.accessToken) : null;
	}

	/** Forgets both tokens. The sign-in itself stays valid at Microsoft until it expires or is revoked. */
	signOut(): void {
		this.generation++;
		this.refreshing = null;
		this.tokens = null;
		this.writeRefreshToken("");
	}

	/** Step 1: asks for a user code and the address where it is entered. */
	async startSignIn(): Promise<{ ok: true; code: DeviceCode } | { ok: false; message: string }> {
		const answer = await this.post(deviceCodeRequest(this.config));
		if ("network" in answer) return { ok: false, message: entraMessage({ kind: "network", detail: answer.network }) };
		const read = readDeviceCodeResponse(answer.status, answer.text);
		return read.ok ? read : { ok: false, message: entraMessage({ kind: "device-code-failed", error: read.error }) };
	}

	/**
	 * Step 2: polls until the user signed in, declined, or the code expired (RFC 8628 §3.4–3.5).
	 * `onState` hears each pending and slow-down answer, for the settings tab.
	 */
	async waitForSignIn(code: DeviceCode, opts: { signal?: AbortSignal; onState?: (outcome: PollOutcome, message: string) => void } = {}): Promise<SignInResult> {
		let intervalS = code.intervalS;
		const generation = this.generation;
		const deadline = this.now() + code.expiresInS * 1000;
		for (;;) {
			await this.sleep(intervalS * 1000, opts.signal);
			if (opts.signal?.aborted || this.disposed) return { ok: false, kind: "cancelled", message: "Sign-in was cancelled." };
			if (this.now() >= deadline) return { ok: false, kind: "expired", message: entraMessage({ kind: "expired" }) };
			const answer = await this.post(tokenPollRequest(this.config, code.deviceCode));
			if (opts.signal?.aborted || this.disposed || generation !== this.generation) return { ok: false, kind: "cancelled", message: "Sign-in was cancelled." };
			if ("network" in answer) {
				// RFC 8628 §3.5: after a connection timeout, back off exponentially and keep polling.
				intervalS *= 2;
				continue;
			}
			const outcome = classifyPoll(answer.status, answer.text, intervalS, this.now());
			switch (outcome.kind) {
				case "success":
					this.keep(outcome.tokens);
					return { ok: true };
				case "slow-down":
					intervalS = outcome.intervalS;
					opts.onState?.(outcome, entraMessage(outcome));
					continue;
				case "pending":
					opts.onState?.(outcome, entraMessage(outcome));
					continue;
				default:
					return { ok: false, kind: outcome.kind, message: entraMessage(outcome) };
			}
		}
	}

	/** An access token to send, refreshed first when it is within the margin of expiring. */
	async accessToken(): Promise<TokenResult> {
		if (this.tokens && !needsRefresh(this.tokens, this.now())) return { ok: true, token: this.tokens.accessToken };
		return this.refresh();
	}

	/** A new access token from the refresh token, whatever the current one's age (after a 401). */
	refresh(): Promise<TokenResult> {
		if (this.refreshing) return this.refreshing;
		const running = this.doRefresh().finally(() => {
			if (this.refreshing === running) this.refreshing = null;
		});
		this.refreshing = running;
		return running;
	}

	private async doRefresh(): Promise<TokenResult> {
		const signedOut = (): TokenResult => ({ ok: false, message: entraMessage({ kind: "signed-out" }), signInAgain: true });
		const refreshToken = this.storedRefreshToken();
		if (refreshToken === null || this.disposed) {
			this.tokens = null;
			return signedOut();
		}
		const generation = this.generation;
		const answer = await this.post(refreshRequest(this.config, refreshToken));
		// Signed out, forgotten or unloaded meanwhile: what came back is not kept (nor written back).
		if (generation !== this.generation) return signedOut();
		if ("network" in answer) return { ok: false, message: entraMessage({ kind: "network", detail: answer.network }), signInAgain: false };
		const outcome = classifyRefresh(answer.status, answer.text, this.now());
		if (outcome.kind === "success") {
			this.keep(outcome.tokens);
			return { ok: true, token: outcome.tokens.accessToken };
		}
		if (outcome.kind === "revoked") this.signOut();
		return { ok: false, message: entraMessage(outcome), signInAgain: outcome.kind === "revoked" };
	}

	private keep(tokens: Tokens): void {
		this.tokens = tokens;
		// Microsoft rotates refresh tokens: keep the newest; keep the old one when none came.
		if (tokens.refreshToken !== null) this.writeRefreshToken(tokens.refreshToken);
	}

	private storedRefreshToken(): string | null {
		try {
			const v = this.deps.store.getSecret(this.deps.secretName);
			return v === null || v === "" ? null : v;
		} catch {
			return null;
		}
	}

	private writeRefreshToken(value: string): void {
		try {
			this.deps.store.setSecret(this.deps.secretName, value);
		} catch {
			// A store that refuses leaves the sign-in in memory for this session only.
		}
	}

	private async post(req: FormRequest): Promise<RequestUrlResponseLike | { network: string }> {
		try {
			return await this.deps.requestUrl({ url: req.url, method: "POST", contentType: "application/x-www-form-urlencoded", body: req.body, headers: { accept: "application/json" }, throw: false });
		} catch (err) {
			return { network: err instanceof Error ? err.message : String(err) };
		}
	}
}

/**
 * One session per deployment, kept while its tenant, client id and authority stay the same
 * (a changed one starts a new session; the stored refresh token then fails and asks to sign in).
 */
export class EntraSessions {
	private readonly sessions = new Map<string, { key: string; session: EntraSession }>();

	constructor(private readonly deps: Omit<EntraDeps, "secretName">) {}

	for(deploymentId: string, config: EntraConfig): EntraSession {
		const key = JSON.stringify([config.authorityHost, config.tenant, config.clientId]);
		const have = this.sessions.get(deploymentId);
		if (have?.key === key) return have.session;
		have?.session.dispose();
		const session = new EntraSession(config, { ...this.deps, secretName: entraSecretName(deploymentId) });
		this.sessions.set(deploymentId, { key, session });
		return session;
	}

	/** Drops a deployment's session (its access token; a sign-in in progress stops). */
	forget(deploymentId: string): void {
		this.sessions.get(deploymentId)?.session.dispose();
		this.sessions.delete(deploymentId);
	}

	/** On unload: every sign-in in progress stops polling. */
	dispose(): void {
		for (const { session } of this.sessions.values()) session.dispose();
		this.sessions.clear();
	}
}
