/**
 * The Entra ID session over real HTTP: the stand-in's requestUrl against the loopback token
 * endpoint emulator. Waits go through an injected sleep that advances an injected clock.
 */
import { requestUrl, SecretStorage } from "obsidian";
import { EntraSession, EntraSessions, entraSecretName } from "../../src/azure/entraClient";
import type { PollOutcome } from "../../src/core/entra";
import { EntraEmulator, type PollState } from "../support/entraEmulator";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const SECRET = "azure-reasoning-entra-d1";
let entra: EntraEmulator;

beforeEach(async () => {
	entra = await EntraEmulator.start({ tenant: TENANT, clientId: CLIENT });
});
afterEach(() => entra.close());

function session(opts: { clientId?: string; tenant?: string; requestUrl?: typeof requestUrl } = {}) {
	let clock = 1_000_000;
	const waits: number[] = [];
	const store = new SecretStorage();
	const s = new EntraSession(
		{ authorityHost: entra.url, tenant: opts.tenant ?? TENANT, clientId: opts.clientId ?? CLIENT },
		{
			requestUrl: opts.requestUrl ?? requestUrl,
			store,
			secretName: SECRET,
			now: () => clock,
			sleep: (ms) => {
				waits.push(ms);
				clock += ms;
				return Promise.resolve();
			},
		},
	);
	return { s, store, waits, advance: (ms: number) => (clock += ms) };
}

async function signIn(states: PollState[]) {
	const t = session();
	entra.scriptPolls(...states);
	const started = await t.s.startSignIn();
	if (!started.ok) throw new Error(started.message);
	const seen: PollOutcome[] = [];
	const result = await t.s.waitForSignIn(started.code, { onState: (o) => seen.push(o) });
	return { ...t, result, seen, code: started.code };
}

test("the device-code request: form-encoded, client id and scope, to the tenant's endpoint", async () => {
	const { s } = session();
	const started = await s.startSignIn();
	expect(started).toEqual({ ok: true, code: expect.objectContaining({ userCode: "ABCD1EFG", verificationUri: "https://microsoft.com/devicelogin", intervalS: 5, expiresInS: 900 }) as unknown });
	expect(entra.requests[0]).toMatchObject({ path: `/${TENANT}/oauth2/v2.0/devicecode`, contentType: "application/x-www-form-urlencoded", form: { client_id: CLIENT, scope: "https://cognitiveservices.azure.com/.default offline_access" }, status: 200 });
});

test("an unknown client id: a plain message, no code", async () => {
	const started = await session({ clientId: "11111111-2222-3333-4444-555555555555" }).s.startSignIn();
	expect(started.ok).toBe(false);
	if (!started.ok) expect(started.message).toMatch(/Could not start the sign-in.*client\) ID.*was not found/);
});

test("pending, then success: polls at the interval and keeps the refresh token in secret storage", async () => {
	const { result, waits, store, seen, s } = await signIn(["authorization_pending", "authorization_pending", "success"]);
	expect(result).toEqual({ ok: true });
	expect(waits).toEqual([5000, 5000, 5000]);
	expect(seen.map((o) => o.kind)).toEqual(["pending", "pending"]);
	expect(store.getSecret(SECRET)).toBe(entra.issuedRefreshTokens[0]);
	expect(s.isSignedIn()).toBe(true);
	expect(await s.accessToken()).toEqual({ ok: true, token: entra.issuedAccessTokens[0] });
	const polls = entra.requests.filter((r) => r.form.grant_type === "urn:ietf:params:oauth:grant-type:device_code");
	expect(polls).toHaveLength(3);
	expect(new Set(polls.map((p) => p.form.device_code)).size).toBe(1);
	expect(polls.every((p) => p.form.client_id === CLIENT)).toBe(true);
});

test("slow_down adds 5 s to this and every later poll", async () => {
	const { result, waits } = await signIn(["authorization_pending", "slow_down", "authorization_pending", "slow_down", "success"]);
	expect(result).toEqual({ ok: true });
	expect(waits).toEqual([5000, 5000, 10000, 10000, 15000]);
});

test.each([
	["expired_token", "expired", /expired.*Start again/],
	["access_denied", "denied", /declined/],
	["authorization_declined", "denied", /declined/],
] as const)("%s ends the wait: %s", async (state, kind, message) => {
	const { result, store } = await signIn(["authorization_pending", state]);
	expect(result).toEqual({ ok: false, kind, message: expect.stringMatching(message) as unknown });
	expect(store.getSecret(SECRET)).toBeNull();
});

test("the code's life ends the wait even while the server keeps answering pending", async () => {
	const t = session();
	const started = await t.s.startSignIn();
	if (!started.ok) throw new Error(started.message);
	const result = await t.s.waitForSignIn({ ...started.code, expiresInS: 12 });
	expect(result).toMatchObject({ ok: false, kind: "expired" });
	expect(t.waits).toEqual([5000, 5000, 5000]);
});

test("cancel stops polling", async () => {
	const t = session();
	const started = await t.s.startSignIn();
	if (!started.ok) throw new Error(started.message);
	const stop = new AbortController();
	const result = await t.s.waitForSignIn(started.code, { signal: stop.signal, onState: () => stop.abort() });
	expect(result).toMatchObject({ ok: false, kind: "cancelled" });
});

test("refresh before expiry: a new access token, the rotated refresh token stored", async () => {
	const { s, store, advance } = await signIn(["success"]);
	advance(54 * 60_000);
	expect(await s.accessToken()).toEqual({ ok: true, token: entra.issuedAccessTokens[0] });
	advance(2 * 60_000); // within 5 minutes of expiry
	expect(await s.accessToken()).toEqual({ ok: true, token: entra.issuedAccessTokens[1] });
	expect(store.getSecret(SECRET)).toBe(entra.issuedRefreshTokens[1]);
	const refresh = entra.requests.find((r) => r.form.grant_type === "refresh_token");
	expect(refresh?.form).toEqual({ grant_type: "refresh_token", client_id: CLIENT, refresh_token: entra.issuedRefreshTokens[0], scope: "https://cognitiveservices.azure.com/.default offline_access" });
});

test("two callers at once share one refresh", async () => {
	const { s } = await signIn(["success"]);
	const [a, b] = await Promise.all([s.refresh(), s.refresh()]);
	expect(a).toEqual(b);
	expect(entra.requests.filter((r) => r.form.grant_type === "refresh_token")).toHaveLength(1);
});

test("a revoked refresh token: sign in again, and the stored one is forgotten", async () => {
	const { s, store } = await signIn(["success"]);
	entra.revokeRefreshTokens();
	const r = await s.refresh();
	expect(r).toEqual({ ok: false, signInAgain: true, message: expect.stringMatching(/no longer valid.*Sign in again.*revoked/) as unknown });
	expect(store.getSecret(SECRET)).toBe("");
	expect(s.isSignedIn()).toBe(false);
	expect(await s.accessToken()).toMatchObject({ ok: false, signInAgain: true, message: expect.stringMatching(/nobody is signed in/) as unknown });
});

test("a session restored from secret storage refreshes on first use", async () => {
	const first = await signIn(["success"]);
	const later = session();
	later.store.setSecret(SECRET, first.store.getSecret(SECRET) ?? "");
	expect(await later.s.accessToken()).toEqual({ ok: true, token: entra.issuedAccessTokens[1] });
});

test("sign out forgets both tokens", async () => {
	const { s, store } = await signIn(["success"]);
	s.signOut();
	expect(store.getSecret(SECRET)).toBe("");
	expect(s.isSignedIn()).toBe(false);
	expect((await s.accessToken()).ok).toBe(false);
});

/** A requestUrl whose refresh-token calls wait at a gate until `open()`: a refresh in flight. */
function gatedRefresh() {
	let open!: () => void;
	const gate = new Promise<void>((r) => (open = r));
	let arrived!: () => void;
	const atGate = new Promise<void>((r) => (arrived = r));
	const gated: typeof requestUrl = ((param: Parameters<typeof requestUrl>[0]) => {
		const body = typeof param === "string" ? "" : String(param.body ?? "");
		if (!body.includes("grant_type=refresh_token")) return requestUrl(param);
		arrived();
		return gate.then(() => requestUrl(param));
	}) as typeof requestUrl;
	return { gated, open: () => open(), atGate };
}

describe("a refresh in flight never undoes what came after it", () => {
	async function signedInWithGate() {
		const g = gatedRefresh();
		const first = await signIn(["success"]);
		const t = session({ requestUrl: g.gated });
		t.store.setSecret(SECRET, first.store.getSecret(SECRET) ?? "");
		return { ...t, ...g };
	}

	test("sign-out during a refresh: the refresh's new refresh token is not written back, and nothing is kept", async () => {
		const t = await signedInWithGate();
		const refreshing = t.s.accessToken();
		await t.atGate;
		t.s.signOut();
		t.open();
		expect(await refreshing).toMatchObject({ ok: false, signInAgain: true });
		expect(entra.issuedRefreshTokens).toHaveLength(2); // Microsoft did issue a new one ...
		expect(t.store.getSecret(SECRET)).toBe(""); // ... which is not kept
		expect(t.s.isSignedIn()).toBe(false);
		expect(t.s.account()).toBeNull();
	});

	test("the deployment forgotten (or the plugin unloaded) during a refresh: no orphaned refresh token", async () => {
		const g = gatedRefresh();
		const first = await signIn(["success"]);
		const store = new SecretStorage();
		const name = entraSecretName("d1");
		store.setSecret(name, first.store.getSecret(SECRET) ?? "");
		const sessions = new EntraSessions({ requestUrl: g.gated, store });
		const s = sessions.for("d1", { authorityHost: entra.url, tenant: TENANT, clientId: CLIENT });
		const refreshing = s.refresh();
		await g.atGate;
		sessions.forget("d1");
		store.setSecret(name, ""); // what the plugin's forgetEntraSignIn does next
		g.open();
		expect((await refreshing).ok).toBe(false);
		expect(store.getSecret(name)).toBe("");
	});

	test("after a sign-out, a new refresh starts afresh instead of joining the abandoned one", async () => {
		const t = await signedInWithGate();
		const abandoned = t.s.refresh();
		await t.atGate;
		t.s.signOut();
		expect(await t.s.refresh()).toMatchObject({ ok: false, signInAgain: true, message: expect.stringMatching(/nobody is signed in/) as unknown });
		t.open();
		await abandoned;
		expect(t.store.getSecret(SECRET)).toBe("");
	});
});

test("the sign-in service unreachable: a plain message", async () => {
	const t = session();
	await entra.close();
	const started = await t.s.startSignIn();
	expect(started).toMatchObject({ ok: false, message: expect.stringMatching(/could not be reached/) as unknown });
	entra = await EntraEmulator.start({ tenant: TENANT, clientId: CLIENT });
});

test.each([
	["d1", "azure-reasoning-entra-d1"],
	["deployment-2", "azure-reasoning-entra-deployment-2"],
])("secret name for %s", (id, name) => expect(entraSecretName(id)).toBe(name));
test("secret names of odd ids are valid and distinct", () => {
	const names = ["My Dep", "my-dep", "my_dep", "Ü"].map(entraSecretName);
	for (const n of names) expect(n).toMatch(/^[a-z0-9-]+$/);
	expect(new Set(names).size).toBe(names.length);
});

test("dispose (plugin unload) stops a sign-in in progress at its next poll", async () => {
	const t = session();
	const started = await t.s.startSignIn();
	if (!started.ok) throw new Error(started.message);
	const result = await t.s.waitForSignIn(started.code, { onState: () => t.s.dispose() });
	expect(result).toMatchObject({ ok: false, kind: "cancelled" });
	expect(entra.requests.filter((r) => r.form.grant_type === "urn:ietf:params:oauth:grant-type:device_code")).toHaveLength(1);
});

test("a lost connection while polling: exponential backoff (RFC 8628 §3.5), then polling goes on", async () => {
	let clock = 0;
	const waits: number[] = [];
	let failNext = 2;
	const flaky: typeof requestUrl = ((param: Parameters<typeof requestUrl>[0]) => {
		const body = typeof param === "string" ? "" : String(param.body ?? "");
		if (body.includes("device_code=") && failNext-- > 0) return Promise.reject(new Error("net::ERR_CONNECTION_TIMED_OUT"));
		return requestUrl(param);
	}) as typeof requestUrl;
	const s = new EntraSession({ authorityHost: entra.url, tenant: TENANT, clientId: CLIENT }, {
		requestUrl: flaky, store: new SecretStorage(), secretName: SECRET, now: () => clock,
		sleep: (ms) => { waits.push(ms); clock += ms; return Promise.resolve(); },
	});
	entra.scriptPolls("success");
	const started = await s.startSignIn();
	if (!started.ok) throw new Error(started.message);
	expect(await s.waitForSignIn(started.code)).toEqual({ ok: true });
	expect(waits).toEqual([5000, 10000, 20000]);
});
