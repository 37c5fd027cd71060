/**
 * One note of a batch: its request through azure/runPrompt.ts (no modal questions, no retries of
 * its own: the batch runner retries, with the concurrency controller), recorded in the request
 * history, and its summary written only once the whole answer arrived, so a cancel, a failure or
 * an unload never leaves a partial note. A changed note's summary is replaced in place, unless
 * the user edited it since the plugin wrote it (checked again at the moment of writing: a batch
 * runs for minutes): then it is kept byte for byte and the new summary goes beside it.
 */
import { normalizePath, TFile, type App } from "obsidian";
import { runPrompt, type RunResult } from "../../azure/runPrompt";
import type { PlannedNote } from "../../core/batchPlan";
import type { WorkResult } from "../../core/batchRunner";
import type { HistoryEntry } from "../../core/historyEntry";
import type { DeploymentConfig } from "../../core/settings";
import { summaryEdited, withNoteHash } from "../../core/batchNotes";
import { generatedNoteText } from "../../core/summaryNote";
import { linkTo } from "../answerNote";
import type { PluginContext } from "../context";
import { readKey, withEntra } from "../commands/deployment";
import { messageOf } from "../guard";
import { createNewNote } from "../newNoteFile";
import { obsidianRequestUrl } from "../obsidianRequest";

export const BATCH_COMMAND = "summarize-folder-to-new-notes";
const HEADING = "Summary of {{link}}.";

async function ensureFolder(app: App, path: string): Promise<void> {
	if (path === "" || app.vault.getFolderByPath(path)) return;
	try {
		await app.vault.createFolder(path);
	} catch {
		// Made meanwhile by another note of the batch; a real failure shows when the note is created.
	}
}

/** A summary the user edited, kept as it is, and the new one written beside it. */
export interface KeptSummary {
	sourcePath: string;
	edited: string[];
	written: string;
}

/** Thrown inside Vault.process when the summary turned out edited: nothing is written there. */
class EditedMeanwhile extends Error {}

/** Writes the summary: replaces the older, unedited one at its planned path, else creates it (another free name if the path was taken meanwhile, or holds an edited summary). */
async function writeSummary(app: App, note: PlannedNote, text: (path: string) => string): Promise<{ path: string; kept: string[] }> {
	const path = normalizePath(note.summaryPath);
	const existing = app.vault.getAbstractFileByPath(path);
	const cut = path.lastIndexOf("/");
	const dir = cut < 0 ? "" : path.slice(0, cut);
	const base = path.slice(cut + 1).replace(/\.md$/i, "");
	if (note.replaces && existing instanceof TFile) {
		try {
			await app.vault.process(existing, (current) => {
				if (summaryEdited(current)) throw new EditedMeanwhile();
				return text(path);
			});
			return { path, kept: [] };
		} catch (e) {
			if (!(e instanceof EditedMeanwhile)) throw e;
		}
		// Edited since the plan was made: kept, the new summary beside it.
		return { path: (await createNewNote(app, dir, base.replace(/ \d+$/, ""), text)).path, kept: [path] };
	}
	await ensureFolder(app, dir);
	if (!existing) {
		try {
			return { path: (await app.vault.create(path, text(path))).path, kept: note.kept };
		} catch {
			// Taken meanwhile: a free name beside it.
		}
	}
	return { path: (await createNewNote(app, dir, base, text)).path, kept: note.kept };
}

function record(ctx: PluginContext, config: DeploymentConfig, result: RunResult, sentAt: Date, outcome: HistoryEntry["outcome"], path: string): void {
	if (!result.ok && !result.sent) return;
	const usage = result.ok ? result.completion.usage : null;
	const built = result.built;
	if (!built) return;
	ctx.services.history.record({
		time: sentAt.toISOString(),
		command: BATCH_COMMAND,
		deploymentId: config.id,
		deployment: config.displayName || config.deployment,
		model: result.ok ? result.completion.model : "",
		operation: built.operation,
		durationMs: result.elapsedMs,
		promptTokens: usage?.promptTokens ?? 0,
		completionTokens: usage?.completionTokens ?? 0,
		reasoningTokens: usage?.reasoningTokens ?? 0,
		outcome,
		...(result.ok ? {} : { error: result.explanation.title }),
		destination: path ? { kind: "new-note", path } : { kind: "none", path: "" },
	});
}

/** Summarizes one planned note; never throws. */
export async function summarizeOne(ctx: PluginContext, config: DeploymentConfig, note: PlannedNote, signal: AbortSignal, onKept: (k: KeptSummary) => void = () => undefined): Promise<WorkResult> {
	const sentAt = new Date();
	const result = await runPrompt({
		config,
		apiKey: readKey(ctx, config),
		...withEntra(ctx, config),
		prompt: note.prompt,
		timeoutMs: ctx.settings.timeoutSeconds * 1000,
		maxRetries: 0,
		requestUrl: obsidianRequestUrl,
		signal,
	});
	const stopped = signal.aborted || ctx.services.lifetime.aborted;
	if (!result.ok) {
		const f = result.failure;
		record(ctx, config, result, sentAt, f.kind === "cancelled" || stopped ? "cancelled" : "failed", "");
		if (f.kind === "cancelled" || stopped) return { kind: "cancelled" };
		const reason = `${result.explanation.title} ${result.explanation.detail}`.trim();
		if (f.kind === "http" && f.status === 429) return { kind: "rate-limited", retryAfterMs: f.retryAfterSeconds !== undefined ? f.retryAfterSeconds * 1000 : null, reason };
		if ((f.kind === "http" && f.status >= 500) || f.kind === "network" || f.kind === "timeout") return { kind: "retry", reason };
		return { kind: "failed", reason };
	}
	if (stopped) {
		// The answer came after Cancel or the unload: nothing is written.
		record(ctx, config, result, sentAt, "cancelled", "");
		return { kind: "cancelled" };
	}
	const { completion, deployment } = result;
	let path: string;
	try {
		const written = await writeSummary(ctx.app, note, (at) =>
			withNoteHash(
				generatedNoteText(
					{ heading: HEADING, sourceLink: linkTo(ctx.app, note.sourcePath, at), sourcePath: note.sourcePath, deployment: deployment.displayName, model: completion.model || deployment.deployment, date: new Date(), usage: completion.usage, sourceHash: note.hash },
					completion.text,
					completion.reasoningSummary,
				),
			),
		);
		path = written.path;
		if (written.kept.length > 0) onKept({ sourcePath: note.sourcePath, edited: written.kept, written: path });
	} catch (e) {
		record(ctx, config, result, sentAt, "answered", "");
		return { kind: "failed", reason: `The summary could not be written to ${note.summaryPath} (${messageOf(e)}).` };
	}
	record(ctx, config, result, sentAt, "answered", path);
	const u = completion.usage;
	return { kind: "done", tokens: u ? { prompt: u.promptTokens, completion: u.completionTokens, reasoning: u.reasoningTokens } : null };
}
