/**
 * The openai SDK inside the built main.js, after the bundle-time stubs (scripts/build/sdkAllowList.mjs):
 * every public method the plugin calls exists and works there, on both clients it makes, and what
 * was removed fails loudly, naming itself.
 *
 * - chat.completions.create: through the plugin's own command, on a dated (AzureOpenAI) and a v1
 *   (OpenAI) deployment, against the strict emulator; then directly on new clients of the same
 *   bundled classes.
 * - responses.create: on new clients of the bundled classes, against a tiny local server of this
 *   test (the emulator may not have the route): a POST to /openai/v1/responses (v1) and to
 *   /openai/responses?api-version=… (dated), with `output_text` filled in as the SDK does; and
 *   on the dated client, the raw URLs and bodies of both calls equal the unbundled SDK's.
 *
 * How the bundled classes are found: main.js exports only the plugin, and its names are minified.
 * The SDK's client constructor adds each instance to a private WeakSet (`_OpenAI_instances.add(this)`,
 * TypeScript's lowering of its private methods); the test watches WeakSet.prototype.add while the
 * plugin sends, and keeps the objects that have `chat.completions.create`: the clients the plugin
 * itself made from main.js. If an SDK upgrade changes that, the test fails saying so.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AzureOpenAI as UnbundledAzureOpenAI } from "openai";
import { KNOWN_DATED_VERSIONS } from "../../src/core/apiVersion";
import { BEFORE, KEY, NOTE, SELECTED, deployment, useHarness } from "../ui/commandsHarness";

const h = useHarness();

interface SdkClient {
	chat: { completions: { create(body: unknown): Promise<{ choices: { message: { content: string } }[] }>; stream(body: unknown): unknown } };
	responses: { create(body: unknown): Promise<{ id: string; output_text: string }>; stream(body: unknown): unknown };
	files: { list(): unknown };
	beta: unknown;
}
type ClientClass = new (opts: Record<string, unknown>) => SdkClient;

/** Runs `run` while recording the SDK clients constructed meanwhile (see the file comment). */
async function clientsMadeDuring(run: () => Promise<unknown>): Promise<SdkClient[]> {
	const added = new Set<object>();
	const add = WeakSet.prototype.add;
	WeakSet.prototype.add = function (this: WeakSet<object>, value: object) {
		added.add(value);
		return add.call(this, value);
	};
	try {
		await run();
	} finally {
		WeakSet.prototype.add = add;
	}
	// Added at the start of the constructor, before the resources are: filtered once built.
	return [...added].filter((o): o is SdkClient => typeof (o as Partial<SdkClient>).chat?.completions?.create === "function");
}

let classes: { OpenAI: ClientClass; AzureOpenAI: ClientClass };

beforeAll(async () => {
	// One load of main.js, two deployments: the dated one (default), then the v1 one chosen as the user does.
	const dated = deployment({ id: "d1", displayName: "Dated", apiStyle: "dated", deployment: "dep-o1", family: "o1", apiVersion: "2024-12-01-preview" });
	const v1 = deployment({ id: "d2", displayName: "Version one", apiStyle: "v1", deployment: "dep-gpt5", family: "gpt-5", apiVersion: "" });
	await h.start({ loader: "main.js", deployments: [dated, v1] });
	h.emu.setAnswer(() => "We ship on Friday.");
	const [datedClient, ...moreDated] = await clientsMadeDuring(() => h.run("template-improve-writing"));
	// The plugin's own call, chat.completions.create from main.js, placed the answer.
	const afterFirst = BEFORE.replace(SELECTED, "We ship on Friday.");
	expect(h.read(NOTE)).toBe(afterFirst);
	expect((await h.run("choose-deployment", { choose: "Version one" })).ok).toBe(true);
	h.host.openNote(NOTE, { selection: { from: afterFirst.indexOf("We ship"), to: afterFirst.indexOf("We ship") + "We ship on Friday.".length } });
	h.emu.setAnswer(() => "Shipping Friday.");
	const [v1Client, ...moreV1] = await clientsMadeDuring(() => h.run("template-improve-writing"));
	expect(h.read(NOTE)).toBe(BEFORE.replace(SELECTED, "Shipping Friday."));
	expect(h.emu.requests.map((r) => [r.status, r.apiStyle])).toEqual([[200, "dated"], [200, "v1"]]);
	if (!datedClient || !v1Client || moreDated.length + moreV1.length > 0) {
		throw new Error("expected the plugin to make one SDK client per deployment from main.js: has the SDK stopped registering instances in a WeakSet?");
	}
	const OpenAI = v1Client.constructor as ClientClass;
	const AzureOpenAI = datedClient.constructor as ClientClass;
	// One SDK copy: the dated client's class extends the v1 client's.
	expect(Object.getPrototypeOf(AzureOpenAI)).toBe(OpenAI);
	classes = { OpenAI, AzureOpenAI };
});

const clientOpts = { maxRetries: 0, dangerouslyAllowBrowser: true };

describe("chat.completions.create from main.js", () => {
	test("on the bundled OpenAI (v1) against the emulator", async () => {
		const client = new classes.OpenAI({ ...clientOpts, apiKey: KEY, baseURL: `${h.emu.url}/openai/v1` });
		h.emu.setAnswer(() => "v1 answer");
		const r = await client.chat.completions.create({ model: "dep-gpt5", messages: [{ role: "user", content: "Hello" }], max_completion_tokens: 1000 });
		expect(r.choices[0]?.message.content).toBe("v1 answer");
		expect(h.emu.requests.at(-1)).toMatchObject({ method: "POST", path: "/openai/v1/chat/completions", apiStyle: "v1", status: 200 });
	});

	test("on the bundled AzureOpenAI (dated) against the emulator", async () => {
		const client = new classes.AzureOpenAI({ ...clientOpts, apiKey: KEY, endpoint: h.emu.url, deployment: "dep-o1", apiVersion: "2024-12-01-preview" });
		h.emu.setAnswer(() => "dated answer");
		const r = await client.chat.completions.create({ model: "dep-o1", messages: [{ role: "user", content: "Hello" }], max_completion_tokens: 1000 });
		expect(r.choices[0]?.message.content).toBe("dated answer");
		expect(h.emu.requests.at(-1)).toMatchObject({ method: "POST", path: "/openai/deployments/dep-o1/chat/completions", apiVersion: "2024-12-01-preview", status: 200 });
	});
});

describe("responses.create from main.js", () => {
	let server: Server;
	let url: string;
	const seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: unknown }[] = [];
	beforeAll(async () => {
		server = createServer((req, res) => {
			let raw = "";
			req.on("data", (c: Buffer) => (raw += c.toString()));
			req.on("end", () => {
				seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: JSON.parse(raw || "null") });
				res.writeHead(200, { "content-type": "application/json" });
				res.end(JSON.stringify({ id: "resp_1", object: "response", status: "completed", output: [{ type: "reasoning", summary: [] }, { type: "message", role: "assistant", content: [{ type: "output_text", text: "Hello ", annotations: [] }, { type: "output_text", text: "there.", annotations: [] }] }] }));
			});
		});
		await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((r) => server.close(r));
	});
	beforeEach(() => seen.splice(0));

	test("on the bundled OpenAI (v1): POST /openai/v1/responses", async () => {
		const client = new classes.OpenAI({ ...clientOpts, apiKey: "v1-key-0123456789", baseURL: `${url}/openai/v1` });
		const body = { model: "dep-gpt5", input: "Hello", max_output_tokens: 1000 };
		const r = await client.responses.create(body);
		expect(r).toMatchObject({ id: "resp_1", output_text: "Hello there." });
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({ method: "POST", url: "/openai/v1/responses", body });
		expect(seen[0]!.headers.authorization).toBe("Bearer v1-key-0123456789");
	});

	test("on the bundled AzureOpenAI (dated): POST /openai/responses?api-version=…", async () => {
		const client = new classes.AzureOpenAI({ ...clientOpts, apiKey: "dated-key-0123456789", endpoint: url, deployment: "dep-o4", apiVersion: "2025-04-01-preview" });
		const body = { model: "dep-o4", input: "Hello" };
		const r = await client.responses.create(body);
		expect(r).toMatchObject({ id: "resp_1", output_text: "Hello there." });
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({ method: "POST", url: "/openai/responses?api-version=2025-04-01-preview", body });
		expect(seen[0]!.headers["api-key"]).toBe("dated-key-0123456789");
	});

	test("dated URLs and bodies are byte-identical to the unbundled SDK's (its qs vs the bundle's flat query), for every known api-version", async () => {
		const bodies = { chat: { model: "dep-o4", messages: [{ role: "user", content: "Hello" }] }, responses: { model: "dep-o4", input: "Hello" } };
		const send = async (Client: ClientClass, apiVersion: string) => {
			const client = new Client({ ...clientOpts, apiKey: "dated-key-0123456789", endpoint: url, deployment: "dep-o4", apiVersion });
			await client.chat.completions.create(bodies.chat);
			await client.responses.create(bodies.responses);
			return seen.splice(0).map((r) => ({ method: r.method, url: r.url, body: r.body }));
		};
		for (const apiVersion of KNOWN_DATED_VERSIONS) {
			const bundled = await send(classes.AzureOpenAI, apiVersion);
			expect(bundled.map((r) => r.url)).toEqual([`/openai/deployments/dep-o4/chat/completions?api-version=${apiVersion}`, `/openai/responses?api-version=${apiVersion}`]);
			expect(bundled).toEqual(await send(UnbundledAzureOpenAI as unknown as ClientClass, apiVersion));
		}
	});

	test("responses.parse (not the plugin's) fails loudly on the answer: only addOutputText was kept of lib/ResponsesParser", async () => {
		const client = new classes.OpenAI({ ...clientOpts, apiKey: "v1-key-0123456789", baseURL: `${url}/openai/v1` }) as SdkClient & { responses: { parse(body: unknown): Promise<unknown> } };
		await expect(client.responses.parse({ model: "dep-gpt5", input: "Hello" })).rejects.toThrow(/openai\/lib\/ResponsesParser: parseResponse was removed/);
	});

	test("`stream: true`, which the plugin never sends, fails loudly on the answer: the SSE Stream was removed", async () => {
		const v1 = new classes.OpenAI({ ...clientOpts, apiKey: "v1-key-0123456789", baseURL: `${url}/openai/v1` });
		const dated = new classes.AzureOpenAI({ ...clientOpts, apiKey: "dated-key-0123456789", endpoint: url, deployment: "dep-o4", apiVersion: "2025-04-01-preview" });
		const removed = /openai\/core\/streaming: Stream\.fromSSEResponse was removed .*sdkAllowList/;
		await expect(v1.responses.create({ model: "dep-gpt5", input: "Hello", stream: true })).rejects.toThrow(removed);
		await expect(dated.chat.completions.create({ model: "dep-o4", messages: [{ role: "user", content: "Hello" }], stream: true })).rejects.toThrow(removed);
		expect(seen.map((s) => [s.url, (s.body as { stream?: boolean }).stream])).toEqual([
			["/openai/v1/responses", true],
			["/openai/deployments/dep-o4/chat/completions?api-version=2025-04-01-preview", true],
		]);
	});
});

describe("what the bundle removed fails loudly, naming it", () => {
	test("a stubbed resource throws on use, and sends nothing", () => {
		const client = new classes.OpenAI({ ...clientOpts, apiKey: KEY, baseURL: `${h.emu.url}/openai/v1` });
		const before = h.emu.requests.length;
		expect(() => client.files.list()).toThrow(/openai\/resources\/files: Files\.list was removed .*sdkAllowList/);
		expect(() => (client.beta as { assistants: unknown }).assistants).toThrow(/openai\/resources\/beta\/beta: Beta\.assistants/);
		expect(h.emu.requests.length).toBe(before);
	});

	test("what only takes an id or lists (the path tag, the sub-resources) throws on use, and sends nothing", () => {
		const client = new classes.AzureOpenAI({ ...clientOpts, apiKey: KEY, endpoint: h.emu.url, deployment: "dep-o1", apiVersion: "2024-12-01-preview" });
		const sdk = client as unknown as {
			responses: { retrieve(id: string): unknown; inputItems: { list(id: string): unknown } };
			chat: { completions: { retrieve(id: string): unknown; messages: { list(id: string): unknown } } };
		};
		const before = h.emu.requests.length;
		expect(() => sdk.responses.retrieve("resp_1")).toThrow(/openai\/internal\/utils\/path: path was removed/);
		expect(() => sdk.chat.completions.retrieve("c_1")).toThrow(/openai\/internal\/utils\/path: path was removed/);
		expect(() => sdk.responses.inputItems.list("resp_1")).toThrow(/openai\/resources\/responses\/input-items: InputItems\.list was removed/);
		expect(() => sdk.chat.completions.messages.list("c_1")).toThrow(/openai\/resources\/chat\/completions\/messages: Messages\.list was removed/);
		expect(h.emu.requests.length).toBe(before);
	});

	test("client options the plugin never passes (a provider; an idempotency header) throw, naming what was removed", () => {
		expect(() => new classes.OpenAI({ ...clientOpts, provider: {} })).toThrow(/openai\/internal\/provider: configureProvider was removed/);
		const client = new classes.OpenAI({ ...clientOpts, apiKey: KEY, baseURL: `${h.emu.url}/openai/v1` }) as SdkClient & { defaultIdempotencyKey(): string };
		expect(() => client.defaultIdempotencyKey()).toThrow(/openai\/internal\/utils\/uuid: uuid4 was removed/);
	});

	test("streaming helpers (stream(), runTools()) throw on use", () => {
		const client = new classes.AzureOpenAI({ ...clientOpts, apiKey: KEY, endpoint: h.emu.url, deployment: "dep-o1", apiVersion: "2024-12-01-preview" });
		expect(() => client.chat.completions.stream({ model: "dep-o1", messages: [] })).toThrow(/openai\/lib\/ChatCompletionStream: ChatCompletionStream\.createChatCompletion was removed/);
		expect(() => client.responses.stream({ model: "dep-o1", input: "x" })).toThrow(/openai\/lib\/responses\/ResponseStream: ResponseStream\.createResponse was removed/);
	});
});
