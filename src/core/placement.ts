/**
 * Where and how an answer goes into the note once its target's place is known: pure rules over
 * the note's text, so that the editor, `Vault.process` and the tests share them.
 *
 * - "replace" puts the answer in the target's place. The target's own leading and trailing
 *   whitespace (a selection of whole lines ends with its line break) is kept around the answer,
 *   whose own outer whitespace is dropped: the text around never runs into the answer.
 * - A quote or a callout (an answer whose every line starts with `>`) that replaces text inside
 *   a line stands on lines of its own: line breaks are added before it and after it until a blank
 *   line (or the note's edge) is on each side. Otherwise the rest of the user's line would be read
 *   as the quote's last line (Markdown's lazy continuation), and the start of it would hold the
 *   quote's first line. Only line breaks are added: every character the user wrote is kept.
 * - "below" puts the answer on its own paragraph after the line the target ends on (a target
 *   ending with a line break ends on the line before it): "\n\n" + answer is inserted at the end
 *   of that line, plus one "\n" when the next line is not blank, so that a blank line separates
 *   the answer from the text on each side. The answer's leading blank lines and trailing
 *   whitespace are dropped.
 * - A target whose text was changed since it was captured is not replaced (that would throw
 *   away what the user typed): the answer goes below it, and the plan says so (`edited`).
 * - A target whose text is all gone (it was not empty) has no place: `gone`.
 */

export type OutputPlacement = "replace" | "below";

/** Read access to a note's text; cheap for a string and for CodeMirror's rope. */
export interface DocText {
	readonly length: number;
	slice(from: number, to: number): string;
	/** The offset of the end of the line holding `pos` (before its line break). */
	lineEnd(pos: number): number;
}

export function stringDoc(text: string): DocText {
	return {
		length: text.length,
		slice: (from, to) => text.slice(from, to),
		lineEnd: (pos) => {
			const i = text.indexOf("\n", pos);
			return i === -1 ? text.length : i;
		},
	};
}

export type PlacementPlan =
	| { kind: "gone" }
	| {
			kind: "insert";
			/** Replace [from, to) of the note by `insert`. */
			from: number;
			to: number;
			insert: string;
			/** What was done: "below" also when "replace" was asked for and the target was edited. */
			placed: OutputPlacement;
			/** The target's text is no longer the text that was captured. */
			edited: boolean;
	  };

/** The answer without leading blank lines and trailing whitespace (a first line's indent stays). */
export function tidyAnswer(answer: string): string {
	return answer.replace(/^(?:[ \t]*\r?\n)+/, "").replace(/\s+$/, "");
}

/** Where "below" inserts for a target [from, to): the end of the line the target ends on. */
export function belowPoint(doc: DocText, from: number, to: number): number {
	const last = to > from && doc.slice(to - 1, to) === "\n" ? to - 1 : to;
	return doc.lineEnd(last);
}

export function planPlacement(doc: DocText, range: { from: number; to: number }, original: string, answer: string, mode: OutputPlacement): PlacementPlan {
	const current = doc.slice(range.from, range.to);
	if (original !== "" && current === "") return { kind: "gone" };
	const edited = current !== original;
	if (mode === "replace" && !edited) {
		const lead = /^\s*/.exec(current)?.[0] ?? "";
		const trail = /\s*$/.exec(current.slice(lead.length))?.[0] ?? "";
		const body = answer.trim();
		const [open, close] = isQuoteBlock(body) ? blockBreaks(doc.slice(0, range.from) + lead, trail + twoLines(doc, range.to)) : ["", ""];
		return { kind: "insert", from: range.from, to: range.to, insert: lead + open + body + close + trail, placed: "replace", edited };
	}
	const at = belowPoint(doc, range.from, range.to);
	const next = doc.slice(at, at + 2);
	const gap = next.length === 2 && next[0] === "\n" && next[1] !== "\n" ? "\n" : "";
	return { kind: "insert", from: at, to: at, insert: `\n\n${tidyAnswer(answer)}${gap}`, placed: "below", edited };
}

/** The text from `pos` to the end of the line after the one holding it, with its line break. */
function twoLines(doc: DocText, pos: number): string {
	const end = doc.lineEnd(pos);
	return doc.slice(pos, end < doc.length ? Math.min(doc.length, doc.lineEnd(end + 1) + 1) : end);
}

/** Every line starts with `>`: a quote or a callout, which Markdown ends only at a blank line. */
export function isQuoteBlock(text: string): boolean {
	return text !== "" && text.split("\n").every((line) => line.startsWith(">"));
}

/**
 * The line breaks to put before and after a quote block placed between `before` and `after`
 * (the text on each side; `after` need only reach into the line after the next line break), so
 * that a blank line or the note's edge is on each side of it.
 */
export function blockBreaks(before: string, after: string): [string, string] {
	const open = before === "" || /(?:^|\n)[ \t]*\n$/.test(before) ? "" : before.endsWith("\n") ? "\n" : "\n\n";
	const close = /^[ \t]*(?:$|\n[ \t]*(?:$|\n))/.test(after) ? "" : /^[ \t]*\n/.test(after) ? "\n" : "\n\n";
	return [open, close];
}
