/**
 * "Summarize folder to new notes" (and the folder menu's "Summarize the notes in this folder"):
 * pick the folder (the active note's first), check the deployment (nothing is sent on any error),
 * plan from the vault, ask before starting (numbers, estimate, too-large notes; Start / Cancel),
 * then run while the progress view shows. Resolves when the batch is over. When every note is up
 * to date nothing is asked and nothing is sent.
 */
import { TFolder } from "obsidian";
import { prepare } from "../../azure/runPrompt";
import { explainFailure, redactSecrets } from "../../core/errors";
import type { PluginContext } from "../context";
import { deploymentFor, readKey } from "../commands/deployment";
import { tell, tellFailure, type CommandOutcome } from "../commands/notify";
import { pick } from "../modals/picker";
import { deploymentLabel } from "../modals/pickers";
import { writeIndex } from "./indexNote";
import { BatchSession } from "./session";
import { keptLines } from "./progressText";
import { askStart } from "./startModal";
import { planFromVault } from "./vaultPlan";

function folderLabel(folder: TFolder): string {
	return folder.isRoot() ? "the vault" : folder.path;
}

/** Every folder of the vault, the active note's first. */
export function pickFolder(ctx: PluginContext): Promise<TFolder | null> {
	const active = ctx.app.workspace.getActiveFile()?.parent ?? null;
	const all = ctx.app.vault.getAllLoadedFiles().filter((f): f is TFolder => f instanceof TFolder);
	all.sort((a, b) => (a === active ? -1 : b === active ? 1 : a.path.localeCompare(b.path)));
	return pick(ctx, {
		items: all,
		title: (f) => (f.isRoot() ? "/" : f.path),
		note: (f) => (f === active ? "The active note's folder" : f.isRoot() ? "The whole vault" : ""),
		placeholder: "Summarize the notes in which folder?",
		cls: "azure-reasoning-folder-picker",
	});
}

export async function summarizeFolder(ctx: PluginContext, chosen: TFolder | null): Promise<CommandOutcome> {
	const batches = ctx.services.batches;
	if (batches.busy) {
		batches.session?.openProgress();
		return tell(false, "A batch of summaries is already running: its progress is shown. Start another once it is over.");
	}
	const folder = chosen ?? (await pickFolder(ctx));
	if (!folder || ctx.services.lifetime.aborted) return { ok: false, message: "No folder was chosen." };
	const config = deploymentFor(ctx, null);
	const apiKey = readKey(ctx, config);
	const prepared = prepare({ config, apiKey, prompt: "" });
	if (!prepared.ok) {
		const e = explainFailure(prepared.failure, config);
		return tellFailure(ctx, prepared.failure, { ...e, title: redactSecrets(e.title, [apiKey]), detail: redactSecrets(e.detail, [apiKey]) }, config).outcome;
	}
	const plan = await planFromVault(ctx.app, { folder, outputFolder: ctx.settings.outputFolder, prepared });
	const label = folderLabel(folder);
	if (plan.todo.length === 0) {
		const index = await writeIndex(ctx.app, plan);
		const tooLarge = plan.tooLarge.length > 0 ? ` ${plan.tooLarge.length} too large for the deployment (${plan.tooLarge.map((t) => t.sourcePath).join(", ")}).` : "";
		const kept = keptLines([], index?.kept ?? null, index?.path ?? null).map((l) => ` ${l}`).join("");
		return tell(true, `Nothing to send for ${label}: ${plan.upToDate.length} up to date, ${plan.empty.length} empty.${tooLarge}${index ? ` Index: ${index.path}.` : ""}${kept}`);
	}
	const start = await askStart(ctx, { plan, folderLabel: label, deploymentLabel: config ? deploymentLabel(config) : "", familyLabel: prepared.deployment.family.label, concurrency: ctx.settings.batchConcurrency });
	if (!start || ctx.services.lifetime.aborted) return { ok: false, message: "Cancelled: nothing was sent." };
	if (batches.busy) return tell(false, "Another batch of summaries started meanwhile: start this one once it is over.");
	const session = new BatchSession(ctx, { folder, config: config as NonNullable<typeof config>, prepared, plan });
	// The last batch's view (its failures, its Retry) goes: one batch, one view.
	batches.session?.dispose();
	batches.session = session;
	session.openProgress();
	const report = await session.execute();
	if (ctx.services.lifetime.aborted) return { ok: false, message: "The plugin was unloaded: the batch stopped. Run it again to go on where it stopped." };
	const counts = `${report.done.length} written, ${plan.upToDate.length} up to date, ${plan.tooLarge.length} too large, ${report.failed.length} failed`;
	const kept = keptLines(session.kept, session.indexKept, session.indexPath).map((l) => ` ${l}`).join("");
	const message = (report.cancelled ? `Summaries of ${label} cancelled: ${counts}, ${report.notDone.length} not done.` : `Summaries of ${label}: ${counts}.`) + kept;
	return { ok: !report.cancelled && report.failed.length === 0, message, ...(session.indexPath ? { note: session.indexPath } : {}) };
}
