/**
 * How many tokens a prompt takes, estimated before sending, and whether it fits the family's
 * context window beside the answer's budget.
 *
 * An estimate, not a tokenizer: an exact one (the o200k/cl100k rank tables) would cost far more
 * than the plugin's whole bundle. OpenAI's tokenizers average about 4 characters of English per
 * token; code, numbers and punctuation take more tokens; Chinese, Japanese and Korean about one
 * per character. The estimate leans high (a margin on top), so that "it fits" is rarely wrong;
 * when it is, Azure refuses the request and the user is told why: nothing is ever cut silently.
 */

import { formatCount } from "./count";

export interface ContextCheck {
	/** The prompt's estimated tokens (all messages, with the chat format's overhead). */
	promptTokens: number;
	contextWindow: number;
	/** Kept for the answer and its reasoning: the request's max_completion_tokens. */
	reserved: number;
	/** What the prompt may take: contextWindow - reserved. */
	available: number;
	fits: boolean;
}

/** Extra room on top of the estimate. */
export const ESTIMATE_MARGIN = 1.1;
/** Tokens the chat format adds per message (role, separators) and to prime the reply. */
const PER_MESSAGE = 4;
const REPLY_PRIMING = 3;

/** Scripts written without spaces between words, where a token is about one character or less. */
const DENSE_SCRIPT = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

/** Runs of characters outside ASCII; everything between them is ASCII, one UTF-16 unit a character. */
const NON_ASCII_RUNS = /[\u0080-\u{10ffff}]+/gu;

/** Estimated tokens of one text. */
export function estimateTokens(text: string): number {
	// Only the non-ASCII runs are read character by character: a note in English is counted by its length.
	let ascii = text.length;
	let dense = 0;
	let other = 0;
	for (const [run] of text.matchAll(NON_ASCII_RUNS)) {
		ascii -= run.length;
		for (const ch of run) {
			const code = ch.codePointAt(0) ?? 0;
			if (DENSE_SCRIPT.test(ch)) dense++;
			else if (code > 0xffff) dense += 2; // emoji and other astral characters: several tokens each
			else other++;
		}
	}
	// Letters of other alphabets (accented Latin, Cyrillic, Greek, Arabic...) merge less than English.
	// Rounded to a millionth first, so that 100 * 1.1 is 110 and not 111.
	return Math.ceil(Math.round((ascii / 4 + other / 2 + dense) * ESTIMATE_MARGIN * 1e6) / 1e6);
}

/** Estimated tokens of a chat request's messages. */
export function estimatePromptTokens(messages: readonly { content: string }[]): number {
	return messages.reduce((sum, m) => sum + PER_MESSAGE + estimateTokens(m.content), REPLY_PRIMING);
}

export function checkContext(messages: readonly { content: string }[], contextWindow: number, maxCompletionTokens: number): ContextCheck {
	const promptTokens = estimatePromptTokens(messages);
	const available = Math.max(0, contextWindow - maxCompletionTokens);
	return { promptTokens, contextWindow, reserved: maxCompletionTokens, available, fits: promptTokens <= available };
}

export { formatCount };

/** What the user reads when a prompt would not fit. */
export function describeOverflow(check: ContextCheck, familyLabel: string): string {
	const f = formatCount;
	return `The prompt is about ${f(check.promptTokens)} tokens (an estimate), but ${familyLabel} takes ${f(check.contextWindow)} tokens in all, of which ${f(check.reserved)} are kept for the answer (max completion tokens): at most ${f(check.available)} are left for the prompt.`;
}

/**
 * The largest answer budget with which the prompt would fit, when it is smaller than the one
 * reserved and at least `minimum` (what the API takes); null when no budget makes it fit. Rounded
 * down to hundreds from 1,000 up, for a number a person reads at a glance (and a little margin).
 */
export function budgetThatFits(check: ContextCheck, minimum: number): number | null {
	const room = check.contextWindow - check.promptTokens;
	const budget = room >= 1_000 ? Math.floor(room / 100) * 100 : room;
	return budget >= Math.max(1, minimum) && budget < check.reserved ? budget : null;
}
