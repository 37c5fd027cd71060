/**
 * The batch's plan from the vault as it is now (core/batchPlan.ts decides): the folder's notes,
 * the summaries already under its mirror, the paths taken, and each prompt measured against the
 * deployment through the same builder a request uses.
 */
import { TFile, TFolder, type App } from "obsidian";
import type { Prepared } from "../../azure/runPrompt";
import { buildRequest } from "../../core/request";
import { mirrorOf, planBatch, type BatchPlan, type VaultNote } from "../../core/batchPlan";
import { checkContext } from "../../core/tokens";

/** Every Markdown note under `folder`, at any depth. */
function notesUnder(folder: TFolder): TFile[] {
	const out: TFile[] = [];
	const walk = (f: TFolder) => {
		for (const child of f.children) {
			if (child instanceof TFolder) walk(child);
			else if (child instanceof TFile && child.extension === "md") out.push(child);
		}
	};
	walk(folder);
	return out;
}

async function readAll(app: App, files: readonly TFile[]): Promise<VaultNote[]> {
	return Promise.all(files.map(async (f) => ({ path: f.path, text: await app.vault.cachedRead(f) })));
}

export interface PlanRequest {
	folder: TFolder;
	outputFolder: string;
	/** The deployment, validated and built once (for its family's context window and the request's shape). */
	prepared: Prepared;
	only?: ReadonlySet<string>;
}

export async function planFromVault(app: App, req: PlanRequest): Promise<BatchPlan> {
	const { deployment } = req.prepared;
	const mirror = app.vault.getFolderByPath(mirrorOf(req.outputFolder, req.folder.path));
	const [sources, summaries] = await Promise.all([readAll(app, notesUnder(req.folder)), mirror ? readAll(app, notesUnder(mirror)) : Promise.resolve([])]);
	return planBatch({
		folder: req.folder.path,
		outputFolder: req.outputFolder,
		sources,
		summaries,
		takenPaths: app.vault.getAllLoadedFiles().map((f) => f.path),
		measure: (prompt) => {
			const built = buildRequest(deployment, prompt);
			const check = checkContext(built.promptParts, deployment.family.contextWindow, built.maxOutputTokens);
			return { promptTokens: check.promptTokens, available: check.available, fits: check.fits };
		},
		...(req.only ? { only: req.only } : {}),
	});
}
