/**
 * runPrompt with a request the caller already prepared (a command validates and builds once,
 * for its context check, then sends that): what goes out is the prepared request, not one
 * validated and built again. Real HTTP: the stand-in's requestUrl against the strict emulator.
 */
import { requestUrl } from "obsidian";
import { prepare, runPrompt } from "../../src/azure/runPrompt";
import { newDeployment } from "../../src/core/settings";
import { AzureEmulator } from "../support/azureEmulator";

const KEY = "test-key-7a6b5c4d3e";
let emu: AzureEmulator;

beforeAll(async () => {
	emu = await AzureEmulator.start({ apiKey: KEY, deployments: [{ name: "my-o1", family: "o1" }] });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const config = () => ({ ...newDeployment("t", "o1"), endpoint: emu.url, deployment: "my-o1", secretName: "k", apiVersion: "2024-12-01-preview" });
const sentText = () => JSON.stringify(emu.requests.map((r) => r.body));

test("a prepared request is sent as it was built; without one, runPrompt prepares the prompt it is given", async () => {
	emu.setAnswer(() => "Done.");
	const prepared = prepare({ config: config(), apiKey: KEY, prompt: "PREPARED PROMPT" });
	if (!prepared.ok) throw new Error(`invalid test deployment: ${JSON.stringify(prepared.failure)}`);
	const base = { config: config(), apiKey: KEY, prompt: "OTHER PROMPT", timeoutMs: 30_000, maxRetries: 0, requestUrl };

	const reused = await runPrompt({ ...base, prepared });
	expect(reused.ok && reused.built).toBe(prepared.built);
	expect(sentText()).toContain("PREPARED PROMPT");
	expect(sentText()).not.toContain("OTHER PROMPT");

	emu.reset();
	emu.setAnswer(() => "Done.");
	const fresh = await runPrompt(base);
	expect(fresh.ok).toBe(true);
	expect(sentText()).toContain("OTHER PROMPT");
});
