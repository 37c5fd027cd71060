/**
 * The part every command shares: what the editor held when the command ran, then one request
 * from start to end. Validate and build (nothing is sent on any error); estimate the prompt's
 * tokens and, when it would not fit the context window, ask (send the selection only, or
 * cancel: never cut silently); send while the request shows its progress; and read what came back.
 * The note is not touched here: placing the answer is the caller's job, once there is one.
 */
import { obsidianRequestUrl } from "../obsidianRequest";
import type { Editor, MarkdownFileInfo, MarkdownView, TFile } from "obsidian";
import { prepare, runPrompt } from "../../azure/runPrompt";
import type { EntraSession } from "../../azure/entraClient";
import { explainFailure, redactSecrets } from "../../core/errors";
import { describeUsage, type Completion } from "../../core/response";
import { activeDeployment, type DeploymentConfig } from "../../core/settings";
import { checkContext, describeOverflow } from "../../core/tokens";
import type { ReadyDeployment } from "../../core/validate";
import type { PluginContext } from "../context";
import { askChoice } from "../modals/choice";
import { entraSessionFor } from "../entra";
import { deploymentLabel } from "../modals/pickers";
import { linkTo } from "../insertion";
import { withReasoning } from "../../core/summaryNote";
import { createNewNote } from "../newNoteFile";
import { copyAnswerAction, openInNewTab, showNotice, tell, tellFailure, type CommandOutcome } from "./notify";


/** What the editor held when the command ran. */
export interface Captured {
	file: TFile;
	editor: Editor;
	doc: string;
	from: number;
	to: number;
	selection: string;
	title: string;
}

export function captureEditor(editor: Editor, view: MarkdownView | MarkdownFileInfo): Captured | null {
	const file = view.file;
	if (!file) return null;
	const doc = editor.getValue();
	const from = editor.posToOffset(editor.getCursor("from"));
	const to = editor.posToOffset(editor.getCursor("to"));
	return { file, editor, doc, from, to, selection: doc.slice(from, to), title: file.basename };
}

export function readKey(ctx: PluginContext, dep: DeploymentConfig | undefined): string | null {
	if (!dep || dep.auth === "entra" || dep.secretName.trim() === "") return null;
	try {
		return ctx.app.secretStorage.getSecret(dep.secretName.trim());
	} catch {
		return null;
	}
}

function withEntra(ctx: PluginContext, dep: DeploymentConfig | undefined): { entra?: EntraSession } {
	const entra = entraSessionFor(ctx, dep);
	return entra ? { entra } : {};
}

/** The template's own deployment when it names one that exists, else the default one. */
export function deploymentFor(ctx: PluginContext, deploymentId: string | null): DeploymentConfig | undefined {
	const s = ctx.settings;
	return (deploymentId ? s.deployments.find((d) => d.id === deploymentId) : undefined) ?? activeDeployment(s);
}

export interface PromptRequest {
	/** What is asked, for the progress and the cancel picker: "Improve the writing", "Summary". */
	what: string;
	config: DeploymentConfig | undefined;
	prompt: string;
	/** The same request on the selection only: offered when `prompt` reads the whole note and does not fit. */
	selectionOnly: string | null;
	notePath: string;
}

export type Sent =
	| { ok: true; completion: Completion; deployment: ReadyDeployment; elapsedMs: number; usedSelectionOnly: boolean }
	| { ok: false; outcome: CommandOutcome };

/** "1.2 s, 28 prompt + 512 completion tokens (of which 448 reasoning)". */
export function describeRun(sent: Extract<Sent, { ok: true }>): string {
	return `${(sent.elapsedMs / 1000).toFixed(1)} s, ${describeUsage(sent.completion.usage)}`;
}

const quiet = (message: string): Sent => ({ ok: false, outcome: { ok: false, message } });

/** The prompt to send, after the context check; or how the command ended without sending. */
async function settlePrompt(ctx: PluginContext, req: PromptRequest, apiKey: string | null): Promise<{ prompt: string; usedSelectionOnly: boolean } | Sent> {
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
		if (check.fits) return { prompt, usedSelectionOnly };
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
		if (ctx.services.lifetime.aborted) return quiet("The plugin was unloaded.");
		if (choice !== "selection") return { ok: false, outcome: tell(false, "Cancelled: nothing was sent, and the note is unchanged.", 6_000) };
		prompt = req.selectionOnly;
		usedSelectionOnly = true;
	}
}

/**
 * An answer that came after the timeout had ended the command: it was paid for, so it is kept
 * in a new note (the place it was asked for may have moved on), and the user is told where.
 */
async function keepLateAnswer(ctx: PluginContext, req: PromptRequest, completion: Completion): Promise<void> {
	if (ctx.services.lifetime.aborted) return;
	const source = (req.notePath ?? "Note").split("/").pop()?.replace(/\.md$/, "") ?? "Note";
	const link = (path: string) => (req.notePath ? ` for ${linkTo(ctx.app, req.notePath, path)}` : "");
	try {
		const note = await createNewNote(ctx.app, ctx.settings.outputFolder, `${source} (late answer)`, (path) => `Answer (${req.what})${link(path)}, which arrived after the request timeout.\n\n${withReasoning(completion.text, completion.reasoningSummary)}\n`);
		showNotice(`The answer to "${req.what}" arrived after the timeout; it is in ${note.path}. Raise the request timeout to have answers land in place.`, 0, [{ label: "Open", run: () => openInNewTab(ctx, note.path) }]);
	} catch (e) {
		showNotice(`The answer to "${req.what}" arrived after the timeout but could not be saved (${e instanceof Error ? e.message : String(e)}).`, 0, [copyAnswerAction(ctx, req.what, completion.text)]);
	}
}

/** Sends one request while its progress shows, and reads what came back. Never touches a note. */
export async function send(ctx: PluginContext, req: PromptRequest): Promise<Sent> {
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
			timeoutMs: ctx.settings.timeoutSeconds * 1000,
			maxRetries: ctx.settings.maxRetries,
			requestUrl: obsidianRequestUrl,
			signal: job.signal,
			onRetry: ({ waitMs, status }) => {
				job.status = `retrying in ${Math.ceil(waitMs / 1000)} s${status ? ` after HTTP ${status}` : ""}`;
			},
			onLateAnswer: (completion) => void keepLateAnswer(ctx, req, completion),
		});
		if (ctx.services.lifetime.aborted) return quiet("The plugin was unloaded; the answer was discarded.");
		if (!result.ok) {
			if (result.failure.kind === "cancelled") return { ok: false, outcome: tell(false, `Cancelled (${req.what}): the note is as you left it.`, 6_000) };
			return { ok: false, outcome: tellFailure(ctx, result.failure, result.explanation, req.config).outcome };
		}
		return { ok: true, completion: result.completion, deployment: result.deployment, elapsedMs: result.elapsedMs, usedSelectionOnly: settled.usedSelectionOnly };
	} finally {
		job.finish();
	}
}
