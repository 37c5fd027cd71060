/**
 * The part every command that asks shares: one request from start to end. Validate and build
 * (nothing is sent on any error); estimate the prompt's tokens and, when it would not fit the
 * context window, ask (send the selection only, or cancel: never cut silently); send while the
 * request shows its progress; and read what came back; an answer that comes after the timeout
 * is kept (commands/lateAnswer.ts).
 * The note is not touched here: placing the answer is the caller's job, once there is one.
 */
import { prepare, runPrompt, type Prepared } from "../../azure/runPrompt";
import type { AnswerInfo } from "../../core/answerFormat";
import { explainFailure, redactSecrets } from "../../core/errors";
import { describeUsage, type Completion } from "../../core/response";
import type { DeploymentConfig } from "../../core/settings";
import { checkContext, describeOverflow } from "../../core/tokens";
import type { ReadyDeployment } from "../../core/validate";
import type { PluginContext } from "../context";
import { askChoice } from "../modals/choice";
import { deploymentLabel } from "../modals/pickers";
import { obsidianRequestUrl } from "../obsidianRequest";
import { readKey, withEntra } from "./deployment";
import { keepLateAnswer } from "./lateAnswer";
import { tell, tellFailure, type CommandOutcome } from "./notify";

export interface PromptRequest {
	/** What is asked, for the progress and the cancel picker: "Improve the writing", "Summary". */
	what: string;
	config: DeploymentConfig | undefined;
	prompt: string;
	/** The same request on the selection only: offered when `prompt` reads the whole note and does not fit. */
	selectionOnly: string | null;
	notePath: string;
}

/** The answer, from the deployment that gave it. */
export interface Answered {
	ok: true;
	completion: Completion;
	deployment: ReadyDeployment;
	elapsedMs: number;
	usedSelectionOnly: boolean;
}

/** What `send` ends with: the answer, or how the command ended without one (the user was told). */
export type Reply = Answered | { ok: false; outcome: CommandOutcome };

/** "1.2 s, 28 prompt + 512 completion tokens (of which 448 reasoning)". */
export function describeRun(reply: Answered): string {
	return `${(reply.elapsedMs / 1000).toFixed(1)} s, ${describeUsage(reply.completion.usage)}`;
}

/** What a callout's title names (core/answerFormat.ts): the model that answered, the time, the tokens. */
export function answerInfo(reply: Answered): AnswerInfo {
	return { model: reply.completion.model || reply.deployment.deployment, elapsedMs: reply.elapsedMs, usage: reply.completion.usage };
}

/** A command that ends without a notice (the user closed a modal, or the plugin was unloaded). */
const untold = (message: string): Reply => ({ ok: false, outcome: { ok: false, message } });

/** The prompt to send, validated and built once, after the context check; or how the command ended without sending. */
async function settlePrompt(ctx: PluginContext, req: PromptRequest, apiKey: string | null): Promise<{ prompt: string; prepared: Prepared; usedSelectionOnly: boolean } | Reply> {
	let prompt = req.prompt;
	let usedSelectionOnly = false;
	for (;;) {
		const prepared = prepare({ config: req.config, apiKey, prompt });
		if (!prepared.ok) {
			const e = explainFailure(prepared.failure, req.config);
			const explanation = { ...e, title: redactSecrets(e.title, [apiKey]), detail: redactSecrets(e.detail, [apiKey]) };
			return { ok: false, outcome: tellFailure(ctx, prepared.failure, explanation, req.config).outcome };
		}
		const { built, deployment } = prepared;
		const check = checkContext(built.promptParts, deployment.family.contextWindow, built.maxOutputTokens);
		if (check.fits) return { prompt, prepared, usedSelectionOnly };
		const overflow = describeOverflow(check, deployment.family.label);
		if (usedSelectionOnly || req.selectionOnly === null) {
			const hint = usedSelectionOnly ? "Even the selection alone is too large: select less text." : "Select less text, or lower max completion tokens in the deployment's settings.";
			return { ok: false, outcome: tell(false, `Nothing was sent. ${overflow} ${hint}`) };
		}
		const choice = await askChoice(ctx, {
			title: "The prompt is too large for this model",
			paragraphs: [overflow, "Nothing is cut without asking. Send the selected text only, instead of the whole note?"],
			buttons: [
				{ label: "Send the selection only", value: "selection" as const, cta: true },
				{ label: "Cancel", value: "cancel" as const },
			],
			cls: "azure-reasoning-too-large",
		});
		if (ctx.services.lifetime.aborted) return untold("The plugin was unloaded.");
		if (choice !== "selection") return { ok: false, outcome: tell(false, "Cancelled: nothing was sent, and the note is unchanged.", 6_000) };
		prompt = req.selectionOnly;
		usedSelectionOnly = true;
	}
}

/** Sends one request while its progress shows, and reads what came back. Never touches a note. */
export async function send(ctx: PluginContext, req: PromptRequest): Promise<Reply> {
	const apiKey = readKey(ctx, req.config);
	const settled = await settlePrompt(ctx, req, apiKey);
	if ("ok" in settled) return settled;
	const label = req.config ? deploymentLabel(req.config) : "Azure";
	const job = ctx.services.requests.start({ deployment: label, what: req.what, notePath: req.notePath });
	try {
		const result = await runPrompt({
			config: req.config,
			apiKey,
			...withEntra(ctx, req.config),
			prompt: settled.prompt,
			prepared: settled.prepared,
			timeoutMs: ctx.settings.timeoutSeconds * 1000,
			maxRetries: ctx.settings.maxRetries,
			requestUrl: obsidianRequestUrl,
			signal: job.signal,
			onRetry: ({ waitMs, status }) => {
				job.status = `retrying in ${Math.ceil(waitMs / 1000)} s${status ? ` after HTTP ${status}` : ""}`;
			},
			onLateAnswer: (completion) => void keepLateAnswer(ctx, req, completion),
		});
		if (ctx.services.lifetime.aborted) return untold("The plugin was unloaded; the answer was discarded.");
		if (!result.ok) {
			if (result.failure.kind === "cancelled") return { ok: false, outcome: tell(false, `Cancelled (${req.what}): the note is as you left it.`, 6_000) };
			return { ok: false, outcome: tellFailure(ctx, result.failure, result.explanation, req.config).outcome };
		}
		return { ok: true, completion: result.completion, deployment: result.deployment, elapsedMs: result.elapsedMs, usedSelectionOnly: settled.usedSelectionOnly };
	} finally {
		job.finish();
	}
}
