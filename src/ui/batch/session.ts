/**
 * One batch of summaries, from Start to its end, and "Retry the failed ones" after it: the
 * runner (core/batchRunner.ts) over the planned notes, each through batch/work.ts; the progress
 * view while the user watches it, else the status bar (a notice on mobile); the index note when a
 * run ends. Unloading the plugin cancels it: nothing is written after that.
 */
import { TFolder } from "obsidian";
import type { Prepared } from "../../azure/runPrompt";
import type { BatchPlan, PlannedNote } from "../../core/batchPlan";
import type { BatchSnapshot } from "../../core/batchProgress";
import { BatchRun, type BatchReport } from "../../core/batchRunner";
import type { DeploymentConfig } from "../../core/settings";
import type { PluginContext } from "../context";
import { showNotice } from "../commands/notify";
import { messageOf } from "../guard";
import { eitherSignal } from "./batchSignal";
import { BatchStatus } from "./batchStatus";
import { writeIndex } from "./indexNote";
import { BatchProgressModal, type ProgressSource } from "./progressModal";
import { planFromVault } from "./vaultPlan";
import { summarizeOne, type KeptSummary } from "./work";

export interface SessionSpec {
	folder: TFolder;
	config: DeploymentConfig;
	prepared: Prepared;
	plan: BatchPlan;
}

export class BatchSession implements ProgressSource {
	plan: BatchPlan;
	private run: BatchRun<PlannedNote>;
	report: BatchReport<PlannedNote> | null = null;
	/** The index note's path once written. */
	indexPath: string | null = null;
	/** Why the index could not be written, when it could not. */
	indexProblem = "";
	/** The summaries the user edited, kept as they are, and the new ones beside them (this run's). */
	kept: KeptSummary[] = [];
	/** The index note the user edited, kept as it is, when this run wrote the index beside it. */
	indexKept: string | null = null;
	private readonly listeners = new Set<() => void>();
	private modal: BatchProgressModal | null = null;
	private readonly status: BatchStatus;
	private running = false;

	constructor(
		private readonly ctx: PluginContext,
		private readonly spec: SessionSpec,
	) {
		this.plan = spec.plan;
		this.run = this.newRun(spec.plan);
		this.status = new BatchStatus(ctx.services.batches.plugin, () => this.openProgress());
		// Whichever run this session holds by then (a retry makes a new one) stops with the plugin.
		ctx.services.lifetime.addEventListener("abort", () => this.run.cancel(), { once: true });
	}

	/** "Work", or "the vault" for the root. */
	get folderLabel(): string {
		return this.plan.folder === "" ? "the vault" : this.plan.folder;
	}

	get isOver(): boolean {
		return !this.running;
	}

	get isPaused(): boolean {
		return this.run.snapshot().state === "paused";
	}

	snapshot(): BatchSnapshot {
		return this.run.snapshot();
	}

	pause(): void {
		this.run.pause();
	}
	resume(): void {
		this.run.resume();
	}
	cancel(): void {
		this.run.cancel();
	}

	/** Called on each change (and each second while the view or the status shows). */
	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Shows the progress view (again): the status item goes while it shows. */
	openProgress(): void {
		if (this.ctx.services.lifetime.aborted) return;
		if (this.modal?.isShown) return;
		this.status.hide();
		this.modal = new BatchProgressModal(this.ctx, this);
		this.modal.show();
	}

	/** The view was closed: a running batch goes on, with its progress in the status bar (or a notice). */
	progressClosed(): void {
		this.modal = null;
		if (this.running && !this.ctx.services.lifetime.aborted) this.status.show(this);
	}

	/** Runs the plan; resolves with the report once every note ended and the index was written. */
	async execute(): Promise<BatchReport<PlannedNote>> {
		this.running = true;
		this.report = null;
		this.kept = [];
		this.indexKept = null;
		this.notify();
		try {
			const report = await this.run.start();
			this.report = report;
			if (!this.ctx.services.lifetime.aborted) await this.updateIndex();
			return report;
		} finally {
			this.running = false;
			this.status.finished(this, this.modal?.isShown ?? false);
			this.notify();
		}
	}

	/** "Retry the failed ones": plans them again from the vault as it is now (a note may have changed), then runs them. */
	async retryFailed(): Promise<BatchReport<PlannedNote> | null> {
		const failed = this.report?.failed ?? [];
		if (this.running || failed.length === 0 || this.ctx.services.lifetime.aborted) return null;
		const batches = this.ctx.services.batches;
		if (batches.busy) {
			showNotice("Another batch of summaries is running: retry the failed ones once it is over.", 8_000);
			return null;
		}
		// This batch is the current one again: a new batch waits for it, and the unload cancels it.
		if (batches.session !== this) {
			batches.session?.dispose();
			batches.session = this;
		}
		const folder = this.ctx.app.vault.getFolderByPath(this.spec.folder.path || "/") ?? this.spec.folder;
		const only = new Set(failed.map((f) => f.item.sourcePath));
		const plan = await planFromVault(this.ctx.app, { folder, outputFolder: this.ctx.settings.outputFolder, prepared: this.spec.prepared, only });
		this.plan = { ...plan, tooLarge: this.spec.plan.tooLarge, upToDate: [...this.spec.plan.upToDate, ...plan.upToDate] };
		this.run = this.newRun(plan);
		return this.execute();
	}

	/** "Retry the failed ones" from the view: among the runs a caller can wait for (BatchService.settled). */
	retry(): Promise<unknown> {
		return this.ctx.services.batches.track(this.retryFailed());
	}

	dispose(): void {
		this.run.cancel();
		this.modal?.close();
		this.status.hide();
		this.listeners.clear();
	}

	notify(): void {
		for (const l of [...this.listeners]) l();
		if (!this.modal?.isShown && this.running) this.status.show(this);
	}

	private newRun(plan: BatchPlan): BatchRun<PlannedNote> {
		const { ctx } = this;
		return new BatchRun<PlannedNote>({
			items: plan.todo,
			weight: (n) => n.promptTokens,
			work: (note, signal) => summarizeOne(ctx, this.spec.config, this.spec.prepared, note, eitherSignal(signal, ctx.services.lifetime), (k) => this.kept.push(k)),
			concurrency: ctx.settings.batchConcurrency,
			maxRetries: ctx.settings.maxRetries,
			skipped: plan.upToDate.length + plan.tooLarge.length + plan.empty.length,
			clock: ctx.services.batches.clock,
			onChange: () => this.notify(),
		});
	}

	private async updateIndex(): Promise<void> {
		try {
			const index = await writeIndex(this.ctx.app, this.plan);
			this.indexPath = index?.path ?? null;
			this.indexKept = index?.kept ?? null;
			this.indexProblem = "";
		} catch (e) {
			this.indexProblem = `The index note could not be written (${messageOf(e)}).`;
		}
	}
}
