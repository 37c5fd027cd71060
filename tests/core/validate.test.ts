import fc from "fast-check";
import { FAMILIES, type FamilyId } from "../../src/core/families";
import type { DeploymentConfig } from "../../src/core/settings";
import { validateDeployment, type Field, type Finding, type ValidationContext } from "../../src/core/validate";

const ENDPOINT = "https://my-res.openai.azure.com";

/** The 2025 families, on chat completions; the later ones have their own tests (validateResponses.test.ts). */
type LegacyFamily = "o1-preview" | "o1-mini" | "o1" | "o3-mini" | "o3" | "o4-mini" | "gpt-5" | "chat";

function config(family: LegacyFamily, over: Partial<DeploymentConfig> = {}): DeploymentConfig {
	return { ...VALID[family], ...over };
}

const base = {
	id: "dep-1",
	operation: "chat-completions" as const,
	reasoningSummary: "off" as const,
	verbosity: "" as const,
	displayName: "",
	endpoint: ENDPOINT,
	secretName: "azure-key",
	instructions: "",
	markdown: true,
	temperature: 1,
};

/** One valid deployment per family, written from the facts (not from the family table). */
const VALID: Partial<Record<FamilyId, DeploymentConfig>> & Record<LegacyFamily, DeploymentConfig> = {
	"o1-preview": { ...base, family: "o1-preview", deployment: "o1-preview", apiStyle: "dated", apiVersion: "2024-12-01-preview", maxCompletionTokens: 16_000, reasoningEffort: "" },
	"o1-mini": { ...base, family: "o1-mini", deployment: "o1-mini", apiStyle: "dated", apiVersion: "2025-04-01-preview", maxCompletionTokens: 65_536, reasoningEffort: "" },
	o1: { ...base, family: "o1", deployment: "o1", apiStyle: "dated", apiVersion: "2024-12-01-preview", maxCompletionTokens: 25_000, reasoningEffort: "high" },
	"o3-mini": { ...base, family: "o3-mini", deployment: "o3-mini", apiStyle: "v1", apiVersion: "", maxCompletionTokens: 100_000, reasoningEffort: "low" },
	o3: { ...base, family: "o3", deployment: "o3", apiStyle: "dated", apiVersion: "2025-04-01-preview", maxCompletionTokens: 25_000, reasoningEffort: "medium" },
	"o4-mini": { ...base, family: "o4-mini", deployment: "o4-mini", apiStyle: "v1", apiVersion: "2025-04-01-preview", maxCompletionTokens: 10_000, reasoningEffort: "" },
	"gpt-5": { ...base, family: "gpt-5", deployment: "gpt-5", apiStyle: "v1", apiVersion: "", maxCompletionTokens: 25_000, reasoningEffort: "minimal" },
	chat: { ...base, family: "chat", deployment: "gpt-4o", apiStyle: "dated", apiVersion: "2024-12-01-preview", maxCompletionTokens: 4_000, reasoningEffort: "", temperature: 0.3 },
};

describe("a valid deployment of every family", () => {
	test.each(Object.values(VALID).map((cfg) => ({ name: cfg.family, cfg })))("$name: no finding, ready to send", ({ cfg }) => {
		const r = validateDeployment(cfg, { secretAvailable: true });
		expect(r.findings).toEqual([]);
		expect(r.ready).not.toBeNull();
		const ready = r.ready!;
		expect(ready.family.id).toBe(cfg.family);
		expect(ready.endpoint).toBe(ENDPOINT);
		expect(ready.deployment).toBe(cfg.deployment);
		expect(ready.apiStyle).toBe(cfg.apiStyle);
		expect(ready.apiVersion).toBe(cfg.apiStyle === "dated" ? cfg.apiVersion : null);
		expect(ready.maxCompletionTokens).toBe(cfg.maxCompletionTokens);
		expect(ready.reasoningEffort).toBe(cfg.reasoningEffort === "" ? null : cfg.reasoningEffort);
		expect(ready.temperature).toBe(cfg.family === "chat" ? cfg.temperature : null);
		expect(ready.displayName).toBe(cfg.deployment);
		expect(ready.secretName).toBe("azure-key");
	});

	test("the secret's availability unknown (pure context) is not an error", () => {
		expect(validateDeployment(VALID.o1).ready).not.toBeNull();
	});

	test("the display name is trimmed, the secret name too", () => {
		const r = validateDeployment(config("o1", { displayName: "  My o1 ", secretName: " azure-key " }));
		expect(r.ready?.displayName).toBe("My o1");
		expect(r.ready?.secretName).toBe("azure-key");
	});
});

interface Case {
	name: string;
	cfg: DeploymentConfig;
	ctx?: ValidationContext;
	field: Field;
	severity: "error" | "warning";
	message?: RegExp;
	/** The fix's patch, or null when the finding has none. */
	fix: Partial<DeploymentConfig> | null;
	fixLabel?: string;
	/** Other findings the same input also causes (by field). */
	alsoOn?: Field[];
}

const LONG_NAME = "a".repeat(65);

const CASES: Case[] = [
	// endpoint
	{ name: "endpoint empty", cfg: config("o1", { endpoint: "" }), field: "endpoint", severity: "error", message: /endpoint/i, fix: null },
	{ name: "endpoint without scheme", cfg: config("o1", { endpoint: "my-res.openai.azure.com" }), field: "endpoint", severity: "error", message: /must start with https:\/\/: https:\/\/my-res\.openai\.azure\.com\./, fix: { endpoint: "https://my-res.openai.azure.com" }, fixLabel: "Add https://" },
	{ name: "endpoint without scheme, leading slashes", cfg: config("o1", { endpoint: "//my-res.openai.azure.com/" }), field: "endpoint", severity: "error", fix: { endpoint: "https://my-res.openai.azure.com/" } },
	{ name: "endpoint garbage", cfg: config("o1", { endpoint: "not a url" }), field: "endpoint", severity: "error", fix: null },
	{ name: "endpoint ftp", cfg: config("o1", { endpoint: "ftp://my-res.openai.azure.com" }), field: "endpoint", severity: "error", fix: null },
	{ name: "endpoint plain http to Azure", cfg: config("o1", { endpoint: "http://my-res.openai.azure.com/" }), field: "endpoint", severity: "error", message: /https/, fix: { endpoint: "https://my-res.openai.azure.com" } },
	{ name: "endpoint plain http to a gateway", cfg: config("o1", { endpoint: "http://gw.example.com/aoai" }), field: "endpoint", severity: "error", fix: { endpoint: "https://gw.example.com/aoai" } },
	{ name: "endpoint not an Azure host", cfg: config("o1", { endpoint: "https://api.example.com/aoai" }), field: "endpoint", severity: "warning", message: /api\.example\.com/, fix: null },
	{
		name: "endpoint is a pasted dated URI",
		cfg: config("o1", { endpoint: "https://my-res.openai.azure.com/openai/deployments/o1-prod/chat/completions?api-version=2025-01-01-preview", deployment: "o1-prod" }),
		field: "endpoint",
		severity: "warning",
		fix: { endpoint: ENDPOINT, apiStyle: "dated", deployment: "o1-prod", apiVersion: "2025-01-01-preview" },
	},
	{
		name: "endpoint is a pasted v1 URI",
		cfg: config("o3-mini", { endpoint: "https://my-res.openai.azure.com/openai/v1/chat/completions" }),
		field: "endpoint",
		severity: "warning",
		fix: { endpoint: ENDPOINT, apiStyle: "v1" },
	},
	// deployment
	{ name: "deployment empty", cfg: config("o1", { deployment: "" }), field: "deployment", severity: "error", fix: null },
	{
		name: "deployment empty, named by a pasted URI",
		cfg: config("o1", { deployment: "", endpoint: "https://my-res.openai.azure.com/openai/deployments/o1-prod/chat/completions?api-version=2024-12-01-preview" }),
		field: "deployment",
		severity: "error",
		fix: { deployment: "o1-prod" },
		alsoOn: ["endpoint"],
	},
	{ name: "deployment with outer spaces", cfg: config("o1", { deployment: " my-o1 " }), field: "deployment", severity: "error", fix: { deployment: "my-o1" } },
	{ name: "deployment with an inner space", cfg: config("o1", { deployment: "my o1" }), field: "deployment", severity: "error", fix: null },
	{ name: "deployment with a slash", cfg: config("o1", { deployment: "team/o1" }), field: "deployment", severity: "error", fix: null },
	{ name: "deployment starting with a dash", cfg: config("o1", { deployment: "-o1" }), field: "deployment", severity: "error", fix: null },
	{ name: "deployment too long", cfg: config("o1", { deployment: LONG_NAME }), field: "deployment", severity: "error", message: /64/, fix: null },
	{
		name: "deployment differs from the pasted URI's",
		cfg: config("o1", { deployment: "other", endpoint: "https://my-res.openai.azure.com/openai/deployments/o1-prod/chat/completions?api-version=2024-12-01-preview" }),
		field: "deployment",
		severity: "warning",
		fix: { deployment: "o1-prod" },
		alsoOn: ["endpoint"],
	},
	// api style
	{ name: "gpt-5 on the dated API", cfg: config("gpt-5", { apiStyle: "dated", apiVersion: "2025-04-01-preview" }), field: "apiStyle", severity: "error", fix: { apiStyle: "v1" } },
	// api version
	{ name: "api-version empty", cfg: config("o1", { apiVersion: "" }), field: "apiVersion", severity: "error", fix: { apiVersion: "2024-12-01-preview" } },
	{ name: "api-version garbage", cfg: config("o1", { apiVersion: "latest" }), field: "apiVersion", severity: "error", fix: { apiVersion: "2024-12-01-preview" } },
	{ name: "api-version 'v1' on the dated style", cfg: config("o1", { apiVersion: "v1" }), field: "apiVersion", severity: "error", fix: { apiStyle: "v1" } },
	{ name: "o1 at 2024-10-21", cfg: config("o1", { apiVersion: "2024-10-21" }), field: "apiVersion", severity: "error", message: /2024-12-01-preview/, fix: { apiVersion: "2024-12-01-preview" }, fixLabel: "Use 2024-12-01-preview" },
	{ name: "o1-preview at 2024-09-01-preview", cfg: config("o1-preview", { apiVersion: "2024-09-01-preview" }), field: "apiVersion", severity: "error", fix: { apiVersion: "2024-12-01-preview" } },
	{ name: "o1-mini at 2024-10-21", cfg: config("o1-mini", { apiVersion: "2024-10-21" }), field: "apiVersion", severity: "error", fix: { apiVersion: "2024-12-01-preview" } },
	{ name: "o3 at 2024-12-01-preview", cfg: config("o3", { apiVersion: "2024-12-01-preview" }), field: "apiVersion", severity: "error", message: /2025-04-01-preview/, fix: { apiVersion: "2025-04-01-preview" }, fixLabel: "Use 2025-04-01-preview" },
	{ name: "o4-mini at 2025-03-01-preview", cfg: config("o4-mini", { apiStyle: "dated", apiVersion: "2025-03-01-preview" }), field: "apiVersion", severity: "error", fix: { apiVersion: "2025-04-01-preview" } },
	{ name: "an unknown but newer api-version", cfg: config("o1", { apiVersion: "2026-01-01-preview" }), field: "apiVersion", severity: "warning", message: /2026-01-01-preview/, fix: null },
	// max completion tokens
	{ name: "tokens not an integer", cfg: config("o1", { maxCompletionTokens: 1500.5 }), field: "maxCompletionTokens", severity: "error", fix: { maxCompletionTokens: 25_000 } },
	{ name: "tokens zero", cfg: config("o1", { maxCompletionTokens: 0 }), field: "maxCompletionTokens", severity: "error", fix: { maxCompletionTokens: 25_000 } },
	{ name: "tokens negative", cfg: config("o1-preview", { maxCompletionTokens: -5 }), field: "maxCompletionTokens", severity: "error", fix: { maxCompletionTokens: 16_000 } },
	{ name: "tokens text", cfg: config("o1", { maxCompletionTokens: "lots" }), field: "maxCompletionTokens", severity: "error", fix: { maxCompletionTokens: 25_000 } },
	{ name: "tokens empty text", cfg: config("o1", { maxCompletionTokens: "" }), field: "maxCompletionTokens", severity: "error", fix: { maxCompletionTokens: 25_000 } },
	{ name: "tokens decimal text", cfg: config("o1", { maxCompletionTokens: "2.5" }), field: "maxCompletionTokens", severity: "error", fix: { maxCompletionTokens: 25_000 } },
	{ name: "o1-preview over 32,768", cfg: config("o1-preview", { maxCompletionTokens: 32_769 }), field: "maxCompletionTokens", severity: "error", message: /32,768/, fix: { maxCompletionTokens: 32_768 } },
	{ name: "o1-mini over 65,536", cfg: config("o1-mini", { maxCompletionTokens: "70000" }), field: "maxCompletionTokens", severity: "error", message: /65,536/, fix: { maxCompletionTokens: 65_536 } },
	{ name: "o1 over 100,000", cfg: config("o1", { maxCompletionTokens: 100_001 }), field: "maxCompletionTokens", severity: "error", fix: { maxCompletionTokens: 100_000 } },
	{ name: "o3-mini over 100,000", cfg: config("o3-mini", { maxCompletionTokens: 200_000 }), field: "maxCompletionTokens", severity: "error", fix: { maxCompletionTokens: 100_000 } },
	{ name: "chat over its limit", cfg: config("chat", { maxCompletionTokens: 1_000_000 }), field: "maxCompletionTokens", severity: "error", fix: { maxCompletionTokens: 16_384 } },
	{ name: "small budget on o1", cfg: config("o1", { maxCompletionTokens: 1_000 }), field: "maxCompletionTokens", severity: "warning", message: /empty answer/, fix: { maxCompletionTokens: 25_000 } },
	{ name: "small budget on o1-preview", cfg: config("o1-preview", { maxCompletionTokens: 500 }), field: "maxCompletionTokens", severity: "warning", fix: { maxCompletionTokens: 16_000 } },
	{ name: "small budget on gpt-5", cfg: config("gpt-5", { maxCompletionTokens: "4999" }), field: "maxCompletionTokens", severity: "warning", fix: { maxCompletionTokens: 25_000 } },
	// reasoning effort
	{ name: "effort on o1-preview", cfg: config("o1-preview", { reasoningEffort: "high" }), field: "reasoningEffort", severity: "warning", fix: { reasoningEffort: "" } },
	{ name: "effort on o1-mini", cfg: config("o1-mini", { reasoningEffort: "low" }), field: "reasoningEffort", severity: "warning", fix: { reasoningEffort: "" } },
	{ name: "effort on chat", cfg: config("chat", { reasoningEffort: "medium" }), field: "reasoningEffort", severity: "warning", fix: { reasoningEffort: "" } },
	{ name: "minimal on o1", cfg: config("o1", { reasoningEffort: "minimal" }), field: "reasoningEffort", severity: "error", message: /low, medium, high/, fix: { reasoningEffort: "low" } },
	{ name: "minimal on o4-mini", cfg: config("o4-mini", { reasoningEffort: "minimal" }), field: "reasoningEffort", severity: "error", fix: { reasoningEffort: "low" } },
	// temperature (chat only)
	{ name: "chat temperature above 2", cfg: config("chat", { temperature: 2.5 }), field: "temperature", severity: "error", fix: { temperature: 1 } },
	{ name: "chat temperature below 0", cfg: config("chat", { temperature: -0.1 }), field: "temperature", severity: "error", fix: { temperature: 1 } },
	{ name: "chat temperature text", cfg: config("chat", { temperature: "warm" }), field: "temperature", severity: "error", fix: { temperature: 1 } },
	{ name: "chat temperature empty", cfg: config("chat", { temperature: "" }), field: "temperature", severity: "error", fix: { temperature: 1 } },
	// instructions
	{ name: "instructions on o1-preview", cfg: config("o1-preview", { instructions: "Answer in French." }), field: "instructions", severity: "warning", message: /your message/, fix: null },
	{ name: "instructions on o1-mini", cfg: config("o1-mini", { instructions: "Be brief." }), field: "instructions", severity: "warning", fix: null },
	// secret
	{ name: "secret name empty", cfg: config("o1", { secretName: "" }), field: "secretName", severity: "error", fix: null },
	{ name: "secret name blank", cfg: config("o1", { secretName: "   " }), field: "secretName", severity: "error", fix: null },
	{ name: "secret missing on this device", cfg: config("o1"), ctx: { secretAvailable: false }, field: "secretName", severity: "error", message: /azure-key/, fix: null },
];

function findingFor(c: Case, findings: Finding[]): Finding | undefined {
	return findings.find((f) => f.field === c.field && f.severity === c.severity);
}

function applyFix(cfg: DeploymentConfig, patch: Partial<DeploymentConfig>): DeploymentConfig {
	return { ...cfg, ...patch };
}

describe("each finding", () => {
	test.each(CASES)("$name", (c) => {
		const r = validateDeployment(c.cfg, c.ctx ?? { secretAvailable: true });
		const f = findingFor(c, r.findings);
		expect(f).toBeDefined();
		// exactly this finding, plus the ones the same input is expected to cause elsewhere
		expect(r.findings.map((g) => g.field).sort()).toEqual([c.field, ...(c.alsoOn ?? [])].sort());
		if (c.message) expect(f!.message).toMatch(c.message);
		expect(f!.message.length).toBeGreaterThan(10);
		if (c.fix === null) expect(f!.fix).toBeUndefined();
		else expect(f!.fix?.patch).toEqual(c.fix);
		if (c.fixLabel) expect(f!.fix?.label).toBe(c.fixLabel);
		// an error blocks sending; a warning does not
		if (c.severity === "error") expect(r.ready).toBeNull();
		else expect(r.ready).not.toBeNull();
	});

	test.each(CASES.filter((c) => c.fix !== null))("taking the fix clears it: $name", (c) => {
		const ctx = c.ctx ?? { secretAvailable: true };
		const before = validateDeployment(c.cfg, ctx);
		const f = findingFor(c, before.findings)!;
		const after = validateDeployment(applyFix(c.cfg, f.fix!.patch), ctx);
		expect(after.findings.filter((g) => g.field === f.field && g.message === f.message)).toEqual([]);
		expect(after.findings.filter((g) => g.field === f.field && g.severity === "error")).toEqual([]);
		// every case here starts from a valid deployment, so the fix leaves no error anywhere
		expect(after.findings.filter((g) => g.severity === "error")).toEqual([]);
		expect(after.ready).not.toBeNull();
	});
});

describe("details of the ready deployment", () => {
	test("a pasted URI still sends to the resource's base, not to the pasted path", () => {
		const r = validateDeployment(config("o1", { endpoint: "https://my-res.openai.azure.com/openai/deployments/o1/chat/completions?api-version=2024-12-01-preview" }));
		expect(r.ready?.endpoint).toBe(ENDPOINT);
	});

	test("a trailing slash is dropped from the endpoint", () => {
		expect(validateDeployment(config("o1", { endpoint: `${ENDPOINT}/` })).ready?.endpoint).toBe(ENDPOINT);
	});

	test("http to loopback is allowed (the local emulator), without a warning", () => {
		const r = validateDeployment(config("o1", { endpoint: "http://127.0.0.1:8080/" }));
		expect(r.findings).toEqual([]);
		expect(r.ready?.endpoint).toBe("http://127.0.0.1:8080");
	});

	test("the v1 style ignores whatever is in the api-version field", () => {
		const r = validateDeployment(config("o3-mini", { apiVersion: "garbage" }));
		expect(r.findings).toEqual([]);
		expect(r.ready?.apiVersion).toBeNull();
	});

	test("an unknown newer version is kept as typed", () => {
		expect(validateDeployment(config("o1", { apiVersion: "2026-01-01-preview" })).ready?.apiVersion).toBe("2026-01-01-preview");
	});

	test.each([
		{ name: "number text", input: "25000", expected: 25_000 },
		{ name: "thousands separators", input: "25,000", expected: 25_000 },
		{ name: "underscores", input: "25_000", expected: 25_000 },
		{ name: "exactly the family limit", input: 100_000, expected: 100_000 },
	])("max completion tokens as typed: $name", ({ input, expected }) => {
		const r = validateDeployment(config("o1", { maxCompletionTokens: input }));
		expect(r.findings).toEqual([]);
		expect(r.ready?.maxCompletionTokens).toBe(expected);
	});

	test("a small budget is not a warning for chat models, which do not reason", () => {
		expect(validateDeployment(config("chat", { maxCompletionTokens: 500 })).findings).toEqual([]);
	});

	test("the effort a family takes no part in is dropped from the ready deployment", () => {
		expect(validateDeployment(config("o1-preview", { reasoningEffort: "high" })).ready?.reasoningEffort).toBeNull();
	});

	test.each([
		{ name: "0", input: 0, expected: 0 },
		{ name: "2", input: 2, expected: 2 },
		{ name: "text 0.7", input: "0.7", expected: 0.7 },
	])("chat temperature $name is accepted", ({ input, expected }) => {
		const r = validateDeployment(config("chat", { temperature: input }));
		expect(r.findings).toEqual([]);
		expect(r.ready?.temperature).toBe(expected);
	});

	test("reasoning families ignore the temperature field entirely", () => {
		for (const family of ["o1-preview", "o1", "o3-mini", "gpt-5"] as const) {
			const r = validateDeployment(config(family, { temperature: "warm" }));
			expect(r.findings).toEqual([]);
			expect(r.ready?.temperature).toBeNull();
		}
	});

	test("blank instructions on o1-preview are no warning", () => {
		expect(validateDeployment(config("o1-preview", { instructions: " \n\t" })).findings).toEqual([]);
	});

	test("instructions on a developer-role family are no warning", () => {
		expect(validateDeployment(config("o1", { instructions: "Answer in French." })).findings).toEqual([]);
	});

	test("a 64-character deployment name is fine", () => {
		expect(validateDeployment(config("o1", { deployment: "a".repeat(64) })).findings).toEqual([]);
	});

	test("no family: asked for, and what does not depend on it is still checked (a deployment being set up sees all it lacks)", () => {
		const r = validateDeployment({ ...config("o1"), family: "", endpoint: "", deployment: " x", secretName: "" });
		expect(r.findings.map((f) => [f.field, f.severity, f.missing ?? false])).toEqual([
			["family", "error", true],
			["endpoint", "error", true],
			["deployment", "error", false],
			["secretName", "error", true],
		]);
		expect(r.ready).toBeNull();
	});

	test("an unknown family is an error; the model's settings are not checked against any family", () => {
		const r = validateDeployment({ ...config("o1"), family: "o9" as FamilyId, maxCompletionTokens: "lots" });
		expect(r.findings).toEqual([expect.objectContaining({ field: "family", severity: "error" })]);
		expect(r.ready).toBeNull();
	});

	test("several problems are all reported, and nothing is ready", () => {
		const r = validateDeployment(config("o1", { endpoint: "", deployment: "", apiVersion: "2024-10-21", maxCompletionTokens: 0, secretName: "" }));
		expect(r.findings.map((f) => f.field).sort()).toEqual(["apiVersion", "deployment", "endpoint", "maxCompletionTokens", "secretName"]);
		expect(r.ready).toBeNull();
	});
});

describe("property: every fix that can be triggered clears its finding", () => {
	const FAMILY_IDS: FamilyId[] = FAMILIES.map((f) => f.id);
	const endpoint = fc.constantFrom(
		"",
		"   ",
		"my-res.openai.azure.com",
		"my-res.openai.azure.com/openai/v1/",
		"//my-res.openai.azure.com",
		"http://my-res.openai.azure.com",
		"http://gw.example.com/openai/deployments/abc/chat/completions?api-version=2024-10-21",
		"https://my-res.openai.azure.com/",
		"https://api.example.com/aoai",
		"https://api.example.com/aoai/openai/v1/chat/completions",
		"https://my-res.openai.azure.com/openai/deployments/o1-prod/chat/completions?api-version=2024-12-01-preview",
		"https://my-res.openai.azure.com/openai/deployments/o1-prod/chat/completions?api-version=2025-04-01-preview",
		"https://my-res.openai.azure.com/openai/deployments/o1-prod/chat/completions",
		"https://my-res.cognitiveservices.azure.com/openai/v1/chat/completions?api-version=preview",
		"http://127.0.0.1:8080",
		"not a url",
		"ftp://my-res.openai.azure.com",
	);
	const deployment = fc.constantFrom("", " ", " o1-prod ", "o1-prod", "other", "my o1", "-x", "a".repeat(65), "a".repeat(64));
	const apiVersion = fc.constantFrom("", "v1", "latest", "2024-10-21", "2024-12-01-preview", "2025-01-01-preview", "2025-04-01-preview", "2026-01-01-preview");
	const tokens = fc.oneof(
		fc.integer({ min: -10, max: 300_000 }),
		fc.double({ min: -5, max: 200_000, noNaN: true }),
		fc.constantFrom("", "abc", "1.5", "25,000", "4000", "70000", " 100000 "),
	);
	const temperature = fc.oneof(fc.double({ min: -3, max: 5, noNaN: true }), fc.constantFrom("", "warm", "0.5", "2", "3"));
	const cfg = fc.record({
		id: fc.constant("dep"),
		displayName: fc.constantFrom("", "Mine"),
		endpoint,
		apiStyle: fc.constantFrom("dated" as const, "v1" as const),
		apiVersion,
		deployment,
		family: fc.constantFrom(...FAMILY_IDS),
		secretName: fc.constantFrom("", "azure-key"),
		maxCompletionTokens: tokens,
		reasoningEffort: fc.constantFrom("" as const, "none" as const, "minimal" as const, "low" as const, "medium" as const, "high" as const, "xhigh" as const, "max" as const),
		operation: fc.constantFrom("chat-completions" as const, "responses" as const),
		reasoningSummary: fc.constantFrom("off" as const, "auto" as const, "detailed" as const),
		verbosity: fc.constantFrom("" as const, "low" as const),
		instructions: fc.constantFrom("", "  ", "Be brief."),
		markdown: fc.boolean(),
		temperature,
	});

	test("for random deployments, each fix removes its finding and leaves no error on that field", () => {
		fc.assert(
			fc.property(cfg, fc.option(fc.boolean(), { nil: undefined }), (c: DeploymentConfig, secretAvailable) => {
				const ctx: ValidationContext = secretAvailable === undefined ? {} : { secretAvailable };
				const r = validateDeployment(c, ctx);
				// What each fix leaves on its field, gathered for one expect a run (3,000 runs: an expect
				// costs ~80 µs under jest, and a loop of them was most of this test's time).
				const left = r.findings.flatMap((f) => {
					if (!f.fix) return [];
					const after = validateDeployment(applyFix(c, f.fix.patch), ctx);
					const same = after.findings.filter((g) => g.field === f.field && g.message === f.message);
					const errors = after.findings.filter((g) => g.field === f.field && g.severity === "error");
					return same.length + errors.length > 0 ? [{ fix: f.fix, same, errors }] : [];
				});
				expect({ notReadyIffError: (r.ready === null) === r.findings.some((f) => f.severity === "error"), left }).toEqual({ notReadyIffError: true, left: [] });
			}),
			{ numRuns: 3000 },
		);
	});
});
