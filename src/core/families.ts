/**
 * The model-family table's types and lookups. The table itself is data (familyTable.ts): one
 * record per family says what Azure accepts from it, on which operation. The request builder,
 * the validation and the settings tab all read it; nothing else decides by family name.
 */
import { FAMILIES } from "./familyTable";

export { FAMILIES };

export type FamilyId =
	| "o1-preview" | "o1-mini" | "o1" | "o3-mini" | "o3" | "o4-mini" | "o3-pro" | "codex-mini"
	| "gpt-5" | "gpt-5-pro" | "gpt-5-codex" | "gpt-5.1-codex-max" | "gpt-5.1" | "gpt-5.2" | "gpt-5.2-pro" | "gpt-5.6" | "gpt-6-astra"
	| "gpt-5-chat" | "chat";
export type ApiStyle = "dated" | "v1";
/** Azure's two ways to ask a model: `/chat/completions` and `/responses`. */
export type Operation = "chat-completions" | "responses";
export type ReasoningEffort = "none" | "minimal" | "low" | "medium" | "high" | "xhigh" | "max";
export type SummaryMode = "off" | "auto" | "concise" | "detailed";
export type Verbosity = "low" | "medium" | "high";

/** Every effort Azure knows, least reasoning first: for ordering and for reading Azure's lists. */
export const EFFORT_SCALE: readonly ReasoningEffort[] = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];
export const OPERATIONS: readonly Operation[] = ["chat-completions", "responses"];

/** Where the user's instructions go. `none`: the family takes neither a system nor a developer message. */
export type InstructionsRole = "developer" | "system" | "none";

/**
 * How temperature is treated:
 * - `send-one`: always sent as 1 (o1-preview, o1-mini: the requirement sheet's checklist);
 * - `omit`: never sent (Azure rejects the parameter, or any value but its default);
 * - `user`: the user's choice within [min, max] (plain chat models);
 * - `with-effort-none`: the user's choice, sent only while the reasoning effort is `none`
 *   (gpt-5.1 and later: temperature and top_p are refused with any other effort).
 */
export type TemperatureRule =
	| { kind: "send-one" }
	| { kind: "omit" }
	| { kind: "user" | "with-effort-none"; min: number; max: number; default: number };

export interface ModelFamily {
	id: FamilyId;
	label: string;
	/** One line for the settings tab: the family's rules as a user needs them. */
	summary: string;
	reasoning: boolean;
	instructionsRole: InstructionsRole;
	/** The developer message must begin with `Formatting re-enabled` for Markdown output (chat completions). */
	formattingPrefix: boolean;
	temperature: TemperatureRule;
	/** Empty when the family takes no reasoning effort. */
	reasoningEfforts: readonly ReasoningEffort[];
	/** The effort Azure applies when none is sent (null: no effort at all). Sent explicitly on the Responses API. */
	defaultEffort: ReasoningEffort | null;
	streaming: boolean;
	maxOutputTokens: number;
	contextWindow: number;
	/** The operations the family answers; the first is the default for a new deployment. */
	operations: readonly Operation[];
	/** The oldest dated api-version for chat completions; null when it has no dated API. */
	minApiVersion: string | null;
	/** The oldest dated api-version for the Responses API; null when it has none (v1 only, or no Responses API). */
	responsesMinApiVersion: string | null;
	apiStyles: readonly ApiStyle[];
	/** Reasoning summaries on the Responses API: available, only after Microsoft approves the resource, or none. */
	summaries: "yes" | "approval" | "no";
	/** Takes `text.verbosity` on the Responses API. */
	verbosity: boolean;
	/** The response's `model` names of this family: the name, or the name then `-…` (most specific wins). */
	modelPrefixes: readonly string[];
	/** A sensible default budget: large enough that reasoning rarely eats all of it. */
	defaultMaxCompletionTokens: number;
}

const BY_ID = new Map<string, ModelFamily>(FAMILIES.map((f) => [f.id, f]));

export function isFamilyId(value: unknown): value is FamilyId {
	return typeof value === "string" && BY_ID.has(value);
}

export function getFamily(id: FamilyId): ModelFamily {
	const family = BY_ID.get(id);
	if (!family) throw new Error(`Unknown model family: ${id}`);
	return family;
}

export function isOperation(value: unknown): value is Operation {
	return value === "chat-completions" || value === "responses";
}

export function isEffort(value: unknown): value is ReasoningEffort {
	return EFFORT_SCALE.some((e) => e === value);
}

/** The oldest dated api-version the family takes on an operation; null when it has no dated API there. */
export function minDatedVersion(family: ModelFamily, operation: Operation): string | null {
	return operation === "responses" ? family.responsesMinApiVersion : family.minApiVersion;
}

export const OPERATION_LABELS: Record<Operation, string> = { "chat-completions": "chat completions", responses: "the Responses API" };

/**
 * The family a response's `model` field (e.g. `o1-preview-2024-09-12`, `gpt-5.1-codex-mini`)
 * belongs to, or undefined when no family claims it. A prefix matches the whole name or the name
 * followed by `-`; the longest wins, so `o1-mini-…` is o1-mini, `gpt-5.1-codex-mini` is a codex
 * model and not gpt-5.1, and `gpt-5-pro` is not gpt-5. A later version (`gpt-5.7`) matches nothing
 * rather than an older family's rules.
 */
export function familyOfModel(model: string): ModelFamily | undefined {
	const name = model.trim().toLowerCase();
	let best: { family: ModelFamily; length: number } | undefined;
	for (const family of FAMILIES) {
		for (const prefix of family.modelPrefixes) {
			const matches = name === prefix || name.startsWith(`${prefix}-`);
			if (matches && (!best || prefix.length > best.length)) best = { family, length: prefix.length };
		}
	}
	return best?.family;
}
