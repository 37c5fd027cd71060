// Issue 13's deployment page and first run, drawn by the plugin's own code (screens.ts lists them
// with the others): a new deployment before and after Test, the header following a test that found
// another model family, the first run before and after its test, and Entra's folded Advanced.
// Test requests go to the Azure emulator that run.ts starts on loopback.
import { appears, button, KEY, settingsTab, type Screen } from "./screens";

function rowOf(root: HTMLElement, name: string): HTMLElement {
	const item = [...root.querySelectorAll<HTMLElement>(".setting-item")].find((r) => r.querySelector(".setting-item-name")?.textContent === name);
	if (!item) throw new Error(`No row "${name}"`);
	return item;
}

/** Types into a row's text field as a user would (an input event). */
function typeInto(root: HTMLElement, row: string, text: string): void {
	const input = rowOf(root, row).querySelector<HTMLInputElement>("input");
	if (!input) throw new Error(`No text field in "${row}"`);
	input.value = text;
	input.dispatchEvent(new Event("input", { bubbles: true }));
}

function chooseIn(root: HTMLElement, row: string, value: string): void {
	const select = rowOf(root, row).querySelector<HTMLSelectElement>("select");
	if (!select) throw new Error(`No dropdown in "${row}"`);
	select.value = value;
	select.dispatchEvent(new Event("change", { bubbles: true }));
}

/** Presses Test and waits for its result (the emulator answers over loopback). */
async function runTest(root: HTMLElement, row: string): Promise<void> {
	button(root, row, "Test deployment").click();
	await appears(() => (rowOf(root, row).querySelector<HTMLButtonElement>("button")?.disabled === false ? rowOf(root, row) : null), "The test's result");
}

export const DEPLOYMENT_PAGE_SCREENS: Record<string, Screen> = {
	"settings-deployment-new": async (cfg) => {
		// Issue 13 item 3: a new deployment opens with neutral "Required" notes and no model family.
		const { tab, root } = settingsTab(cfg);
		tab.display();
		button(root, "Deployments", "Add deployment").click();
		if (root.querySelectorAll(".azure-reasoning-finding.is-error").length > 0) throw new Error("A new deployment shows errors");
		return [root];
	},
	"settings-deployment-new-tested": async (cfg) => {
		// Test pressed on the new deployment: every problem shown as it is, listed in the header.
		const { tab, root } = settingsTab(cfg);
		tab.display();
		button(root, "Deployments", "Add deployment").click();
		await runTest(root, "Test deployment");
		return [root];
	},
	"settings-deployment-test-mismatch": async (cfg) => {
		// The header follows the test: the deployment answers as o3-mini, its family says o4-mini.
		const { tab, root } = settingsTab(cfg, (s) => Object.assign(s.deployments[0]!, { endpoint: cfg.azureUrl, deployment: "secretly-o3-mini" }));
		tab.show({ kind: "deployment", id: "work" });
		await runTest(root, "Test deployment");
		return [root];
	},
	"settings-first-run": async (cfg) => {
		const { tab, root } = settingsTab(cfg, (s) => {
			s.deployments = [];
			s.defaultDeploymentId = null;
		});
		tab.display();
		return [root];
	},
	"settings-first-run-tested": async (cfg) => {
		// The first run walked through: endpoint, deployment name, family, the key stored from the tab, Test.
		const { tab, root } = settingsTab(cfg, (s) => {
			s.deployments = [];
			s.defaultDeploymentId = null;
		});
		tab.display();
		typeInto(root, "1. Endpoint", cfg.azureUrl);
		typeInto(root, "2. Deployment name", "o4-mini");
		chooseIn(root, "3. Model family", "o4-mini");
		typeInto(root, "Paste the key", KEY);
		button(root, "Paste the key", "Store key").click();
		await runTest(root, "5. Test");
		await appears(() => root.querySelector(".setting-item:has(button.mod-cta)"), "The first command to try");
		return [root];
	},
	"settings-entra-advanced": async (cfg) => {
		// Issue 13 item 9: the sign-in authority (national clouds only) under Advanced, folded until shown.
		const { tab, root } = settingsTab(cfg);
		tab.show({ kind: "deployment", id: "team" });
		if (!root.querySelector<HTMLElement>(".azure-reasoning-advanced")?.hidden) throw new Error("Advanced is not folded");
		button(root, "Advanced", "Show").click();
		rowOf(root, "Sign-in authority");
		return [root];
	},
};
