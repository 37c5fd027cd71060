/**
 * The "Request history" view, in the right sidebar (command `open-request-history`): the panel of
 * historyPanel.ts over the plugin's history, redrawn when a request is recorded. Its buttons:
 * Open (the note the answer went to, in a new tab), Run again (only for a request whose prompt
 * was kept: the same prompt to the same deployment, the answer into a new note, since the place
 * it was asked for has moved on; without a kept prompt there is nothing to send again), and
 * Export as CSV (a new file in the output folder, never over an existing one).
 */
import { ItemView, Notice, type App, type WorkspaceLeaf } from "obsidian";
import { historyCsv } from "../../core/historyCsv";
import type { HistoryEntry } from "../../core/historyEntry";
import { dayKey } from "../../core/historyUsage";
import { writeAnswerNote } from "../answerNote";
import { freePath, usableFolder } from "../newNoteFile";
import { openInNewTab, showNotice, tell, type CommandOutcome } from "../commands/notify";
import { send } from "../commands/send";
import type { PluginContext } from "../context";
import { guardedHandler, messageOf } from "../guard";
import { recordAnswer } from "./recordRequest";
import { HistoryPanel } from "./historyPanel";

export const HISTORY_VIEW = "azure-reasoning-history";

/** Writes the CSV as a new file in the output folder (the root when it cannot be made), never over a file; returns its path. */
export async function exportCsv(app: App, folder: string, entries: readonly HistoryEntry[], now = new Date()): Promise<string> {
	const path = freePath(app, await usableFolder(app, folder), `Request history ${dayKey(now)}`, ".csv");
	await app.vault.create(path, historyCsv(entries));
	return path;
}

/** Sends a kept prompt again; the answer goes into a new note beside the source's other answers. */
export async function runAgain(ctx: PluginContext, entry: HistoryEntry): Promise<CommandOutcome> {
	if (entry.prompt === undefined) return tell(false, "This request's prompt was not kept, so it cannot be sent again.");
	const config = ctx.settings.deployments.find((d) => d.id === entry.deploymentId);
	if (!config) return tell(false, `The deployment "${entry.deployment}" is no longer in the settings.`);
	const what = entry.template ?? "Run again";
	const reply = await send(ctx, { what, config, prompt: entry.prompt, selectionOnly: null, notePath: entry.source ?? "", origin: { command: entry.command, ...(entry.template && entry.templateId ? { template: { id: entry.templateId, name: entry.template } } : {}) } });
	if (!reply.ok) return reply.outcome;
	const source = entry.source && ctx.app.vault.getFileByPath(entry.source) ? entry.source : null;
	return recordAnswer(
		ctx,
		reply,
		(async (): Promise<CommandOutcome> => {
			const note = await writeAnswerNote(ctx.app, ctx.settings.outputFolder, { sourcePath: source, name: what, label: "run again", heading: `${what}, run again: {{link}}`, answer: reply.completion.text, reasoningSummary: reply.completion.reasoningSummary });
			showNotice(`The answer is in ${note.path}.`, 12_000, [{ label: "Open", run: () => openInNewTab(ctx, note.path) }]);
			return { ok: true, message: `The answer is in ${note.path}.`, note: note.path };
		})(),
	);
}

/** Shows the request history in the right sidebar (the one already open, when there is one). */
export async function openHistoryView(app: App): Promise<void> {
	const { workspace } = app;
	let leaf = workspace.getLeavesOfType(HISTORY_VIEW)[0] ?? null;
	if (!leaf) {
		leaf = workspace.getRightLeaf(false);
		if (!leaf) throw new Error("the sidebar could not be opened");
		await leaf.setViewState({ type: HISTORY_VIEW, active: true });
	}
	await workspace.revealLeaf(leaf);
}

export class HistoryView extends ItemView {
	private panel: HistoryPanel | null = null;
	private stop: (() => void) | null = null;

	constructor(
		leaf: WorkspaceLeaf,
		private readonly ctx: PluginContext,
	) {
		super(leaf);
		this.icon = "history";
	}

	getViewType(): string {
		return HISTORY_VIEW;
	}

	getDisplayText(): string {
		return "Request history";
	}

	async onOpen(): Promise<void> {
		const { ctx } = this;
		const history = ctx.services.history;
		const handler = (label: string, run: () => unknown) => guardedHandler(`"${label}"`, run);
		this.panel = new HistoryPanel(this.contentEl, { all: () => history.all(), status: () => history.status() }, {
			noteExists: (path) => ctx.app.vault.getFileByPath(path) !== null,
			open: (path) => openInNewTab(ctx, path),
			runAgain: (entry) => runAgain(ctx, entry),
			exportCsv: async (entries) => {
				try {
					const path = await exportCsv(ctx.app, ctx.settings.outputFolder, entries);
					showNotice(`${entries.length} ${entries.length === 1 ? "request" : "requests"} exported to ${path}.`, 12_000, [{ label: "Open", run: () => openInNewTab(ctx, path) }]);
				} catch (e) {
					new Notice(`The history could not be exported (${messageOf(e)}).`, 20_000);
				}
			},
			handler,
		});
		this.stop = history.onChange(() => this.panel?.render());
		this.panel.render();
	}

	async onClose(): Promise<void> {
		this.stop?.();
		this.stop = null;
		this.panel = null;
	}
}
