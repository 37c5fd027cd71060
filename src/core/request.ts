/**
 * The request builder: (a validated deployment, a rendered prompt) → exactly what is sent.
 * Every rule comes from the model-family table; see ../shared/reference/azure-reasoning-api.md.
 *
 * - Never a system message for families without one (o1-preview, o1-mini): the instructions
 *   are folded into the user's message, clearly marked, never dropped.
 * - The developer role where the family has one, beginning with `Formatting re-enabled` when
 *   Markdown is wanted; the system role for plain chat models. Never both.
 * - `max_completion_tokens`, never `max_tokens`; no `stream`; temperature by the family's rule;
 *   `reasoning_effort` only where the family takes it; nothing from the not-supported list.
 */
import type { ReadyDeployment } from "./validate";

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

export interface BuiltRequest {
	/** The full URL the request goes to (without credentials). */
	url: string;
	body: ChatRequestBody;
}

export const FORMATTING_PREFIX = "Formatting re-enabled";

/** The text that a family without an instructions role receives: instructions, then the prompt. */
export function foldInstructions(instructions: string, prompt: string): string {
	return `Instructions (follow them in your answer):\n${instructions.trim()}\n\n---\n\n${prompt}`;
}

export function requestUrl(dep: ReadyDeployment): string {
	if (dep.apiStyle === "v1") return `${dep.endpoint}/openai/v1/chat/completions`;
	const version = encodeURIComponent(dep.apiVersion ?? "");
	return `${dep.endpoint}/openai/deployments/${encodeURIComponent(dep.deployment)}/chat/completions?api-version=${version}`;
}

function instructionMessages(dep: ReadyDeployment): ChatMessage[] {
	const instructions = dep.instructions.trim();
	switch (dep.family.instructionsRole) {
		case "developer": {
			const prefix = dep.markdown && dep.family.formattingPrefix ? FORMATTING_PREFIX : "";
			const content = [prefix, instructions].filter((s) => s !== "").join("\n\n");
			return content === "" ? [] : [{ role: "developer", content }];
		}
		case "system":
			return instructions === "" ? [] : [{ role: "system", content: instructions }];
		case "none":
			return [];
	}
}

export function buildRequest(dep: ReadyDeployment, prompt: string): BuiltRequest {
	const family = dep.family;
	const instructions = dep.instructions.trim();
	const userContent = family.instructionsRole === "none" && instructions !== "" ? foldInstructions(instructions, prompt) : prompt;
	const body: ChatRequestBody = {
		model: dep.deployment,
		messages: [...instructionMessages(dep), { role: "user", content: userContent }],
		max_completion_tokens: dep.maxCompletionTokens,
	};
	if (family.temperature.kind === "send-one") body.temperature = 1;
	if (family.temperature.kind === "user" && dep.temperature !== null) body.temperature = dep.temperature;
	if (dep.reasoningEffort !== null && family.reasoningEfforts.includes(dep.reasoningEffort)) body.reasoning_effort = dep.reasoningEffort;
	return { url: requestUrl(dep), body };
}
