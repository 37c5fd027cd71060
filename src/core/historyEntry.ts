/**
 * One request the plugin sent, as the request history keeps it: what asked, which deployment and
 * model answered, how long it took, the tokens (of which reasoning), how it ended, and where the
 * answer went. Never a key; never the note's text unless the user asked for prompts to be kept
 * (`prompt`). The file that holds these and the view that shows them: ui/history/.
 */
import type { Operation } from "./families";

export type HistoryOutcome = "answered" | "failed" | "cancelled" | "late";

/** Where the answer went: `kind` says how, `path` which note. */
export interface HistoryDestination {
	kind: "replace" | "below" | "new-note" | "kept-note" | "none";
	/** The note's path in the vault; "" when the answer went nowhere. */
	path: string;
}

export interface HistoryEntry {
	/** ISO 8601, when the request was sent. */
	time: string;
	/** The command's id (`ask-about-selection`, `summarize-folder-to-new-notes`, `template-<id>`…). */
	command: string;
	/** The template's name, when a template asked. */
	template?: string;
	/** The template's id (for "Run again" with the template as it is now), when a template asked. */
	templateId?: string;
	/** The note the request was made from (its path in the vault); absent when there was none. */
	source?: string;
	/** The deployment's id and, for reading, its display name when it was sent. */
	deploymentId: string;
	deployment: string;
	/** The model that really answered (the response's `model`); "" when none did. */
	model: string;
	operation: Operation;
	durationMs: number;
	promptTokens: number;
	completionTokens: number;
	reasoningTokens: number;
	outcome: HistoryOutcome;
	/** Why it failed, in a few words (already free of secrets); absent when it did not fail. */
	error?: string;
	destination: HistoryDestination;
	/** The prompt as sent: only when the "keep prompts" setting is on. */
	prompt?: string;
}

/** Where the plugin's services record each request (ui/history/ keeps them in a file). */
export interface HistorySink {
	record(entry: HistoryEntry): void;
}
