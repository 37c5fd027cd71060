/**
 * How an answer is written into the note, so that it can be told apart from the user's own
 * writing: as plain text (as it came), as a quote (`> ` on every line), or as a callout
 * (`> [!note]` with a title naming the model, the time taken and the tokens). Pure text rules
 * over any Markdown the model writes: code fences, lists, tables, quotes and callouts of its own
 * (they nest), CRLF line endings; every line of a quote starts with `>` (a blank line is a bare
 * `>`), so the quote never ends early and unquoting it gives the answer back.
 */
import { formatCount } from "./count";
import type { Usage } from "./response";

export type AnswerFormat = "plain" | "quote" | "callout";

export const ANSWER_FORMATS: readonly AnswerFormat[] = ["plain", "quote", "callout"];

export function isAnswerFormat(v: unknown): v is AnswerFormat {
	return v === "plain" || v === "quote" || v === "callout";
}

/** What the callout's title names. */
export interface AnswerInfo {
	/** The model that answered (the response's `model`, else the deployment's name). */
	model: string;
	elapsedMs: number;
	usage: Usage | null;
}

/** The answer as the note holds it: "\n" line breaks (a lone "\r" is a line break too), no leading blank lines, no trailing whitespace. */
export function normalizeAnswer(answer: string): string {
	return answer
		.replace(/\r\n?/g, "\n")
		.replace(/^(?:[ \t]*\n)+/, "")
		.replace(/\s+$/, "");
}

/** Every line quoted: `> ` before it, a bare `>` for an empty line. "" stays "". */
export function quoteMarkdown(markdown: string): string {
	const text = normalizeAnswer(markdown);
	if (text === "") return "";
	return text
		.split("\n")
		.map((line) => (line === "" ? ">" : `> ${line}`))
		.join("\n");
}

/** The text a quote of `quoteMarkdown` holds (the inverse: one level of `>` taken off each line). */
export function unquoteMarkdown(quoted: string): string {
	if (quoted === "") return "";
	return quoted
		.split("\n")
		.map((line) => {
			if (line === ">") return "";
			if (line.startsWith("> ")) return line.slice(2);
			throw new Error(`Not a quoted line: ${JSON.stringify(line)}`);
		})
		.join("\n");
}

/** "o1-2024-12-17 · 3.4 s · 1,210 prompt + 2,048 completion tokens (1,920 reasoning)": one line. */
export function answerTitle(info: AnswerInfo): string {
	const model = info.model.replace(/\s+/g, " ").trim() || "Model";
	const u = info.usage;
	const tokens = u ? `${formatCount(u.promptTokens)} prompt + ${formatCount(u.completionTokens)} completion tokens (${formatCount(u.reasoningTokens)} reasoning)` : "tokens not reported";
	return `${model} · ${(info.elapsedMs / 1000).toFixed(1)} s · ${tokens}`;
}

/** The callout's first line, `> [!note] <title>`. */
export function calloutHeader(info: AnswerInfo): string {
	return `> [!note] ${answerTitle(info)}`;
}

/** The answer in `format`: plain exactly as it came (placing it tidies it, as it always did), a quote, or a callout whose body is the quote. */
export function formatAnswer(answer: string, format: AnswerFormat, info: AnswerInfo): string {
	if (format === "plain") return answer;
	const quoted = quoteMarkdown(answer);
	if (format === "quote") return quoted;
	return quoted === "" ? calloutHeader(info) : `${calloutHeader(info)}\n${quoted}`;
}
