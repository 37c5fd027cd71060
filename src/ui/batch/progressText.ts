/** What the progress view, the status bar and the notices say about a batch. */
import type { BatchSnapshot } from "../../core/batchProgress";
import { formatCount } from "../../core/count";
import { formatElapsed } from "../progress";
import type { KeptSummary } from "./work";

/** "3 of 10 done, 2 skipped, 1 failed, 6 remaining". */
export function describeCounts(s: BatchSnapshot): string {
	return `${s.done} of ${s.total} done, ${s.skipped} skipped, ${s.failed} failed, ${s.remaining} remaining`;
}

/** "Elapsed 1 min 05 s, about 2 min 10 s left". */
export function describeTime(s: BatchSnapshot): string {
	const left = s.state === "finished" || s.state === "cancelled" ? "" : s.etaMs === null ? ", time left known after the first note" : `, about ${formatElapsed(s.etaMs)} left`;
	return `Elapsed ${formatElapsed(s.elapsedMs)}${left}`;
}

/** "Tokens so far: 1,200 prompt + 800 completion (of which 600 reasoning)". */
export function describeTokens(s: BatchSnapshot): string {
	const t = s.tokens;
	return `Tokens so far: ${formatCount(t.prompt)} prompt + ${formatCount(t.completion)} completion (of which ${formatCount(t.reasoning)} reasoning)`;
}

/** "2 at a time", or what holds the batch back. */
export function describePace(s: BatchSnapshot): string {
	if (s.state === "paused") return `Paused: nothing more is sent until you resume (${s.inFlight} still answering).`;
	if (s.state === "cancelling") return "Cancelling: waiting for nothing more; no partial note is written.";
	if (s.waitingMs > 0) return `Rate limited by Azure: waiting ${formatElapsed(s.waitingMs)}, then ${s.concurrency} at a time.`;
	if (s.state === "running") return `${s.concurrency} at a time, ${s.inFlight} in flight.`;
	return "";
}

/** The status bar's line: "Summaries of Work: 3/10, 1 failed, 2 min left". */
export function statusLine(folder: string, s: BatchSnapshot): string {
	const failed = s.failed > 0 ? `, ${s.failed} failed` : "";
	const left = s.state === "paused" ? ", paused" : s.etaMs !== null && s.etaMs > 0 ? `, ${formatElapsed(s.etaMs)} left` : "";
	return `Summaries of ${folder}: ${s.done + s.failed}/${s.total}${failed}${left}`;
}

/** What the end report says of the notes the user edited, kept as they were (empty when none). */
export function keptLines(kept: readonly KeptSummary[], indexKept: string | null, indexPath: string | null): string[] {
	const lines: string[] = [];
	if (kept.length === 1) lines.push(`A summary you edited was kept as it is, the new one written beside it: ${kept[0]?.written ?? ""} (yours: ${kept[0]?.edited.join(", ") ?? ""}).`);
	else if (kept.length > 1) lines.push(`${kept.length} summaries you edited were kept as they are, the new ones written beside them: ${kept.map((k) => k.written).join(", ")}.`);
	if (indexKept) lines.push(`The index note you edited was kept as it is (${indexKept}); the index is now ${indexPath ?? "beside it"}.`);
	return lines;
}
