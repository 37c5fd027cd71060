/**
 * "Preview request": exactly what a template on the current selection would send, without
 * sending it. The request is built by the same `prepare()` that every command uses, then handed
 * to the same client, whose `requestUrl` here only records what it was given: so the URL, the
 * headers and the body are the ones that would go out, with the
 * credentials redacted.
 */
import type { Editor, MarkdownFileInfo, MarkdownView } from "obsidian";
import { sendRequest } from "../../azure/client";
import { prepare } from "../../azure/runPrompt";
import type { RequestUrlFn } from "../../azure/transport";
import { explainFailure, redactSecrets } from "../../core/errors";
import { previewText, redactRequest, type RecordedRequest } from "../../core/preview";
import { renderTemplate } from "../../core/prompt";
import type { BuiltRequest } from "../../core/request";
import { checkContext, describeOverflow, formatCount } from "../../core/tokens";
import type { ReadyDeployment } from "../../core/validate";
import type { PluginContext } from "../context";
import { pickTemplate } from "../modals/pickers";
import { promptSections, showPreview } from "../modals/preview";
import { NO_TEMPLATE, tell, tellFailure, type CommandOutcome } from "./notify";
import { deploymentFor, readKey } from "./deployment";
import { captureEditor, NO_NOTE } from "./editorCapture";

/** What the client would send for `built`, recorded where it would leave: nothing goes out. */
export async function recordRequest(dep: ReadyDeployment, built: BuiltRequest, apiKey: string, timeoutMs: number): Promise<RecordedRequest | null> {
	let recorded: RecordedRequest | null = null;
	const recordOnly: RequestUrlFn = (param) => {
		recorded ??= { method: param.method ?? "GET", url: param.url, headers: { ...(param.headers ?? {}) }, body: typeof param.body === "string" ? param.body : "" };
		return Promise.resolve({ status: 200, headers: { "content-type": "application/json" }, text: '{"choices":[]}' });
	};
	// An Entra ID deployment's token is not fetched for a preview: a stand-in shows where it goes.
	await sendRequest(dep, built, { requestUrl: recordOnly, apiKey, ...(dep.entra ? { bearerToken: "entra-access-token" } : {}), timeoutMs, maxRetries: 0 });
	return recorded;
}

export async function previewRequest(ctx: PluginContext, editor: Editor, view: MarkdownView | MarkdownFileInfo): Promise<CommandOutcome> {
	const cap = captureEditor(editor, view);
	if (!cap) return tell(false, NO_NOTE);
	if (ctx.settings.templates.length === 0) return tell(false, NO_TEMPLATE);
	const template = await pickTemplate(ctx, ctx.settings.templates);
	if (!template) return { ok: false, message: "No prompt was chosen." };
	const config = deploymentFor(ctx, template.deploymentId);
	const apiKey = readKey(ctx, config);
	const prompt = renderTemplate(template.text, { selection: cap.selection, note: cap.doc, title: cap.title });
	const prepared = prepare({ config, apiKey, prompt });
	if (!prepared.ok) {
		const e = explainFailure(prepared.failure, config);
		const explanation = { ...e, title: `Nothing would be sent: ${redactSecrets(e.title, [apiKey])}`, detail: redactSecrets(e.detail, [apiKey]) };
		return tellFailure(ctx, prepared.failure, explanation, config).outcome;
	}
	const { built, deployment } = prepared;
	const recorded = await recordRequest(deployment, built, apiKey ?? "", ctx.settings.timeoutSeconds * 1000);
	if (!recorded) return tell(false, "The request could not be previewed.");
	const request = previewText(redactRequest(recorded, [apiKey]));
	const check = checkContext(built.promptParts, deployment.family.contextWindow, built.maxOutputTokens);
	const summary = [
		`"${template.name}" on ${cap.file.basename}, to ${deployment.displayName} (${deployment.family.label}).`,
		check.fits ? `The prompt is about ${formatCount(check.promptTokens)} tokens (an estimate); ${formatCount(check.available)} fit beside the answer's ${formatCount(check.reserved)}.` : `${describeOverflow(check, deployment.family.label)} Running it would ask before sending.`,
	];
	if (ctx.services.lifetime.aborted) return { ok: false, message: "The plugin was unloaded." };
	await showPreview(ctx, { summary, parts: promptSections(built.promptParts), request });
	return { ok: true, message: request };
}
