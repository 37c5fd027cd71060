/**
 * The promise the plugin stands on, as a property over real HTTP: for every family, every
 * combination of its settings and any note text, the request the plugin builds and sends is
 * accepted by the strict emulator (which answers non-compliant requests with Azure's exact
 * errors) and meets the requirement sheet's checklist.
 */
import fc from "fast-check";
import { requestUrl } from "obsidian";
import { sendRequest } from "../../src/azure/client";
import { KNOWN_DATED_VERSIONS, isAtLeast } from "../../src/core/apiVersion";
import { FAMILIES, type FamilyId } from "../../src/core/families";
import { renderTemplate, DEFAULT_TEMPLATES } from "../../src/core/prompt";
import { buildRequest } from "../../src/core/request";
import type { DeploymentConfig } from "../../src/core/settings";
import { validateDeployment } from "../../src/core/validate";
import { AzureEmulator } from "../support/azureEmulator";

const KEY = "prop-key-0a1b2c3d4e5f";
let emu: AzureEmulator;

beforeAll(async () => {
	emu = await AzureEmulator.start({ apiKey: KEY, deployments: FAMILIES.map((f) => ({ name: `dep-${f.id}`, family: f.id })) });
});
afterAll(() => emu.close());

function configArb(familyId: FamilyId): fc.Arbitrary<DeploymentConfig> {
	const f = FAMILIES.find((x) => x.id === familyId)!;
	const versions = f.minApiVersion ? KNOWN_DATED_VERSIONS.filter((v) => isAtLeast(v, f.minApiVersion!)) : [];
	const style = fc.constantFrom(...f.apiStyles);
	return fc.record({
		id: fc.constant("p"),
		displayName: fc.string({ maxLength: 20 }),
		endpoint: fc.constantFrom(emu.url, `${emu.url}/`, `${emu.url}/openai/`),
		apiStyle: style,
		apiVersion: versions.length > 0 ? fc.constantFrom(...versions) : fc.constant(""),
		deployment: fc.constant(`dep-${f.id}`),
		family: fc.constant(f.id),
		secretName: fc.constant("key"),
		maxCompletionTokens: fc.integer({ min: 1, max: f.maxOutputTokens }),
		reasoningEffort: fc.constantFrom("" as const, ...f.reasoningEfforts),
		instructions: fc.oneof(fc.constant(""), fc.string({ maxLength: 200 }), fc.constantFrom("Answer in French.", "Formatting re-enabled", "{{selection}}")),
		markdown: fc.boolean(),
		temperature: f.temperature.kind === "user" ? fc.double({ min: f.temperature.min, max: f.temperature.max, noNaN: true }) : fc.constant(1),
	}) as fc.Arbitrary<DeploymentConfig>;
}

const noteArb = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 200 }), fc.constantFrom("{{note}} {{title}}", "", "```js\nconsole.log('x')\n```", "$& $1 \\n"));

const FORBIDDEN = ["max_tokens", "stream", "top_p", "presence_penalty", "frequency_penalty", "logprobs", "top_logprobs", "logit_bias", "parallel_tool_calls"];

describe.each(FAMILIES.map((f) => f.id))("family %s", (familyId) => {
	test("every valid setting and any note: accepted by the emulator, and meets the checklist", async () => {
		await fc.assert(
			fc.asyncProperty(configArb(familyId), noteArb, fc.constantFrom(...DEFAULT_TEMPLATES), async (cfg, note, template) => {
				const { ready } = validateDeployment(cfg);
				expect(ready).not.toBeNull();
				const prompt = renderTemplate(template.text, { selection: note, note, title: "T" });
				const built = buildRequest(ready!, prompt);
				emu.reset();
				const sent = await sendRequest(ready!, built, { requestUrl, apiKey: KEY, timeoutMs: 10_000, maxRetries: 0 });
				const recorded = emu.requests[0]!;
				// Accepted: whatever the emulator would reject, Azure would too.
				expect({ status: recorded.status, body: recorded.status === 200 ? "" : recorded.responseBody }).toEqual({ status: 200, body: "" });
				expect(sent.ok).toBe(true);
				// The checklist of the requirement sheet, on what went over the wire.
				const body = recorded.body as Record<string, unknown> & { messages: { role: string; content: string }[] };
				const roles = body.messages.map((m) => m.role);
				if (familyId === "o1-preview" || familyId === "o1-mini") {
					expect(roles).toEqual(["user"]);
					expect(body.temperature).toBe(1);
				}
				expect(roles.includes("system") && roles.includes("developer")).toBe(false);
				expect(body.max_completion_tokens).toBe(Number(cfg.maxCompletionTokens));
				for (const key of FORBIDDEN) expect(body).not.toHaveProperty(key);
				if (recorded.apiStyle === "dated") expect(isAtLeast(recorded.apiVersion ?? "", "2024-12-01-preview")).toBe(true);
				else expect(recorded.query).toEqual({});
				// The note's text reaches the model whole.
				expect(body.messages.at(-1)!.content.endsWith(prompt)).toBe(true);
				// Instructions are never dropped.
				if (cfg.instructions.trim() !== "") expect(body.messages.some((m) => m.content.includes(cfg.instructions.trim()))).toBe(true);
			}),
			{ numRuns: 40 },
		);
	});
});
