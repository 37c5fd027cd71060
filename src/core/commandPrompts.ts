/**
 * The prompts of the built-in commands (the ones that are not prompt templates from the
 * settings): ask about the selection, and the two summaries. Templates in the settings' syntax,
 * rendered with `renderTemplate`, so a note that itself contains `{{note}}` is never expanded twice.
 */
import { renderTemplate, type NoteContext } from "./prompt";

export const SUMMARIZE_NOTE_TEMPLATE =
	'Summarize the note "{{title}}" below: first one short paragraph with its gist, then its key points as a bulleted list. Answer in the note\'s language, in Markdown, with the summary only.\n\n{{note}}';

export const SUMMARIZE_SELECTION_TEMPLATE =
	'Summarize the following text from the note "{{title}}": first one short paragraph with its gist, then its key points as a bulleted list. Answer in the text\'s language, in Markdown, with the summary only.\n\n{{selection}}';

/**
 * A free instruction about the selection. The instruction is the user's own words, taken as
 * written (never as a template), followed by the text it is about.
 */
export function askPrompt(instruction: string, ctx: NoteContext): string {
	const about = renderTemplate('The text (from the note "{{title}}"):\n\n{{selection}}', ctx);
	return `${instruction.trim()}\n\n---\n\n${about}`;
}

/** True when the template reads the whole note (so "send the selection only" is a way to make it smaller). */
export function usesWholeNote(templateText: string): boolean {
	return /\{\{\s*note\s*\}\}/.test(templateText);
}

/** True when the template reads the selection (so it needs one). */
export function usesSelection(templateText: string): boolean {
	return /\{\{\s*selection\s*\}\}/.test(templateText);
}
