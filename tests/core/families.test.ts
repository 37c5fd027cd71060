import { FAMILIES, familyOfModel, getFamily, isFamilyId, type FamilyId } from "../../src/core/families";

/**
 * The facts table (reference/azure-reasoning-api.md §1), written out independently of
 * src/core/families.ts. Output/context limits that the facts do not give (o3, o4-mini, gpt-5,
 * chat) are asserted only as "at least what the family's older sibling allows".
 */
interface Expected {
	id: FamilyId;
	instructionsRole: "developer" | "system" | "none";
	temperature: "send-one" | "omit" | "user 0..2" | "with-effort-none 0..2";
	efforts: string[];
	/** null: the facts do not say (and the plugin never streams anyway). */
	streaming: boolean | null;
	maxOutputTokens: number | null;
	contextWindow: number | null;
	minApiVersion: string | null;
	apiStyles: string[];
	reasoning: boolean;
	/** Operations, the default for new deployments first (azure-responses-api.md §1); the 2025 families get theirs below. */
	operations?: string[];
	responsesMinApiVersion?: string | null;
}

const FACTS: Expected[] = [
	{ id: "o1-preview", instructionsRole: "none", temperature: "send-one", efforts: [], streaming: false, maxOutputTokens: 32_768, contextWindow: 128_000, minApiVersion: "2024-12-01-preview", apiStyles: ["dated", "v1"], reasoning: true },
	{ id: "o1-mini", instructionsRole: "none", temperature: "send-one", efforts: [], streaming: false, maxOutputTokens: 65_536, contextWindow: 128_000, minApiVersion: "2024-12-01-preview", apiStyles: ["dated", "v1"], reasoning: true },
	{ id: "o1", instructionsRole: "developer", temperature: "omit", efforts: ["low", "medium", "high"], streaming: false, maxOutputTokens: 100_000, contextWindow: 200_000, minApiVersion: "2024-12-01-preview", apiStyles: ["dated", "v1"], reasoning: true },
	{ id: "o3-mini", instructionsRole: "developer", temperature: "omit", efforts: ["low", "medium", "high"], streaming: true, maxOutputTokens: 100_000, contextWindow: 200_000, minApiVersion: "2024-12-01-preview", apiStyles: ["dated", "v1"], reasoning: true },
	{ id: "o3", instructionsRole: "developer", temperature: "omit", efforts: ["low", "medium", "high"], streaming: true, maxOutputTokens: null, contextWindow: null, minApiVersion: "2025-04-01-preview", apiStyles: ["dated", "v1"], reasoning: true },
	{ id: "o4-mini", instructionsRole: "developer", temperature: "omit", efforts: ["low", "medium", "high"], streaming: true, maxOutputTokens: null, contextWindow: null, minApiVersion: "2025-04-01-preview", apiStyles: ["dated", "v1"], reasoning: true },
	{ id: "gpt-5", instructionsRole: "developer", temperature: "omit", efforts: ["minimal", "low", "medium", "high"], streaming: true, maxOutputTokens: null, contextWindow: null, minApiVersion: null, apiStyles: ["v1"], reasoning: true },
	{ id: "chat", instructionsRole: "system", temperature: "user 0..2", efforts: [], streaming: true, maxOutputTokens: null, contextWindow: null, minApiVersion: "2024-12-01-preview", apiStyles: ["dated", "v1"], reasoning: false },
	// azure-responses-api.md §1, §4, §5: Responses-only models have no chat completions and so no chat minimum.
	{ id: "o3-pro", instructionsRole: "developer", temperature: "omit", efforts: ["low", "medium", "high"], streaming: null, maxOutputTokens: null, contextWindow: null, minApiVersion: null, apiStyles: ["dated", "v1"], reasoning: true, operations: ["responses"], responsesMinApiVersion: "2025-04-01-preview" },
	{ id: "codex-mini", instructionsRole: "developer", temperature: "omit", efforts: ["low", "medium", "high"], streaming: null, maxOutputTokens: null, contextWindow: null, minApiVersion: null, apiStyles: ["dated", "v1"], reasoning: true, operations: ["responses"], responsesMinApiVersion: "2025-04-01-preview" },
	{ id: "gpt-5-pro", instructionsRole: "developer", temperature: "omit", efforts: ["high"], streaming: null, maxOutputTokens: null, contextWindow: null, minApiVersion: null, apiStyles: ["v1"], reasoning: true, operations: ["responses"], responsesMinApiVersion: null },
	{ id: "gpt-5-codex", instructionsRole: "developer", temperature: "omit", efforts: ["low", "medium", "high"], streaming: null, maxOutputTokens: null, contextWindow: null, minApiVersion: null, apiStyles: ["v1"], reasoning: true, operations: ["responses"], responsesMinApiVersion: null },
	{ id: "gpt-5.1-codex-max", instructionsRole: "developer", temperature: "omit", efforts: ["low", "medium", "high", "xhigh"], streaming: null, maxOutputTokens: null, contextWindow: null, minApiVersion: null, apiStyles: ["v1"], reasoning: true, operations: ["responses"], responsesMinApiVersion: null },
	{ id: "gpt-5.1", instructionsRole: "developer", temperature: "with-effort-none 0..2", efforts: ["none", "low", "medium", "high"], streaming: null, maxOutputTokens: null, contextWindow: null, minApiVersion: null, apiStyles: ["v1"], reasoning: true, operations: ["responses", "chat-completions"], responsesMinApiVersion: null },
	{ id: "gpt-5.2", instructionsRole: "developer", temperature: "with-effort-none 0..2", efforts: ["none", "low", "medium", "high", "xhigh"], streaming: null, maxOutputTokens: null, contextWindow: null, minApiVersion: null, apiStyles: ["v1"], reasoning: true, operations: ["responses", "chat-completions"], responsesMinApiVersion: null },
	{ id: "gpt-5.2-pro", instructionsRole: "developer", temperature: "omit", efforts: ["none", "low", "medium", "high", "xhigh"], streaming: null, maxOutputTokens: null, contextWindow: null, minApiVersion: null, apiStyles: ["v1"], reasoning: true, operations: ["responses"], responsesMinApiVersion: null },
	{ id: "gpt-5.6", instructionsRole: "developer", temperature: "with-effort-none 0..2", efforts: ["none", "low", "medium", "high", "xhigh", "max"], streaming: null, maxOutputTokens: 128_000, contextWindow: 1_050_000, minApiVersion: null, apiStyles: ["v1"], reasoning: true, operations: ["responses", "chat-completions"], responsesMinApiVersion: null },
	{ id: "gpt-5-chat", instructionsRole: "system", temperature: "omit", efforts: [], streaming: null, maxOutputTokens: null, contextWindow: null, minApiVersion: null, apiStyles: ["v1"], reasoning: false, operations: ["chat-completions", "responses"], responsesMinApiVersion: null },
	{ id: "gpt-6-astra", instructionsRole: "developer", temperature: "with-effort-none 0..2", efforts: ["none", "low", "medium", "high", "xhigh"], streaming: null, maxOutputTokens: 128_000, contextWindow: 1_050_000, minApiVersion: null, apiStyles: ["v1"], reasoning: true, operations: ["responses", "chat-completions"], responsesMinApiVersion: null },
];
/** The 2025 families' operations: both, chat completions first (chosen: it works in every region), except o1-preview and o1-mini (chat only) and gpt-5 (Responses first: summaries). */
const LEGACY_OPERATIONS: Record<string, { operations: string[]; responsesMinApiVersion: string | null }> = {
	"o1-preview": { operations: ["chat-completions"], responsesMinApiVersion: null },
	"o1-mini": { operations: ["chat-completions"], responsesMinApiVersion: null },
	o1: { operations: ["chat-completions", "responses"], responsesMinApiVersion: "2025-03-01-preview" },
	"o3-mini": { operations: ["chat-completions", "responses"], responsesMinApiVersion: "2025-03-01-preview" },
	o3: { operations: ["chat-completions", "responses"], responsesMinApiVersion: "2025-04-01-preview" },
	"o4-mini": { operations: ["chat-completions", "responses"], responsesMinApiVersion: "2025-04-01-preview" },
	"gpt-5": { operations: ["responses", "chat-completions"], responsesMinApiVersion: null },
	chat: { operations: ["chat-completions", "responses"], responsesMinApiVersion: "2025-03-01-preview" },
};

describe("the family table", () => {
	test("holds exactly the families of the facts table, each once", () => {
		expect(FAMILIES.map((f) => f.id).sort()).toEqual(FACTS.map((f) => f.id).sort());
	});

	test.each(FACTS.map((f) => ({ name: f.id, expected: f })))("$name matches the facts", ({ expected }) => {
		const f = getFamily(expected.id);
		expect(f.instructionsRole).toBe(expected.instructionsRole);
		expect(f.reasoning).toBe(expected.reasoning);
		const t = f.temperature;
		const rule = t.kind === "user" || t.kind === "with-effort-none" ? `${t.kind} ${t.min}..${t.max}` : t.kind;
		expect(rule).toBe(expected.temperature);
		expect([...f.reasoningEfforts]).toEqual(expected.efforts);
		if (expected.streaming !== null) expect(f.streaming).toBe(expected.streaming);
		const ops = expected.operations ? { operations: expected.operations, responsesMinApiVersion: expected.responsesMinApiVersion ?? null } : LEGACY_OPERATIONS[expected.id]!;
		expect([...f.operations]).toEqual(ops.operations);
		expect(f.responsesMinApiVersion).toBe(ops.responsesMinApiVersion);
		if (expected.maxOutputTokens !== null) expect(f.maxOutputTokens).toBe(expected.maxOutputTokens);
		if (expected.contextWindow !== null) expect(f.contextWindow).toBe(expected.contextWindow);
		expect(f.minApiVersion).toBe(expected.minApiVersion);
		expect([...f.apiStyles].sort()).toEqual([...expected.apiStyles].sort());
	});

	test.each(FACTS.filter((f) => f.maxOutputTokens === null).map((f) => ({ name: f.id })))("$name has plausible limits", ({ name }) => {
		const f = getFamily(name);
		expect(f.maxOutputTokens).toBeGreaterThanOrEqual(16_384);
		expect(f.contextWindow).toBeGreaterThan(f.maxOutputTokens);
	});

	test.each(FAMILIES.map((f) => ({ name: f.id, family: f })))("$name: its default budget is within its output limit", ({ family }) => {
		expect(family.defaultMaxCompletionTokens).toBeGreaterThan(0);
		expect(family.defaultMaxCompletionTokens).toBeLessThanOrEqual(family.maxOutputTokens);
	});

	test.each(FAMILIES.map((f) => ({ name: f.id, family: f })))("$name: Formatting re-enabled only for developer-role reasoning families", ({ family }) => {
		expect(family.formattingPrefix).toBe(family.instructionsRole === "developer" && family.reasoning);
	});

	test.each(FAMILIES.map((f) => ({ name: f.id, family: f })))("$name: a dated API style implies a minimum dated version for each operation it has", ({ family }) => {
		expect(family.apiStyles.includes("dated")).toBe(family.minApiVersion !== null || family.responsesMinApiVersion !== null);
		if (family.apiStyles.includes("dated")) {
			expect(family.minApiVersion !== null).toBe(family.operations.includes("chat-completions"));
			expect(family.responsesMinApiVersion !== null).toBe(family.operations.includes("responses"));
		}
	});

	test.each(FAMILIES.map((f) => ({ name: f.id, family: f })))("$name: its default effort is one it takes; summaries and verbosity only with the Responses API", ({ family }) => {
		if (family.reasoningEfforts.length === 0) expect(family.defaultEffort).toBeNull();
		else expect(family.reasoningEfforts).toContain(family.defaultEffort);
		if (!family.operations.includes("responses")) {
			expect(family.summaries).toBe("no");
			expect(family.verbosity).toBe(false);
		}
	});

	test("isFamilyId accepts only the ids", () => {
		for (const f of FACTS) expect(isFamilyId(f.id)).toBe(true);
		for (const v of ["", "o2", "O1", "gpt-4o", null, undefined, 1, {}]) expect(isFamilyId(v)).toBe(false);
	});

	test("getFamily throws for an unknown id", () => {
		expect(() => getFamily("o9" as FamilyId)).toThrow(/o9/);
	});
});

describe("familyOfModel", () => {
	const cases: { name: string; input: string; expected: FamilyId | undefined }[] = [
		{ name: "o1-preview dated", input: "o1-preview-2024-09-12", expected: "o1-preview" },
		{ name: "o1-preview bare", input: "o1-preview", expected: "o1-preview" },
		{ name: "o1-mini dated", input: "o1-mini-2024-09-12", expected: "o1-mini" },
		{ name: "o1 dated", input: "o1-2024-12-17", expected: "o1" },
		{ name: "o1 bare", input: "o1", expected: "o1" },
		{ name: "o3-mini dated", input: "o3-mini-2025-01-31", expected: "o3-mini" },
		{ name: "o3 dated", input: "o3-2025-04-16", expected: "o3" },
		{ name: "o3-pro (Responses API only)", input: "o3-pro-2025-06-10", expected: "o3-pro" },
		{ name: "o4-mini dated", input: "o4-mini-2025-04-16", expected: "o4-mini" },
		{ name: "codex-mini (Responses API only)", input: "codex-mini-latest", expected: "codex-mini" },
		{ name: "gpt-5-pro is not gpt-5", input: "gpt-5-pro-2025-10-06", expected: "gpt-5-pro" },
		{ name: "gpt-5-codex", input: "gpt-5-codex-2025-09-15", expected: "gpt-5-codex" },
		{ name: "gpt-5.1-codex", input: "gpt-5.1-codex-2025-11-13", expected: "gpt-5-codex" },
		{ name: "gpt-5.1-codex-mini is not gpt-5.1", input: "gpt-5.1-codex-mini-2025-11-13", expected: "gpt-5-codex" },
		{ name: "gpt-5.1-codex-max", input: "gpt-5.1-codex-max-2025-12-04", expected: "gpt-5.1-codex-max" },
		{ name: "gpt-5.2", input: "gpt-5.2-2025-12-11", expected: "gpt-5.2" },
		{ name: "gpt-5.2-chat is a chat model", input: "gpt-5.2-chat-2025-12-11", expected: "gpt-5-chat" },
		{ name: "gpt-5.4-mini", input: "gpt-5.4-mini-2026-03-17", expected: "gpt-5.2" },
		{ name: "gpt-5.5", input: "gpt-5.5-2026-04-23", expected: "gpt-5.2" },
		{ name: "gpt-5.2-pro", input: "gpt-5.2-pro", expected: "gpt-5.2-pro" },
		{ name: "gpt-5.6-sol", input: "gpt-5.6-sol-2026-07-09", expected: "gpt-5.6" },
		{ name: "gpt-5.6-luna", input: "gpt-5.6-luna", expected: "gpt-5.6" },
		{ name: "gpt-6-astra", input: "gpt-6-astra-2026-09-03", expected: "gpt-6-astra" },
		{ name: "gpt-5-chat", input: "gpt-5-chat-2025-08-07", expected: "gpt-5-chat" },
		{ name: "gpt-5.1-chat", input: "gpt-5.1-chat-2025-11-13", expected: "gpt-5-chat" },
		{ name: "gpt-chat-latest", input: "gpt-chat-latest", expected: "gpt-5-chat" },
		{ name: "gpt-5-nano", input: "gpt-5-nano-2025-08-07", expected: "gpt-5" },
		{ name: "a later generation is not an older family", input: "gpt-5.7-2027-01-01", expected: undefined },
		{ name: "gpt-5 dated", input: "gpt-5-2025-08-07", expected: "gpt-5" },
		{ name: "gpt-5-mini", input: "gpt-5-mini-2025-08-07", expected: "gpt-5" },
		{ name: "gpt-5.1", input: "gpt-5.1-2025-11-13", expected: "gpt-5.1" },
		{ name: "gpt-4o", input: "gpt-4o-2024-11-20", expected: "chat" },
		{ name: "gpt-4o-mini", input: "gpt-4o-mini-2024-07-18", expected: "chat" },
		{ name: "gpt-4.1", input: "gpt-4.1-2025-04-14", expected: "chat" },
		{ name: "gpt-35-turbo", input: "gpt-35-turbo", expected: "chat" },
		{ name: "upper case and spaces", input: "  O1-Mini-2024-09-12 ", expected: "o1-mini" },
		{ name: "unknown", input: "llama-3-70b", expected: undefined },
		{ name: "empty", input: "", expected: undefined },
		{ name: "prefix without a separator is not a match", input: "o10-2026-01-01", expected: undefined },
		{ name: "o1 inside another name", input: "my-o1", expected: undefined },
	];
	test.each(cases)("$name: $input", ({ input, expected }) => {
		expect(familyOfModel(input)?.id).toBe(expected);
	});
});
