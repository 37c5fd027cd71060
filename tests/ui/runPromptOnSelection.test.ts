/**
 * "Run prompt on selection" end to end, over real HTTP against the strict emulator, with the
 * plugin loaded both from its TypeScript sources and from the built main.js. Note texts are
 * asserted exactly, before and after.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { PluginManifest } from "obsidian";
import AzureReasoningPlugin from "../../src/main";
import { AzureEmulator, type Fault } from "../support/azureEmulator";
import { ObsidianHost } from "../support/host";
import { modalErrors, modalScript, resetModals } from "../support/obsidian";
import { testFrom } from "./commandsHarness";

const ROOT = resolve(__dirname, "../..");
const KEY = "e2e-key-9b8a7c6d5e4f";
const SECRET = "azure-e2e";
const MANIFEST = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as PluginManifest;
const NOTE = "Notes/Meeting.md";
const BEFORE = "# Meeting\n\nwe decide to ship on friday.\n\nLast line.\n";
const SELECTED = "we decide to ship on friday.";

let emu: AzureEmulator;
let vaultDir: string;
let host: ObsidianHost;

beforeAll(async () => {
	emu = await AzureEmulator.start({
		apiKey: KEY,
		deployments: [
			{ name: "dep-o1", family: "o1" },
			{ name: "dep-o1p", family: "o1-preview" },
			{ name: "dep-gpt5", family: "gpt-5" },
		],
	});
});
afterAll(() => emu.close());

function deployment(overrides: Record<string, unknown> = {}) {
	return {
		id: "d1",
		displayName: "Test",
		endpoint: emu.url,
		apiStyle: "dated",
		apiVersion: "2024-12-01-preview",
		deployment: "dep-o1",
		family: "o1",
		secretName: SECRET,
		maxCompletionTokens: 25_000,
		reasoningEffort: "",
		instructions: "",
		markdown: true,
		temperature: 1,
		...overrides,
	};
}

type Loader = "sources" | "main.js";

async function start(loader: Loader, dep: Record<string, unknown> = deployment(), secrets: Record<string, string> = { [SECRET]: KEY }, settings: Record<string, unknown> = {}) {
	emu.reset();
	vaultDir = mkdtempSync(join(tmpdir(), "ar-e2e-"));
	host = ObsidianHost.create({ vaultDir, secrets, pluginData: { version: 1, deployments: [dep], defaultDeploymentId: "d1", ...settings } });
	await host.standInApp.vault.createFolder("Notes");
	await host.standInApp.vault.create(NOTE, BEFORE);
	if (loader === "sources") await host.loadPluginClass(AzureReasoningPlugin as never, MANIFEST);
	else await host.loadMainJs(join(ROOT, "main.js"), join(ROOT, "manifest.json"));
	const from = BEFORE.indexOf(SELECTED);
	// The command opens the template picker; the user picks the template that replaces the selection.
	resetModals();
	modalScript.push({ choose: "Improve the writing" });
	return host.openNote(NOTE, { selection: { from, to: from + SELECTED.length } });
}

/** Waits until the command's request reached the emulator (it is then waiting on a delayed answer). */
async function requestArrived(): Promise<void> {
	await emu.whenRequests(1);
}

/**
 * The model's thinking on jest's fake clock (the plugin's, the SDK's and the emulator's timers):
 * `think()` lets it pass without a real wait. HTTP, files and modal steps run as usual.
 */
const THINKING_MS = 300;
function fakeClock(): void {
	jest.useFakeTimers({ doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate"] });
}
const think = () => jest.advanceTimersByTimeAsync(THINKING_MS);

afterEach(async () => {
	expect(modalErrors).toEqual([]);
	await host?.dispose();
	jest.useRealTimers();
	rmSync(vaultDir, { recursive: true, force: true });
});

function allVisibleText(): string {
	const data = existsSync(join(vaultDir, ".obsidian/plugins/azure-reasoning/data.json")) ? readFileSync(join(vaultDir, ".obsidian/plugins/azure-reasoning/data.json"), "utf8") : "";
	return [host.notices().join("\n"), host.consoleLines().join("\n"), data, host.readNote(NOTE)].join("\n");
}

/**
 * From main.js, a smoke subset: the o1 answer, typing meanwhile, the target deleted, unload in
 * flight, a validation error, a missing key, and every error body below. Not repeated from main.js,
 * and what runs them on the bundle instead: the other families and API styles (tests/e2e/matrix:
 * every family on every style from main.js), an error from Azure (DeploymentNotFound among the
 * error bodies below, and in tests/e2e/faults), the spent budget (tests/e2e/faults).
 */
describe.each<Loader>(["sources", "main.js"])("run-prompt-on-selection, plugin from %s", (loader) => {
	test.each([
		{ name: "o1, dated API", dep: {} },
		...(loader === "sources"
			? [
					{ name: "o1-preview, dated API, instructions folded", dep: { deployment: "dep-o1p", family: "o1-preview", instructions: "Be brief." } },
					{ name: "gpt-5, v1 API", dep: { deployment: "dep-gpt5", family: "gpt-5", apiStyle: "v1" } },
				]
			: []),
	])("$name: the answer replaces the selection, everything else is untouched", async ({ dep }) => {
		await start(loader, deployment(dep));
		emu.setAnswer(() => "We decided to ship on Friday.");
		await host.runCommand("run-prompt-on-selection");
		host.flush();
		expect(host.readNote(NOTE)).toBe("# Meeting\n\nWe decided to ship on Friday.\n\nLast line.\n");
		expect(emu.requests).toHaveLength(1);
		expect(emu.requests[0]!.status).toBe(200);
		const body = emu.requests[0]!.body as { messages: { role: string; content: string }[] };
		expect(body.messages.at(-1)!.content).toContain(SELECTED);
		expect(host.notices().at(-1)).toMatch(/^Answer from .+ in \d+\.\d s, \d+ prompt \+ \d+ completion tokens \(of which \d+ reasoning\)\.$/);
		expect(allVisibleText()).not.toContain(KEY);
	});

	testFrom(loader, false)("an error from Azure leaves the note byte-identical and explains what to change", async () => {
		await start(loader, deployment({ deployment: "no-such-deployment" }));
		await host.runCommand("run-prompt-on-selection");
		host.flush();
		expect(readFileSync(join(vaultDir, NOTE), "utf8")).toBe(BEFORE);
		expect(host.notices().at(-1)).toMatch(/no deployment named "no-such-deployment".*Check the deployment name/);
		expect(allVisibleText()).not.toContain(KEY);
	});

	test("a deployment with a validation error sends nothing; the user gets the finding", async () => {
		await start(loader, deployment({ apiVersion: "2024-10-21" }));
		await host.runCommand("run-prompt-on-selection");
		host.flush();
		expect(emu.requests).toHaveLength(0);
		expect(host.readNote(NOTE)).toBe(BEFORE);
		expect(host.notices().at(-1)).toMatch(/o1 needs api-version 2024-12-01-preview or newer/);
	});

	test("a missing key sends nothing and says which secret to set", async () => {
		await start(loader, deployment(), {});
		await host.runCommand("run-prompt-on-selection");
		expect(emu.requests).toHaveLength(0);
		expect(host.notices().at(-1)).toMatch(/The secret "azure-e2e" holds no key/);
	});

	testFrom(loader, false)("reasoning that used the whole budget: nothing inserted, the notice gives the numbers and the fix", async () => {
		await start(loader, deployment({ maxCompletionTokens: 100 }));
		await host.runCommand("run-prompt-on-selection");
		host.flush();
		expect(host.readNote(NOTE)).toBe(BEFORE);
		expect(host.notices().at(-1)).toMatch(/reasoning used 100 of the 100 tokens allowed.*Raise max completion tokens/);
	});

	test("text typed before the selection while the model thinks is kept, and the answer lands on the selection", async () => {
		fakeClock();
		const { editor } = await start(loader);
		emu.script({ delayMs: THINKING_MS, content: "ANSWER" });
		const running = host.runCommand("run-prompt-on-selection");
		await requestArrived();
		editor.replaceRange("Typed meanwhile. ", { line: 0, ch: 0 });
		editor.replaceRange(" More.", editor.offsetToPos(editor.getValue().length - 1));
		await think();
		await running;
		host.flush();
		expect(host.readNote(NOTE)).toBe("Typed meanwhile. # Meeting\n\nANSWER\n\nLast line. More.\n");
	});

	test("the selected text deleted meanwhile: the answer goes into a new note, named in the notice", async () => {
		fakeClock();
		const { editor } = await start(loader);
		emu.script({ delayMs: THINKING_MS, content: "ANSWER" });
		const running = host.runCommand("run-prompt-on-selection");
		await requestArrived();
		editor.setValue("# Meeting\n\nAll rewritten.\n");
		await think();
		await running;
		host.flush();
		expect(host.readNote(NOTE)).toBe("# Meeting\n\nAll rewritten.\n");
		const notice = host.notices().at(-1)!;
		const path = /The answer is in (.+\.md)/.exec(notice)?.[1];
		expect(path).toBe("Meeting (answer).md");
		expect(host.readNote(path!)).toBe("Answer for [[Meeting]], kept here because the selected text was no longer in the note.\n\nANSWER\n");
	});

	test("unloading with a request in flight leaves the note exactly as it was and creates nothing", async () => {
		fakeClock();
		await start(loader);
		emu.script({ delayMs: THINKING_MS, content: "ANSWER" });
		const running = host.runCommand("run-prompt-on-selection");
		await requestArrived();
		await host.unloadPlugin();
		await think();
		await running;
		host.flush();
		expect(readFileSync(join(vaultDir, NOTE), "utf8")).toBe(BEFORE);
		expect(host.standInApp.vault.getMarkdownFiles().map((f) => f.path)).toEqual([NOTE]);
	});
});

/** Every error body in the facts file (../shared/reference/azure-reasoning-api.md §3), as Azure sends it. */
const FACT_ERRORS: { name: string; fault: Fault; expect: RegExp }[] = [
	{ name: "max_tokens", fault: { status: 400, body: { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter" } } }, expect: /max_completion_tokens.*model family/ },
	{ name: "system role", fault: { status: 400, body: { error: { message: "Unsupported value: 'messages[0].role' does not support 'system' with this model.", type: "invalid_request_error", param: "messages[0].role", code: "unsupported_value" } } }, expect: /o1-preview or o1-mini.*Set it to o1-preview or o1-mini/ },
	{ name: "temperature 0.7", fault: { status: 400, body: { error: { message: "Unsupported value: 'temperature' does not support 0.7 with this model. Only the default (1) value is supported.", type: "invalid_request_error", param: "temperature", code: "unsupported_value" } } }, expect: /temperature.*Set the model family/ },
	{ name: "temperature at all", fault: { status: 400, body: { error: { message: "Unsupported parameter: 'temperature' is not supported with this model.", type: "invalid_request_error", param: "temperature", code: "unsupported_parameter" } } }, expect: /temperature.*Stop sending it.*model family/ },
	{ name: "top_p", fault: { status: 400, body: { error: { message: "Unsupported parameter: 'top_p' is not supported with this model.", type: "invalid_request_error", param: "top_p", code: "unsupported_parameter" } } }, expect: /top_p.*Stop sending it.*model family/ },
	{ name: "stream", fault: { status: 400, body: { error: { message: "Unsupported value: 'stream' does not support true with this model. Supported values are: false.", type: "invalid_request_error", param: "stream", code: "unsupported_value" } } }, expect: /does not stream.*Set the model family/ },
	{ name: "developer role", fault: { status: 400, body: { error: { message: "Unsupported value: 'messages[0].role' does not support 'developer' with this model.", type: "invalid_request_error", param: "messages[0].role", code: "unsupported_value" } } }, expect: /developer message.*Set it to o1-preview or o1-mini/ },
	{ name: "api-version too old for max_completion_tokens", fault: { status: 400, body: { error: { message: "Unrecognized request argument supplied: max_completion_tokens", type: "invalid_request_error", param: null, code: null } } }, expect: /too old.*Set the API version to 2025-04-01-preview/ },
	{ name: "DeploymentNotFound", fault: { status: 404, body: { error: { code: "DeploymentNotFound", message: "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again." } } }, expect: /no deployment named.*Check the deployment name/ },
	{ name: "Resource not found", fault: { status: 404, body: { error: { code: "404", message: "Resource not found" } } }, expect: /nothing at this address.*Check the endpoint/ },
	{ name: "401", fault: { status: 401, body: { error: { code: "401", message: "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource." } } }, expect: /refused the key.*Check that the secret holds a current key/ },
	{ name: "model needs newer api-version", fault: { status: 400, body: { error: { code: "BadRequest", message: "Model {modelName} is enabled only for api versions 2024-12-01-preview and later" } } }, expect: /Set the API version to 2024-12-01-preview or newer/ },
	{ name: "API version not supported", fault: { status: 400, body: { error: { code: "BadRequest", message: "API version not supported" } } }, expect: /does not support api-version.*Choose a listed version/ },
	{ name: "OperationNotSupported", fault: { status: 400, body: { error: { code: "OperationNotSupported", message: "The chatCompletion operation does not work with the specified model, gpt-4o. Please choose different model and try again." } } }, expect: /refused chat completions for the model gpt-4o.*Responses API.*Switch this deployment to the Responses API/ },
	{ name: "429", fault: { status: 429, headers: { "retry-after": "60", "retry-after-ms": "60000" }, body: { error: { code: "429", message: "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-12-01-preview have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 60 seconds." } } }, expect: /rate limit.*wait 60 s.*raise the deployment's tokens-per-minute quota/ },
	{ name: "prompt filtered", fault: { filteredPrompt: { category: "violence", severity: "medium" } }, expect: /content filter blocked the prompt: violence \(medium\).*Rephrase/ },
	{ name: "output filtered", fault: { filteredOutput: { category: "hate" } }, expect: /content filter withheld the answer: hate.*Rephrase/ },
];

describe("every error body in the facts file: explained, note unchanged (plugin from main.js)", () => {
	test.each(FACT_ERRORS)("$name", async ({ fault, expect: message }) => {
		// No retries here: the retry schedule has its own tests; this is about what the user reads.
		await start("main.js", deployment(), { [SECRET]: KEY }, { maxRetries: 0 });
		emu.script({ ...fault, times: 10 });
		await host.runCommand("run-prompt-on-selection");
		host.flush();
		expect(readFileSync(join(vaultDir, NOTE), "utf8")).toBe(BEFORE);
		expect(host.notices().at(-1)).toMatch(message);
		expect(allVisibleText()).not.toContain(KEY);
	});
});

test("the settings file never holds the key", async () => {
	await start("sources");
	const plugin = host.plugin as unknown as AzureReasoningPlugin;
	await plugin.saveSettings();
	const data = readFileSync(join(vaultDir, ".obsidian/plugins/azure-reasoning/data.json"), "utf8");
	expect(data).toContain(SECRET);
	expect(data).not.toContain(KEY);
});
