/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * The "Test deployment" button against the strict emulator, over real HTTP through the same path
 * commands take (runPrompt, the openai client, requestUrl): it reports the model that really
 * answered, offers to switch a family that disagrees with it, and explains failures as commands do.
 */
import { newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { MIN_TEST_BUDGET, TEST_PROMPT } from "../../src/ui/settings/testButton";
import { AzureEmulator } from "../support/azureEmulator";
import { SettingsDriver } from "./settingsDriver";

const KEY = "emu-key-7c6b5a4f3e2d1c0b";
const SECRET = "azure-emu";

let emu: AzureEmulator;
let ui: SettingsDriver;

beforeAll(async () => {
	emu = await AzureEmulator.start({
		apiKey: KEY,
		deployments: [
			{ name: "real-o1", family: "o1" },
			{ name: "secretly-o3-mini", family: "o3-mini" },
			{ name: "real-gpt5", family: "gpt-5" },
			{ name: "real-o1-preview", family: "o1-preview" },
			{ name: "unknown-model", family: "o1", model: "o9-experimental-2030-01-01" },
		],
	});
});
afterAll(() => emu.close());
afterEach(async () => ui?.dispose());

function dep(over: Partial<DeploymentConfig> = {}): DeploymentConfig {
	return { ...newDeployment("d1", over.family || "o1"), displayName: "Emu", endpoint: emu.url, deployment: "real-o1", secretName: SECRET, apiVersion: "2024-12-01-preview", ...over };
}

async function open(cfg: DeploymentConfig, secrets: Record<string, string> = { [SECRET]: KEY }): Promise<void> {
	emu.reset();
	ui = await SettingsDriver.start({ data: { version: 1, deployments: [cfg], defaultDeploymentId: "d1", maxRetries: 0 }, secrets, fakeTimers: false });
	ui.display().click("Emu (default)", "Edit");
}

async function runTest(): Promise<{ summary: string; findings: { severity: string; text: string; fix?: string }[] }> {
	ui.click("Test deployment", "Test deployment");
	expect(ui.buttons("Test deployment")[0]!.disabled).toBe(true);
	expect(ui.buttons("Test deployment")[0]!.textContent).toBe("Testing…");
	const started = Date.now();
	while (ui.buttons("Test deployment")[0]!.disabled) {
		if (Date.now() - started > 10_000) throw new Error("The test did not finish");
		await new Promise((r) => setTimeout(r, 20));
	}
	return { summary: ui.row("Test deployment").querySelector(".azure-reasoning-test-summary")?.textContent ?? "", findings: ui.findings("Test deployment") };
}

function visibleEverywhere(): string {
	return [ui.el.textContent ?? "", ui.host.notices().join("\n"), ui.host.consoleLines().join("\n"), ui.pluginFiles().includes("data.json") ? ui.dataText() : ""].join("\n");
}

test("reports the latency, the real model and the reasoning tokens; one compliant request with the deployment's own budget", async () => {
	await open(dep());
	const r = await runTest();
	expect(r.summary).toMatch(/^Answered in \d+\.\d s by o1-2024-12-17, with 192 reasoning tokens\. It said: /);
	expect(r.findings).toEqual([{ severity: "info", text: "That is the model family chosen (o1)." }]);
	expect(emu.requests).toHaveLength(1);
	const req = emu.requests[0]!;
	expect(req.status).toBe(200);
	expect(req.auth).toBe("api-key");
	expect(req.secretLeaks).toEqual([]);
	const body = req.body as { max_completion_tokens: number; messages: { role: string; content: string }[] };
	expect(body.max_completion_tokens).toBe(25_000);
	expect(body.messages.at(-1)).toEqual({ role: "user", content: TEST_PROMPT });
	expect(visibleEverywhere()).not.toContain(KEY);
});

test("a budget too small for reasoning is raised to the test's minimum (the request still follows the family)", async () => {
	await open(dep({ maxCompletionTokens: 300 }));
	await runTest();
	expect((emu.requests[0]!.body as { max_completion_tokens: number }).max_completion_tokens).toBe(MIN_TEST_BUDGET);
});

test("the family disagrees with the real model: it says so, and one click switches the family and saves it", async () => {
	await open(dep({ deployment: "secretly-o3-mini", family: "o1" }));
	const r = await runTest();
	expect(r.summary).toMatch(/by o3-mini-2025-01-31/);
	expect(r.findings).toEqual([{ severity: "warning", text: "This deployment runs o3-mini, but its model family is set to o1: requests follow the wrong family's rules.", fix: "Use o3-mini" }]);
	ui.fix("Test deployment", "Use o3-mini");
	expect(ui.select("Model family").value).toBe("o3-mini");
	expect(ui.findings("Test deployment")).toEqual([{ severity: "info", text: "That is the model family chosen (o3-mini)." }]);
	await ui.settle();
	expect(ui.data().deployments[0]!.family).toBe("o3-mini");
	expect(document.activeElement).toBe(ui.select("Model family"));
});

test("gpt-5 over the v1 API", async () => {
	await open(dep({ family: "gpt-5", apiStyle: "v1", deployment: "real-gpt5" }));
	const r = await runTest();
	expect(r.summary).toMatch(/by gpt-5-2025-08-07/);
	expect(emu.requests[0]!.apiStyle).toBe("v1");
});

test("a model the plugin does not know: it says to check the family", async () => {
	await open(dep({ deployment: "unknown-model" }));
	const r = await runTest();
	expect(r.findings).toEqual([{ severity: "warning", text: "The plugin does not know the model o9-experimental-2030-01-01: check that the model family (o1) follows its rules." }]);
});

test("Azure rejects the request: the commands' explanation, and the family offer does not appear", async () => {
	await open(dep({ deployment: "real-o1-preview", family: "o1", instructions: "Be brief." }));
	const r = await runTest();
	expect(r.summary).toBe("The test request failed.");
	expect(r.findings).toEqual([expect.objectContaining({ severity: "error", text: expect.stringMatching(/rejects a developer message: it runs o1-preview or o1-mini.*Set it to o1-preview or o1-mini/) })]);
	expect(emu.requests[0]!.status).toBe(400);
});

test("no such deployment: explained as commands explain it", async () => {
	await open(dep({ deployment: "nope" }));
	const r = await runTest();
	expect(r.findings[0]!.text).toMatch(/^Azure has no deployment named "nope" at this endpoint\. Check the deployment name/);
});

test("a wrong key: explained, and neither the wrong nor the right key is shown anywhere", async () => {
	const wrong = "wrong-key-0a1b2c3d4e5f";
	await open(dep(), { [SECRET]: wrong });
	const r = await runTest();
	expect(r.findings[0]!.text).toMatch(/^Azure refused the key \(HTTP 401\)/);
	expect(visibleEverywhere()).not.toContain(wrong);
	expect(visibleEverywhere()).not.toContain(KEY);
});

test("an invalid deployment sends nothing and says what to fix, with the fix", async () => {
	await open(dep({ apiVersion: "2024-10-21" }));
	const r = await runTest();
	expect(r.summary).toBe("Nothing was sent.");
	expect(r.findings).toEqual([expect.objectContaining({ severity: "error", text: expect.stringMatching(/o1 needs api-version 2024-12-01-preview or newer/), fix: "Use 2024-12-01-preview" })]);
	expect(emu.requests).toHaveLength(0);
	ui.fix("Test deployment", "Use 2024-12-01-preview");
	expect(ui.select("API version").value).toBe("2024-12-01-preview");
	expect(ui.allFindings()).toEqual([]);
	expect(ui.row("Test deployment").querySelector(".azure-reasoning-test-summary")).toBeNull();
});

test("no key on this device: nothing sent, the secret named", async () => {
	await open(dep(), {});
	const r = await runTest();
	expect(r.findings[0]!.text).toMatch(/The secret "azure-emu" holds no key on this device/);
	expect(emu.requests).toHaveLength(0);
});

describe("the test probes the operation", () => {
	beforeAll(() => {
		emu.addDeployment({ name: "real-o3-pro", family: "o3-pro" });
		emu.addDeployment({ name: "real-gpt51", family: "gpt-5.1" });
	});

	test("chat completions answered OperationNotSupported (the family said gpt-5, it runs o3-pro): it says so and one click switches operation and family; the next test passes", async () => {
		await open(dep({ family: "gpt-5", deployment: "real-o3-pro", apiStyle: "v1", apiVersion: "", operation: "chat-completions", reasoningSummary: "off" }));
		const r = await runTest();
		expect(r.findings).toEqual([expect.objectContaining({ severity: "error", text: expect.stringMatching(/refused chat completions for the model o3-pro.*Responses API/), fix: "Use the Responses API" })]);
		ui.fix("Test deployment", "Use the Responses API");
		// o3-pro has no other operation: the row states it rather than offering a menu.
		expect(ui.row("API operation").querySelector(".azure-reasoning-fixed-value")?.textContent).toBe("Responses API");
		expect(ui.select("Model family").value).toBe("o3-pro");
		const again = await runTest();
		expect(again.summary).toMatch(/by o3-pro-2025-06-10/);
		expect(again.findings).toEqual([{ severity: "info", text: "That is the model family chosen (o3-pro)." }]);
		expect(emu.requests.map((q) => q.operation)).toEqual(["chat-completions", "responses"]);
	});

	test("the Responses path answered 404 (a region without it): it says so and offers chat completions, which then works", async () => {
		emu.setResponsesAvailable(false);
		try {
			await open(dep({ family: "gpt-5.1", deployment: "real-gpt51", apiStyle: "v1", apiVersion: "", operation: "responses", reasoningSummary: "off" }));
			const r = await runTest();
			expect(r.findings).toEqual([expect.objectContaining({ severity: "error", text: expect.stringMatching(/no Responses API at this address/), fix: "Use chat completions" })]);
			ui.fix("Test deployment", "Use chat completions");
			expect(ui.select("API operation").value).toBe("chat-completions");
			const again = await runTest();
			expect(again.findings).toEqual([{ severity: "info", text: "That is the model family chosen (GPT-5.1)." }]);
		} finally {
			emu.setResponsesAvailable(true);
		}
	});
});
