/**
 * One wrapper for everything the user starts: command callbacks and button handlers. Obsidian
 * ignores the promise a command callback returns and the result of a click handler, so a throw
 * or a rejection there would end in the developer console, unseen. Here it becomes a notice that
 * says what was being done and what went wrong; and `keepAnswer` makes sure an answer that
 * exists is never lost, even when the clipboard refuses it.
 */
import { Notice, type App } from "obsidian";
import { keptAnswerHeading } from "../core/summaryNote";
import { writeAnswerNote } from "./answerNote";

export const FAILURE_NOTICE_MS = 20_000;

/** What a thrown value says: an Error's message, else the value as text. */
export function messageOf(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** Tells the user that `what` failed, and why. */
export function tellUnexpected(what: string, e: unknown): string {
	const message = `${what} failed: ${messageOf(e)}`;
	new Notice(message, FAILURE_NOTICE_MS);
	return message;
}

/**
 * Runs `fn`; a throw or a rejection becomes a notice ("<what> failed: <why>") and resolves to
 * `fallback(message)`. Never rejects.
 */
export async function guard<R>(what: string, fn: () => R | Promise<R>, fallback: (message: string) => R): Promise<R> {
	try {
		return await fn();
	} catch (e) {
		return fallback(tellUnexpected(what, e));
	}
}

/** A click handler that runs `fn` through `guard` (for buttons whose work may fail). */
export function guardedHandler(what: string, fn: () => unknown): () => void {
	return () => void guard(what, fn, () => undefined);
}

export interface KeepAnswerDeps {
	app: App;
	outputFolder: string;
	/** The clipboard's writeText; Obsidian's window.navigator.clipboard by default. */
	writeText?: (text: string) => Promise<void>;
}

/**
 * "Copy the answer": puts it on the clipboard; when the clipboard refuses (no permission, no
 * focus, mobile), the answer goes into a new note instead; when even that fails, it stays
 * visible in a notice that does not go away by itself. Resolves to where the answer is.
 */
export async function keepAnswer(deps: KeepAnswerDeps, what: string, answer: string): Promise<"clipboard" | { note: string } | "notice"> {
	const write = deps.writeText ?? ((text: string) => navigator.clipboard.writeText(text));
	try {
		await write(answer);
		new Notice(`The answer (${what}) is on the clipboard.`, 6_000);
		return "clipboard";
	} catch (clipboardError) {
		try {
			const heading = keptAnswerHeading(null, "the clipboard refused it", false);
			const note = await writeAnswerNote(deps.app, deps.outputFolder, { sourcePath: null, name: what, label: "answer", heading, answer, reasoningSummary: null });
			new Notice(`The clipboard refused the answer (${messageOf(clipboardError)}), so it was put in ${note.path}.`, FAILURE_NOTICE_MS);
			return { note: note.path };
		} catch (noteError) {
			new Notice(`Neither the clipboard (${messageOf(clipboardError)}) nor a new note (${messageOf(noteError)}) took the answer. Here it is, select and copy it:\n\n${answer}`, 0);
			return "notice";
		}
	}
}
