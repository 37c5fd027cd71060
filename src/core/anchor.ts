/**
 * Finding again the place a command was asked for, in a text that may have changed since:
 * the selected text, where it was, and some context on each side. Used when the answer
 * arrives and the note is no longer the text the command saw.
 */

export interface Anchor {
	from: number;
	to: number;
	/** The text that was selected (may be empty: an insertion point). */
	text: string;
	before: string;
	after: string;
}

export const CONTEXT_CHARS = 64;

export function makeAnchor(doc: string, from: number, to: number): Anchor {
	return {
		from,
		to,
		text: doc.slice(from, to),
		before: doc.slice(Math.max(0, from - CONTEXT_CHARS), from),
		after: doc.slice(to, to + CONTEXT_CHARS),
	};
}

function commonSuffix(a: string, b: string): number {
	let n = 0;
	while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
	return n;
}

function commonPrefix(a: string, b: string): number {
	let n = 0;
	while (n < a.length && n < b.length && a[n] === b[n]) n++;
	return n;
}

function contextScore(doc: string, anchor: Anchor, from: number, to: number): number {
	const before = doc.slice(Math.max(0, from - anchor.before.length), from);
	const after = doc.slice(to, to + anchor.after.length);
	return commonSuffix(before, anchor.before) + commonPrefix(after, anchor.after);
}

/**
 * Where the anchored text is now, or null when it is gone. The original place wins when the
 * text is still there; otherwise the occurrence with the most surrounding context in common,
 * then the nearest one. An empty selection is found by its context alone, and needs some.
 */
export function locateAnchor(doc: string, anchor: Anchor): { from: number; to: number } | null {
	const { text } = anchor;
	if (text !== "") {
		if (doc.slice(anchor.from, anchor.to) === text && contextScore(doc, anchor, anchor.from, anchor.to) === anchor.before.length + anchor.after.length) {
			return { from: anchor.from, to: anchor.to };
		}
		let best: { from: number; score: number; distance: number } | null = null;
		for (let i = doc.indexOf(text); i !== -1; i = doc.indexOf(text, i + 1)) {
			const score = contextScore(doc, anchor, i, i + text.length);
			const distance = Math.abs(i - anchor.from);
			if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { from: i, score, distance };
		}
		return best ? { from: best.from, to: best.from + text.length } : null;
	}
	if (anchor.before === "" && anchor.after === "") return doc === "" ? { from: 0, to: 0 } : null;
	const joined = anchor.before + anchor.after;
	let best: { at: number; distance: number } | null = null;
	for (let i = doc.indexOf(joined); i !== -1; i = doc.indexOf(joined, i + 1)) {
		const at = i + anchor.before.length;
		const distance = Math.abs(at - anchor.from);
		if (!best || distance < best.distance) best = { at, distance };
	}
	return best ? { from: best.at, to: best.at } : null;
}

/** `doc` with [from, to) replaced by `text`. */
export function spliceText(doc: string, from: number, to: number, text: string): string {
	return doc.slice(0, from) + text + doc.slice(to);
}

/**
 * Where `text` occurs in `region` (text that replaced a stretch of the note) with the context it
 * had, as far as the region reaches: the end of `before` and the start of `after` that fit between
 * the occurrence and the region's edges must be there unchanged. The occurrence nearest `near`
 * wins; null when there is none. Used when one edit replaced a stretch holding a tracked range
 * with text that may hold it again (a reload from disk, the same text pasted back, an undo).
 */
export function findInReplacement(region: string, text: string, before: string, after: string, near: number): number | null {
	if (text === "") return null;
	let best: number | null = null;
	for (let i = region.indexOf(text); i !== -1; i = region.indexOf(text, i + 1)) {
		const end = i + text.length;
		const b = Math.min(before.length, i);
		const a = Math.min(after.length, region.length - end);
		if (region.slice(i - b, i) !== before.slice(before.length - b)) continue;
		if (region.slice(end, end + a) !== after.slice(0, a)) continue;
		if (best === null || Math.abs(i - near) < Math.abs(best - near)) best = i;
	}
	return best;
}

/**
 * Runs `edit` on `doc` with "\n" line endings when every line of `doc` ends in "\r\n" (a note
 * written on Windows: the editor, and so every captured range, knows it with "\n"), and gives
 * the result back with "\r\n", the answer's lines included. Other texts are edited as they are.
 */
export function editKeepingCrlf<T>(doc: string, edit: (text: string) => { text: string; value: T } | null): { text: string; value: T } | null {
	const crlf = doc.includes("\r\n") && !/(^|[^\r])\n/.test(doc);
	if (!crlf) return edit(doc);
	const done = edit(doc.replace(/\r\n/g, "\n"));
	return done ? { text: done.text.replace(/\r?\n/g, "\r\n"), value: done.value } : null;
}
