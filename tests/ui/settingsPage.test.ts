/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * The deployment page as a new user meets it (issue 13): a new deployment opens with neutral
 * "Required" notes, not red errors, and no model family until one is chosen; the header lists the
 * problems as links that take the focus to their field (opening Advanced when the field is there);
 * findings are no live regions (one status line is); fix buttons say what they change.
 */
import { newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { readDeployment } from "../../src/core/settingsRead";
import { SettingsDriver } from "./settingsDriver";

const SECRET = "azure-res";
const READY: DeploymentConfig = { ...newDeployment("d1", "o3-mini"), displayName: "Mini", endpoint: "https://res.openai.azure.com", deployment: "mini", secretName: SECRET };

let ui: SettingsDriver;
let scrolled: Element[];
beforeEach(() => {
	// jsdom lays nothing out and has no scrollIntoView: record which element was asked to scroll into view.
	scrolled = [];
	Element.prototype.scrollIntoView = function (this: Element) {
		scrolled.push(this);
	};
});
afterEach(async () => ui?.dispose());

async function open(deployments: DeploymentConfig[] = [READY]): Promise<SettingsDriver> {
	ui = await SettingsDriver.start({ data: { version: 2, deployments, defaultDeploymentId: deployments[0]?.id ?? null }, secrets: { [SECRET]: "k-1234" } });
	return ui.display();
}

async function addDeployment(): Promise<void> {
	await open();
	ui.click("Deployments", "Add deployment");
}

const severities = () => Object.fromEntries(ui.allFindings().map((f) => [f.row, f.severity]));

describe("a new deployment", () => {
	test("opens with neutral notes on what is required, and no error", async () => {
		await addDeployment();
		expect(severities()).toEqual({ Endpoint: "required", "Deployment name": "required", "Model family": "required", Key: "required" });
		expect(ui.el.querySelectorAll(".azure-reasoning-finding.is-error")).toHaveLength(0);
		expect(ui.status()).toBe("4 required fields to fill in before commands can use it.");
	});

	test("a field turns red once touched: typed into and emptied, or left empty", async () => {
		await addDeployment();
		ui.type("Endpoint", "r");
		await ui.settle();
		expect(ui.findings("Endpoint")).toEqual([expect.objectContaining({ severity: "error", text: "The endpoint must start with https://: https://r." })]);
		ui.type("Endpoint", "");
		await ui.settle();
		expect(ui.findings("Endpoint")).toEqual([expect.objectContaining({ severity: "error", text: expect.stringMatching(/^Enter the resource's endpoint/) })]);
		// Left without typing: touched too.
		ui.input("Deployment name").focus();
		ui.input("Deployment name").blur();
		expect(ui.findings("Deployment name")).toEqual([expect.objectContaining({ severity: "error" })]);
		expect(severities()).toMatchObject({ "Model family": "required", Key: "required" });
		expect(ui.status()).toBe("2 problems to fix and 2 required fields to fill in before commands can use it.");
	});

	test("Test shows every problem as it is", async () => {
		await addDeployment();
		ui.click("Test deployment", "Test deployment");
		await ui.settle();
		expect(severities()).toMatchObject({ Endpoint: "error", "Deployment name": "error", "Model family": "error", Key: "error" });
		expect(ui.findings("Test deployment")).toEqual([expect.objectContaining({ severity: "error" })]);
		expect(ui.status()).toMatch(/^4 problems to fix/);
	});

	test("the model family is asked right after the deployment name, with no family until one is chosen", async () => {
		await addDeployment();
		const names = ui.names();
		expect(names.indexOf("Model family")).toBe(names.indexOf("Deployment name") + 1);
		expect(names.indexOf("Model family")).toBeLessThan(names.indexOf("Key"));
		expect(ui.select("Model family").value).toBe("");
		expect(ui.options("Model family")[0]).toEqual({ value: "", label: "Choose the model family…" });
		expect(ui.has("Max completion tokens")).toBe(false);
		await ui.settle();
		expect(ui.data().deployments[1]).toMatchObject({ family: "" });

		// The first choice brings the family's own defaults (GPT-5: the v1 API, the Responses API, summaries).
		ui.choose("Model family", "gpt-5");
		expect(ui.options("Model family").map((o) => o.value)).not.toContain("");
		expect(ui.findings("Model family")).toEqual([]);
		expect(ui.select("API style").value).toBe("v1");
		expect(ui.select("API operation").value).toBe("responses");
		await ui.settle();
		expect(ui.data().deployments[1]).toMatchObject({ family: "gpt-5", apiStyle: "v1", operation: "responses", reasoningSummary: "auto" });
	});

	test("a family not chosen stays unchosen through a reload of the settings file", async () => {
		await open([READY, { ...newDeployment("d2", "o1"), family: "" }]);
		ui.click("Deployments", "Add deployment");
		await ui.settle();
		const reports: string[] = [];
		const read = ui.data().deployments.map((d, i) => readDeployment(d, `x${i}`, (r) => reports.push(r)));
		expect(read.map((d) => d?.family)).toEqual(["o3-mini", "", ""]);
		expect(reports).toEqual([]);
	});
});

describe("the page's header", () => {
	const BROKEN: DeploymentConfig = { ...READY, displayName: "Broken", endpoint: "http://res.openai.azure.com", apiVersion: "2024-02-01", maxCompletionTokens: 600 };

	test("lists the problems in the page's order, each a link that focuses its field and scrolls to it", async () => {
		await open([BROKEN]);
		ui.click("Broken (default)", "Edit");
		expect(ui.status()).toBe("2 problems to fix before commands can use it.");
		expect(ui.problems().map((p) => p.link)).toEqual(["Endpoint", "Max completion tokens", "API version"]);
		expect(ui.problems()[0]!.text).toMatch(/^Error: Endpoint: Azure only answers over https/);
		ui.problems()[1]!.el.click();
		expect(document.activeElement).toBe(ui.input("Max completion tokens"));
		expect(scrolled).toEqual([ui.row("Max completion tokens")]);
	});

	test("a problem under Advanced opens it: folded by default, opened for its field", async () => {
		await open([{ ...READY, maxCompletionTokens: "x" }]);
		ui.click("Mini (default)", "Edit");
		const advanced = ui.el.querySelector<HTMLElement>(".azure-reasoning-advanced")!;
		expect(advanced.hidden).toBe(true);
		expect(ui.buttons("Advanced")[0]!.getAttribute("aria-expanded")).toBe("false");
		ui.choose("API version", "custom");
		expect(advanced.isConnected).toBe(false);
		ui.type("Other API version", "soon");
		await ui.settle();
		// The page drawn again (a fix elsewhere) opens Advanced, as its field has an error now.
		ui.fix("Max completion tokens", "Use 25,000");
		const again = ui.el.querySelector<HTMLElement>(".azure-reasoning-advanced")!;
		expect(again.hidden).toBe(false);
		ui.click("Advanced", "Hide");
		expect(again.hidden).toBe(true);
		ui.problems().find((p) => p.link === "API version")!.el.click();
		expect(again.hidden).toBe(false);
		expect(document.activeElement).toBe(ui.input("Other API version"));
	});
});

describe("screen readers", () => {
	test("no findings container is a live region; each describes its field's control; the status line is the one live region", async () => {
		await open([{ ...READY, endpoint: "res.openai.azure.com" }]);
		ui.click("Mini (default)", "Edit");
		const live = () => [...ui.el.querySelectorAll("[aria-live], [role=status]")];
		expect(live().map((e) => e.className)).toEqual(["azure-reasoning-page-status", "azure-reasoning-test-result"]);
		const endpoint = ui.input("Endpoint");
		const described = (endpoint.getAttribute("aria-describedby") ?? "").split(" ");
		const findingsEl = ui.row("Endpoint").querySelector(".azure-reasoning-findings")!;
		expect(described).toContain(findingsEl.id);
		expect(findingsEl.textContent).toMatch(/must start with https/);

		// Typing that changes no summary changes nothing a screen reader would announce.
		const status = ui.el.querySelector(".azure-reasoning-page-status")!;
		const changes: MutationRecord[] = [];
		const observer = new MutationObserver((m) => changes.push(...m));
		for (const el of live()) observer.observe(el, { childList: true, subtree: true, characterData: true });
		for (const text of ["res.openai.azure.co", "res.openai.azure.c", "res.openai.azure.com"]) {
			ui.type("Endpoint", text);
			await ui.settle();
		}
		expect(observer.takeRecords().length + changes.length).toBe(0);
		// A change of the summary is: once.
		ui.type("Endpoint", "https://res.openai.azure.com");
		await ui.settle();
		observer.disconnect();
		expect(ui.el.querySelector(".azure-reasoning-page-status")).toBe(status);
		expect(status.textContent).toBe("Ready: commands can use it.");
		expect(live()).toHaveLength(2);
		expect(ui.el.querySelectorAll(".azure-reasoning-findings[aria-live]")).toHaveLength(0);
	});

	test("fix buttons: the label, then what they change", async () => {
		await open([{ ...READY, maxCompletionTokens: 600, endpoint: "http://res.openai.azure.com" }]);
		ui.click("Mini (default)", "Edit");
		const name = (row: string) => ui.row(row).querySelector(".azure-reasoning-fix")!.getAttribute("aria-label");
		expect(name("Max completion tokens")).toBe("Use 25,000: set max completion tokens to 25,000");
		expect(name("Endpoint")).toBe("Use https: set endpoint to https://res.openai.azure.com");
		expect(ui.row("Endpoint").querySelector(".azure-reasoning-fix")!.textContent).toBe("Use https");
	});
});

describe("instructions", () => {
	test("a full-width row: the text area below the description", async () => {
		await open();
		ui.click("Mini (default)", "Edit");
		expect(ui.row("Instructions").hasClass("azure-reasoning-wide")).toBe(true);
		expect(ui.input("Instructions").tagName).toBe("TEXTAREA");
	});
});
