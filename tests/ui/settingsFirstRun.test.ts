/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * The first run, end to end against the strict emulator over real HTTP, from the sources and from
 * the BUILT main.js (on Obsidian mobile's realm): with no deployment, the tab's first page leads
 * through endpoint → deployment name → model family → key (stored in Obsidian's secret storage
 * from the tab) → Test, then suggests the first command. Also: the deployment page's header
 * follows the test (not "Ready" after the test found another model family).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { AzureEmulator } from "../support/azureEmulator";
import { PLUGIN_DIR, SettingsDriver } from "./settingsDriver";

const KEY = "emu-key-0f1e2d3c4b5a6978";
let emu: AzureEmulator;
let ui: SettingsDriver | undefined;

beforeAll(async () => {
	emu = await AzureEmulator.start({ apiKey: KEY, deployments: [{ name: "thinker", family: "o4-mini" }, { name: "secretly-o3-mini", family: "o3-mini" }] });
});
afterAll(() => emu.close());
beforeEach(() => {
	// jsdom has no layout and no scrollIntoView (Obsidian's Chromium has): a no-op stands in.
	Element.prototype.scrollIntoView = () => {};
});
afterEach(async () => {
	await ui?.dispose();
	ui = undefined;
});

/** Waits for the test request to end (real HTTP to the emulator on loopback). */
async function testEnds(row: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (ui!.buttons(row)[0]!.disabled) {
		if (Date.now() > deadline) throw new Error("The test did not finish");
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe.each([
	["the sources", false],
	["main.js", true],
])("first run, from %s", (_from, mobileBundle) => {
	test("endpoint, deployment name, family, key stored from the tab, test; then the first command to try", async () => {
		emu.reset();
		ui = await SettingsDriver.start({ fakeTimers: false, mobileBundle });
		ui.display();
		expect(ui.names().slice(0, 9)).toEqual(["Set up your first deployment", "", "1. Endpoint", "2. Deployment name", "3. Model family", "4. Key", "Paste the key", "5. Test", "Other settings"]);
		expect(ui.el.querySelectorAll(".azure-reasoning-finding.is-error")).toHaveLength(0);
		// Opening the tab creates nothing.
		expect(ui.pluginFiles().includes("data.json") ? ui.data().deployments : []).toEqual([]);

		ui.type("1. Endpoint", emu.url).type("2. Deployment name", "thinker");
		await ui.settle();
		expect(ui.data().deployments).toHaveLength(1);
		expect(ui.data().defaultDeploymentId).toBe(ui.data().deployments[0]!.id);
		ui.choose("3. Model family", "o4-mini");

		// No secret yet: the key is pasted here and stored in Obsidian's secret storage, under a name made from the endpoint.
		expect(ui.desc("Paste the key")).toMatch(/stored in Obsidian's secret storage as "azure-127"/);
		expect(ui.input("Paste the key").type).toBe("password");
		ui.type("Paste the key", KEY).click("Paste the key", "Store key");
		expect(ui.host.app.secretStorage.getSecret("azure-127")).toBe(KEY);
		expect(ui.has("Paste the key")).toBe(false);
		expect(ui.findings("4. Key")).toEqual([]);
		await ui.settle();
		expect(ui.data().deployments[0]).toMatchObject({ endpoint: emu.url, deployment: "thinker", family: "o4-mini", secretName: "azure-127" });
		expect(ui.dataText()).not.toContain(KEY);

		ui.click("5. Test", "Test deployment");
		await testEnds("5. Test");
		expect(ui.findings("5. Test")).toEqual([{ severity: "info", text: "That is the model family chosen (o4-mini)." }]);
		expect(emu.requests.map((r) => [r.deployment, r.status, r.auth])).toEqual([["thinker", 200, "api-key"]]);
		expect(ui.desc("Try it")).toMatch(/^Select a paragraph in a note, open the command palette and run "Azure Reasoning: Improve the writing"\./);
		expect(ui.el.textContent).not.toContain(KEY);

		ui.click("Try it", "Done");
		expect(ui.has("Set up your first deployment")).toBe(false);
		// The overview puts the status first (its badge), then the family and the host.
		expect(ui.desc("thinker (default)")).toMatch(/^Ready o4-mini · 127\.0\.0\.1$/);
	});

	test("a key pasted but not stored with 'Store key' is stored as the focus leaves the box: Test then uses it", async () => {
		emu.reset();
		ui = await SettingsDriver.start({ fakeTimers: false, mobileBundle });
		ui.display().type("1. Endpoint", emu.url).type("2. Deployment name", "thinker").choose("3. Model family", "o4-mini");
		const box = ui.input("Paste the key");
		const testButton = ui.buttons("5. Test")[0];
		ui.type("Paste the key", KEY);
		// What the browser fires when the focus leaves the box for the Test button (the driver's click does not move the focus).
		box.dispatchEvent(new Event("change", { bubbles: true }));
		expect(ui.host.app.secretStorage.getSecret("azure-127")).toBe(KEY);
		expect(box.value).toBe("");
		expect(ui.buttons("5. Test")[0]).toBe(testButton); // not redrawn under the click that moved the focus
		ui.click("5. Test", "Test deployment");
		await testEnds("5. Test");
		expect(emu.requests.map((r) => [r.deployment, r.status, r.auth])).toEqual([["thinker", 200, "api-key"]]);
		expect(ui.has("Paste the key")).toBe(false);
		await ui.settle();
		expect(ui.data().deployments[0]).toMatchObject({ deployment: "thinker", secretName: "azure-127" });
		expect(ui.dataText()).not.toContain(KEY);
		expect(ui.el.textContent).not.toContain(KEY);
	});

	test("a settings file replaced by sync mid-setup: the next edit goes to the merged deployment, not a second one under the same id", async () => {
		ui = await SettingsDriver.start({ mobileBundle });
		ui.display().type("1. Endpoint", "https://res.openai.azure.com/");
		await ui.settle();
		expect(ui.data().deployments).toHaveLength(1);
		const file = join(ui.vaultDir, PLUGIN_DIR, "data.json");
		writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), timeoutSeconds: 1234 }));
		await ui.plugin.onExternalSettingsChange();
		ui.type("2. Deployment name", "thinker");
		await ui.settle();
		const deps = ui.data().deployments as { id: string; endpoint: string; deployment: string }[];
		expect(deps.map((d) => [d.id, d.endpoint, d.deployment])).toEqual([["deployment-1", "https://res.openai.azure.com/", "thinker"]]);
		expect(ui.data().timeoutSeconds).toBe(1234);
	});
});

test("the deployment page's status follows the test: a family mismatch is not 'Ready'; the switch makes it so", async () => {
	emu.reset();
	const cfg: DeploymentConfig = { ...newDeployment("d1", "o1"), displayName: "Emu", endpoint: emu.url, deployment: "secretly-o3-mini", secretName: "azure-emu" };
	ui = await SettingsDriver.start({ data: { version: 2, deployments: [cfg], defaultDeploymentId: "d1", maxRetries: 0 }, secrets: { "azure-emu": KEY }, fakeTimers: false });
	ui.display().click("Emu (default)", "Edit");
	expect(ui.status()).toBe("Ready: commands can use it.");
	ui.click("Test deployment", "Test deployment");
	await testEnds("Test deployment");
	expect(ui.status()).toBe("Ready, but the test found 1 problem.");
	expect(ui.problems().map((p) => p.link)).toEqual(["Model family"]);
	ui.problems()[0]!.el.click();
	expect(document.activeElement).toBe(ui.select("Model family"));
	ui.fix("Test deployment", "Use o3-mini");
	expect(ui.status()).toBe("Ready: commands can use it.");
	expect(ui.problems()).toEqual([]);
});
