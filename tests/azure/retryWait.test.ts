/**
 * The waits a 429 asks for: read from `retry-after-ms` / `retry-after` (seconds or a date), our
 * own backoff only where the server asked none that parses, and only a wait the server asked for
 * reported as Azure's (`retryAfterSeconds`): over real HTTP against the strict emulator.
 */
import { requestUrl } from "obsidian";
import { retryWaitMs, sendRequest, serverWaitMs } from "../../src/azure/client";
import { buildRequest } from "../../src/core/request";
import { newDeployment } from "../../src/core/settings";
import { validateDeployment } from "../../src/core/validate";
import { AzureEmulator } from "../support/azureEmulator";

const KEY = "test-key-5f1d2c3b4a";
const NOW = Date.parse("Wed, 25 Nov 2026 12:00:00 GMT");

describe("retryWaitMs and serverWaitMs", () => {
	test.each([
		[{ "retry-after-ms": "250", "retry-after": "9" }, 0, 250, 250],
		[{ "retry-after": "3" }, 0, 3000, 3000],
		[{ "retry-after": "Wed, 25 Nov 2026 12:00:10 GMT" }, 0, 10_000, 10_000],
		[{ "retry-after": "soon" }, 0, 500, null],
		[{ "retry-after": "" }, 2, 2000, null],
		[{ "retry-after-ms": "-5" }, 1, 1000, null],
		[{}, 0, 500, null],
		[{}, 3, 4000, null],
		[{}, 10, 8000, null],
	])("%j attempt %i → %i ms (the server's: %s)", (headers, attempt, wait, asked) => {
		expect(retryWaitMs(headers as Record<string, string>, attempt, NOW)).toBe(wait);
		expect(serverWaitMs(headers as Record<string, string>, NOW)).toBe(asked);
	});
});

describe("retryAfterSeconds on a 429 (real HTTP)", () => {
	let emu: AzureEmulator;
	beforeAll(async () => {
		emu = await AzureEmulator.start({ apiKey: KEY, deployments: [{ name: "my-o1", family: "o1" }] });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	async function send() {
		const { ready } = validateDeployment({ ...newDeployment("t", "o1"), endpoint: emu.url, deployment: "my-o1", secretName: "k", apiVersion: "2024-12-01-preview" });
		if (!ready) throw new Error("invalid test deployment");
		const r = await sendRequest(ready, buildRequest(ready, "x"), { requestUrl, apiKey: KEY, timeoutMs: 30_000, maxRetries: 0 });
		if (r.ok || r.failure.kind !== "http") throw new Error(`expected an HTTP failure, got ${JSON.stringify(r)}`);
		return r.failure;
	}

	test("an unparseable retry-after: no wait reported, so the caller uses its own (not our 0.5 s backoff)", async () => {
		emu.script({ rateLimit: { retryAfterSeconds: null, retryAfterMs: null }, headers: { "retry-after": "soon" } });
		const f = await send();
		expect(f.status).toBe(429);
		expect(f.retryAfterSeconds).toBeUndefined();
	});

	test("a parsed retry-after is reported as it was asked, however long", async () => {
		emu.script({ rateLimit: { retryAfterSeconds: 7_200, retryAfterMs: null } });
		expect((await send()).retryAfterSeconds).toBe(7_200);
	});
});
