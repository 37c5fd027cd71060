/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * The settings tab of the BUILT main.js on Obsidian mobile, in a realm without Node or the test
 * runner (tests/support/mobileRealm.ts): it loads with the same rows as from the sources, and the
 * Microsoft device-code sign-in runs end to end against the token endpoint emulator, its code
 * copied through the WebView's clipboard.
 */
import { entraSecretName } from "../../src/azure/entraClient";
import { newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { EntraEmulator } from "../support/entraEmulator";
import { Platform } from "../support/obsidian";
import { SettingsDriver } from "./settingsDriver";

const TENANT = "contoso.onmicrosoft.com";
const CLIENT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
let ui: SettingsDriver | undefined;
let entra: EntraEmulator;

beforeEach(async () => {
	entra = await EntraEmulator.start({ tenant: TENANT, clientId: CLIENT, interval: 0.01 });
});
afterEach(async () => {
	await ui?.dispose();
	ui = undefined;
	await entra.close();
});

const data = () => ({
	version: 2,
	deployments: [{ ...newDeployment("d1", "o1"), displayName: "Work", endpoint: "https://res.openai.azure.com", deployment: "o1", auth: "entra", tenant: TENANT, clientId: CLIENT, authorityHost: entra.url } satisfies DeploymentConfig],
	defaultDeploymentId: "d1",
});

async function until(check: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 5_000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${ui?.desc("Microsoft account") ?? ""}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

test("the tab loads from mobile main.js with the rows the sources show, list and deployment page", async () => {
	expect.hasAssertions();
	const pages = async (mobileBundle: boolean): Promise<string[][]> => {
		ui = await SettingsDriver.start({ data: data(), fakeTimers: false, mobileBundle });
		const list = ui.display().names();
		// The overview's row: its status first, and buttons that name their deployment.
		const row = [ui.desc("Work (default)"), ...ui.buttons("Work (default)").map((b) => b.getAttribute("aria-label") ?? "")];
		const page = ui.click("Work (default)", "Edit").names();
		await ui.dispose();
		ui = undefined;
		return [list, row, page];
	};
	const fromSources = await pages(false);
	const fromMobile = await pages(true);
	expect(fromMobile).toEqual(fromSources);
	expect(fromMobile[1]).toEqual(["Ready o1 · res.openai.azure.com", "Edit deployment Work", "Duplicate deployment Work", "Remove deployment Work"]);
	expect(fromMobile[2]).toEqual(expect.arrayContaining(["Tenant", "Application (client) ID", "Microsoft account"]));
});

test("Microsoft sign-in from mobile main.js: code, copy, approval, who is signed in; the token only in secret storage", async () => {
	expect.hasAssertions();
	ui = await SettingsDriver.start({ data: data(), fakeTimers: false, mobileBundle: true });
	expect(Platform.isMobile).toBe(true);
	ui.display().click("Work (default)", "Edit").click("Microsoft account", "Sign in with Microsoft");
	await until(() => /ABCD1EFG/.test(ui?.desc("Microsoft account") ?? ""), "the code");
	// The copy button sits beside the code, in the row's description.
	ui.row("Microsoft account").querySelector<HTMLButtonElement>(".azure-reasoning-entra-code-line button")!.click();
	await until(() => ui?.host.clipboard().length === 1, "the copy");
	expect(ui.host.clipboard()).toEqual(["ABCD1EFG"]);
	entra.scriptPolls("success");
	await until(() => /Signed in as/.test(ui?.desc("Microsoft account") ?? ""), "the sign-in");
	expect(ui.desc("Microsoft account")).toMatch(/Signed in as ada@contoso\.onmicrosoft\.com/);
	expect(ui.host.standInApp.secretStorage.getSecret(entraSecretName("d1"))).toBe(entra.issuedRefreshTokens[0]);
	await ui.settle();
	expect(ui.dataText()).not.toContain(entra.issuedRefreshTokens[0]);
	expect(ui.host.uncaught()).toEqual([]);
	expect(ui.host.consoleLines()).toEqual([]);
});
