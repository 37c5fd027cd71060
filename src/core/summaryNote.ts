/**
 * The text of every note the plugin writes for an answer, in one format: for the notes a command
 * makes on purpose (a summary, a template whose output is a new note) frontmatter that says where
 * it came from and what made it; then a first line that says what the note is, with the link back
 * to the source; then the reasoning summary (folded) when there is one; then the answer. An answer
 * kept in a note because it could not go where it was asked for says why in its first line.
 */
import { tidyAnswer } from "./placement";
import type { Usage } from "./response";

/** The first line of a note holding an answer. */
export interface NoteHeading {
	/** A link to the source as the user's link settings write it (`[[Meeting]]`); "" when there is none. */
	sourceLink: string;
	/** What this note is, with `{{link}}` where the link goes. */
	heading: string;
}

/** Where a note made on purpose came from and what made it: its frontmatter. */
export interface Provenance {
	/** The source note's path in the vault (`Notes/Meeting.md`). */
	sourcePath: string;
	/** The deployment's display name. */
	deployment: string;
	/** The model that really answered (the response's `model`). */
	model: string;
	date: Date;
	usage: Usage | null;
	/** A batch summary: the source's content hash (core/batchHash.ts), written with the source's path so the next run knows it is up to date. */
	sourceHash?: string;
}

export type GeneratedNoteInfo = NoteHeading | (NoteHeading & Provenance);

/**
 * The first line of a note holding an answer that could not go where it was asked for:
 * "Answer (Improve the writing) for [[Meeting]], kept here because the note was deleted."
 */
export function keptAnswerHeading(what: string | null, reason: string, hasSource: boolean): string {
	return `Answer${what ? ` (${what})` : ""}${hasSource ? " for {{link}}" : ""}, kept here because ${reason}.`;
}

/** A YAML scalar that stays a string whatever it holds (JSON strings are valid YAML). */
function yamlString(value: string): string {
	return JSON.stringify(value);
}

/** YYYY-MM-DD in local time, as Obsidian's date properties are. */
export function localDate(d: Date): string {
	const pad = (n: number) => String(n).padStart(2, "0");
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A wikilink to a vault path that no other note can be mistaken for: the full path without `.md`. */
export function pathLink(path: string): string {
	return `[[${path.replace(/\.md$/i, "")}]]`;
}

/**
 * A reasoning summary as a folded callout, so it never mixes with the answer: every line quoted,
 * blank lines kept as bare `>` so the callout does not end early.
 */
export function reasoningCallout(summary: string): string {
	const body = summary
		.trim()
		.split(/\r?\n/)
		.map((line) => (line.trim() === "" ? ">" : `> ${line}`));
	return ["> [!abstract]- Reasoning summary", ...body].join("\n");
}

/** The answer, preceded by its reasoning summary's callout when there is one. */
export function withReasoning(answer: string, summary: string | null): string {
	return summary ? `${reasoningCallout(summary)}\n\n${answer.trim()}` : answer;
}

/** The note: frontmatter (made on purpose only), the heading with the link back, the reasoning summary (folded) when there is one, the answer. */
export function generatedNoteText(info: GeneratedNoteInfo, answer: string, reasoningSummary: string | null = null): string {
	const heading = info.heading.split("{{link}}").join(info.sourceLink);
	const body = `${heading}\n\n${withReasoning(tidyAnswer(answer), reasoningSummary)}\n`;
	return "deployment" in info ? frontmatter(info) + body : body;
}

function frontmatter(info: Provenance): string {
	const lines = [
		"---",
		`source: ${yamlString(pathLink(info.sourcePath))}`,
		`deployment: ${yamlString(info.deployment)}`,
		`model: ${yamlString(info.model)}`,
		`date: ${localDate(info.date)}`,
	];
	if (info.sourceHash !== undefined) lines.push(`source_path: ${yamlString(info.sourcePath)}`, `source_hash: ${yamlString(info.sourceHash)}`);
	if (info.usage) {
		lines.push(`prompt_tokens: ${info.usage.promptTokens}`, `completion_tokens: ${info.usage.completionTokens}`, `reasoning_tokens: ${info.usage.reasoningTokens}`);
	}
	lines.push("---", "");
	return lines.join("\n");
}

/** The new note's name, before `freePath` makes it unique: `Meeting (summary)`. */
export function generatedNoteBase(sourcePath: string, what: string): string {
	const base = sourcePath.split("/").pop()?.replace(/\.md$/i, "") ?? "Note";
	return `${base} (${what})`;
}

/** Where and what to insert to add `line` as a paragraph of its own at the end of `doc`. */
export function appendParagraph(doc: string, line: string): { at: number; text: string } {
	const sep = doc.trim() === "" ? "" : doc.endsWith("\n\n") ? "" : doc.endsWith("\n") ? "\n" : "\n\n";
	return { at: doc.length, text: `${sep}${line}\n` };
}
