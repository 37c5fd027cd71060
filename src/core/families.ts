/**
 * The model-family table: one record per family says what Azure accepts from it.
 * The request builder, the validation and the settings tab all read this table;
 * nothing else in the code decides by family name.
 *
 * Sources: ../shared/reference/azure-reasoning-api.md §1 (Microsoft's reasoning-model
 * documentation, Jan 2025 to Jan 2026) and the original o1-preview requirement sheet.
 */

export type FamilyId = "o1-preview" | "o1-mini" | "o1" | "o3-mini" | "o3" | "o4-mini" | "gpt-5" | "chat";
export type ApiStyle = "dated" | "v1";
export type ReasoningEffort = "minimal" | "low" | "medium" | "high";

/** Where the user's instructions go. `none`: the family takes neither a system nor a developer message. */
export type InstructionsRole = "developer" | "system" | "none";

/**
 * How temperature is treated:
 * - `send-one`: always sent as 1 (o1-preview, o1-mini: the requirement sheet's checklist);
 * - `omit`: never sent (Azure rejects the parameter, or any value but its default);
 * - `user`: the user's choice within [min, max] (plain chat models).
 */
export type TemperatureRule = { kind: "send-one" } | { kind: "omit" } | { kind: "user"; min: number; max: number; default: number };

export interface ModelFamily {
	id: FamilyId;
	label: string;
	/** One line for the settings tab: the family's rules as a user needs them. */
	summary: string;
	reasoning: boolean;
	instructionsRole: InstructionsRole;
	/** The developer message must begin with `Formatting re-enabled` for Markdown output. */
	formattingPrefix: boolean;
	temperature: TemperatureRule;
	/** Empty when the family takes no `reasoning_effort`. */
	reasoningEfforts: readonly ReasoningEffort[];
	streaming: boolean;
	maxOutputTokens: number;
	contextWindow: number;
	/** The oldest dated api-version the family works with; null when it has no dated API. */
	minApiVersion: string | null;
	apiStyles: readonly ApiStyle[];
	/** Prefixes of the response's `model` field that identify this family (most specific wins). */
	modelPrefixes: readonly string[];
	/** A sensible default budget: large enough that reasoning rarely eats all of it. */
	defaultMaxCompletionTokens: number;
}

const O_SERIES_EFFORTS: readonly ReasoningEffort[] = ["low", "medium", "high"];

export const FAMILIES: readonly ModelFamily[] = [
	{
		id: "o1-preview",
		label: "o1-preview",
		summary: "No system or developer message (instructions go into your message), temperature fixed at 1, no streaming, no reasoning effort.",
		reasoning: true,
		instructionsRole: "none",
		formattingPrefix: false,
		temperature: { kind: "send-one" },
		reasoningEfforts: [],
		streaming: false,
		maxOutputTokens: 32_768,
		contextWindow: 128_000,
		minApiVersion: "2024-12-01-preview",
		apiStyles: ["dated", "v1"],
		modelPrefixes: ["o1-preview"],
		defaultMaxCompletionTokens: 16_000,
	},
	{
		id: "o1-mini",
		label: "o1-mini",
		summary: "No system or developer message (instructions go into your message), temperature fixed at 1, no streaming, no reasoning effort.",
		reasoning: true,
		instructionsRole: "none",
		formattingPrefix: false,
		temperature: { kind: "send-one" },
		reasoningEfforts: [],
		streaming: false,
		maxOutputTokens: 65_536,
		contextWindow: 128_000,
		minApiVersion: "2024-12-01-preview",
		apiStyles: ["dated", "v1"],
		modelPrefixes: ["o1-mini"],
		defaultMaxCompletionTokens: 16_000,
	},
	{
		id: "o1",
		label: "o1",
		summary: "Developer message, reasoning effort low to high, no temperature, no streaming.",
		reasoning: true,
		instructionsRole: "developer",
		formattingPrefix: true,
		temperature: { kind: "omit" },
		reasoningEfforts: O_SERIES_EFFORTS,
		streaming: false,
		maxOutputTokens: 100_000,
		contextWindow: 200_000,
		minApiVersion: "2024-12-01-preview",
		apiStyles: ["dated", "v1"],
		modelPrefixes: ["o1"],
		defaultMaxCompletionTokens: 25_000,
	},
	{
		id: "o3-mini",
		label: "o3-mini",
		summary: "Developer message, reasoning effort low to high, no temperature.",
		reasoning: true,
		instructionsRole: "developer",
		formattingPrefix: true,
		temperature: { kind: "omit" },
		reasoningEfforts: O_SERIES_EFFORTS,
		streaming: true,
		maxOutputTokens: 100_000,
		contextWindow: 200_000,
		minApiVersion: "2024-12-01-preview",
		apiStyles: ["dated", "v1"],
		modelPrefixes: ["o3-mini"],
		defaultMaxCompletionTokens: 25_000,
	},
	{
		id: "o3",
		label: "o3",
		summary: "Developer message, reasoning effort low to high, no temperature; api-version 2025-04-01-preview or v1.",
		reasoning: true,
		instructionsRole: "developer",
		formattingPrefix: true,
		temperature: { kind: "omit" },
		reasoningEfforts: O_SERIES_EFFORTS,
		streaming: true,
		maxOutputTokens: 100_000,
		contextWindow: 200_000,
		minApiVersion: "2025-04-01-preview",
		apiStyles: ["dated", "v1"],
		modelPrefixes: ["o3"],
		defaultMaxCompletionTokens: 25_000,
	},
	{
		id: "o4-mini",
		label: "o4-mini",
		summary: "Developer message, reasoning effort low to high, no temperature; api-version 2025-04-01-preview or v1.",
		reasoning: true,
		instructionsRole: "developer",
		formattingPrefix: true,
		temperature: { kind: "omit" },
		reasoningEfforts: O_SERIES_EFFORTS,
		streaming: true,
		maxOutputTokens: 100_000,
		contextWindow: 200_000,
		minApiVersion: "2025-04-01-preview",
		apiStyles: ["dated", "v1"],
		modelPrefixes: ["o4-mini"],
		defaultMaxCompletionTokens: 25_000,
	},
	{
		id: "gpt-5",
		label: "GPT-5 family",
		summary: "Developer message, reasoning effort minimal to high, no temperature; v1 API only.",
		reasoning: true,
		instructionsRole: "developer",
		formattingPrefix: true,
		temperature: { kind: "omit" },
		reasoningEfforts: ["minimal", "low", "medium", "high"],
		streaming: true,
		maxOutputTokens: 128_000,
		contextWindow: 400_000,
		minApiVersion: null,
		apiStyles: ["v1"],
		modelPrefixes: ["gpt-5"],
		defaultMaxCompletionTokens: 25_000,
	},
	{
		id: "chat",
		label: "Chat model (not reasoning)",
		summary: "GPT-4o, GPT-4.1 and other chat models: system message, temperature 0 to 2.",
		reasoning: false,
		instructionsRole: "system",
		formattingPrefix: false,
		temperature: { kind: "user", min: 0, max: 2, default: 1 },
		reasoningEfforts: [],
		streaming: true,
		maxOutputTokens: 16_384,
		contextWindow: 128_000,
		minApiVersion: "2024-12-01-preview",
		apiStyles: ["dated", "v1"],
		modelPrefixes: ["gpt-4", "gpt-4o", "gpt-35", "gpt-3.5"],
		defaultMaxCompletionTokens: 4_000,
	},
];

const BY_ID = new Map<string, ModelFamily>(FAMILIES.map((f) => [f.id, f]));

export function isFamilyId(value: unknown): value is FamilyId {
	return typeof value === "string" && BY_ID.has(value);
}

export function getFamily(id: FamilyId): ModelFamily {
	const family = BY_ID.get(id);
	if (!family) throw new Error(`Unknown model family: ${id}`);
	return family;
}

/**
 * Models that Azure serves only through the Responses API: no family here can drive them
 * through chat completions, so the test button must not call them a match.
 */
const RESPONSES_ONLY = ["o3-pro", "codex-mini", "gpt-5-pro", "gpt-5-codex"];

/**
 * The family a response's `model` field (e.g. `o1-preview-2024-09-12`) belongs to, or
 * undefined when no family claims it. The longest matching prefix wins, so `o1-mini-…`
 * is o1-mini and not o1.
 */
export function familyOfModel(model: string): ModelFamily | undefined {
	const name = model.trim().toLowerCase();
	if (RESPONSES_ONLY.some((p) => name === p || name.startsWith(`${p}-`))) return undefined;
	let best: { family: ModelFamily; length: number } | undefined;
	for (const family of FAMILIES) {
		for (const prefix of family.modelPrefixes) {
			const matches = name === prefix || name.startsWith(`${prefix}-`) || name.startsWith(`${prefix}.`);
			if (matches && (!best || prefix.length > best.length)) best = { family, length: prefix.length };
		}
	}
	return best?.family;
}
