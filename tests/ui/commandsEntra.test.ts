/**
 * A command on a deployment that signs in with Microsoft Entra ID: the refresh token in secret
 * storage, the token endpoint a loopback emulator, and the Azure emulator accepting only the
 * access tokens that emulator issued, as `Authorization: Bearer`, on both API styles.
 */
import { entraSecretName } from "../../src/azure/entraClient";
import { EntraEmulator } from "../support/entraEmulator";
import { LOADERS, deployment, useHarness, userMessage } from "./commandsHarness";

const TENANT = "contoso.onmicrosoft.com";
const CLIENT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const ISSUED: string[] = [];
const h = useHarness({ bearerTokens: ISSUED });
let entra: EntraEmulator;

beforeEach(async () => {
	ISSUED.length = 0;
	entra = await EntraEmulator.start({ tenant: TENANT, clientId: CLIENT, accessTokens: ISSUED });
});
afterEach(() => entra.close());

function entraDeployment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return deployment({ auth: "entra", secretName: "", tenant: TENANT, clientId: CLIENT, authorityHost: entra.url, ...overrides });
}

async function startSignedIn(loader: (typeof LOADERS)[number], overrides: Record<string, unknown> = {}): Promise<string> {
	const refreshToken = entra.mintRefreshToken();
	ISSUED.length = 0; // the token minted with it is not one the plugin was given
	await h.start({ loader, deployments: [entraDeployment(overrides)], secrets: { [entraSecretName("d1")]: refreshToken } });
	return refreshToken;
}

const refreshes = () => entra.requests.filter((r) => r.form.grant_type === "refresh_token");

describe.each(LOADERS)("plugin from %s", (loader) => {
	test.each(["dated", "v1"] as const)("%s API: sends the issued access token as a bearer token, and the answer lands", async (apiStyle) => {
		await startSignedIn(loader, apiStyle === "v1" ? { apiStyle: "v1", family: "gpt-5", deployment: "dep-gpt5", apiVersion: "" } : {});
		h.emu.setAnswer(() => "Friday may be too soon.");
		const outcome = await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		expect(outcome.ok).toBe(true);
		expect(h.emu.requests).toHaveLength(1);
		expect(h.emu.requests[0]).toMatchObject({ auth: "bearer-token", apiStyle, status: 200, secretLeaks: [] });
		expect(h.emu.requests[0]?.headers["api-key"]).toBeUndefined();
		expect(userMessage(h.emu.requests[0])).toContain("Risks?");
		expect(refreshes()).toHaveLength(1);
		expect(h.read()).toContain("Friday may be too soon.");
	});

	test("the access token is kept in memory: a second command does not refresh again", async () => {
		await startSignedIn(loader);
		await h.run("ask-about-selection", { type: "One?", click: "Ask" });
		await h.run("ask-about-selection", { type: "Two?", click: "Ask" });
		expect(h.emu.requests.map((r) => r.auth)).toEqual(["bearer-token", "bearer-token"]);
		expect(refreshes()).toHaveLength(1);
	});

	test("a 401 leads to one refresh and one retry", async () => {
		await startSignedIn(loader);
		h.emu.script({ status: 401, body: { error: { code: "401", message: "Access token has expired or is not yet valid." } } });
		const outcome = await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		expect(outcome.ok).toBe(true);
		expect(h.emu.requests.map((r) => r.status)).toEqual([401, 200]);
		expect(refreshes()).toHaveLength(2);
	});

	test("a second 401 asks the user to sign in again; the note is unchanged", async () => {
		await startSignedIn(loader);
		h.emu.script({ status: 401, times: 2, body: { error: { code: "PermissionDenied", message: "Principal does not have access." } } });
		const outcome = await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		expect(outcome.ok).toBe(false);
		expect(h.emu.requests).toHaveLength(2);
		expect(h.lastNotice()).toMatch(/Sign in again/);
		expect(h.read()).not.toContain("Risks?");
	});

	test("a revoked refresh token: nothing is sent, and the user is asked to sign in again", async () => {
		await startSignedIn(loader);
		entra.revokeRefreshTokens();
		const outcome = await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		expect(outcome.ok).toBe(false);
		expect(h.emu.requests).toHaveLength(0);
		expect(h.lastNotice()).toMatch(/no longer valid.*Sign in again/);
		expect(h.host.standInApp.secretStorage.getSecret(entraSecretName("d1"))).toBe("");
	});

	test("nobody signed in: nothing is sent, and the notice says to sign in", async () => {
		await h.start({ loader, deployments: [entraDeployment()], secrets: {} });
		const outcome = await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		expect(outcome.ok).toBe(false);
		expect(h.emu.requests).toHaveLength(0);
		expect(h.lastNotice()).toMatch(/nobody is signed in/);
	});

	test("Azure accepts only the tokens it knows: a token from elsewhere is refused even after a refresh", async () => {
		await entra.close();
		entra = await EntraEmulator.start({ tenant: TENANT, clientId: CLIENT }); // its tokens are not given to Azure
		await startSignedIn(loader);
		const outcome = await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		expect(outcome.ok).toBe(false);
		expect(h.emu.requests.map((r) => [r.auth, r.status])).toEqual([["wrong", 401], ["wrong", 401]]);
		expect(refreshes()).toHaveLength(2);
		expect(h.lastNotice()).toMatch(/Sign in again/);
	});

	test("preview-request: the bearer header is shown redacted, and nothing is sent nor fetched", async () => {
		await startSignedIn(loader);
		const outcome = await h.run("preview-request", { choose: "Improve the writing" }, { click: "Close" });
		expect(outcome.ok).toBe(true);
		expect(outcome.message).toMatch(/authorization: Bearer \[redacted\]/);
		expect(outcome.message).not.toMatch(/api-key/);
		expect(h.emu.requests).toHaveLength(0);
		expect(refreshes()).toHaveLength(0);
	});

	test("no token appears in data.json, a note, a notice or a console line", async () => {
		const refreshToken = await startSignedIn(loader);
		h.emu.script({ status: 401, body: { error: { code: "401", message: "expired" } } });
		await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		entra.revokeRefreshTokens();
		h.emu.script({ status: 401, body: { error: { code: "401", message: "expired" } } });
		await h.run("ask-about-selection", { type: "Again?", click: "Ask" });
		await h.plugin.saveSettings();
		const seen = h.visibleText();
		expect(seen).toMatch(/"auth":\s*"entra"/);
		for (const secret of [refreshToken, ...entra.issuedRefreshTokens, ...ISSUED]) expect(seen).not.toContain(secret);
		expect(ISSUED.length).toBeGreaterThan(0);
	});
});
