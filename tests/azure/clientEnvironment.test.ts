/**
 * OpenAI client libraries read `process.env` for every option they are not given, and Obsidian
 * desktop exposes `process` to plugins; the plugin sends without one and reads no environment. With the variables a user may well have set (Microsoft's quickstart sets
 * AZURE_OPENAI_API_KEY; OPENAI_BASE_URL for another tool; OPENAI_LOG=debug), requests must go
 * out exactly as without them, and nothing may be logged.
 */
import { requestUrl } from "obsidian";
import { sendRequest, type SendOptions } from "../../src/azure/client";
import { buildRequest } from "../../src/core/request";
import { newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { validateDeployment, type ReadyDeployment } from "../../src/core/validate";
import { AzureEmulator } from "../support/azureEmulator";

const KEY = "test-key-env-7c1e9a";
const TOKEN = "entra-token-env-3b8d0f";
const ENV = {
	OPENAI_BASE_URL: "http://127.0.0.1:9/elsewhere",
	AZURE_OPENAI_API_KEY: "env-key-should-never-be-sent",
	AZURE_OPENAI_ENDPOINT: "http://127.0.0.1:9",
	OPENAI_API_KEY: "env-openai-key",
	OPENAI_API_VERSION: "2020-01-01",
	OPENAI_ORG_ID: "org-from-env",
	OPENAI_PROJECT_ID: "proj-from-env",
	// Lines that would replace the plugin's credential with another tool's, and change what it accepts.
	OPENAI_CUSTOM_HEADERS: "X-From-Env: yes\nX-Other: 1\nAuthorization: Bearer env-token-from-other-tool\napi-key: env-api-key-from-other-tool\nAccept: text/plain",
	OPENAI_LOG: "debug",
};
let emu: AzureEmulator;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
	emu = await AzureEmulator.start({ apiKey: KEY, bearerTokens: [TOKEN], deployments: [{ name: "my-o1", family: "o1" }] });
	for (const [k, v] of Object.entries(ENV)) {
		saved[k] = process.env[k];
		process.env[k] = v;
	}
});
afterAll(() => {
	for (const k of Object.keys(ENV)) {
		if (saved[k] === undefined) delete process.env[k];
		else process.env[k] = saved[k];
	}
	return emu.close();
});
beforeEach(() => {
	emu.reset();
});

function ready(overrides: Partial<DeploymentConfig>): ReadyDeployment {
	const cfg = { ...newDeployment("t", "o1"), endpoint: emu.url, deployment: "my-o1", secretName: "k", apiVersion: "2024-12-01-preview", ...overrides };
	const { ready } = validateDeployment(cfg);
	if (!ready) throw new Error("invalid test deployment");
	return ready;
}

const opts = (extra: Partial<SendOptions>): SendOptions => ({ requestUrl, apiKey: KEY, timeoutMs: 30_000, maxRetries: 0, sleep: async () => {}, ...extra });

const cases: [string, Partial<DeploymentConfig>, Partial<SendOptions>, string][] = [
	["dated API with a key", { apiStyle: "dated" }, {}, "api-key"],
	["dated API with an Entra token", { apiStyle: "dated" }, { apiKey: "", bearerToken: TOKEN }, "bearer-token"],
	["v1 API with a key", { apiStyle: "v1" }, {}, "bearer-key"],
	["v1 API with an Entra token", { apiStyle: "v1" }, { apiKey: "", bearerToken: TOKEN }, "bearer-token"],
];

describe.each(cases)("with the SDK's environment variables set: %s", (_name, dep, extra, auth) => {
	it("sends to the deployment's endpoint with its own credentials, no extra headers, and logs nothing", async () => {
		const logged: unknown[] = [];
		const spies = (["log", "debug", "info", "warn", "error"] as const).map((m) => jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args)));
		try {
			const d = ready(dep);
			const result = await sendRequest(d, buildRequest(d, "Hello"), opts(extra));
			expect(result.ok).toBe(true);
		} finally {
			spies.forEach((s) => s.mockRestore());
		}
		expect(emu.requests).toHaveLength(1);
		const req = emu.requests[0]!;
		expect(req.auth).toBe(auth);
		expect(req.status).toBe(200);
		const names = Object.keys(req.headers);
		expect(names.filter((n) => /^x-from-env|^x-other|^openai-organization|^openai-project/.test(n))).toEqual([]);
		expect(JSON.stringify(req)).not.toContain("env-key-should-never-be-sent");
		expect(req.headers.accept).toBe("application/json");
		// The emulator redacts credentials it sees; their kind says which was sent, and no other tool's token left.
		expect(req.headers["api-key"] === undefined).toBe(auth !== "api-key");
		expect(req.headers.authorization === undefined).toBe(auth === "api-key");
		expect(req.secretLeaks).toEqual([]);
		expect(logged).toEqual([]);
	});
});
