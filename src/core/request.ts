/**
 * The request builder: (a validated deployment, a rendered prompt) → exactly what is sent, on
 * either of Azure's operations. Every rule comes from the model-family table; see
 * ../shared/reference/azure-reasoning-api.md and azure-responses-api.md.
 *
 * - Never a system message for families without one (o1-preview, o1-mini): the instructions
 *   are folded into the user's message, clearly marked, never dropped.
 * - The developer role (chat completions) or `instructions` (Responses API) where the family has
 *   one, beginning with `Formatting re-enabled` when Markdown is wanted; the system role for
 *   plain chat models. Never both, and never a developer message in `input` beside `instructions`.
 * - Chat completions: `max_completion_tokens`, never `max_tokens`; `reasoning_effort` only where
 *   the family takes it. Responses API: `max_output_tokens`, `reasoning.effort` always explicit
 *   where the family takes one (defaults differ by generation), `reasoning.summary` when asked,
 *   `text.verbosity` when chosen, `store: false` (notes are private). Neither spelling on the
 *   other operation. No `stream`; temperature by the family's rule; nothing Azure refused for
 *   this deployment (`omit`).
 */
import type { Operation } from "./families";
import type { ReadyDeployment } from "./validate";
import { effectiveEffort } from "./validateOptions";

export type ChatRole = "system" | "developer" | "user";

export interface ChatMessage {
	role: ChatRole;
	content: string;
}

/** The JSON body sent to chat/completions. Only these keys ever appear. */
export interface ChatRequestBody {
	model: string;
	messages: ChatMessage[];
	max_completion_tokens: number;
	temperature?: number;
	reasoning_effort?: string;
}

/** The JSON body sent to /responses. Only these keys ever appear. */
export interface ResponsesRequestBody {
	model: string;
	input: string;
	instructions?: string;
	max_output_tokens: number;
	reasoning?: { effort?: string; summary?: string };
	text?: { verbosity: string };
	temperature?: number;
	store: false;
}

export type BuiltRequest = {
	/** The full URL the request goes to (without credentials). */
	url: string;
	/** The budget for reasoning and answer together. */
	maxOutputTokens: number;
	/** Every text the model reads (instructions and prompt), for the size estimate. */
	promptParts: readonly { content: string }[];
} & ({ operation: "chat-completions"; body: ChatRequestBody } | { operation: "responses"; body: ResponsesRequestBody });

export const FORMATTING_PREFIX = "Formatting re-enabled";

/** The text that a family without an instructions role receives: instructions, then the prompt. */
export function foldInstructions(instructions: string, prompt: string): string {
	return `Instructions (follow them in your answer):\n${instructions.trim()}\n\n---\n\n${prompt}`;
}

export function requestUrl(dep: Pick<ReadyDeployment, "apiStyle" | "endpoint" | "deployment" | "apiVersion">, operation: Operation = "chat-completions"): string {
	const version = encodeURIComponent(dep.apiVersion ?? "");
	if (operation === "responses") return dep.apiStyle === "v1" ? `${dep.endpoint}/openai/v1/responses` : `${dep.endpoint}/openai/responses?api-version=${version}`;
	if (dep.apiStyle === "v1") return `${dep.endpoint}/openai/v1/chat/completions`;
	return `${dep.endpoint}/openai/deployments/${encodeURIComponent(dep.deployment)}/chat/completions?api-version=${version}`;
}

/** The instructions as the family takes them (with the Markdown prefix where it needs one); "" for none. */
function instructionText(dep: ReadyDeployment): string {
	const instructions = dep.instructions.trim();
	if (dep.family.instructionsRole !== "developer") return dep.family.instructionsRole === "system" ? instructions : "";
	const prefix = dep.markdown && dep.family.formattingPrefix ? FORMATTING_PREFIX : "";
	return [prefix, instructions].filter((s) => s !== "").join("\n\n");
}

/** The user's text: the prompt, with the instructions folded in for families that take no instructions role. */
function userText(dep: ReadyDeployment, prompt: string): string {
	const instructions = dep.instructions.trim();
	return dep.family.instructionsRole === "none" && instructions !== "" ? foldInstructions(instructions, prompt) : prompt;
}

/** The temperature to send, if any: the family's rule, the effort in force, and what Azure refused. */
function temperatureFor(dep: ReadyDeployment, effort: string | null): number | undefined {
	if (dep.omit.includes("temperature")) return undefined;
	const rule = dep.family.temperature;
	if (rule.kind === "send-one") return 1;
	// The default (1) is what the model uses when none is sent; not sending it keeps the -chat models
	// that refuse the parameter (gpt-5.1-chat) working by construction.
	if (rule.kind === "omit" || dep.temperature === null || dep.temperature === rule.default) return undefined;
	if (rule.kind === "user" || (rule.kind === "with-effort-none" && effort === "none")) return dep.temperature;
	return undefined;
}

function buildChat(dep: ReadyDeployment, prompt: string): BuiltRequest {
	const family = dep.family;
	const instructions = instructionText(dep);
	const messages: ChatMessage[] = instructions === "" ? [] : [{ role: family.instructionsRole === "system" ? "system" : "developer", content: instructions }];
	messages.push({ role: "user", content: userText(dep, prompt) });
	const body: ChatRequestBody = { model: dep.deployment, messages, max_completion_tokens: dep.maxCompletionTokens };
	const sendsEffort = dep.reasoningEffort !== null && family.reasoningEfforts.includes(dep.reasoningEffort) && !dep.omit.includes("reasoningEffort");
	const temperature = temperatureFor(dep, sendsEffort ? dep.reasoningEffort : effectiveEffort(null, family));
	if (temperature !== undefined) body.temperature = temperature;
	if (sendsEffort && dep.reasoningEffort !== null) body.reasoning_effort = dep.reasoningEffort;
	return { operation: "chat-completions", url: requestUrl(dep), maxOutputTokens: dep.maxCompletionTokens, promptParts: messages, body };
}

function buildResponses(dep: ReadyDeployment, prompt: string): BuiltRequest {
	const family = dep.family;
	const instructions = instructionText(dep);
	const input = userText(dep, prompt);
	const body: ResponsesRequestBody = { model: dep.deployment, input, max_output_tokens: dep.maxCompletionTokens, store: false };
	if (instructions !== "") body.instructions = instructions;
	const effort = family.reasoningEfforts.length > 0 && !dep.omit.includes("reasoningEffort") ? effectiveEffort(dep.reasoningEffort, family) : null;
	const reasoning: { effort?: string; summary?: string } = {};
	if (effort !== null) reasoning.effort = effort;
	if (dep.reasoningSummary !== null && family.summaries !== "no" && !dep.omit.includes("reasoningSummary")) reasoning.summary = dep.reasoningSummary;
	if (Object.keys(reasoning).length > 0) body.reasoning = reasoning;
	if (dep.verbosity !== null && family.verbosity && !dep.omit.includes("verbosity")) body.text = { verbosity: dep.verbosity };
	const temperature = temperatureFor(dep, effort ?? family.defaultEffort);
	if (temperature !== undefined) body.temperature = temperature;
	const promptParts = instructions === "" ? [{ content: input }] : [{ content: instructions }, { content: input }];
	return { operation: "responses", url: requestUrl(dep, "responses"), maxOutputTokens: dep.maxCompletionTokens, promptParts, body };
}

export function buildRequest(dep: ReadyDeployment, prompt: string): BuiltRequest {
	return dep.operation === "responses" ? buildResponses(dep, prompt) : buildChat(dep, prompt);
}
