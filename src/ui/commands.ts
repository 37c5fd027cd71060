/**
 * Editor commands. Each captures what it needs from the editor at once (the selection, the
 * note, its title, and an anchor for the place), then lets the user keep working while the
 * model thinks; the answer is placed when it arrives, or the reason it is not is shown.
 */
import { Notice, requestUrl, type Editor, type MarkdownFileInfo, type MarkdownView } from "obsidian";
import { makeAnchor } from "../core/anchor";
import { renderTemplate, type PromptTemplate } from "../core/prompt";
import { describeUsage } from "../core/response";
import { activeDeployment, type DeploymentConfig } from "../core/settings";
import { runPrompt } from "../azure/runPrompt";
import type { RequestUrlFn } from "../azure/transport";
import { placeAnswer } from "./insertion";
import type AzureReasoningPlugin from "../main";

const NOTICE_MS = 12_000;
const ERROR_NOTICE_MS = 20_000;

const obsidianRequestUrl: RequestUrlFn = (param) => requestUrl(param);

function deploymentFor(plugin: AzureReasoningPlugin, template: PromptTemplate): DeploymentConfig | undefined {
	const s = plugin.settings;
	return (template.deploymentId ? s.deployments.find((d) => d.id === template.deploymentId) : undefined) ?? activeDeployment(s);
}

function readKey(plugin: AzureReasoningPlugin, dep: DeploymentConfig | undefined): string | null {
	if (!dep || dep.secretName.trim() === "") return null;
	try {
		return plugin.app.secretStorage.getSecret(dep.secretName.trim());
	} catch {
		return null;
	}
}

/** The template `run-prompt-on-selection` uses until a picker chooses one: the first that replaces the selection. */
export function defaultTemplate(plugin: AzureReasoningPlugin): PromptTemplate | undefined {
	const t = plugin.settings.templates;
	return t.find((x) => x.output === "replace") ?? t[0];
}

/** How a command ended: what the user was told, and whether an answer was placed. */
export interface CommandOutcome {
	ok: boolean;
	message: string;
}

function tell(ok: boolean, message: string, ms = ok ? NOTICE_MS : ERROR_NOTICE_MS): CommandOutcome {
	new Notice(message, ms);
	return { ok, message };
}

export async function runTemplateOnSelection(plugin: AzureReasoningPlugin, editor: Editor, ctx: MarkdownView | MarkdownFileInfo, template: PromptTemplate): Promise<CommandOutcome> {
	const file = ctx.file;
	if (!file) return tell(false, "This command works on a note: open one first.");
	const doc = editor.getValue();
	const from = editor.posToOffset(editor.getCursor("from"));
	const to = editor.posToOffset(editor.getCursor("to"));
	const selection = doc.slice(from, to);
	if (selection.trim() === "") return tell(false, "Select the text to run the prompt on first.");
	const anchor = makeAnchor(doc, from, to);
	const config = deploymentFor(plugin, template);
	const prompt = renderTemplate(template.text, { selection, note: doc, title: file.basename });
	const job = plugin.requests.start(config?.displayName || config?.deployment || "Azure");
	try {
		const result = await runPrompt({
			config,
			apiKey: readKey(plugin, config),
			prompt,
			timeoutMs: plugin.settings.timeoutSeconds * 1000,
			maxRetries: plugin.settings.maxRetries,
			requestUrl: obsidianRequestUrl,
			signal: job.signal,
			onRetry: ({ waitMs, status }) => {
				job.status = `retrying in ${Math.ceil(waitMs / 1000)} s${status ? ` after HTTP ${status}` : ""}`;
			},
		});
		if (plugin.unloading) return { ok: false, message: "The plugin was unloaded; the answer was discarded." };
		if (!result.ok) return tell(false, `${result.explanation.title} ${result.explanation.detail}`);
		const c = result.completion;
		const placement = await placeAnswer(plugin.app, file.path, anchor, c.text, plugin.settings.outputFolder);
		const stats = `${(result.elapsedMs / 1000).toFixed(1)} s, ${describeUsage(c.usage)}`;
		if (placement.where === "new-note") return tell(true, `The answer is in ${placement.path}: ${placement.reason}. (${stats})`, ERROR_NOTICE_MS);
		return tell(true, `Answer from ${c.model || result.deployment.deployment} in ${stats}.`);
	} finally {
		job.finish();
	}
}

export function registerCommands(plugin: AzureReasoningPlugin): void {
	plugin.addCommand({
		id: "run-prompt-on-selection",
		name: "Run prompt on selection",
		editorCallback: (editor, ctx) => {
			const template = defaultTemplate(plugin);
			if (!template) return tell(false, "There is no prompt template: add one in the settings.");
			return runTemplateOnSelection(plugin, editor, ctx, template);
		},
	});
}
