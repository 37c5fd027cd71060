/**
 * The promise the plugin stands on, as a property over real HTTP: for every family, every
 * operation it has, every combination of its settings and any note text, the request the plugin
 * builds and sends is accepted by the strict emulator (which answers non-compliant requests with
 * Azure's exact errors, and checks Responses requests against Microsoft's schema) and meets the
 * requirement sheet's checklist. Each family is tried on every model the facts put in it.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { requestUrl } from "obsidian";
import { sendRequest } from "../../src/azure/client";
import { KNOWN_DATED_VERSIONS, isAtLeast } from "../../src/core/apiVersion";
import { FAMILIES, minDatedVersion, type FamilyId, type ModelFamily, type Operation } from "../../src/core/families";
import { renderTemplate, DEFAULT_TEMPLATES } from "../../src/core/prompt";
import { buildRequest } from "../../src/core/request";
import type { DeploymentConfig } from "../../src/core/settings";
import { validateDeployment } from "../../src/core/validate";
import { AzureEmulator } from "../support/azureEmulator";
import { MODELS_OF_FAMILY } from "../support/familyModels";

const KEY = "prop-key-0a1b2c3d4e5f";
let emu: AzureEmulator;

beforeAll(async () => {
	// summaryAccess: these resources are approved for o3/o4-mini summaries (the unapproved case has its own tests).
	const deployments = FAMILIES.flatMap((f) => MODELS_OF_FAMILY[f.id].map((m) => ({ name: `dep-${m}`, family: m, summaryAccess: true })));
	emu = await AzureEmulator.start({ apiKey: KEY, deployments });
});
afterAll(() => emu.close());

function configArb(f: ModelFamily, operation: Operation): fc.Arbitrary<DeploymentConfig> {
	const min = minDatedVersion(f, operation);
	const versions = min ? KNOWN_DATED_VERSIONS.filter((v) => isAtLeast(v, min)) : [];
	const t = f.temperature;
	const summaries = f.summaries !== "no" && operation === "responses" ? (["off", "auto", "concise", "detailed"] as const) : (["off"] as const);
	return fc.record({
		id: fc.constant("p"),
		displayName: fc.string({ maxLength: 20 }),
		endpoint: fc.constantFrom(emu.url, `${emu.url}/`, `${emu.url}/openai/`),
		apiStyle: fc.constantFrom(...f.apiStyles),
		apiVersion: versions.length > 0 ? fc.constantFrom(...versions) : fc.constant(""),
		deployment: fc.constantFrom(...MODELS_OF_FAMILY[f.id].map((m) => `dep-${m}`)),
		family: fc.constant(f.id),
		secretName: fc.constant("key"),
		operation: fc.constant(operation),
		maxCompletionTokens: fc.integer({ min: operation === "responses" ? 16 : 1, max: f.maxOutputTokens }),
		reasoningEffort: fc.constantFrom("" as const, ...f.reasoningEfforts),
		reasoningSummary: fc.constantFrom(...summaries),
		verbosity: f.verbosity && operation === "responses" ? fc.constantFrom("" as const, "low" as const, "medium" as const, "high" as const) : fc.constant("" as const),
		instructions: fc.oneof(fc.constant(""), fc.string({ maxLength: 200 }), fc.constantFrom("Answer in French.", "Formatting re-enabled", "{{selection}}")),
		markdown: fc.boolean(),
		temperature: t.kind === "user" || t.kind === "with-effort-none" ? fc.oneof(fc.constant(t.default), fc.double({ min: t.min, max: t.max, noNaN: true })) : fc.constant(1),
	}) as fc.Arbitrary<DeploymentConfig>;
}

const noteArb = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 200 }), fc.constantFrom("{{note}} {{title}}", "", "```js\nconsole.log('x')\n```", "$& $1 \\n"));

const FORBIDDEN = ["max_tokens", "stream", "top_p", "presence_penalty", "frequency_penalty", "logprobs", "top_logprobs", "logit_bias", "parallel_tool_calls"];
const CHAT_SPELLINGS = ["messages", "max_completion_tokens", "max_tokens", "reasoning_effort"];

type ChatBody = Record<string, unknown> & { messages: { role: string; content: string }[] };
type ResponsesBody = Record<string, unknown> & { input: string; instructions?: string; reasoning?: { effort?: string; summary?: string }; text?: { verbosity?: string } };

function checkChat(body: ChatBody, cfg: DeploymentConfig, prompt: string, familyId: FamilyId): void {
	const roles = body.messages.map((m) => m.role);
	if (familyId === "o1-preview" || familyId === "o1-mini") {
		assert.deepStrictEqual(roles, ["user"]);
		assert.strictEqual(body.temperature, 1);
	}
	assert.strictEqual(roles.includes("system") && roles.includes("developer"), false);
	assert.strictEqual(body.max_completion_tokens, Number(cfg.maxCompletionTokens));
	// The note's text reaches the model whole; instructions are never dropped.
	assert.strictEqual(body.messages.at(-1)!.content.endsWith(prompt), true);
	if (cfg.instructions.trim() !== "") assert.strictEqual(body.messages.some((m) => m.content.includes(cfg.instructions.trim())), true);
}

function checkResponses(body: ResponsesBody, cfg: DeploymentConfig, prompt: string, f: ModelFamily): void {
	for (const key of CHAT_SPELLINGS) assert.ok(!(key in body), `the body should have no ${key}`);
	assert.strictEqual(body.store, false);
	assert.strictEqual(body.max_output_tokens, Number(cfg.maxCompletionTokens));
	assert.strictEqual(typeof body.input, "string");
	assert.strictEqual(body.input.endsWith(prompt), true);
	const told = `${body.instructions ?? ""}${body.input}`;
	if (cfg.instructions.trim() !== "") assert.ok(told.includes(cfg.instructions.trim()), `${JSON.stringify(told)} should contain ${JSON.stringify(cfg.instructions.trim())}`);
	// The effort is always sent explicitly where the family takes one: defaults differ by generation.
	if (f.reasoningEfforts.length > 0) assert.strictEqual(body.reasoning?.effort, cfg.reasoningEffort === "" ? f.defaultEffort : cfg.reasoningEffort);
	else assert.strictEqual(body.reasoning?.effort, undefined);
	assert.strictEqual(body.reasoning?.summary, cfg.reasoningSummary === "off" ? undefined : cfg.reasoningSummary);
	assert.strictEqual(body.text?.verbosity, cfg.verbosity === "" ? undefined : cfg.verbosity);
}

const CASES = FAMILIES.flatMap((f) => f.operations.map((operation) => ({ family: f.id, operation })));

describe.each(CASES)("$family on $operation", ({ family: familyId, operation }) => {
	const f = FAMILIES.find((x) => x.id === familyId)!;
	// node:assert, not expect, in the property: ~20 checks a run, 750 runs, and jest's expect()
	// costs ~80 µs a call (every matcher and an Error built each time). The same checks
	// (deepStrictEqual the stricter equality); the test asserts that every run got through them.
	test("every valid setting and any note: accepted by the emulator, and meets the checklist", async () => {
		let checked = 0;
		await fc.assert(
			fc.asyncProperty(configArb(f, operation), noteArb, fc.constantFrom(...DEFAULT_TEMPLATES), async (cfg, note, template) => {
				const { ready, findings } = validateDeployment(cfg);
				assert.deepStrictEqual(findings.filter((x) => x.severity === "error"), []);
				const prompt = renderTemplate(template.text, { selection: note, note, title: "T" });
				const built = buildRequest(ready!, prompt);
				emu.reset();
				const sent = await sendRequest(ready!, built, { requestUrl, apiKey: KEY, timeoutMs: 10_000, maxRetries: 0 });
				const recorded = emu.requests[0]!;
				// Accepted: whatever the emulator would reject, Azure would too.
				assert.deepStrictEqual({ status: recorded.status, body: recorded.status === 200 ? "" : recorded.responseBody }, { status: 200, body: "" });
				assert.strictEqual(sent.ok, true);
				assert.strictEqual(recorded.operation, operation);
				const body = recorded.body as Record<string, unknown>;
				for (const key of FORBIDDEN) assert.ok(!(key in body), `the body should have no ${key}`);
				if (recorded.apiStyle === "dated") assert.strictEqual(isAtLeast(recorded.apiVersion ?? "", minDatedVersion(f, operation)!), true);
				else assert.deepStrictEqual(recorded.query, {});
				if (operation === "responses") checkResponses(body as ResponsesBody, cfg, prompt, f);
				else checkChat(body as ChatBody, cfg, prompt, familyId);
				checked++;
			}),
			{ numRuns: 25 },
		);
		expect(checked).toBe(25);
	});
});
