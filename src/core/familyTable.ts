/**
 * The model-family table: what Azure accepts from each family, as data.
 *
 * Sources: ../shared/reference/azure-reasoning-api.md §1 (the 2025 families, chat completions)
 * and azure-responses-api.md §1, §4, §5 (the Responses API, GPT-5.x and later). Where the facts
 * are silent the choice is marked "chosen:" with its reason. Models change every few months:
 * this table is the first guard, Azure's own error bodies the second (errors.ts reads them).
 */
import type { ModelFamily, Operation, ReasoningEffort, TemperatureRule } from "./families";

const LMH: readonly ReasoningEffort[] = ["low", "medium", "high"];
const NONE_TO_XHIGH: readonly ReasoningEffort[] = ["none", "low", "medium", "high", "xhigh"];
const OMIT: TemperatureRule = { kind: "omit" };
const WITH_NONE: TemperatureRule = { kind: "with-effort-none", min: 0, max: 2, default: 1 };
const CHAT_FIRST: readonly Operation[] = ["chat-completions", "responses"];
const RESPONSES_FIRST: readonly Operation[] = ["responses", "chat-completions"];
const RESPONSES_ONLY: readonly Operation[] = ["responses"];

/** What every reasoning family with a developer role shares; each record states the rest. */
const REASONING = {
	reasoning: true,
	instructionsRole: "developer",
	formattingPrefix: true,
	temperature: OMIT,
	defaultEffort: "medium",
	streaming: true,
	apiStyles: ["dated", "v1"],
	summaries: "no",
	verbosity: false,
	defaultMaxCompletionTokens: 25_000,
} as const;

/** The GPT-5 generations: v1 only (facts table: "v1 only"), 400K context, summaries, verbosity. */
const GPT5 = {
	...REASONING,
	maxOutputTokens: 128_000,
	contextWindow: 400_000,
	minApiVersion: null,
	responsesMinApiVersion: null,
	apiStyles: ["v1"],
	summaries: "yes",
	verbosity: true,
} as const;

/** o1-preview and o1-mini: no instructions role, temperature 1, chat completions only (not in Microsoft's Responses model list). */
const O1_EARLY = {
	reasoning: true,
	summary: "No system or developer message (instructions go into your message), temperature fixed at 1, no reasoning effort; chat completions only.",
	instructionsRole: "none",
	formattingPrefix: false,
	temperature: { kind: "send-one" },
	reasoningEfforts: [],
	defaultEffort: null,
	streaming: false,
	contextWindow: 128_000,
	operations: ["chat-completions"],
	minApiVersion: "2024-12-01-preview",
	responsesMinApiVersion: null,
	apiStyles: ["dated", "v1"],
	summaries: "no",
	verbosity: false,
	defaultMaxCompletionTokens: 16_000,
} as const;

export const FAMILIES: readonly ModelFamily[] = [
	{ ...O1_EARLY, id: "o1-preview", label: "o1-preview", maxOutputTokens: 32_768, modelPrefixes: ["o1-preview"] },
	{ ...O1_EARLY, id: "o1-mini", label: "o1-mini", maxOutputTokens: 65_536, modelPrefixes: ["o1-mini"] },
	{
		...REASONING,
		id: "o1",
		label: "o1",
		summary: "Developer message, reasoning effort low to high, no temperature.",
		reasoningEfforts: LMH,
		streaming: false,
		maxOutputTokens: 100_000,
		contextWindow: 200_000,
		// chosen: chat completions first. It works in every region, and o1 gives no reasoning summary (the facts are silent on o1 summaries).
		operations: CHAT_FIRST,
		minApiVersion: "2024-12-01-preview",
		responsesMinApiVersion: "2025-03-01-preview",
		modelPrefixes: ["o1"],
	},
	{
		...REASONING,
		id: "o3-mini",
		label: "o3-mini",
		summary: "Developer message, reasoning effort low to high, no temperature.",
		reasoningEfforts: LMH,
		maxOutputTokens: 100_000,
		contextWindow: 200_000,
		operations: CHAT_FIRST,
		minApiVersion: "2024-12-01-preview",
		responsesMinApiVersion: "2025-03-01-preview",
		modelPrefixes: ["o3-mini"],
	},
	...(["o3", "o4-mini"] as const).map(
		(id): ModelFamily => ({
			...REASONING,
			id,
			label: id,
			summary: "Developer message, reasoning effort low to high, no temperature; api-version 2025-04-01-preview or v1. Reasoning summaries need Microsoft's approval.",
			reasoningEfforts: LMH,
			maxOutputTokens: 100_000,
			contextWindow: 200_000,
			// chosen: chat completions first: summaries need an approved access request, so the Responses API gains most users nothing.
			operations: CHAT_FIRST,
			minApiVersion: "2025-04-01-preview",
			responsesMinApiVersion: "2025-04-01-preview",
			summaries: "approval",
			modelPrefixes: [id],
		}),
	),
	...(["o3-pro", "codex-mini"] as const).map(
		(id): ModelFamily => ({
			...REASONING,
			id,
			label: id,
			summary: "Responses API only; developer message, reasoning effort low to high, no temperature; api-version 2025-04-01-preview or v1.",
			reasoningEfforts: LMH,
			streaming: false,
			maxOutputTokens: 100_000,
			contextWindow: 200_000,
			operations: RESPONSES_ONLY,
			minApiVersion: null,
			responsesMinApiVersion: "2025-04-01-preview",
			// chosen: as o3 (the facts are silent): summaries need Microsoft's approval.
			summaries: "approval",
			modelPrefixes: [id],
		}),
	),
	{
		...GPT5,
		id: "gpt-5",
		label: "GPT-5",
		summary: "gpt-5, gpt-5-mini, gpt-5-nano: developer message, reasoning effort minimal to high, no temperature; v1 API only.",
		reasoningEfforts: ["minimal", "low", "medium", "high"],
		operations: RESPONSES_FIRST,
		modelPrefixes: ["gpt-5"],
	},
	{
		...GPT5,
		id: "gpt-5-pro",
		label: "GPT-5 pro",
		summary: "Responses API only, v1 API only; reasoning effort high only, no temperature.",
		reasoningEfforts: ["high"],
		defaultEffort: "high",
		operations: RESPONSES_ONLY,
		modelPrefixes: ["gpt-5-pro"],
	},
	{
		...GPT5,
		id: "gpt-5-codex",
		label: "GPT-5 codex",
		// chosen: low to high (the facts give no list for these; minimal and none are not claimed anywhere).
		summary: "gpt-5-codex, gpt-5.1-codex, gpt-5.1-codex-mini: Responses API only, v1 API only; reasoning effort low to high, no temperature.",
		reasoningEfforts: LMH,
		operations: RESPONSES_ONLY,
		verbosity: false,
		modelPrefixes: ["gpt-5-codex", "gpt-5.1-codex"],
	},
	{
		...GPT5,
		id: "gpt-5.1-codex-max",
		label: "GPT-5.1 codex max",
		summary: "gpt-5.1-codex-max and later codex models: Responses API only, v1 API only; reasoning effort low to xhigh (not none), no temperature.",
		reasoningEfforts: ["low", "medium", "high", "xhigh"],
		operations: RESPONSES_ONLY,
		verbosity: false,
		modelPrefixes: ["gpt-5.1-codex-max", "gpt-5.2-codex", "gpt-5.3-codex", "gpt-5.4-codex", "gpt-5.5-codex"],
	},
	{
		...GPT5,
		id: "gpt-5.1",
		label: "GPT-5.1",
		summary: "Reasoning effort none to high (Azure's default is none: no reasoning); temperature only with effort none; v1 API only.",
		temperature: WITH_NONE,
		reasoningEfforts: ["none", "low", "medium", "high"],
		defaultEffort: "none",
		operations: RESPONSES_FIRST,
		modelPrefixes: ["gpt-5.1"],
	},
	{
		...GPT5,
		id: "gpt-5.2",
		label: "GPT-5.2 to 5.5",
		summary: "gpt-5.2 to gpt-5.5 (and their mini, nano): reasoning effort none to xhigh (Azure's default is none: no reasoning); temperature only with effort none; v1 API only.",
		temperature: WITH_NONE,
		reasoningEfforts: NONE_TO_XHIGH,
		defaultEffort: "none",
		operations: RESPONSES_FIRST,
		modelPrefixes: ["gpt-5.2", "gpt-5.3", "gpt-5.4", "gpt-5.5"],
	},
	{
		...GPT5,
		id: "gpt-5.2-pro",
		label: "GPT-5.2 pro",
		// The facts' third-party tables give gpt-5.2-pro none to xhigh; chosen: medium as the default (the facts give none; gpt-5-pro's only effort, high, is not its default here because none to xhigh are offered).
		summary: "gpt-5.2-pro and later pro models: Responses API only, v1 API only; reasoning effort none to xhigh, no temperature.",
		reasoningEfforts: NONE_TO_XHIGH,
		operations: RESPONSES_ONLY,
		modelPrefixes: ["gpt-5.2-pro", "gpt-5.3-pro", "gpt-5.4-pro", "gpt-5.5-pro"],
	},
	{
		...GPT5,
		id: "gpt-5.6",
		label: "GPT-5.6",
		summary: "gpt-5.6-sol, -terra, -luna: reasoning effort none to max (default medium); temperature only with effort none; 1.05M-token context; v1 API only.",
		temperature: WITH_NONE,
		reasoningEfforts: [...NONE_TO_XHIGH, "max"],
		contextWindow: 1_050_000,
		operations: RESPONSES_FIRST,
		modelPrefixes: ["gpt-5.6"],
	},
	{
		...GPT5,
		id: "gpt-6-astra",
		label: "GPT-6 Astra",
		// Hosts disagree (facts §1): Azure's own error body lists none to xhigh and refused max; temperature with none was accepted on Azure.
		summary: "Reasoning effort none to xhigh on Azure (no max); temperature only with effort none; 1.05M-token context; v1 API only.",
		temperature: WITH_NONE,
		reasoningEfforts: NONE_TO_XHIGH,
		contextWindow: 1_050_000,
		operations: RESPONSES_FIRST,
		modelPrefixes: ["gpt-6-astra"],
	},
	{
		id: "gpt-5-chat",
		label: "GPT-5 chat",
		// Facts: "treat them as chat models", no reasoning effort at all. Chosen: v1 only like every gpt-5 model, and no
		// temperature (the default is what they use; whether each takes another value is not known, so none is sent).
		summary: "gpt-5-chat, gpt-5.1-chat, gpt-5.2-chat, gpt-chat-latest: system message, no reasoning effort, no temperature; v1 API only.",
		reasoning: false,
		instructionsRole: "system",
		formattingPrefix: false,
		temperature: OMIT,
		reasoningEfforts: [],
		defaultEffort: null,
		streaming: true,
		maxOutputTokens: 16_384,
		contextWindow: 128_000,
		operations: CHAT_FIRST,
		minApiVersion: null,
		responsesMinApiVersion: null,
		apiStyles: ["v1"],
		summaries: "no",
		verbosity: false,
		modelPrefixes: ["gpt-5-chat", "gpt-5.1-chat", "gpt-5.2-chat", "gpt-chat-latest"],
		defaultMaxCompletionTokens: 4_000,
	},
	{
		id: "chat",
		label: "Chat model (not reasoning)",
		summary: "GPT-4o, GPT-4.1, gpt-5-chat and other chat models: system message, temperature 0 to 2, no reasoning effort.",
		reasoning: false,
		instructionsRole: "system",
		formattingPrefix: false,
		temperature: { kind: "user", min: 0, max: 2, default: 1 },
		reasoningEfforts: [],
		defaultEffort: null,
		streaming: true,
		maxOutputTokens: 16_384,
		contextWindow: 128_000,
		operations: CHAT_FIRST,
		minApiVersion: "2024-12-01-preview",
		responsesMinApiVersion: "2025-03-01-preview",
		apiStyles: ["dated", "v1"],
		summaries: "no",
		verbosity: false,
		modelPrefixes: ["gpt-4", "gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-35", "gpt-3.5"],
		defaultMaxCompletionTokens: 4_000,
	},
];
