/**
 * One note of a batch: its request through azure/runPrompt.ts (no modal questions, no retries of
 * its own: the batch runner retries, with the concurrency controller), recorded in the request
 * history, and its summary written only once the whole answer arrived, so a cancel, a failure or
 * an unload never leaves a partial note. A changed note's summary is replaced in place, unless
 * the user edited it since the plugin wrote it (checked again at the moment of writing: a batch
 * runs for minutes): then it is kept byte for byte and the new summary goes beside it.
 */
import { runPrompt, type Prepared } from "../../azure/runPrompt";
import type { PlannedNote } from "../../core/batchPlan";
import type { WorkResult } from "../../core/batchRunner";
import type { DeploymentConfig } from "../../core/settings";
import { withNoteHash } from "../../core/batchNotes";
import type { Completion } from "../../core/response";
import { generatedNoteText } from "../../core/summaryNote";
import { linkTo } from "../answerNote";
import type { PluginContext } from "../context";
import { readKey, withEntra } from "../commands/deployment";
import { messageOf } from "../guard";
import { finish, startDraft, type HistoryDraft } from "../history/recordRequest";
import { obsidianRequestUrl } from "../obsidianRequest";
import { eitherSignal } from "./batchSignal";
import { writeSummary, type KeptSummary } from "./summaryFile";

export type { KeptSummary } from "./summaryFile";

export const BATCH_COMMAND = "summarize-folder-to-new-notes";
const HEADING = "Summary of {{link}}.";

type End = Parameters<typeof finish>[1];

/** The history entry of one request that was sent, as every command's is made (history/recordRequest.ts); without a duration, until now. */
function recorder(ctx: PluginContext, draft: HistoryDraft, sentAt: Date): (end: Omit<End, "durationMs"> & { durationMs?: number }) => void {
	return (end) => ctx.services.history.record(finish(draft, { ...end, durationMs: end.durationMs ?? Date.now() - sentAt.getTime() }));
}

/** The answer to a request that timed out, when it arrives within `graceMs` of the timeout and before `signal` aborts; else null. */
function lateAnswer(ctx: PluginContext, arrival: { answer: Completion | null; then: (() => void) | null }, signal: AbortSignal, graceMs: number): Promise<Completion | null> {
	if (arrival.answer || signal.aborted) return Promise.resolve(signal.aborted ? null : arrival.answer);
	const waited = new AbortController();
	arrival.then = () => waited.abort();
	return ctx.services.batches.clock.sleep(graceMs, eitherSignal(signal, waited.signal)).then(() => {
		arrival.then = null;
		return signal.aborted ? null : arrival.answer;
	});
}

/** Writes the note's summary from the answer; the work's result. */
async function writeAnswer(ctx: PluginContext, note: PlannedNote, completion: Completion, deployment: { displayName: string; deployment: string }, onKept: (k: KeptSummary) => void): Promise<{ result: WorkResult; path: string }> {
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
		if (written.kept.length > 0) onKept({ sourcePath: note.sourcePath, edited: written.kept, written: written.path });
		const u = completion.usage;
		return { result: { kind: "done", tokens: u ? { prompt: u.promptTokens, completion: u.completionTokens, reasoning: u.reasoningTokens } : null }, path: written.path };
	} catch (e) {
		return { result: { kind: "failed", reason: `The summary could not be written to ${note.summaryPath} (${messageOf(e)}).` }, path: "" };
	}
}

/**
 * Summarizes one planned note; never throws. A request that timed out is not sent again (it
 * would be billed again): its answer, when it still comes within another timeout's length and
 * the batch goes on, is the summary asked for; else the note fails, saying to raise the timeout.
 */
export async function summarizeOne(ctx: PluginContext, config: DeploymentConfig, prepared: Prepared, note: PlannedNote, signal: AbortSignal, onKept: (k: KeptSummary) => void = () => undefined): Promise<WorkResult> {
	const sentAt = new Date();
	const record = recorder(ctx, startDraft(ctx, { command: BATCH_COMMAND }, prepared.deployment, note.prompt, note.sourcePath, sentAt), sentAt);
	const timeoutMs = ctx.settings.timeoutSeconds * 1000;
	const arrival: { answer: Completion | null; then: (() => void) | null } = { answer: null, then: null };
	const result = await runPrompt({
		config,
		apiKey: readKey(ctx, config),
		...withEntra(ctx, config),
		prompt: note.prompt,
		timeoutMs,
		maxRetries: 0,
		requestUrl: obsidianRequestUrl,
		signal,
		onLateAnswer: (completion) => {
			arrival.answer = completion;
			arrival.then?.();
		},
	});
	const stopped = () => signal.aborted || ctx.services.lifetime.aborted;
	if (!result.ok) {
		const f = result.failure;
		const cancelled = f.kind === "cancelled" || stopped();
		if (result.sent) {
			const spent = f.kind === "no-answer" && f.outcome.kind !== "malformed" ? f.outcome.completion : null;
			record({ outcome: cancelled ? "cancelled" : "failed", durationMs: result.elapsedMs, model: spent?.model ?? "", usage: spent?.usage ?? null, ...(cancelled ? {} : { error: result.explanation.title }) });
		}
		if (cancelled) return { kind: "cancelled" };
		if (f.kind === "timeout") {
			const late = await lateAnswer(ctx, arrival, signal, timeoutMs);
			if (stopped()) return { kind: "cancelled" };
			if (!late) return { kind: "failed", reason: `No answer after ${f.seconds} s; raise the timeout in the settings.` };
			const { result: done, path } = await writeAnswer(ctx, note, late, prepared.deployment, onKept);
			record({ outcome: "late", model: late.model, usage: late.usage, ...(path ? { destination: { kind: "new-note", path } } : {}) });
			return done;
		}
		const reason = `${result.explanation.title} ${result.explanation.detail}`.trim();
		if (f.kind === "http" && f.status === 429) return { kind: "rate-limited", retryAfterMs: f.retryAfterSeconds !== undefined ? f.retryAfterSeconds * 1000 : null, reason };
		if ((f.kind === "http" && f.status >= 500) || f.kind === "network") return { kind: "retry", reason };
		return { kind: "failed", reason };
	}
	if (stopped()) {
		// The answer came after Cancel or the unload: nothing is written.
		record({ outcome: "cancelled", durationMs: result.elapsedMs, model: result.completion.model, usage: result.completion.usage });
		return { kind: "cancelled" };
	}
	const { result: done, path } = await writeAnswer(ctx, note, result.completion, result.deployment, onKept);
	record({ outcome: "answered", durationMs: result.elapsedMs, model: result.completion.model || result.deployment.deployment, usage: result.completion.usage, ...(path ? { destination: { kind: "new-note", path } } : {}) });
	return done;
}
