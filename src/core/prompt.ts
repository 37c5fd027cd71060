/**
 * Prompt templates: text with `{{selection}}`, `{{note}}` and `{{title}}` placeholders,
 * rendered from what a command captured in the editor.
 */
import type { AnswerFormat } from "./answerFormat";

export type OutputMode = "replace" | "below" | "new-note";

export interface PromptTemplate {
	id: string;
	name: string;
	text: string;
	output: OutputMode;
	/** A deployment to use instead of the default one. */
	deploymentId: string | null;
	/** How the answer is written (core/answerFormat.ts); absent: plain, as before formats existed. */
	format?: AnswerFormat;
}

export interface NoteContext {
	selection: string;
	note: string;
	title: string;
}

export const PLACEHOLDERS = ["selection", "note", "title"] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const DEFAULT_TEMPLATES: readonly PromptTemplate[] = [
	{
		id: "improve-writing",
		name: "Improve the writing",
		text: "Improve the writing of the following text. Keep its meaning, language, tone and Markdown formatting; fix grammar and clumsy phrasing. Answer with the improved text only.\n\n{{selection}}",
		output: "replace",
		deploymentId: null,
	},
	{
		id: "summarize",
		name: "Summarize",
		text: "Summarize the following text from the note \"{{title}}\" in a few bullet points. Answer in the text's language, in Markdown.\n\n{{selection}}",
		output: "below",
		deploymentId: null,
	},
	{
		id: "explain",
		name: "Explain",
		text: "Explain the following text from the note \"{{title}}\" clearly, step by step, for someone new to the subject. Answer in Markdown.\n\n{{selection}}",
		output: "below",
		deploymentId: null,
	},
	{
		id: "translate-english",
		name: "Translate into English",
		text: "Translate the following text into English. Keep the Markdown formatting. Answer with the translation only.\n\n{{selection}}",
		output: "replace",
		deploymentId: null,
	},
	{
		id: "action-items",
		name: "Extract action items",
		text: "List the action items in the following text as a Markdown task list (\"- [ ] \"), each with its owner and due date when the text gives them. Answer with the list only.\n\n{{selection}}",
		output: "below",
		deploymentId: null,
	},
];

/** The placeholders in `text` that are not known, in order of first appearance. */
export function unknownPlaceholders(text: string): string[] {
	const unknown: string[] = [];
	for (const m of text.matchAll(PLACEHOLDER)) {
		const name = m[1] ?? "";
		if (!(PLACEHOLDERS as readonly string[]).includes(name) && !unknown.includes(name)) unknown.push(name);
	}
	return unknown;
}

/**
 * Fills the placeholders in one pass, so text inside the note that itself looks like a
 * placeholder is never expanded again. Unknown placeholders are left as written.
 */
export function renderTemplate(text: string, ctx: NoteContext): string {
	return text.replace(PLACEHOLDER, (whole, name: string) => {
		switch (name) {
			case "selection":
				return ctx.selection;
			case "note":
				return ctx.note;
			case "title":
				return ctx.title;
			default:
				return whole;
		}
	});
}
