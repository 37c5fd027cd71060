/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * Inline validation in the deployment editor, for every family: findings appear under their
 * field once the user pauses typing, disappear when the value is right, and a one-click fix
 * changes the value, clears the finding and is saved. What is typed is saved even when invalid.
 */
import { KNOWN_DATED_VERSIONS } from "../../src/core/apiVersion";
import { FAMILIES, getFamily, minDatedVersion, type FamilyId } from "../../src/core/families";
import { newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { SettingsDriver } from "./settingsDriver";

const ENDPOINT = "https://res.openai.azure.com";
const SECRET = "azure-key";
const KEY = "k-5f4e3d2c1b0a9f8e";

function valid(family: FamilyId, over: Partial<DeploymentConfig> = {}): DeploymentConfig {
	return { ...newDeployment("d1", family), displayName: "Dep", endpoint: ENDPOINT, deployment: "dep", secretName: SECRET, ...over };
}

let ui: SettingsDriver;
afterEach(async () => ui?.dispose());

async function openEditor(cfg: DeploymentConfig, secrets: Record<string, string> = { [SECRET]: KEY }): Promise<SettingsDriver> {
	ui = await SettingsDriver.start({ data: { version: 1, deployments: [cfg], defaultDeploymentId: cfg.id }, secrets });
	ui.displayDeployment(cfg.id);
	return ui;
}

const saved = (field: keyof DeploymentConfig) => ui.data().deployments[0]![field];

describe.each(FAMILIES.map((f) => f.id))("family %s", (id) => {
	const family = getFamily(id);

	test("a valid deployment: no finding anywhere, ready", async () => {
		await openEditor(valid(id));
		expect(ui.allFindings()).toEqual([]);
		expect(ui.status()).toBe("Ready: commands can use it.");
		expect(ui.select("Model family").value).toBe(id);
		expect(ui.desc("Model family")).toContain(family.summary);
	});

	test("max completion tokens: not a number, above the family's limit, a budget reasoning may eat", async () => {
		await openEditor(valid(id));
		const def = family.defaultMaxCompletionTokens.toLocaleString("en-US");
		const max = family.maxOutputTokens.toLocaleString("en-US");
		ui.type("Max completion tokens", "lots");
		await ui.settle();
		expect(ui.findings("Max completion tokens")).toEqual([{ severity: "error", text: "Max completion tokens must be a whole number above 0.", fix: `Use ${def}` }]);
		expect(saved("maxCompletionTokens")).toBe("lots");
		ui.type("Max completion tokens", String(family.maxOutputTokens + 1));
		await ui.settle();
		expect(ui.findings("Max completion tokens")).toEqual([{ severity: "error", text: `${family.label} writes at most ${max} tokens; Azure rejects a larger budget.`, fix: `Use ${max}` }]);
		ui.type("Max completion tokens", "1000");
		await ui.settle();
		if (family.reasoning) expect(ui.findings("Max completion tokens")).toEqual([expect.objectContaining({ severity: "warning", text: expect.stringMatching(/reasoning may use it all/), fix: `Use ${def}` })]);
		else expect(ui.findings("Max completion tokens")).toEqual([]);
		ui.type("Max completion tokens", "");
		await ui.settle();
		ui.fix("Max completion tokens", `Use ${def}`);
		expect(ui.input("Max completion tokens").value).toBe(String(family.defaultMaxCompletionTokens));
		expect(ui.findings("Max completion tokens")).toEqual([]);
		await ui.settle();
		expect(saved("maxCompletionTokens")).toBe(family.defaultMaxCompletionTokens);
	});

	test("instructions: a note for families without a developer message, a warning once there are some", async () => {
		await openEditor(valid(id));
		const folded = family.instructionsRole === "none";
		expect(ui.desc("Instructions")).toMatch(folded ? /takes no developer or system message/ : family.instructionsRole === "system" ? /system message/ : /developer message/);
		ui.type("Instructions", "Be brief.");
		await ui.settle();
		expect(ui.findings("Instructions")).toEqual(folded ? [expect.objectContaining({ severity: "warning", text: expect.stringMatching(/will be put at the top of your message/) })] : []);
		ui.type("Instructions", "");
		await ui.settle();
		expect(ui.findings("Instructions")).toEqual([]);
	});

	test("what the family shows: reasoning effort, Markdown output, temperature", async () => {
		await openEditor(valid(id));
		expect(ui.has("Reasoning effort")).toBe(family.reasoningEfforts.length > 0);
		if (family.reasoningEfforts.length > 0) expect(ui.options("Reasoning effort").map((o) => o.value)).toEqual(["", ...family.reasoningEfforts]);
		expect(ui.has("Markdown output")).toBe(family.formattingPrefix);
		const temp = ui.row("Temperature");
		if (family.temperature.kind === "user" || family.temperature.kind === "with-effort-none") {
			expect(ui.input("Temperature").value).toBe("1");
		} else {
			expect(temp.querySelector("input, select, textarea")).toBeNull();
			expect(temp.querySelector(".azure-reasoning-fixed-value")?.textContent).toBe(family.temperature.kind === "send-one" ? "1" : "Not sent");
			expect(ui.desc("Temperature")).toMatch(family.temperature.kind === "send-one" ? /^Fixed at 1/ : /^Not sent/);
		}
	});

	test("API style and version: the family's minimum, a custom value, v1", async () => {
		await openEditor(valid(id));
		if (!family.apiStyles.includes("dated")) {
			expect(ui.has("API version")).toBe(false);
			ui.choose("API style", "dated");
			expect(ui.findings("API style")).toEqual([{ severity: "error", text: `${family.label} works only with the v1 API.`, fix: "Use the v1 API" }]);
			expect(ui.has("API version")).toBe(true);
			ui.fix("API style", "Use the v1 API");
			expect(ui.select("API style").value).toBe("v1");
			expect(ui.has("API version")).toBe(false);
			expect(ui.allFindings()).toEqual([]);
			return;
		}
		const operation = valid(id).operation;
		const min = minDatedVersion(family, operation)!;
		const on = operation === "responses" ? " on the Responses API" : "";
		expect(ui.options("API version").map((o) => o.value)).toEqual([...KNOWN_DATED_VERSIONS, "custom"]);
		ui.choose("API version", "custom");
		// The typed version has a row of its own, under the list: its findings get the page's width.
		const other = "Other API version";
		expect(ui.row("API version").querySelector("input")).toBeNull();
		expect(document.activeElement).toBe(ui.input(other));
		ui.type(other, "2024-06-01");
		await ui.settle();
		expect(ui.findings(other)).toEqual([{ severity: "error", text: `${family.label} needs api-version ${min} or newer${on}; Azure rejects 2024-06-01 for it.`, fix: `Use ${min}` }]);
		expect(ui.findings("API version")).toEqual([]);
		ui.type(other, "June 2024");
		await ui.settle();
		expect(ui.findings(other)).toEqual([expect.objectContaining({ severity: "error", text: expect.stringMatching(/is not an api-version/), fix: `Use ${min}` })]);
		ui.type(other, "2026-01-01-preview");
		await ui.settle();
		expect(ui.findings(other)).toEqual([expect.objectContaining({ severity: "warning", text: expect.stringMatching(/not a version this plugin knows/) })]);
		ui.type(other, "");
		await ui.settle();
		ui.fix(other, `Use ${min}`);
		expect(ui.select("API version").value).toBe(min);
		expect(ui.has(other)).toBe(false);
		expect(ui.allFindings()).toEqual([]);
		await ui.settle();
		expect(saved("apiVersion")).toBe(min);

		ui.choose("API version", "custom");
		ui.type("Other API version", "v1");
		await ui.settle();
		ui.fix("Other API version", "Use the v1 API");
		expect(ui.select("API style").value).toBe("v1");
		expect(ui.has("API version")).toBe(false);
		expect(ui.allFindings()).toEqual([]);
	});

});

/**
 * The endpoint, the deployment name and the key are checked the same way whatever the family
 * (core/validateEndpoint.ts, validate.ts): once on a family with a dated API and once on a v1-only
 * one, rather than for each of the 19 families (which cost a third of this file's time).
 */
describe.each(["o1", "gpt-5.1"] as const)("family %s: the fields every family shares", (id) => {
	test("endpoint: findings come after the pause, change as typed, and the fix clears them", async () => {
		await openEditor(valid(id));
		ui.type("Endpoint", "res.openai.azure.com");
		expect(ui.findings("Endpoint")).toEqual([]);
		await ui.settle();
		expect(ui.findings("Endpoint")).toEqual([{ severity: "error", text: `The endpoint must start with https://: ${ENDPOINT}.`, fix: "Add https://" }]);
		expect(ui.status()).toBe("1 problem to fix before commands can use it.");
		expect(saved("endpoint")).toBe("res.openai.azure.com");

		ui.type("Endpoint", "http://res.openai.azure.com");
		await ui.settle();
		expect(ui.findings("Endpoint")).toEqual([expect.objectContaining({ severity: "error", text: expect.stringMatching(/only answers over https/), fix: "Use https" })]);
		ui.type("Endpoint", "https://gateway.example.com/azure");
		await ui.settle();
		expect(ui.findings("Endpoint")).toEqual([expect.objectContaining({ severity: "warning", text: expect.stringMatching(/gateway\.example\.com is not an Azure OpenAI host/) })]);
		expect(ui.status()).toBe("Ready, 1 warning: commands can use it.");

		ui.type("Endpoint", "res.openai.azure.com");
		await ui.settle();
		ui.fix("Endpoint", "Add https://");
		await ui.settle();
		expect(ui.input("Endpoint").value).toBe(ENDPOINT);
		expect(ui.findings("Endpoint")).toEqual([]);
		expect(saved("endpoint")).toBe(ENDPOINT);
		expect(document.activeElement).toBe(ui.input("Endpoint"));
	});

	test("deployment name: empty, spaces (fixed in one click), characters Azure refuses", async () => {
		await openEditor(valid(id));
		ui.type("Deployment name", "");
		await ui.settle();
		expect(ui.findings("Deployment name")).toEqual([expect.objectContaining({ severity: "error", text: expect.stringMatching(/^Enter the deployment name/) })]);
		ui.type("Deployment name", " dep ");
		await ui.settle();
		expect(ui.findings("Deployment name")).toEqual([{ severity: "error", text: "The deployment name has spaces at its start or end.", fix: "Use dep" }]);
		ui.fix("Deployment name", "Use dep");
		expect(ui.input("Deployment name").value).toBe("dep");
		expect(ui.findings("Deployment name")).toEqual([]);
		ui.type("Deployment name", "my deployment!");
		await ui.settle();
		expect(ui.findings("Deployment name")).toEqual([expect.objectContaining({ severity: "error", text: expect.stringMatching(/only letters, digits/) })]);
		expect(saved("deployment")).toBe("my deployment!");
	});

	test("key: no secret chosen, a secret missing on this device, a new secret", async () => {
		await openEditor(valid(id, { secretName: "gone-key" }));
		expect(ui.findings("Key")).toEqual([{ severity: "error", text: 'The secret "gone-key" is empty or missing on this device: set it again.' }]);
		ui.secret().choose(SECRET);
		expect(ui.findings("Key")).toEqual([]);
		ui.choose("Key", "");
		expect(ui.findings("Key")).toEqual([expect.objectContaining({ severity: "error", text: expect.stringMatching(/^Choose the secret that holds/) })]);
		ui.secret().createSecret("work-key", "k-00112233445566");
		expect(ui.findings("Key")).toEqual([]);
		await ui.settle();
		expect(saved("secretName")).toBe("work-key");
		expect(ui.dataText()).not.toContain("k-00112233445566");
	});
});

describe("only the chat family has an editable temperature", () => {
	test("out of range, then fixed in one click", async () => {
		await openEditor(valid("chat"));
		ui.type("Temperature", "3");
		await ui.settle();
		expect(ui.findings("Temperature")).toEqual([{ severity: "error", text: "Temperature must be a number from 0 to 2.", fix: "Use 1" }]);
		ui.type("Temperature", "0.");
		await ui.settle();
		expect(saved("temperature")).toBe("0.");
		ui.type("Temperature", "warm");
		await ui.settle();
		ui.fix("Temperature", "Use 1");
		expect(ui.input("Temperature").value).toBe("1");
		expect(ui.findings("Temperature")).toEqual([]);
		ui.type("Temperature", "0.3");
		await ui.settle();
		expect(saved("temperature")).toBe(0.3);
	});
});

describe("changing the family", () => {
	test("o1 → o1-mini: the reasoning effort left over is flagged under the family, cleared in one click", async () => {
		await openEditor(valid("o1", { reasoningEffort: "high" }));
		ui.choose("Model family", "o1-mini");
		expect(ui.has("Reasoning effort")).toBe(false);
		expect(ui.findings("Model family")).toEqual([{ severity: "warning", text: "o1-mini takes no reasoning effort; it will not be sent.", fix: "Clear it" }]);
		ui.fix("Model family", "Clear it");
		expect(ui.allFindings()).toEqual([]);
		await ui.settle();
		expect(ui.data().deployments[0]).toMatchObject({ family: "o1-mini", reasoningEffort: "" });
	});

	test("o1 → o3 with an api-version o3 does not take: the fix picks o3's minimum", async () => {
		await openEditor(valid("o1", { apiVersion: "2024-12-01-preview" }));
		ui.choose("Model family", "o3");
		expect(ui.findings("API version")).toEqual([expect.objectContaining({ severity: "error", fix: "Use 2025-04-01-preview" })]);
		ui.fix("API version", "Use 2025-04-01-preview");
		expect(ui.select("API version").value).toBe("2025-04-01-preview");
		expect(ui.allFindings()).toEqual([]);
	});

	test("gpt-5 → o1 with effort minimal: an error under reasoning effort, fixed to the nearest (low)", async () => {
		await openEditor(valid("gpt-5", { reasoningEffort: "minimal" }));
		ui.choose("Model family", "o1").choose("API style", "dated");
		expect(ui.findings("Reasoning effort")).toEqual([{ severity: "error", text: "o1 takes reasoning effort low, medium, high; not minimal.", fix: "Use low" }]);
		ui.fix("Reasoning effort", "Use low");
		expect(ui.select("Reasoning effort").value).toBe("low");
		// gpt-5's defaults (the Responses API, summaries on) became o1's (chat completions, no summary): nothing left to fix.
		expect(ui.allFindings()).toEqual([]);
		expect(ui.select("API operation").value).toBe("chat-completions");
	});

	test("o1 → chat: the temperature becomes editable", async () => {
		await openEditor(valid("o1"));
		expect(ui.row("Temperature").querySelector("input")).toBeNull();
		ui.choose("Model family", "chat");
		expect(ui.input("Temperature").value).toBe("1");
		expect(document.activeElement).toBe(ui.select("Model family"));
	});
});

describe("pasting the target URI from the portal", () => {
	const DATED = `${ENDPOINT}/openai/deployments/thinker/chat/completions?api-version=2024-12-01-preview`;

	test("pasted: endpoint, deployment, API style and api-version filled in, with a note saying so", async () => {
		await openEditor(valid("o1", { endpoint: "", deployment: "", apiVersion: "2025-04-01-preview" }));
		expect(ui.paste("Endpoint", DATED)).toBe(true);
		expect(ui.input("Endpoint").value).toBe(ENDPOINT);
		expect(ui.input("Deployment name").value).toBe("thinker");
		expect(ui.select("API style").value).toBe("dated");
		expect(ui.select("API version").value).toBe("2024-12-01-preview");
		expect(ui.findings("Endpoint")).toEqual([{ severity: "info", text: `The endpoint is ${ENDPOINT}; filled in from the pasted address: deployment thinker, the dated API, api-version 2024-12-01-preview.` }]);
		await ui.settle();
		expect(ui.data().deployments[0]).toMatchObject({ endpoint: ENDPOINT, deployment: "thinker", apiStyle: "dated", apiVersion: "2024-12-01-preview" });
	});

	test("a v1 address switches to the v1 API", async () => {
		await openEditor(valid("gpt-5", { endpoint: "", apiStyle: "dated" }));
		ui.paste("Endpoint", `${ENDPOINT}/openai/v1/chat/completions`);
		expect(ui.select("API style").value).toBe("v1");
		expect(ui.allFindings().filter((f) => f.severity !== "info")).toEqual([]);
	});

	test("typed rather than pasted: a warning whose fix fills in the same", async () => {
		await openEditor(valid("o1", { endpoint: "", deployment: "" }));
		ui.type("Endpoint", DATED);
		await ui.settle();
		const label = "Use its parts";
		expect(ui.findings("Endpoint")).toEqual([
			{ severity: "warning", text: `This is a full request address; the endpoint is only ${ENDPOINT}, and the plugin uses that part. It also names deployment thinker, the dated API, api-version 2024-12-01-preview.`, fix: label },
		]);
		// Not typed into yet: its emptiness is a neutral "Required", with the address's name as its fix.
		expect(ui.findings("Deployment name")).toEqual([expect.objectContaining({ severity: "required", fix: "Use thinker" })]);
		ui.fix("Endpoint", label);
		expect(ui.input("Endpoint").value).toBe(ENDPOINT);
		expect(ui.input("Deployment name").value).toBe("thinker");
		expect(ui.allFindings()).toEqual([]);
	});

	test("a plain endpoint pasted is just pasted", async () => {
		await openEditor(valid("o1", { endpoint: "" }));
		expect(ui.paste("Endpoint", ENDPOINT)).toBe(false);
		await ui.settle();
		expect(ui.allFindings()).toEqual([]);
	});
});

test("validation waits for a pause in typing", async () => {
	await openEditor(valid("o1"));
	for (const text of ["r", "re", "res", "res."]) {
		ui.type("Endpoint", text);
		jest.advanceTimersByTime(200);
	}
	expect(ui.findings("Endpoint")).toEqual([]);
	jest.advanceTimersByTime(101);
	expect(ui.findings("Endpoint")).toEqual([expect.objectContaining({ severity: "error" })]);
});

test("leaving the page saves what was typed, even within the pause", async () => {
	await openEditor(valid("o1"));
	ui.type("Display name", "Renamed");
	ui.click("Dep", "Back to all settings");
	await ui.settle();
	expect(saved("displayName")).toBe("Renamed");
	expect(ui.has("Renamed (default)")).toBe(true);
});
