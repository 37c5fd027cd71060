/**
 * The request history's new entries, as the demo prints them: the plugin keeps one JSON object
 * per line in `<configDir>/plugins/<id>/history.jsonl` (src/core/historyEntry.ts). The demo reads
 * the file before and after the run and prints the lines that are new, one compact line each. A
 * missing file is said ("no history file": a build that records nowhere), and a line that is not
 * JSON (the last one cut off by a crash mid-write) is printed as such, not parsed.
 */
import { existsSync, readFileSync } from "node:fs";
import type { HistoryEntry } from "../../src/core/historyEntry";

export const HISTORY_FILE = "history.jsonl";

/** The file's lines now; null when there is no file. */
export function historyLines(file: string): string[] | null {
	if (!existsSync(file)) return null;
	return readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "");
}

/** The lines of `after` that `before` did not hold (as many times as they are new: rotation drops old lines from the front). */
export function addedLines(before: string[] | null, after: string[]): string[] {
	const seen = new Map<string, number>();
	for (const l of before ?? []) seen.set(l, (seen.get(l) ?? 0) + 1);
	return after.filter((l) => {
		const n = seen.get(l) ?? 0;
		if (n === 0) return true;
		seen.set(l, n - 1);
		return false;
	});
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const str = (v: unknown) => (typeof v === "string" ? v : "");

/** One entry on one line: when, what, who answered, how it ended, tokens, where the answer went. */
export function compactEntry(line: string): string {
	let e: Partial<HistoryEntry>;
	try {
		const parsed = JSON.parse(line) as unknown;
		if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
		e = parsed as Partial<HistoryEntry>;
	} catch {
		return `(not a whole entry, as written: ${line.length > 80 ? `${line.slice(0, 80)}…` : line})`;
	}
	const model = str(e.model);
	const who = `${str(e.deployment) || str(e.deploymentId) || "?"}${model ? ` (${model})` : ""}`;
	const dest = e.destination && typeof e.destination === "object" ? `${str(e.destination.kind)}${str(e.destination.path) ? ` ${str(e.destination.path)}` : ""}` : "?";
	const error = str(e.error);
	return [
		str(e.time),
		`${str(e.command) || "?"}${str(e.template) ? ` [${str(e.template)}]` : ""}`,
		who,
		str(e.operation),
		`${str(e.outcome) || "?"}${error ? ` (${error})` : ""}`,
		`${num(e.durationMs)} ms`,
		`tokens ${num(e.promptTokens)} in / ${num(e.completionTokens)} out (${num(e.reasoningTokens)} reasoning)`,
		`→ ${dest}`,
	].join("  ");
}

/** The section the demo prints: the new entries, or why there are none. */
export function historyReport(before: string[] | null, file: string): string {
	const after = historyLines(file);
	if (after === null) return "no history file (this build of main.js records no request history)";
	const added = addedLines(before, after);
	if (added.length === 0) return "no new entries";
	return added.map(compactEntry).join("\n");
}
