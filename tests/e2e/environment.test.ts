/**
 * Obsidian desktop hands plugins Node's `process.env`, which the openai SDK reads. With the
 * variables of Microsoft's and OpenAI's quickstarts set, every command of the BUILT main.js works
 * against the strict emulator (a key deployment and an Entra ID one, both API styles), sends no
 * header the plugin did not choose, and nothing reaches the console.
 */
import { entraSecretName } from "../../src/azure/entraClient";
import { EntraEmulator } from "../support/entraEmulator";
import { modalScript } from "../support/obsidian";
import { deployment, useHarness } from "../ui/commandsHarness";

const ENV: Record<string, string> = {
	OPENAI_BASE_URL: "http://127.0.0.1:9/not-azure/v1",
	AZURE_OPENAI_API_KEY: "env-azure-key-never-sent-0000",
	AZURE_OPENAI_ENDPOINT: "http://127.0.0.1:9/not-this-one",
	OPENAI_API_VERSION: "2022-12-01",
	OPENAI_API_KEY: "sk-env-key-never-sent",
	OPENAI_ORG_ID: "org-from-env",
	OPENAI_PROJECT_ID: "proj-from-env",
	OPENAI_CUSTOM_HEADERS: "X-From-Env: yes",
	OPENAI_LOG: "debug",
};
/** The headers the plugin sends itself; anything else came from somewhere it did not choose. */
const OWN = new Set(["api-key", "authorization", "content-type", "accept", "user-agent", "content-length", "host", "connection", "accept-encoding", "accept-language", "sec-fetch-mode"]);

const TENANT = "contoso.onmicrosoft.com";
const CLIENT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const ISSUED: string[] = [];
const h = useHarness({ bearerTokens: ISSUED });
let entra: EntraEmulator;
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
	for (const [k, v] of Object.entries(ENV)) {
		saved[k] = process.env[k];
		process.env[k] = v;
	}
});
afterAll(() => {
	for (const [k, v] of Object.entries(saved)) {
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
});
beforeEach(async () => {
	ISSUED.length = 0;
	entra = await EntraEmulator.start({ tenant: TENANT, clientId: CLIENT, accessTokens: ISSUED });
});
afterEach(() => entra.close());

async function start(kind: "key" | "entra", apiStyle: "dated" | "v1"): Promise<void> {
	const style = apiStyle === "v1" ? { apiStyle: "v1", family: "gpt-5", deployment: "dep-gpt5", apiVersion: "" } : {};
	const second = deployment({ id: "d2", displayName: "Second", deployment: "dep-o3mini", family: "o3-mini" });
	if (kind === "key") return h.start({ loader: "main.js", deployments: [deployment(style), second] });
	const refreshToken = entra.mintRefreshToken();
	ISSUED.length = 0;
	await h.start({
		loader: "main.js",
		deployments: [deployment({ auth: "entra", secretName: "", tenant: TENANT, clientId: CLIENT, authorityHost: entra.url, ...style }), second],
		secrets: { [entraSecretName("d1")]: refreshToken, "azure-cmd": "cmd-key-5f4e3d2c1b0a9988" },
	});
}

function expectNothingExtra(): void {
	expect(h.emu.requests.length).toBeGreaterThan(0);
	for (const r of h.emu.requests) {
		expect(r.status).toBe(200);
		expect(Object.keys(r.headers).filter((k) => !OWN.has(k.toLowerCase()) && !k.toLowerCase().startsWith("x-stainless"))).toEqual([]);
	}
	const everything = h.visibleText() + JSON.stringify(h.emu.requests.map((r) => r.headers));
	for (const leak of Object.values(ENV).filter((v) => v !== "debug")) expect(everything).not.toContain(leak);
	expect(h.host.consoleLines()).toEqual([]);
}

describe.each([
	["key", "dated"],
	["key", "v1"],
	["entra", "dated"],
	["entra", "v1"],
] as const)("%s deployment, %s API, from main.js", (kind, apiStyle) => {
	test("every command that sends works, and sends and logs nothing extra", async () => {
		await start(kind, apiStyle);
		h.emu.setAnswer(() => "ANSWER");
		expect((await h.run("run-prompt-on-selection", { choose: "Improve the writing" })).ok).toBe(true);
		expect((await h.run("ask-about-selection", { type: "Risks?", click: "Ask" })).ok).toBe(true);
		expect((await h.run("template-explain")).ok).toBe(true);
		h.host.openNote("Notes/Meeting.md", { selection: "all" });
		expect((await h.run("summarize-selection-to-new-note")).ok).toBe(true);
		h.host.openNote("Notes/Meeting.md");
		expect((await h.run("summarize-note-to-new-note")).ok).toBe(true);
		expectNothingExtra();
	});

	test("preview, choose-deployment and cancel-request work too", async () => {
		await start(kind, apiStyle);
		const preview = await h.run("preview-request", { choose: "Improve the writing" }, { click: "Close" });
		expect(preview.ok).toBe(true);
		expect(preview.message).not.toMatch(/not-azure|org-from-env|proj-from-env|X-From-Env/i);
		expect((await h.run("choose-deployment", { choose: "Second" })).ok).toBe(true);
		h.emu.script({ delayMs: 5_000, content: "never" });
		modalScript.push({ choose: "Improve the writing" });
		const running = h.host.runCommand("azure-reasoning:run-prompt-on-selection");
		await h.requestsArrived(1);
		await h.run("cancel-request");
		expect(((await running) as { ok: boolean }).ok).toBe(false);
		expect(h.host.consoleLines()).toEqual([]);
	});
});
