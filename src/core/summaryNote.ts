/**
 * The text of a note the plugin writes for an answer (a summary, or a template whose output is
 * a new note): frontmatter that says where it came from and what made it, a link back to the
 * source, then the answer.
 */
import type { Usage } from "./response";

export interface GeneratedNoteInfo {
	/** The source note's path in the vault (`Notes/Meeting.md`). */
	sourcePath: string;
	/** A link to the source as the user's link settings write it (`[[Meeting]]`). */
	sourceLink: string;
	/** The first line: what this note is, with `{{link}}` where the link goes. */
	heading: string;
	/** The deployment's display name. */
	deployment: string;
	/** The model that really answered (the response's `model`). */
	model: string;
	date: Date;
	usage: Usage | null;
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

/** The new note: frontmatter, the heading with the link back, the reasoning summary (folded) when there is one, the answer. */
export function generatedNoteText(info: GeneratedNoteInfo, answer: string, reasoningSummary: string | null = null): string {
	const lines = [
		"---",
		`source: ${yamlString(pathLink(info.sourcePath))}`,
		`deployment: ${yamlString(info.deployment)}`,
		`model: ${yamlString(info.model)}`,
		`date: ${localDate(info.date)}`,
	];
	if (info.usage) {
		lines.push(`prompt_tokens: ${info.usage.promptTokens}`, `completion_tokens: ${info.usage.completionTokens}`, `reasoning_tokens: ${info.usage.reasoningTokens}`);
	}
	lines.push("---", "");
	const heading = info.heading.split("{{link}}").join(info.sourceLink);
	return `${lines.join("\n")}${heading}\n\n${withReasoning(answer.trim(), reasoningSummary)}\n`;
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
