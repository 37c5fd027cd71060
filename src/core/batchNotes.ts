/**
 * What the notes a batch writes say about themselves: a summary's frontmatter records its
 * source's path and content hash (besides what every summary records, core/summaryNote.ts); the
 * batch's index note records the folder it is the index of. Read back here, to know on the next
 * run what is up to date and which notes are the plugin's own.
 */
import { pathLink } from "./summaryNote";

export interface SummaryMark {
	sourcePath: string;
	sourceHash: string;
}

/** The frontmatter's lines, or null when the text has none. */
function frontmatterLines(text: string): string[] | null {
	const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
	return m ? (m[1] ?? "").split(/\r?\n/) : null;
}

/** A scalar as the plugin writes it (a JSON string), or as a user may have retyped it (bare, or single-quoted). */
function scalar(raw: string): string {
	const v = raw.trim();
	if (v.startsWith('"')) {
		try {
			const parsed: unknown = JSON.parse(v);
			return typeof parsed === "string" ? parsed : v;
		} catch {
			return v;
		}
	}
	if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) return v.slice(1, -1).replace(/''/g, "'");
	return v;
}

function field(lines: readonly string[], key: string): string | null {
	const prefix = `${key}:`;
	const line = lines.find((l) => l.startsWith(prefix));
	return line === undefined ? null : scalar(line.slice(prefix.length));
}

/** The source and hash a batch summary records; null for any other note. */
export function readSummaryMark(text: string): SummaryMark | null {
	const lines = frontmatterLines(text);
	if (!lines) return null;
	const sourcePath = field(lines, "source_path");
	const sourceHash = field(lines, "source_hash");
	return sourcePath && sourceHash ? { sourcePath, sourceHash } : null;
}

export function isIndexNote(text: string): boolean {
	const lines = frontmatterLines(text);
	return lines !== null && field(lines, "summaries_of") !== null;
}

export interface IndexEntry {
	sourcePath: string;
	/** Links as the user's link settings write them. */
	summaryLink: string;
	sourceLink: string;
}

/**
 * The index note: the folder it covers, then one line per summary (in source path order), then
 * the notes too large to summarize. Nothing in it changes unless the summaries do, so running an
 * up-to-date batch again leaves it as it is.
 */
export function indexNoteText(folder: string, entries: readonly IndexEntry[], tooLarge: readonly string[]): string {
	const name = folder === "" ? "the vault" : `the folder ${folder}`;
	const lines = ["---", `summaries_of: ${JSON.stringify(folder === "" ? "/" : folder)}`, "---", "", `Summaries of the notes in ${name}: ${entries.length}.`, ""];
	for (const e of [...entries].sort((a, b) => (a.sourcePath < b.sourcePath ? -1 : 1))) lines.push(`- ${e.summaryLink} (of ${e.sourceLink})`);
	if (tooLarge.length > 0) {
		lines.push("", "Too large for the deployment's context window, not summarized:", "");
		for (const p of [...tooLarge].sort()) lines.push(`- ${pathLink(p)}`);
	}
	return `${lines.join("\n")}\n`;
}
