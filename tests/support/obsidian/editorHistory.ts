// The editor's change sets and undo history, in plain offsets.

/** A replacement of [from, to) by `insert`, in offsets of the document before the change set. */
export interface OffsetChange {
	from: number;
	to: number;
	insert: string;
}

/** A selection range in offsets. */
export interface Sel {
	anchor: number;
	head: number;
}

interface Entry {
	changes: OffsetChange[];
	removed: string[];
	selBefore: Sel[];
	selAfter: Sel[];
}

export interface Applied {
	doc: string;
	/** The changes sorted by position, no-ops dropped. */
	ordered: OffsetChange[];
	/** The text each ordered change replaced. */
	removed: string[];
	/** The same changes as a sequence, each in offsets of the document after the ones before it. */
	events: OffsetChange[];
}

/**
 * Maps an offset through a sorted change set as CodeMirror's mapPos does: a position strictly inside a
 * replaced range goes to its start (assoc < 0) or end (assoc > 0); at a pure insertion it stays before
 * the text when assoc < 0.
 */
export function mapOffset(pos: number, ordered: OffsetChange[], assoc: -1 | 1): number {
	let delta = 0;
	for (const c of ordered) {
		if (pos < c.from) break;
		const end = c.from + delta + c.insert.length;
		if (pos > c.to) {
			delta += c.insert.length - (c.to - c.from);
			continue;
		}
		if (c.from === c.to) {
			if (assoc < 0) return c.from + delta;
			delta += c.insert.length;
			continue;
		}
		if (pos === c.from) return c.from + delta;
		if (pos === c.to) {
			delta += c.insert.length - (c.to - c.from);
			continue;
		}
		return assoc < 0 ? c.from + delta : end;
	}
	return pos + delta;
}

export class History {
	readonly done: Entry[] = [];
	readonly undone: Entry[] = [];

	/** Applies a change set; throws RangeError for a position outside the document or overlapping changes. */
	static apply(doc: string, changes: OffsetChange[]): Applied {
		for (const c of changes) {
			if (c.from < 0 || c.to < c.from || c.to > doc.length) {
				throw new RangeError(`Invalid change range ${c.from} to ${c.to} (in doc of length ${doc.length})`);
			}
		}
		const ordered = changes
			.filter((c) => c.from !== c.to || c.insert !== "")
			.map((c, i) => ({ c, i }))
			.sort((x, y) => x.c.from - y.c.from || x.c.to - y.c.to || x.i - y.i)
			.map((x) => x.c);
		const removed: string[] = [];
		const events: OffsetChange[] = [];
		const parts: string[] = [];
		let pos = 0;
		let delta = 0;
		for (const c of ordered) {
			if (c.from < pos) throw new RangeError(`Overlapping changes at ${c.from} (a change before ends at ${pos})`);
			parts.push(doc.slice(pos, c.from), c.insert);
			removed.push(doc.slice(c.from, c.to));
			events.push({ from: c.from + delta, to: c.to + delta, insert: c.insert });
			delta += c.insert.length - (c.to - c.from);
			pos = c.to;
		}
		parts.push(doc.slice(pos));
		return { doc: parts.join(""), ordered, removed, events };
	}

	record(entry: Entry): void {
		this.done.push(entry);
		this.undone.length = 0;
	}

	undo(doc: string): { doc: string; sels: Sel[]; events: OffsetChange[] } | null {
		const entry = this.done.pop();
		if (!entry) return null;
		const inverse: OffsetChange[] = [];
		let delta = 0;
		entry.changes.forEach((c, i) => {
			const from = c.from + delta;
			inverse.push({ from, to: from + c.insert.length, insert: entry.removed[i] as string });
			delta += c.insert.length - (c.to - c.from);
		});
		const applied = History.apply(doc, inverse);
		this.undone.push(entry);
		return { doc: applied.doc, sels: entry.selBefore, events: applied.events };
	}

	redo(doc: string): { doc: string; sels: Sel[]; events: OffsetChange[] } | null {
		const entry = this.undone.pop();
		if (!entry) return null;
		const applied = History.apply(doc, entry.changes);
		this.done.push(entry);
		return { doc: applied.doc, sels: entry.selAfter, events: applied.events };
	}
}
