/**
 * The request history as CSV (RFC 4180: fields with a comma, a quote or a line break are quoted,
 * quotes doubled, CRLF between records), for a spreadsheet. Text cells that a spreadsheet would
 * read as a formula (starting with =, +, -, @, a tab or a carriage return) get a leading
 * apostrophe, so that a deployment name or an Azure message can never run as one. Numbers are
 * written as numbers.
 */
import type { HistoryEntry } from "./historyEntry";

const FORMULA_START = /^[=+\-@\t\r]/;

/** One text cell: guarded against formula injection, then quoted when RFC 4180 asks for it. */
export function csvText(value: string): string {
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const COLUMNS: [string, (e: HistoryEntry) => string | number][] = [
	["time", (e) => e.time],
	["command", (e) => e.command],
	["template", (e) => e.template ?? ""],
	["deployment", (e) => e.deployment],
	["deployment id", (e) => e.deploymentId],
	["model", (e) => e.model],
	["operation", (e) => e.operation],
	["duration (ms)", (e) => e.durationMs],
	["prompt tokens", (e) => e.promptTokens],
	["completion tokens", (e) => e.completionTokens],
	["reasoning tokens", (e) => e.reasoningTokens],
	["outcome", (e) => e.outcome],
	["error", (e) => e.error ?? ""],
	["source note", (e) => e.source ?? ""],
	["answer went", (e) => e.destination.kind],
	["answer note", (e) => e.destination.path],
];

/** The entries as CSV, oldest first; a "prompt" column only when some entry kept its prompt. */
export function historyCsv(entries: readonly HistoryEntry[]): string {
	const columns = entries.some((e) => e.prompt !== undefined) ? [...COLUMNS, ["prompt", (e: HistoryEntry) => e.prompt ?? ""] as (typeof COLUMNS)[number]] : COLUMNS;
	const rows = [columns.map(([name]) => csvText(name))];
	for (const e of entries) rows.push(columns.map(([, get]) => {
		const v = get(e);
		return typeof v === "number" ? String(v) : csvText(v);
	}));
	return rows.map((r) => r.join(",")).join("\r\n") + "\r\n";
}
