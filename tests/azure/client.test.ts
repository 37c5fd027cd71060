/**
 * The client over real HTTP: the Obsidian stand-in's requestUrl (node:http) against the strict
 * Azure emulator on loopback. Retry waits are recorded through the injected sleep, so the
 * schedule is asserted without timing anything.
 */
import { requestUrl } from "obsidian";
import { sendRequest, type SendOptions } from "../../src/azure/client";
import { buildRequest } from "../../src/core/request";
import { newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { validateDeployment, type ReadyDeployment } from "../../src/core/validate";
import type { FamilyId } from "../../src/core/families";
import { AzureEmulator } from "../support/azureEmulator";

const KEY = "test-key-5f1d2c3b4a";
let emu: AzureEmulator;

beforeAll(async () => {
	emu = await AzureEmulator.start({
		apiKey: KEY,
		deployments: [
			{ name: "my-o1", family: "o1" },
			{ name: "my-gpt5", family: "gpt-5" },
		],
	});
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());
afterEach(() => jest.useRealTimers());

/** Jest's fake clock for the call's timeout and the emulator's delays; HTTP runs as usual. */
function fakeClock(): void {
	jest.useFakeTimers({ doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate"] });
}

function ready(overrides: Partial<DeploymentConfig> = {}, family: FamilyId = "o1"): ReadyDeployment {
	const cfg = { ...newDeployment("t", family), endpoint: emu.url, deployment: "my-o1", secretName: "k", apiVersion: "2024-12-01-preview", ...overrides };
	const { ready, findings } = validateDeployment(cfg);
	if (!ready) throw new Error(`invalid test deployment: ${JSON.stringify(findings)}`);
	return ready;
}

function options(extra: Partial<SendOptions> = {}): SendOptions & { waits: number[] } {
	const waits: number[] = [];
	return {
		requestUrl,
		apiKey: KEY,
		timeoutMs: 30_000,
		maxRetries: 2,
		sleep: async (ms) => {
			waits.push(ms);
		},
		waits,
		...extra,
	};
}

describe("sendRequest over HTTP", () => {
	test("dated API: the built body is what Azure receives, at the built URL, with the api-key header", async () => {
		const dep = ready();
		const built = buildRequest(dep, "Hello");
		const r = await sendRequest(dep, built, options());
		expect(r.ok).toBe(true);
		expect(emu.requests).toHaveLength(1);
		const req = emu.requests[0]!;
		expect(req.body).toEqual(built.body);
		expect(`${emu.url}${req.path}?api-version=${req.query["api-version"]}`).toBe(built.url);
		expect(req.auth).toBe("api-key");
		expect(req.status).toBe(200);
	});

	test("v1 API: no api-version, model = deployment, accepted", async () => {
		const dep = ready({ apiStyle: "v1", deployment: "my-gpt5", operation: "chat-completions" }, "gpt-5");
		const built = buildRequest(dep, "Hello");
		const r = await sendRequest(dep, built, options());
		expect(r.ok).toBe(true);
		const req = emu.requests[0]!;
		expect(req.path).toBe("/openai/v1/chat/completions");
		expect(req.query).toEqual({});
		expect(`${emu.url}${req.path}`).toBe(built.url);
		expect(req.body).toEqual(built.body);
	});

	test("429 storm: retried with retry-after-ms honoured, bounded by maxRetries", async () => {
		emu.script({ rateLimit: { retryAfterMs: 1500 }, times: 10 });
		const dep = ready();
		const o = options({ maxRetries: 3 });
		const r = await sendRequest(dep, buildRequest(dep, "x"), o);
		expect(r.ok).toBe(false);
		expect(r.attempts).toBe(4);
		expect(emu.requests).toHaveLength(4);
		expect(o.waits).toEqual([1500, 1500, 1500]);
		if (!r.ok) expect(r.failure).toMatchObject({ kind: "http", status: 429, attempts: 4, retryAfterSeconds: 1.5 });
	});

	test("429 then success: retry-after (seconds) honoured when there is no retry-after-ms", async () => {
		emu.script({ rateLimit: { retryAfterSeconds: 2, retryAfterMs: null } });
		const dep = ready();
		const o = options();
		const r = await sendRequest(dep, buildRequest(dep, "x"), o);
		expect(r.ok).toBe(true);
		expect(r.attempts).toBe(2);
		expect(o.waits).toEqual([2000]);
	});

	test("a retry-after longer than a minute is not waited for: the user is told instead", async () => {
		emu.script({ rateLimit: { retryAfterSeconds: 86_400, retryAfterMs: null } });
		const dep = ready();
		const o = options();
		const r = await sendRequest(dep, buildRequest(dep, "x"), o);
		expect(r.ok).toBe(false);
		expect(emu.requests).toHaveLength(1);
		expect(o.waits).toEqual([]);
	});

	test.each([500, 502, 503])("HTTP %i is retried, then succeeds", async (status) => {
		emu.script({ status, body: { error: { code: "InternalServerError", message: "boom" } } });
		const dep = ready();
		const r = await sendRequest(dep, buildRequest(dep, "x"), options());
		expect(r.ok).toBe(true);
		expect(emu.requests.map((q) => q.status)).toEqual([status, 200]);
	});

	test("4xx is never retried", async () => {
		const dep = ready({ apiVersion: "2024-12-01-preview", deployment: "nope" });
		const r = await sendRequest(dep, buildRequest(dep, "x"), options({ maxRetries: 5 }));
		expect(r.ok).toBe(false);
		expect(emu.requests).toHaveLength(1);
		if (!r.ok) expect(r.failure).toMatchObject({ kind: "http", status: 404, attempts: 1 });
	});

	test("a wrong key gets 401 once, and the failure holds no key", async () => {
		const dep = ready();
		const r = await sendRequest(dep, buildRequest(dep, "x"), options({ apiKey: "wrong-key-123456" }));
		expect(r.ok).toBe(false);
		expect(emu.requests).toHaveLength(1);
		expect(JSON.stringify(r)).not.toContain("wrong-key-123456");
		if (!r.ok) expect(r.failure).toMatchObject({ kind: "http", status: 401 });
	});

	test("a connection dropped mid-body is a network failure, retried", async () => {
		emu.script({ drop: "mid-body", times: 3 });
		const dep = ready();
		const o = options({ maxRetries: 2 });
		const r = await sendRequest(dep, buildRequest(dep, "x"), o);
		expect(r.ok).toBe(false);
		expect(emu.requests).toHaveLength(3);
		if (!r.ok) expect(r.failure.kind).toBe("network");
	});

	test("an HTML page from a proxy is an http failure carrying its content type", async () => {
		emu.script({ html: true, status: 502 });
		const dep = ready();
		const r = await sendRequest(dep, buildRequest(dep, "x"), options({ maxRetries: 0 }));
		expect(r.ok).toBe(false);
		if (!r.ok && r.failure.kind === "http") {
			expect(r.failure.status).toBe(502);
			expect(r.failure.contentType).toMatch(/text\/html/);
		} else throw new Error(`unexpected ${JSON.stringify(r)}`);
	});

	test("invalid JSON with 200 is an invalid-json failure", async () => {
		emu.script({ invalidJson: true });
		const dep = ready();
		const r = await sendRequest(dep, buildRequest(dep, "x"), options());
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.failure).toMatchObject({ kind: "invalid-json", status: 200 });
	});

	test("a response slower than the timeout ends as a timeout, and is not retried", async () => {
		fakeClock();
		emu.script({ delayMs: 5_000, content: "late" });
		const dep = ready();
		const p = sendRequest(dep, buildRequest(dep, "x"), options({ timeoutMs: 200, maxRetries: 3 }));
		await emu.whenRequests(1);
		await jest.advanceTimersByTimeAsync(200);
		const r = await p;
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.failure).toEqual({ kind: "timeout", seconds: 0 });
		expect(emu.requests).toHaveLength(1);
	});

	test("an answer that arrives after the timeout is handed over, not thrown away", async () => {
		fakeClock();
		emu.script({ delayMs: 400, content: "late but whole" });
		const dep = ready();
		let late: (json: unknown) => void = () => undefined;
		const arrived = new Promise<unknown>((r) => (late = r));
		const p = sendRequest(dep, buildRequest(dep, "x"), options({ timeoutMs: 100, onLateAnswer: (json) => late(json) }));
		await emu.whenRequests(1);
		await jest.advanceTimersByTimeAsync(100);
		const r = await p;
		expect(r.ok).toBe(false);
		await jest.advanceTimersByTimeAsync(300);
		const json = (await arrived) as { choices: { message: { content: string } }[] };
		expect(json.choices[0]!.message.content).toBe("late but whole");
	});

	test("after a cancel, a late answer is dropped: the user asked to stop", async () => {
		emu.script({ delayMs: 200, content: "unwanted" });
		const dep = ready();
		const c = new AbortController();
		const lates: unknown[] = [];
		const p = sendRequest(dep, buildRequest(dep, "x"), options({ signal: c.signal, onLateAnswer: (json) => lates.push(json) }));
		await emu.whenRequests(1);
		c.abort();
		expect((await p).ok).toBe(false);
		while (emu.requests[0]?.status !== 200) await new Promise((res) => setTimeout(res, 10));
		await new Promise((res) => setTimeout(res, 50));
		expect(lates).toEqual([]);
	});

	test("cancel stops the wait at once with a cancelled failure", async () => {
		emu.script({ delayMs: 5_000, content: "late" });
		const dep = ready();
		const c = new AbortController();
		const p = sendRequest(dep, buildRequest(dep, "x"), options({ signal: c.signal }));
		await emu.whenRequests(1);
		c.abort();
		const r = await p;
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.failure).toEqual({ kind: "cancelled" });
	});
});

test("concurrent calls on one deployment each see their own answer (the SDK client is shared)", async () => {
	const dep = ready();
	emu.script({ match: (r) => JSON.stringify(r.body).includes("first"), delayMs: 100, status: 400, body: { error: { message: "first failed", type: "invalid_request_error", param: null, code: null } } });
	emu.setAnswer(() => "second ok");
	const [a, b] = await Promise.all([sendRequest(dep, buildRequest(dep, "first"), options({ maxRetries: 0 })), sendRequest(dep, buildRequest(dep, "second"), options({ maxRetries: 0 }))]);
	expect(a.ok).toBe(false);
	if (!a.ok && a.failure.kind === "http") expect(JSON.parse(a.failure.body)).toEqual({ error: { message: "first failed", type: "invalid_request_error", param: null, code: null } });
	else throw new Error(`unexpected ${JSON.stringify(a)}`);
	expect(b.ok).toBe(true);
});
