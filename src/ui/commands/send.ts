/**
 * The part every command that asks shares: one request from start to end. Validate and build
 * (nothing is sent on any error); estimate the prompt's tokens and, when it would not fit the
 * context window, ask (send the selection only, allow a shorter answer for this request, or
 * cancel: never cut silently); send while the
 * request shows its progress; and read what came back; an answer that comes after the timeout
 * is kept (commands/lateAnswer.ts).
 * The note is not touched here: placing the answer is the caller's job, once there is one.
 * Every request sent is recorded in the history (ui/history/recordRequest.ts): here when it ends
 * without an answer, by the caller's `recordAnswer` once the answer is placed. Whatever calls
 * `send` must not record the same request again.
 */
import { prepare, runPrompt, type Prepared } from "../../azure/runPrompt";
import type { AnswerInfo } from "../../core/answerFormat";
import { explainFailure, redactSecrets } from "../../core/errors";
import { describeUsage, type Completion } from "../../core/response";
import type { DeploymentConfig } from "../../core/settings";
import { budgetThatFits, checkContext, describeOverflow, formatCount } from "../../core/tokens";
import { MIN_OUTPUT_TOKENS_RESPONSES, SMALL_BUDGET, type ReadyDeployment } from "../../core/validate";
import type { PluginContext } from "../context";
import { askChoice, type ChoiceButton, type ChoiceOptions } from "../modals/choice";
import { deploymentLabel } from "../modals/pickers";
import { obsidianRequestUrl } from "../obsidianRequest";
import { readKey, withEntra } from "./deployment";
import { keepLateAnswer } from "./lateAnswer";
import { tell, tellFailure, type CommandOutcome } from "./notify";
import { finish, startDraft, type HistoryDraft, type RequestOrigin } from "../history/recordRequest";

export interface PromptRequest {
	/** What is asked, for the progress and the cancel picker: "Improve the writing", "Summary". */
	what: string;
	config: DeploymentConfig | undefined;
	prompt: string;
	/** The same request on the selection only: offered when `prompt` reads the whole note and does not fit. */
	selectionOnly: string | null;
	notePath: string;
	/** The command (and template) that asks, for the request history. */
	origin: RequestOrigin;
}

/** The answer, from the deployment that gave it. */
export interface Answered {
	ok: true;
	completion: Completion;
	deployment: ReadyDeployment;
	elapsedMs: number;
	usedSelectionOnly: boolean;
	/** The history entry to record once the answer is placed (`recordAnswer`). */
	history: HistoryDraft;
	/** Lets the history close on unload: recordAnswer calls it once the entry is recorded. */
	release: () => void;
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

/** What the too-large question may offer: the selection only, and a smaller answer budget that makes the prompt fit. */
export interface TooLargeOffer {
	selectionOnly: boolean;
	/** The answer budget that fits, for this request only; null when none does. */
	budget: number | null;
	/** The reasoning caveat applies: a small budget may be spent on reasoning alone. */
	reasoning: boolean;
}

export type TooLargeAnswer = "selection" | "budget" | "cancel";

/** The too-large question's words and buttons (shown by `send`, and drawn as is in `npm run test:ui`). */
export function tooLargeQuestion(overflow: string, offer: TooLargeOffer, reserved: number): ChoiceOptions<TooLargeAnswer> {
	const buttons: ChoiceButton<TooLargeAnswer>[] = [];
	const paragraphs = [overflow, "Nothing is cut without asking."];
	if (offer.selectionOnly) {
		buttons.push({ label: "Send the selection only", value: "selection", cta: true });
		paragraphs.push("Send the selection only: the selected text is sent instead of the whole note.");
	}
	if (offer.budget !== null) {
		const label = `Answer in at most ${formatCount(offer.budget)} tokens`;
		buttons.push({ label, value: "budget", cta: !offer.selectionOnly });
		const caveat = offer.reasoning && offer.budget < SMALL_BUDGET ? " Reasoning counts against it: a hard question may leave no room for the answer." : "";
		paragraphs.push(`${label}: the whole prompt is sent, with a smaller answer budget for this request only (the deployment keeps ${formatCount(reserved)}).${caveat}`);
	}
	buttons.push({ label: "Cancel", value: "cancel" });
	return { title: "The prompt is too large for this model", paragraphs, buttons, cls: "azure-reasoning-too-large" };
}

/** The prompt to send, validated and built once, after the context check; or how the command ended without sending. */
async function settlePrompt(ctx: PluginContext, req: PromptRequest, apiKey: string | null): Promise<{ prompt: string; config: DeploymentConfig | undefined; prepared: Prepared; usedSelectionOnly: boolean } | Reply> {
	let prompt = req.prompt;
	let config = req.config;
	let usedSelectionOnly = false;
	for (;;) {
		const prepared = prepare({ config, apiKey, prompt });
		if (!prepared.ok) {
			const e = explainFailure(prepared.failure, config);
			const explanation = { ...e, title: redactSecrets(e.title, [apiKey]), detail: redactSecrets(e.detail, [apiKey]) };
			return { ok: false, outcome: tellFailure(ctx, prepared.failure, explanation, req.config).outcome };
		}
		const { built, deployment } = prepared;
		const check = checkContext(built.promptParts, deployment.family.contextWindow, built.maxOutputTokens);
		if (check.fits) return { prompt, config, prepared, usedSelectionOnly };
		const overflow = describeOverflow(check, deployment.family.label);
		const offer: TooLargeOffer = {
			selectionOnly: !usedSelectionOnly && req.selectionOnly !== null,
			budget: budgetThatFits(check, built.operation === "responses" ? MIN_OUTPUT_TOKENS_RESPONSES : 1),
			reasoning: deployment.family.reasoning,
		};
		if (!offer.selectionOnly && offer.budget === null) {
			const hint = usedSelectionOnly ? "Even the selection alone is too large: select less text." : "Select less text, or lower max completion tokens in the deployment's settings.";
			return { ok: false, outcome: tell(false, `Nothing was sent. ${overflow} ${hint}`) };
		}
		const choice = await askChoice(ctx, tooLargeQuestion(overflow, offer, check.reserved));
		if (ctx.services.lifetime.aborted) return untold("The plugin was unloaded.");
		if (choice === "selection" && req.selectionOnly !== null) {
			prompt = req.selectionOnly;
			usedSelectionOnly = true;
		} else if (choice === "budget" && offer.budget !== null && config) {
			// This request only: the deployment's own budget stays as the user set it.
			config = { ...config, maxCompletionTokens: offer.budget };
		} else {
			return { ok: false, outcome: tell(false, "Cancelled: nothing was sent, and the note is unchanged.", 6_000) };
		}
	}
}

/** Sends one request while its progress shows, and reads what came back. Never touches a note. */
export async function send(ctx: PluginContext, req: PromptRequest): Promise<Reply> {
	const apiKey = readKey(ctx, req.config);
	const settled = await settlePrompt(ctx, req, apiKey);
	if ("ok" in settled) return settled;
	const label = req.config ? deploymentLabel(req.config) : "Azure";
	const job = ctx.services.requests.start({ deployment: label, what: req.what, notePath: req.notePath });
	const history = startDraft(ctx, req.origin, settled.prepared.deployment, settled.prompt, req.notePath, new Date());
	// Held until the entry is recorded: here, or by the caller's recordAnswer (after placing the answer).
	const release = ctx.services.history.hold();
	let answered = false;
	const record = (end: Parameters<typeof finish>[1]) => {
		ctx.services.history.record(finish(history, end));
		release();
	};
	try {
		const result = await runPrompt({
			config: settled.config,
			apiKey,
			...withEntra(ctx, req.config),
			prompt: settled.prompt,
			prepared: settled.prepared,
			ownBudget: Number(req.config?.maxCompletionTokens),
			timeoutMs: ctx.settings.timeoutSeconds * 1000,
			maxRetries: ctx.settings.maxRetries,
			requestUrl: obsidianRequestUrl,
			signal: job.signal,
			onRetry: ({ waitMs, status }) => {
				job.status = `retrying in ${Math.ceil(waitMs / 1000)} s${status ? ` after HTTP ${status}` : ""}`;
			},
			onLateAnswer: (completion) =>
				void keepLateAnswer(ctx, req, completion).then((kept) =>
					record({ outcome: "late", durationMs: Date.now() - Date.parse(history.time), model: completion.model, usage: completion.usage, ...(kept ? { destination: { kind: "kept-note", path: kept } } : {}) }),
				),
		});
		if (!result.ok && result.sent) {
			const f = result.failure;
			const spent = f.kind === "no-answer" && f.outcome.kind !== "malformed" ? f.outcome.completion : null;
			const cancelled = f.kind === "cancelled";
			record({ outcome: cancelled ? "cancelled" : "failed", durationMs: result.elapsedMs, model: spent?.model ?? "", usage: spent?.usage ?? null, ...(cancelled ? {} : { error: result.explanation.title }) });
		}
		if (ctx.services.lifetime.aborted) {
			// Sent and billed, though the unload's abort came first: recorded as cancelled, with its tokens (as the batch does).
			if (result.ok) record({ outcome: "cancelled", durationMs: result.elapsedMs, model: result.completion.model, usage: result.completion.usage });
			return untold("The plugin was unloaded; the answer was discarded.");
		}
		if (!result.ok) {
			if (result.failure.kind === "cancelled") return { ok: false, outcome: tell(false, `Cancelled (${req.what}): the note is as you left it.`, 6_000) };
			return { ok: false, outcome: tellFailure(ctx, result.failure, result.explanation, req.config).outcome };
		}
		answered = true;
		return { ok: true, completion: result.completion, deployment: result.deployment, elapsedMs: result.elapsedMs, usedSelectionOnly: settled.usedSelectionOnly, history, release };
	} finally {
		job.finish();
		if (!answered) release();
	}
}
