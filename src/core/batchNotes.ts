/**
 * What the notes a batch writes say about themselves: a summary's frontmatter records its
 * source's path and content hash (besides what every summary records, core/summaryNote.ts); the
 * batch's index note records the folder it is the index of. Read back here, to know on the next
 * run what is up to date and which notes are the plugin's own. Both also record a hash of
 * themselves as the plugin wrote them (`note_hash`), so that a note the user edited since is
 * never replaced: the batch writes beside it instead.
 */
import { contentHash } from "./batchHash";
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
	return indexFolderOf(text) !== null;
}

/** The folder an index note covers, as it records it ("/" for the vault's root); null for any other note. */
export function indexFolderOf(text: string): string | null {
	const lines = frontmatterLines(text);
	return lines === null ? null : field(lines, "summaries_of");
}

export const NOTE_HASH_FIELD = "note_hash";
const NOTE_HASH_LINE = /^note_hash:[^\r\n]*(\r?\n)/m;

/**
 * The note with a hash of itself added as the last line of its frontmatter: the hash of every
 * byte the plugin wrote, frontmatter included (a property the user adds is their text too), line
 * endings ignored. `text` must begin with frontmatter (a summary's, an index's).
 */
export function withNoteHash(text: string): string {
	const m = /^---\r?\n[\s\S]*?\r?\n(?=---(?:\r?\n|$))/.exec(text);
	if (!m) throw new Error("withNoteHash: the note has no frontmatter");
	return `${m[0]}${NOTE_HASH_FIELD}: ${JSON.stringify(contentHash(text))}\n${text.slice(m[0].length)}`;
}

/**
 * Whether the note is byte for byte as the plugin wrote it (line endings aside): true when the
 * hash it records is the hash of the rest of it, false when it differs (the user edited it), null
 * when it records none (written by a build before note_hash, or not the plugin's).
 */
export function asWritten(text: string): boolean | null {
	const lines = frontmatterLines(text);
	const recorded = lines ? field(lines, NOTE_HASH_FIELD) : null;
	if (recorded === null) return null;
	return NOTE_HASH_LINE.test(text) ? contentHash(withoutNoteHash(text)) === recorded : null;
}

/** The note without its note_hash line: what the hash is of. */
export function withoutNoteHash(text: string): string {
	const m = NOTE_HASH_LINE.exec(text);
	return m ? text.slice(0, m.index) + text.slice(m.index + m[0].length) : text;
}

/**
 * Whether the batch must leave a summary as it is (and write the new one beside it). A summary
 * with no note_hash, from a build before it, counts as edited: the answer it holds is kept nowhere
 * else, so nothing tells the plugin's words from the user's, and keeping it is the only choice that
 * cannot lose what the user wrote (the cost: one more summary beside it, once, when its source changes).
 */
export function summaryEdited(text: string): boolean {
	return asWritten(text) !== true;
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
	return withNoteHash(`${lines.join("\n")}\n`);
}
