/**
 * One note of a batch: its request through azure/runPrompt.ts (no modal questions, no retries of
 * its own: the batch runner retries, with the concurrency controller), recorded in the request
 * history, and its summary written only once the whole answer arrived, so a cancel, a failure or
 * an unload never leaves a partial note. A changed note's summary is replaced in place.
 */
import { normalizePath, TFile, type App } from "obsidian";
import { runPrompt, type RunResult } from "../../azure/runPrompt";
import type { PlannedNote } from "../../core/batchPlan";
import type { WorkResult } from "../../core/batchRunner";
import type { HistoryEntry } from "../../core/historyEntry";
import type { DeploymentConfig } from "../../core/settings";
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

/** Writes the summary at its planned path: replaces the older summary there, else creates it (another free name if the path was taken meanwhile). */
async function writeSummary(app: App, note: PlannedNote, text: (path: string) => string): Promise<string> {
	const path = normalizePath(note.summaryPath);
	const existing = app.vault.getAbstractFileByPath(path);
	if (note.replaces && existing instanceof TFile) {
		await app.vault.process(existing, () => text(path));
		return path;
	}
	const cut = path.lastIndexOf("/");
	const dir = cut < 0 ? "" : path.slice(0, cut);
	await ensureFolder(app, dir);
	if (!existing) {
		try {
			return (await app.vault.create(path, text(path))).path;
		} catch {
			// Taken meanwhile: a free name beside it.
		}
	}
	const base = path.slice(cut + 1).replace(/\.md$/i, "");
	return (await createNewNote(app, dir, base, text)).path;
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
export async function summarizeOne(ctx: PluginContext, config: DeploymentConfig, note: PlannedNote, signal: AbortSignal): Promise<WorkResult> {
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
		path = await writeSummary(ctx.app, note, (at) =>
			generatedNoteText(
				{ heading: HEADING, sourceLink: linkTo(ctx.app, note.sourcePath, at), sourcePath: note.sourcePath, deployment: deployment.displayName, model: completion.model || deployment.deployment, date: new Date(), usage: completion.usage, sourceHash: note.hash },
				completion.text,
				completion.reasoningSummary,
			),
		);
	} catch (e) {
		record(ctx, config, result, sentAt, "answered", "");
		return { kind: "failed", reason: `The summary could not be written to ${note.summaryPath} (${messageOf(e)}).` };
	}
	record(ctx, config, result, sentAt, "answered", path);
	const u = completion.usage;
	return { kind: "done", tokens: u ? { prompt: u.promptTokens, completion: u.completionTokens, reasoning: u.reasoningTokens } : null };
}
