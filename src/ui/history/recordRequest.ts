/**
 * How the commands' requests become history entries. `send` (commands/send.ts) starts a draft
 * when a request goes out and records it when it ends without an answer (failed, cancelled); an
 * answer is recorded by the command once it has placed it (`recordAnswer`), with where it went.
 * A request refused before sending (a settings error, a prompt too large, no sign-in) is not
 * recorded: the history is of what was sent. A late answer (after the timeout) is a second
 * entry, "late", with its tokens and the note that keeps it.
 */
import type { HistoryDestination, HistoryEntry, HistoryOutcome } from "../../core/historyEntry";
import type { Usage } from "../../core/response";
import type { ReadyDeployment } from "../../core/validate";
import type { PluginContext } from "../context";
import type { CommandOutcome } from "../commands/notify";

/** What asked: the command's id and, for a template, which one. */
export interface RequestOrigin {
	command: string;
	template?: { id: string; name: string };
}

/** An entry being made: everything but how it ended. */
export type HistoryDraft = Omit<HistoryEntry, "durationMs" | "promptTokens" | "completionTokens" | "reasoningTokens" | "outcome" | "destination" | "model" | "error">;

const MAX_ERROR = 200;
export const NOWHERE: HistoryDestination = { kind: "none", path: "" };

/** The draft of a request about to be sent; the prompt only when the user asked for prompts to be kept. */
export function startDraft(ctx: PluginContext, origin: RequestOrigin, deployment: ReadyDeployment, prompt: string, source: string, sentAt: Date): HistoryDraft {
	return {
		time: sentAt.toISOString(),
		command: origin.command,
		...(origin.template ? { template: origin.template.name, templateId: origin.template.id } : {}),
		deploymentId: deployment.id,
		deployment: deployment.displayName || deployment.deployment,
		operation: deployment.operation,
		...(source ? { source } : {}),
		...(ctx.settings.keepPromptsInHistory ? { prompt } : {}),
	};
}

/** The finished entry. `error` is already free of secrets (the explanations are redacted); it is cut short. */
export function finish(draft: HistoryDraft, end: { outcome: HistoryOutcome; durationMs: number; model: string; usage: Usage | null; destination?: HistoryDestination; error?: string }): HistoryEntry {
	const u = end.usage;
	const error = end.error?.replace(/\s+/g, " ").trim();
	return {
		...draft,
		model: end.model,
		durationMs: Math.max(0, Math.round(end.durationMs)),
		promptTokens: u?.promptTokens ?? 0,
		completionTokens: u?.completionTokens ?? 0,
		reasoningTokens: u?.reasoningTokens ?? 0,
		outcome: end.outcome,
		...(error ? { error: error.length > MAX_ERROR ? `${error.slice(0, MAX_ERROR - 1)}…` : error } : {}),
		destination: end.destination ?? NOWHERE,
	};
}

/** Where a command's outcome says the answer went. */
export function destinationOf(outcome: CommandOutcome): HistoryDestination {
	const p = outcome.placement;
	if (p) return p.where === "new-note" ? { kind: "kept-note", path: p.path } : { kind: p.placed === "replace" ? "replace" : "below", path: p.path };
	if (outcome.note) return { kind: "new-note", path: outcome.note };
	return NOWHERE;
}

/** An answered request, as the command left it. */
export interface AnsweredRecord {
	history: HistoryDraft;
	elapsedMs: number;
	completion: { model: string; usage: Usage | null };
	deployment: ReadyDeployment;
	/** Lets the history close once the entry is recorded (send.ts holds it open until then). */
	release?: () => void;
}

/**
 * Records the answer once the command has placed it (or failed to: then it went nowhere), and
 * hands the outcome on. Use it as `return recordAnswer(ctx, reply, deliver(...))`.
 */
export async function recordAnswer(ctx: PluginContext, reply: AnsweredRecord, placing: Promise<CommandOutcome>): Promise<CommandOutcome> {
	const base = { outcome: "answered" as const, durationMs: reply.elapsedMs, model: reply.completion.model || reply.deployment.deployment, usage: reply.completion.usage };
	let outcome: CommandOutcome;
	try {
		outcome = await placing;
	} catch (e) {
		ctx.services.history.record(finish(reply.history, base));
		reply.release?.();
		throw e;
	}
	ctx.services.history.record(finish(reply.history, { ...base, destination: destinationOf(outcome) }));
	reply.release?.();
	return outcome;
}
