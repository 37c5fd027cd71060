/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * A deployment's authentication in the settings tab: the method, the Entra ID fields and their
 * findings, and the device-code sign-in against the loopback token endpoint emulator: the code,
 * the address as a link, the waiting, declined and expired states, who is signed in, sign out.
 */
import { entraSecretName } from "../../src/azure/entraClient";
import { newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { AzureEmulator } from "../support/azureEmulator";
import { EntraEmulator } from "../support/entraEmulator";
import { SettingsDriver } from "./settingsDriver";

const TENANT = "contoso.onmicrosoft.com";
const CLIENT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
let ui: SettingsDriver;
let entra: EntraEmulator;

beforeEach(async () => {
	entra = await EntraEmulator.start({ tenant: TENANT, clientId: CLIENT, interval: 0.01 });
});
afterEach(async () => {
	await ui?.dispose();
	await entra.close();
});

function dep(over: Partial<DeploymentConfig> = {}): DeploymentConfig {
	return { ...newDeployment("d1", "o1"), displayName: "Work", endpoint: "https://res.openai.azure.com", deployment: "o1", auth: "entra", tenant: TENANT, clientId: CLIENT, authorityHost: entra.url, ...over };
}

async function open(d: DeploymentConfig, secrets: Record<string, string> = {}): Promise<SettingsDriver> {
	ui = await SettingsDriver.start({ data: { version: 1, deployments: [d], defaultDeploymentId: "d1" }, secrets, fakeTimers: false });
	ui.display().click("Work (default)", "Edit");
	return ui;
}

async function until(check: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 5_000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${ui.desc("Microsoft account")}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

const account = () => ui.desc("Microsoft account");

test("key deployments show the key; choosing Microsoft sign-in shows its fields instead", async () => {
	await open(dep({ auth: undefined, authorityHost: undefined, secretName: "azure-res" }), { "azure-res": "k-1234" });
	expect(ui.has("Key")).toBe(true);
	expect(ui.has("Tenant")).toBe(false);
	ui.choose("Authentication", "entra");
	expect(ui.has("Key")).toBe(false);
	expect(ui.has("Tenant")).toBe(true);
	expect(ui.has("Application (client) ID")).toBe(true);
	expect(ui.input("Sign-in authority").value).toBe("https://login.microsoftonline.com");
	await ui.settle();
	expect(ui.data().deployments[0]).toMatchObject({ auth: "entra" });
});

test("findings under the tenant and the client id; no sign-in until they are usable", async () => {
	await open(dep({ tenant: "", clientId: "my-app" }));
	// Empty and not touched yet: a neutral "Required"; the client id typed wrong is an error at once.
	expect(ui.findings("Tenant")).toEqual([expect.objectContaining({ severity: "required", text: expect.stringMatching(/tenant/) as unknown })]);
	expect(ui.findings("Application (client) ID")).toEqual([expect.objectContaining({ severity: "error" })]);
	expect(account()).toMatch(/Fill in the tenant/);
	ui.type("Tenant", TENANT).type("Application (client) ID", CLIENT);
	await ui.settle();
	expect(ui.findings("Tenant")).toEqual([]);
	expect(account()).toMatch(/Not signed in/);
	expect(ui.buttons("Microsoft account").map((b) => b.textContent)).toEqual(["Sign in with Microsoft"]);
});

test("sign in: the code, a copy button and the address as a link while waiting; then who is signed in; sign out", async () => {
	await open(dep());
	ui.click("Microsoft account", "Sign in with Microsoft");
	// The emulator answers authorization_pending until told otherwise.
	await until(() => /Waiting for you to sign in in the browser/.test(account()), "a pending answer");
	const row = ui.row("Microsoft account");
	expect(row.querySelector(".azure-reasoning-entra-code")?.textContent).toBe("ABCD1EFG");
	expect(row.querySelector("a")?.getAttribute("href")).toBe("https://microsoft.com/devicelogin");
	// The copy button sits beside the code (in the description); Cancel is the row's control.
	expect([...row.querySelectorAll(".azure-reasoning-entra-code-line button")].map((b) => b.textContent)).toEqual(["Copy code"]);
	expect(ui.buttons("Microsoft account").map((b) => b.textContent)).toEqual(["Cancel"]);
	entra.scriptPolls("success");
	await until(() => /Signed in as/.test(account()), "the sign-in");
	expect(account()).toMatch(/Signed in as ada@contoso\.onmicrosoft\.com/);
	expect(ui.host.standInApp.secretStorage.getSecret(entraSecretName("d1"))).toBe(entra.issuedRefreshTokens[0]);
	await ui.settle();
	expect(ui.dataText()).not.toContain(entra.issuedRefreshTokens[0]);
	expect(ui.dataText()).not.toContain(entra.issuedAccessTokens[0]);
	ui.click("Microsoft account", "Sign out");
	expect(account()).toMatch(/Signed out/);
	expect(ui.host.standInApp.secretStorage.getSecret(entraSecretName("d1"))).toBe("");
});

test("cancel stops waiting and says so", async () => {
	await open(dep());
	ui.click("Microsoft account", "Sign in with Microsoft");
	await until(() => /ABCD1EFG/.test(account()), "the code");
	ui.click("Microsoft account", "Cancel");
	await until(() => /Sign-in cancelled/.test(account()), "the cancel");
	const polls = entra.requests.length;
	await new Promise((r) => setTimeout(r, 50));
	expect(entra.requests.length).toBe(polls);
	expect(ui.buttons("Microsoft account").map((b) => b.textContent)).toEqual(["Sign in with Microsoft"]);
});

test.each([
	["access_denied", /declined/],
	["expired_token", /expired.*Start again/],
] as const)("%s: said plainly, with a way to start again", async (state, message) => {
	await open(dep());
	entra.scriptPolls("authorization_pending", state);
	ui.click("Microsoft account", "Sign in with Microsoft");
	await until(() => message.test(account()), state);
	expect(ui.buttons("Microsoft account").map((b) => b.textContent)).toEqual(["Start again"]);
});

test("a client id the directory does not know: the sign-in cannot start, and says why", async () => {
	await open(dep({ clientId: "11111111-2222-3333-4444-555555555555" }));
	ui.click("Microsoft account", "Sign in with Microsoft");
	await until(() => /Could not start/.test(account()), "the failure");
	expect(account()).toMatch(/was not found in the directory/);
});

test("already signed in on this device (a refresh token in secret storage)", async () => {
	await open(dep(), { [entraSecretName("d1")]: entra.mintRefreshToken() });
	expect(account()).toMatch(/Signed in on this device/);
	expect(ui.buttons("Microsoft account").map((b) => b.textContent)).toEqual(["Sign out"]);
});

test("Test deployment sends the signed-in account's token, and nothing of it is shown or saved", async () => {
	const azure = await AzureEmulator.start({ apiKey: "unused-key-0123456789", deployments: [{ name: "o1", family: "o1" }], bearerTokens: entra.issuedAccessTokens });
	try {
		const refreshToken = entra.mintRefreshToken();
		await open(dep({ endpoint: azure.url, apiVersion: "2024-12-01-preview" }), { [entraSecretName("d1")]: refreshToken });
		ui.click("Test deployment", "Test deployment");
		await until(() => !ui.buttons("Test deployment")[0]!.disabled, "the test");
		expect(ui.row("Test deployment").querySelector(".azure-reasoning-test-summary")?.textContent).toMatch(/^Answered in .* by o1-2024-12-17/);
		expect(azure.requests.map((r) => [r.auth, r.status])).toEqual([["bearer-token", 200]]);
		await ui.settle();
		const seen = [ui.el.textContent ?? "", ui.host.notices().join("\n"), ui.host.consoleLines().join("\n"), ui.dataText()].join("\n");
		for (const t of [refreshToken, ...entra.issuedRefreshTokens, ...entra.issuedAccessTokens]) expect(seen).not.toContain(t);
	} finally {
		await azure.close();
	}
});

test("removing the deployment forgets its sign-in on this device", async () => {
	await open(dep(), { [entraSecretName("d1")]: entra.mintRefreshToken() });
	ui.click("Work", "Back to all settings");
	ui.click("Work (default)", "Remove");
	expect(ui.desc("Work (default)")).toMatch(/Microsoft sign-in is forgotten on this device/);
	ui.click("Work (default)", "Remove");
	expect(ui.host.standInApp.secretStorage.getSecret(entraSecretName("d1"))).toBe("");
});

test("the sign-in authority is under Advanced, folded; the sign-in panel (a live region) is not redrawn by typing elsewhere", async () => {
	await open(dep());
	const advanced = ui.el.querySelector<HTMLElement>(".azure-reasoning-advanced")!;
	expect(advanced.hidden).toBe(true);
	expect(advanced.contains(ui.row("Sign-in authority"))).toBe(true);
	const panel = ui.row("Microsoft account").querySelector(".azure-reasoning-entra")!;
	const changes: MutationRecord[] = [];
	const observer = new MutationObserver((m) => changes.push(...m));
	observer.observe(panel, { childList: true, subtree: true, characterData: true });
	ui.type("Display name", "Work 2");
	await ui.settle();
	ui.type("Display name", "Work 3");
	await ui.settle();
	changes.push(...observer.takeRecords());
	expect(changes).toHaveLength(0);
	// A change that makes the sign-in unusable is shown.
	ui.type("Tenant", "");
	await ui.settle();
	changes.push(...observer.takeRecords());
	observer.disconnect();
	expect(changes.length).toBeGreaterThan(0);
	expect(account()).toMatch(/Fill in the tenant/);
});
