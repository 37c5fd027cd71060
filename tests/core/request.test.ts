import { strict as assert } from "node:assert";
import fc from "fast-check";
import { binaryUnit } from "../support/binaryUnit";
import { getFamily, type FamilyId, type ReasoningEffort } from "../../src/core/families";
import { buildRequest, requestUrl, type BuiltRequest, type ChatRequestBody } from "../../src/core/request";
import type { DeploymentConfig } from "../../src/core/settings";
import { validateDeployment, type ReadyDeployment } from "../../src/core/validate";

/** The facts (reference/azure-reasoning-api.md §1), independent of src/core/families.ts. */
interface FamilyFacts {
	roles: "none" | "developer" | "system";
	temperature: "one" | "omit" | "user";
	efforts: ReasoningEffort[];
	styles: ("dated" | "v1")[];
	minDated: string | null;
	markdownPrefix: boolean;
}

/** The 2025 families on chat completions; requestResponses.test.ts covers the Responses API and the later families. */
const FACTS: Partial<Record<FamilyId, FamilyFacts>> = {
	"o1-preview": { roles: "none", temperature: "one", efforts: [], styles: ["dated", "v1"], minDated: "2024-12-01-preview", markdownPrefix: false },
	"o1-mini": { roles: "none", temperature: "one", efforts: [], styles: ["dated", "v1"], minDated: "2024-12-01-preview", markdownPrefix: false },
	o1: { roles: "developer", temperature: "omit", efforts: ["low", "medium", "high"], styles: ["dated", "v1"], minDated: "2024-12-01-preview", markdownPrefix: true },
	"o3-mini": { roles: "developer", temperature: "omit", efforts: ["low", "medium", "high"], styles: ["dated", "v1"], minDated: "2024-12-01-preview", markdownPrefix: true },
	o3: { roles: "developer", temperature: "omit", efforts: ["low", "medium", "high"], styles: ["dated", "v1"], minDated: "2025-04-01-preview", markdownPrefix: true },
	"o4-mini": { roles: "developer", temperature: "omit", efforts: ["low", "medium", "high"], styles: ["dated", "v1"], minDated: "2025-04-01-preview", markdownPrefix: true },
	"gpt-5": { roles: "developer", temperature: "omit", efforts: ["minimal", "low", "medium", "high"], styles: ["v1"], minDated: null, markdownPrefix: true },
	chat: { roles: "system", temperature: "user", efforts: [], styles: ["dated", "v1"], minDated: "2024-12-01-preview", markdownPrefix: false },
};
const FAMILY_IDS = Object.keys(FACTS) as FamilyId[];

const FORBIDDEN_KEYS = ["max_tokens", "stream", "stream_options", "top_p", "presence_penalty", "frequency_penalty", "logprobs", "top_logprobs", "logit_bias", "parallel_tool_calls", "n", "stop"];
const ALLOWED_KEYS = ["model", "messages", "max_completion_tokens", "temperature", "reasoning_effort"];

const KNOWN_DATED = ["2024-10-21", "2024-12-01-preview", "2025-01-01-preview", "2025-02-01-preview", "2025-03-01-preview", "2025-04-01-preview"];
/** The date part orders lexically; on the same date a preview is older than GA. */
function datedAtLeast(version: string, min: string): boolean {
	const d = (v: string) => `${v.slice(0, 10)}${v.endsWith("-preview") ? "0" : "1"}`;
	return d(version) >= d(min);
}

const endpointArb = fc.constantFrom(
	"https://my-res.openai.azure.com",
	"https://my-res.cognitiveservices.azure.com/",
	"https://my-res.services.ai.azure.com",
	"https://gw.example.com/team/aoai",
	"http://127.0.0.1:8080",
);
const deploymentArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const futureDatedArb = fc
	.record({ year: fc.integer({ min: 2025, max: 2030 }), month: fc.integer({ min: 5, max: 12 }), day: fc.integer({ min: 1, max: 28 }), preview: fc.boolean() })
	.map(({ year, month, day, preview }) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}${preview ? "-preview" : ""}`);

const textArb = fc.oneof(
	fc.string({ unit: binaryUnit, maxLength: 200 }),
	fc.string({ unit: "grapheme", maxLength: 200 }),
	fc.string({ maxLength: 200 }),
	fc.constantFrom("", " ", "\n\n", "{{selection}}", "Summarize {{note}} titled {{title}}", "$& $1 $$", "---", "Formatting re-enabled"),
	fc.tuple(fc.string(), fc.constantFrom("{{selection}}", "{{ note }}", "{{title}}"), fc.string({ unit: binaryUnit })).map((p) => p.join("")),
);
/** A long note: fixed bulk around generated parts. Not shrunk: shrinking thousands of characters takes minutes. */
const LONG_NOTE = Array.from({ length: 120 }, (_, i) => `- item ${i}: **bold** \`code\` {{selection}} é 😀 中文 \u200b`).join("\n");
const longTextArb = fc.noShrink(
	fc
		.tuple(fc.string({ unit: binaryUnit, maxLength: 300, size: "medium" }), fc.integer({ min: 100, max: LONG_NOTE.length }), fc.string({ unit: binaryUnit, maxLength: 300, size: "medium" }))
		.map(([head, cut, tail]) => head + LONG_NOTE.slice(0, cut) + tail),
);
const promptArb = fc.oneof(textArb, longTextArb);
const instructionsArb = fc.oneof(textArb, longTextArb, fc.constantFrom("", "   ", "\t\n", "Answer in French.", "  Be brief.  \n"));

function configArb(family: FamilyId): fc.Arbitrary<DeploymentConfig> {
	const facts = FACTS[family]!;
	const limit = getFamily(family).maxOutputTokens;
	const datedVersions = facts.minDated === null ? [] : KNOWN_DATED.filter((v) => datedAtLeast(v, facts.minDated!));
	const style = fc.constantFrom(...facts.styles);
	return fc
		.record({
			endpoint: endpointArb,
			deployment: deploymentArb,
			apiStyle: style,
			apiVersion: datedVersions.length > 0 ? fc.oneof(fc.constantFrom(...datedVersions), futureDatedArb) : fc.constant(""),
			maxCompletionTokens: fc.integer({ min: 1, max: limit }),
			reasoningEffort: fc.constantFrom("" as const, ...facts.efforts),
			instructions: instructionsArb,
			markdown: fc.boolean(),
			temperature: facts.temperature === "user" ? fc.double({ min: 0, max: 2, noNaN: true }) : fc.constant(1),
		})
		.map((r) => ({ id: "dep", displayName: "", family, secretName: "azure-key", operation: "chat-completions" as const, reasoningSummary: "off" as const, verbosity: "" as const, ...r }));
}

/** What goes on the wire: the URL and the chat completions body. */
function wire(b: BuiltRequest): { url: string; body: ChatRequestBody } {
	if (b.operation !== "chat-completions") throw new Error("expected a chat completions request");
	return { url: b.url, body: b.body };
}

function ready(cfg: DeploymentConfig): ReadyDeployment {
	const r = validateDeployment(cfg, { secretAvailable: true });
	const errors = r.findings.filter((f) => f.severity === "error");
	if (errors.length > 0 || !r.ready) throw new Error(`generated an invalid deployment: ${JSON.stringify(errors)}`);
	return r.ready;
}

function normalizedEndpoint(e: string): string {
	return e.replace(/\/+$/, "");
}

/**
 * The whole checklist, for one request. With node:assert (strict), not expect: the property runs
 * it 800 times, ~35 checks each, and jest's expect() costs ~80 µs a call (it builds every matcher
 * and an Error each time): 2 s of this file's time. The same checks; deepStrictEqual is the
 * stricter of the two equalities (undefined properties count).
 */
function checkRequest(cfg: DeploymentConfig, prompt: string, built: BuiltRequest): void {
	const facts = FACTS[cfg.family as FamilyId]!;
	if (built.operation !== "chat-completions") throw new Error("expected a chat completions request");
	const { body, url } = built;
	const keys = Object.keys(body);
	const roles = body.messages.map((m) => m.role);
	const instructions = cfg.instructions.trim();

	// only known keys; nothing from the not-supported list; the JSON is what the object says
	for (const k of keys) assert.ok(ALLOWED_KEYS.includes(k), `${JSON.stringify(ALLOWED_KEYS)} should contain ${JSON.stringify(k)}`);
	for (const k of FORBIDDEN_KEYS) assert.strictEqual(k in body, false);
	assert.deepStrictEqual(JSON.parse(JSON.stringify(body)), body);
	assert.deepStrictEqual(keys.filter((k) => (body as unknown as Record<string, unknown>)[k] === undefined), []);

	// max_completion_tokens, never max_tokens
	assert.strictEqual(body.max_completion_tokens, cfg.maxCompletionTokens);
	assert.strictEqual(body.model, cfg.deployment);

	// roles: never both system and developer; one user message, last
	assert.strictEqual(roles.includes("system") && roles.includes("developer"), false);
	assert.strictEqual(roles.filter((r) => r === "user").length, 1);
	assert.strictEqual(roles[roles.length - 1], "user");
	for (const m of body.messages) assert.strictEqual(typeof m.content, "string");
	const last = body.messages[body.messages.length - 1]!;

	switch (facts.roles) {
		case "none": {
			// no system message, and no developer message either
			assert.deepStrictEqual(roles, ["user"]);
			if (instructions === "") {
				assert.strictEqual(last.content, prompt);
			} else {
				// folded in, marked as instructions, followed by the prompt byte for byte
				assert.strictEqual(last.content.endsWith(prompt), true);
				const head = last.content.slice(0, last.content.length - prompt.length);
				assert.ok(head.includes(instructions), `${JSON.stringify(head)} should contain ${JSON.stringify(instructions)}`);
				assert.match(head, /^Instructions\b/);
			}
			break;
		}
		case "developer": {
			assert.strictEqual(roles.every((r) => r === "developer" || r === "user"), true);
			assert.strictEqual(last.content, prompt);
			const dev = body.messages.filter((m) => m.role === "developer");
			assert.ok(dev.length <= 1, `${String(dev.length)} should be at most ${String(1)}`);
			if (cfg.markdown) {
				assert.strictEqual(dev.length, 1);
				assert.strictEqual(dev[0]!.content.startsWith("Formatting re-enabled"), true);
				assert.strictEqual(roles[0], "developer");
			}
			if (instructions !== "") {
				assert.strictEqual(dev.length, 1);
				assert.ok(dev[0]!.content.includes(instructions), `${JSON.stringify(dev[0]!.content)} should contain ${JSON.stringify(instructions)}`);
			}
			if (!cfg.markdown) {
				if (instructions === "") assert.strictEqual(dev.length, 0);
				else assert.strictEqual(dev[0]!.content, instructions);
			}
			break;
		}
		case "system": {
			assert.strictEqual(roles.every((r) => r === "system" || r === "user"), true);
			assert.strictEqual(last.content, prompt);
			const sys = body.messages.filter((m) => m.role === "system");
			if (instructions === "") assert.strictEqual(sys.length, 0);
			else assert.deepStrictEqual(sys, [{ role: "system", content: instructions }]);
			break;
		}
	}
	if (!facts.markdownPrefix) {
		for (const m of body.messages) if (m.role !== "user") assert.strictEqual(m.content.startsWith("Formatting re-enabled"), instructions.startsWith("Formatting re-enabled"));
	}

	// temperature
	if (facts.temperature === "one") assert.strictEqual(body.temperature, 1);
	if (facts.temperature === "omit") assert.strictEqual("temperature" in body, false);
	if (facts.temperature === "user") assert.strictEqual(body.temperature, cfg.temperature);

	// reasoning effort only where the family takes it
	if (facts.efforts.length === 0 || cfg.reasoningEffort === "") assert.strictEqual("reasoning_effort" in body, false);
	else assert.strictEqual(body.reasoning_effort, cfg.reasoningEffort);

	// the URL
	const u = new URL(url);
	const base = normalizedEndpoint(cfg.endpoint);
	assert.strictEqual(u.hash, "");
	if (cfg.apiStyle === "v1") {
		assert.strictEqual(url, `${base}/openai/v1/chat/completions`);
		assert.strictEqual(u.searchParams.has("api-version"), false);
	} else {
		assert.strictEqual(url, `${base}/openai/deployments/${cfg.deployment}/chat/completions?api-version=${cfg.apiVersion}`);
		assert.deepStrictEqual([...u.searchParams.keys()], ["api-version"]);
		const v = u.searchParams.get("api-version")!;
		assert.strictEqual(datedAtLeast(v, "2024-12-01-preview"), true);
		assert.strictEqual(datedAtLeast(v, facts.minDated!), true);
	}
}

/**
 * 100 runs a family (it was 400): buildRequest is also a property over real HTTP in
 * tests/azure/compliance.test.ts, the stronger of the two (every family and operation, the SDK's
 * serialization, the strict emulator's Azure rules, any note through every default template).
 * This one keeps its own worth, the independent facts table above and the key allow-list.
 */
describe("property: every request a valid deployment builds is one Azure accepts", () => {
	test.each(FAMILY_IDS.map((f) => ({ name: f })))("$name", ({ name }) => {
		let checked = 0;
		fc.assert(
			fc.property(configArb(name), promptArb, (cfg, prompt) => {
				checkRequest(cfg, prompt, buildRequest(ready(cfg), prompt));
				checked++;
			}),
			{ numRuns: 100 },
		);
		// checkRequest asserts with node:assert, which jest does not count: every run got through it.
		expect(checked).toBe(100);
	});
});

describe("checklist examples", () => {
	const O1_PREVIEW: DeploymentConfig = {
		id: "dep",
		displayName: "",
		endpoint: "https://your-resource.openai.azure.com/",
		apiStyle: "dated",
		apiVersion: "2024-12-01-preview",
		deployment: "your-o1-preview-deployment",
		family: "o1-preview",
		secretName: "azure-key",
		maxCompletionTokens: 500,
		reasoningEffort: "",
		operation: "chat-completions",
		reasoningSummary: "off",
		verbosity: "",
		instructions: "",
		markdown: true,
		temperature: 1,
	};

	test("the requirement sheet's own example call", () => {
		const built = buildRequest(ready(O1_PREVIEW), "Your prompt here");
		expect(wire(built)).toEqual({
			url: "https://your-resource.openai.azure.com/openai/deployments/your-o1-preview-deployment/chat/completions?api-version=2024-12-01-preview",
			body: { model: "your-o1-preview-deployment", messages: [{ role: "user", content: "Your prompt here" }], temperature: 1, max_completion_tokens: 500 },
		});
	});

	test("golden: o1-preview with instructions", () => {
		const built = buildRequest(ready({ ...O1_PREVIEW, maxCompletionTokens: 16_000, instructions: "  Answer in French.\n" }), "What is a monad?");
		expect(built.body).toEqual({
			model: "your-o1-preview-deployment",
			messages: [{ role: "user", content: "Instructions (follow them in your answer):\nAnswer in French.\n\n---\n\nWhat is a monad?" }],
			max_completion_tokens: 16_000,
			temperature: 1,
		});
	});

	test("golden: o1 with Markdown, instructions and effort", () => {
		const cfg: DeploymentConfig = { ...O1_PREVIEW, family: "o1", deployment: "o1-prod", endpoint: "https://r.cognitiveservices.azure.com", maxCompletionTokens: 25_000, reasoningEffort: "high", instructions: "Be concise.", markdown: true };
		const built = buildRequest(ready(cfg), "Explain CRDTs.");
		expect(wire(built)).toEqual({
			url: "https://r.cognitiveservices.azure.com/openai/deployments/o1-prod/chat/completions?api-version=2024-12-01-preview",
			body: {
				model: "o1-prod",
				messages: [
					{ role: "developer", content: "Formatting re-enabled\n\nBe concise." },
					{ role: "user", content: "Explain CRDTs." },
				],
				max_completion_tokens: 25_000,
				reasoning_effort: "high",
			},
		});
	});

	test("golden: o1 with Markdown and no instructions still re-enables formatting", () => {
		const cfg: DeploymentConfig = { ...O1_PREVIEW, family: "o1", deployment: "o1", maxCompletionTokens: 25_000 };
		expect(wire(buildRequest(ready(cfg), "Hi")).body.messages).toEqual([
			{ role: "developer", content: "Formatting re-enabled" },
			{ role: "user", content: "Hi" },
		]);
	});

	test("golden: chat model with temperature 0.3", () => {
		const cfg: DeploymentConfig = { ...O1_PREVIEW, family: "chat", deployment: "gpt-4o", apiStyle: "v1", maxCompletionTokens: 4_000, temperature: 0.3, instructions: "You are terse.", markdown: true };
		expect(wire(buildRequest(ready(cfg), "Hello"))).toEqual({
			url: "https://your-resource.openai.azure.com/openai/v1/chat/completions",
			body: {
				model: "gpt-4o",
				messages: [
					{ role: "system", content: "You are terse." },
					{ role: "user", content: "Hello" },
				],
				max_completion_tokens: 4_000,
				temperature: 0.3,
			},
		});
	});

	test("golden: gpt-5 on v1 with minimal effort, Markdown off", () => {
		const cfg: DeploymentConfig = { ...O1_PREVIEW, family: "gpt-5", deployment: "gpt-5", apiStyle: "v1", apiVersion: "", maxCompletionTokens: 25_000, reasoningEffort: "minimal", markdown: false };
		expect(wire(buildRequest(ready(cfg), "Hi"))).toEqual({
			url: "https://your-resource.openai.azure.com/openai/v1/chat/completions",
			body: { model: "gpt-5", messages: [{ role: "user", content: "Hi" }], max_completion_tokens: 25_000, reasoning_effort: "minimal" },
		});
	});

	test("a note that looks like a template is sent as it is", () => {
		const body = wire(buildRequest(ready(O1_PREVIEW), "{{selection}} {{title}} $&")).body;
		expect(body.messages[0]!.content).toBe("{{selection}} {{title}} $&");
	});
});

describe("defence in depth: a hand-built ReadyDeployment cannot smuggle in what a family rejects", () => {
	function handBuilt(family: FamilyId, over: Partial<ReadyDeployment> = {}): ReadyDeployment {
		return {
			id: "dep",
			displayName: "x",
			family: getFamily(family),
			apiStyle: "dated",
			apiVersion: "2025-04-01-preview",
			endpoint: "https://r.openai.azure.com",
			deployment: "d",
			secretName: "s",
			maxCompletionTokens: 1000,
			operation: "chat-completions",
			reasoningEffort: null,
			reasoningSummary: null,
			verbosity: null,
			instructions: "",
			markdown: false,
			temperature: null,
			omit: [],
			...over,
		};
	}

	test.each([
		{ name: "effort on o1-preview", input: handBuilt("o1-preview", { reasoningEffort: "high" }) },
		{ name: "effort on o1-mini", input: handBuilt("o1-mini", { reasoningEffort: "low" }) },
		{ name: "effort on chat", input: handBuilt("chat", { reasoningEffort: "low", temperature: 0.5 }) },
		{ name: "minimal on o1", input: handBuilt("o1", { reasoningEffort: "minimal" }) },
	])("$name: no reasoning_effort", ({ input }) => {
		expect("reasoning_effort" in buildRequest(input, "p").body).toBe(false);
	});

	test.each([
		{ name: "o1", family: "o1" as const },
		{ name: "o3-mini", family: "o3-mini" as const },
		{ name: "gpt-5", family: "gpt-5" as const },
	])("$name: a temperature on the deployment is not sent", ({ family }) => {
		expect("temperature" in buildRequest(handBuilt(family, { temperature: 0.7 }), "p").body).toBe(false);
	});

	test("o1-preview sends temperature 1 even if the deployment says otherwise", () => {
		expect(wire(buildRequest(handBuilt("o1-preview", { temperature: 0.2 }), "p")).body.temperature).toBe(1);
	});

	test("the deployment name is escaped in the dated path", () => {
		expect(requestUrl(handBuilt("o1", { deployment: "a b/c" }))).toBe("https://r.openai.azure.com/openai/deployments/a%20b%2Fc/chat/completions?api-version=2025-04-01-preview");
	});
});
