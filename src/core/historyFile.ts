/**
 * The request history's file, `history.jsonl`: JSON Lines, one entry per line, appended to as
 * requests end. Read tolerantly: a line that is not a whole, valid entry (a write cut short by a
 * crash, a hand edit) is skipped and counted, and the rest is kept. Bounded: old entries are
 * rotated out (HISTORY_LIMITS); the caller rewrites the file when `rotate` drops any.
 */
import { OPERATIONS } from "./families";
import type { HistoryDestination, HistoryEntry, HistoryOutcome } from "./historyEntry";

export const HISTORY_FILE = "history.jsonl";

export interface HistoryLimits {
	/** At most this many entries (the newest). */
	maxEntries: number;
	/** None older than this many days. */
	maxDays: number;
	/** At most about this many characters of file (prompts, when kept, make entries large). */
	maxChars: number;
}

/**
 * A year of entries, but no more than 5,000 of them and no more than about 4 MB: the 30 days the
 * chart shows always fit, and the file stays small enough to read at every start, on phones too.
 */
export const HISTORY_LIMITS: HistoryLimits = { maxEntries: 5_000, maxDays: 365, maxChars: 4_000_000 };

/** When the file is over a limit it is cut to this share of it, so that it is not rewritten at every request. */
export const ROTATE_TO = 0.8;

export interface ParsedHistory {
	entries: HistoryEntry[];
	/** Lines that were not valid entries (skipped). */
	badLines: number;
	/** The last line had no line break: a write cut short (it is among `badLines` when it was not whole). */
	unterminated: boolean;
}

const OUTCOMES: readonly HistoryOutcome[] = ["answered", "failed", "cancelled", "late"];
const DESTINATIONS: readonly HistoryDestination["kind"][] = ["replace", "below", "new-note", "kept-note", "none"];

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;
const isText = (v: unknown): v is string => typeof v === "string";

/** An entry from what one line parsed to; null when it is not one. Only the known fields are kept. */
export function readEntry(raw: unknown): HistoryEntry | null {
	if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
	const r = raw as Record<string, unknown>;
	if (!isText(r.time) || Number.isNaN(Date.parse(r.time))) return null;
	if (!isText(r.command) || !isText(r.deploymentId) || !isText(r.deployment) || !isText(r.model)) return null;
	if (!OPERATIONS.includes(r.operation as never) || !OUTCOMES.includes(r.outcome as never)) return null;
	if (!isCount(r.durationMs) || !isCount(r.promptTokens) || !isCount(r.completionTokens) || !isCount(r.reasoningTokens)) return null;
	const d = r.destination as Record<string, unknown> | null | undefined;
	if (typeof d !== "object" || d === null || !DESTINATIONS.includes(d.kind as never) || !isText(d.path)) return null;
	const entry: HistoryEntry = {
		time: r.time,
		command: r.command,
		deploymentId: r.deploymentId,
		deployment: r.deployment,
		model: r.model,
		operation: r.operation as HistoryEntry["operation"],
		durationMs: r.durationMs,
		promptTokens: r.promptTokens,
		completionTokens: r.completionTokens,
		reasoningTokens: r.reasoningTokens,
		outcome: r.outcome as HistoryOutcome,
		destination: { kind: d.kind as HistoryDestination["kind"], path: d.path },
	};
	for (const k of ["template", "templateId", "source", "error", "prompt"] as const) {
		const v = r[k];
		if (isText(v)) entry[k] = v;
	}
	return entry;
}

/** The file's text: valid entries in order, bad lines skipped and counted. */
export function parseHistory(text: string): ParsedHistory {
	const entries: HistoryEntry[] = [];
	let badLines = 0;
	const unterminated = text !== "" && !text.endsWith("\n");
	for (const line of text.split("\n")) {
		const trimmed = line.trim();
		if (trimmed === "") continue;
		let entry: HistoryEntry | null = null;
		try {
			entry = readEntry(JSON.parse(trimmed));
		} catch {
			entry = null;
		}
		if (entry) entries.push(entry);
		else badLines++;
	}
	return { entries, badLines, unterminated };
}

/** One line of the file (with its line break). JSON.stringify escapes line breaks inside strings. */
export function serializeEntry(entry: HistoryEntry): string {
	return `${JSON.stringify(entry)}\n`;
}

export function serializeHistory(entries: readonly HistoryEntry[]): string {
	return entries.map(serializeEntry).join("");
}

const DAY_MS = 86_400_000;

/** Whether the entries are over any limit (then `rotate` cuts them). */
export function overLimits(entries: readonly HistoryEntry[], chars: number, now: Date, limits: HistoryLimits = HISTORY_LIMITS): boolean {
	if (entries.length > limits.maxEntries || chars > limits.maxChars) return true;
	const oldest = entries[0];
	return oldest !== undefined && Date.parse(oldest.time) < now.getTime() - limits.maxDays * DAY_MS;
}

/**
 * The entries to keep: none older than `maxDays`, and from the newest back, at most ROTATE_TO of
 * the entry and size limits (the newest entry is always kept, however large). Entries are in the
 * order they were recorded, oldest first.
 */
export function rotate(entries: readonly HistoryEntry[], now: Date, limits: HistoryLimits = HISTORY_LIMITS): HistoryEntry[] {
	const cutoff = now.getTime() - limits.maxDays * DAY_MS;
	const maxEntries = Math.floor(limits.maxEntries * ROTATE_TO);
	const maxChars = Math.floor(limits.maxChars * ROTATE_TO);
	const kept: HistoryEntry[] = [];
	let chars = 0;
	for (let i = entries.length - 1; i >= 0; i--) {
		const e = entries[i] as HistoryEntry;
		if (Date.parse(e.time) < cutoff) continue;
		const size = serializeEntry(e).length;
		if (kept.length > 0 && (kept.length >= maxEntries || chars + size > maxChars)) break;
		kept.push(e);
		chars += size;
	}
	return kept.reverse();
}
