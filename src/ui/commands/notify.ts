/**
 * What a command tells the user when it ends: a notice, with a way to the setting to change
 * (and the one-click fix, when there is one) for failures that a setting explains.
 */
import { Notice } from "obsidian";
import type { Explanation, Failure } from "../../core/errors";
import type { DeploymentConfig } from "../../core/settings";
import type { Field } from "../../core/validate";
import type { PluginContext } from "../context";
import { guard, guardedHandler, keepAnswer } from "../guard";
import type { Placement } from "../insertion";

export const NOTICE_MS = 12_000;
export const ERROR_NOTICE_MS = 20_000;

/** What a command that runs a template says when there is none. */
export const NO_TEMPLATE = "There is no prompt template yet: add one in the settings.";

/** How a command ended: what the user was told, and where an answer went. */
export interface CommandOutcome {
	ok: boolean;
	message: string;
	/** Where an answer for a place in a note went. */
	placement?: Placement;
	/** The note the command wrote (a summary, a template's new note). */
	note?: string;
	/** The setting the message points to. */
	setting?: Field;
}

/** Opens the plugin's settings at the deployment's field (the settings tab's `openSettings`). */
export function openSettings(ctx: PluginContext, deploymentId?: string, field?: Field): void {
	if (!ctx.openSettings(deploymentId, field)) new Notice("The settings could not be opened from here: open them from the plugin list.", NOTICE_MS);
}

/** Runs a command's work through the one wrapper: a throw becomes a notice, never a silent rejection. */
export function guarded(name: string, work: () => Promise<CommandOutcome> | CommandOutcome): Promise<CommandOutcome> {
	return guard(`"${name}"`, work, (message) => ({ ok: false, message }));
}

export interface NoticeAction {
	label: string;
	/** May be async: a throw or a rejection becomes a notice (ui/guard.ts). */
	run: () => unknown;
}

/** A notice with buttons on a row of their own under its text, spaced from it (each hides the notice, then acts). */
export function showNotice(message: string, ms: number, actions: readonly NoticeAction[] = []): Notice {
	const notice = new Notice(message, ms);
	const row = actions.length > 0 ? notice.messageEl.createDiv("azure-reasoning-notice-actions") : null;
	for (const action of actions) {
		if (!row) break;
		const button = row.createEl("button", { text: action.label, cls: "azure-reasoning-notice-button" });
		const run = guardedHandler(`"${action.label}"`, action.run);
		button.addEventListener("click", () => {
			notice.hide();
			run();
		});
	}
	return notice;
}

export function tell(ok: boolean, message: string, ms = ok ? NOTICE_MS : ERROR_NOTICE_MS): CommandOutcome {
	showNotice(message, ms);
	return { ok, message };
}

/** The "Copy the answer" button of a notice about an answer that could not be placed. */
export function copyAnswerAction(ctx: PluginContext, what: string, answer: string): NoticeAction {
	return { label: "Copy the answer", run: () => keepAnswer({ app: ctx.app, outputFolder: ctx.settings.outputFolder }, what, answer) };
}

/** Opens a note in a new tab (the answer's new note, a summary). */
export async function openInNewTab(ctx: PluginContext, path: string): Promise<void> {
	const file = ctx.app.vault.getFileByPath(path);
	if (file) await ctx.app.workspace.getLeaf("tab").openFile(file);
}

/** A failure's explanation as a notice, with "Open settings" when a setting explains it, and the one-click fix when there is one. */
export function tellFailure(ctx: PluginContext, failure: Failure, explanation: Explanation, dep: DeploymentConfig | undefined): { outcome: CommandOutcome; notice: Notice } {
	const message = `${explanation.title} ${explanation.detail}`;
	const { setting, fix } = explanation;
	const actions: NoticeAction[] = [];
	if (fix && dep) {
		actions.push({
			label: fix.label,
			run: async () => {
				// The settings may have been read again since the command started (a sync): fix the deployment as it is now.
				const current = ctx.settings.deployments.find((d) => d.id === dep.id);
				if (!current) {
					new Notice(`The deployment "${dep.displayName || dep.deployment}" is no longer in the settings; nothing was changed.`, NOTICE_MS);
					return;
				}
				Object.assign(current, fix.patch);
				await ctx.saveSettings();
				new Notice(`Done (${fix.label}). Run the command again.`, NOTICE_MS);
			},
		});
	}
	if (setting || failure.kind === "no-deployment") actions.push({ label: "Open settings", run: () => openSettings(ctx, dep?.id, setting) });
	const notice = showNotice(message, ERROR_NOTICE_MS, actions);
	return { outcome: { ok: false, message, ...(setting ? { setting } : {}) }, notice };
}
