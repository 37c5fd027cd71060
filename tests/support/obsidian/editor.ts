// Editor over a plain string, with CodeMirror 6's rules for positions, selections, transactions and undo.
import type { Editor as ObsidianEditor, EditorPosition, EditorRange, EditorSelection, EditorSelectionOrCaret, EditorTransaction } from "obsidian";
import { History, mapOffset, type OffsetChange, type Sel } from "./editorHistory";

/** One edit, in offsets of the document just before it. A transaction of n changes gives n events, in order. */
export interface EditorChangeEvent {
	from: number;
	to: number;
	text: string;
	origin?: string;
}

type Implemented = Pick<ObsidianEditor,
	"getValue" | "setValue" | "getLine" | "setLine" | "lineCount" | "lastLine" | "getSelection" | "somethingSelected" |
	"getRange" | "replaceSelection" | "replaceRange" | "getCursor" | "listSelections" | "setCursor" | "setSelection" |
	"setSelections" | "focus" | "blur" | "hasFocus" | "refresh" | "undo" | "redo" | "transaction" | "posToOffset" |
	"offsetToPos" | "getScrollInfo" | "scrollTo" | "scrollIntoView">;

export class Editor implements Implemented {
	private doc: string;
	private sels: Sel[] = [{ anchor: 0, head: 0 }];
	private history = new History();
	private listeners = new Set<(change: EditorChangeEvent) => void>();
	private focused = false;

	constructor(text = "") {
		this.doc = text;
	}

	/** Stand-in only: follow every change of the document. Returns the unsubscribe function. */
	onChange(cb: (change: EditorChangeEvent) => void): () => void {
		this.listeners.add(cb);
		return () => this.listeners.delete(cb);
	}
	/** Stand-in only: how many steps undo() can take back. */
	undoDepth(): number {
		return this.history.done.length;
	}
	redoDepth(): number {
		return this.history.undone.length;
	}
	/** Stand-in only: a new document with no history (what opening another file in the view does). */
	resetDocument(text: string): void {
		const old = this.doc.length;
		this.doc = text;
		this.sels = [{ anchor: 0, head: 0 }];
		this.history = new History();
		this.emit([{ from: 0, to: old, insert: text }], "setViewData");
	}

	getDoc(): this {
		return this;
	}
	refresh(): void {}
	getValue(): string {
		return this.doc;
	}
	setValue(content: string): void {
		this.change([{ from: 0, to: this.doc.length, insert: content }], undefined, "setValue");
	}
	getLine(line: number): string {
		const lines = this.doc.split("\n");
		if (!Number.isInteger(line) || line < 0 || line >= lines.length) {
			throw new RangeError(`Invalid line number ${line + 1} in ${lines.length}-line document`);
		}
		return lines[line] as string;
	}
	setLine(n: number, text: string): void {
		const len = this.getLine(n).length;
		this.replaceRange(text, { line: n, ch: 0 }, { line: n, ch: len });
	}
	lineCount(): number {
		return this.doc.split("\n").length;
	}
	lastLine(): number {
		return this.lineCount() - 1;
	}

	/** Clamped like Obsidian: a line past the end is the document's end, ch is kept within its line. */
	posToOffset(pos: EditorPosition): number {
		if (pos.line < 0) return 0;
		const lines = this.doc.split("\n");
		if (pos.line >= lines.length) return this.doc.length;
		let start = 0;
		for (let i = 0; i < pos.line; i++) start += (lines[i] as string).length + 1;
		const len = (lines[pos.line] as string).length;
		const ch = Number.isFinite(pos.ch) ? Math.max(0, Math.min(pos.ch, len)) : len;
		return start + ch;
	}
	offsetToPos(offset: number): EditorPosition {
		const o = Math.max(0, Math.min(offset, this.doc.length));
		const before = this.doc.slice(0, o);
		const line = before.split("\n").length - 1;
		return { line, ch: o - (before.lastIndexOf("\n") + 1) };
	}

	getRange(from: EditorPosition, to: EditorPosition): string {
		const a = this.posToOffset(from);
		const b = this.posToOffset(to);
		return this.doc.slice(Math.min(a, b), Math.max(a, b));
	}
	/** The main selection's text. */
	getSelection(): string {
		const s = this.sels[0] as Sel;
		return this.doc.slice(Math.min(s.anchor, s.head), Math.max(s.anchor, s.head));
	}
	somethingSelected(): boolean {
		return this.sels.some((s) => s.anchor !== s.head);
	}
	getCursor(side: "from" | "to" | "head" | "anchor" = "head"): EditorPosition {
		const s = this.sels[0] as Sel;
		const at = side === "from" ? Math.min(s.anchor, s.head) : side === "to" ? Math.max(s.anchor, s.head) : s[side];
		return this.offsetToPos(at);
	}
	listSelections(): EditorSelection[] {
		return this.sels.map((s) => ({ anchor: this.offsetToPos(s.anchor), head: this.offsetToPos(s.head) }));
	}
	setCursor(pos: EditorPosition | number, ch?: number): void {
		const p = typeof pos === "number" ? { line: pos, ch: ch ?? 0 } : pos;
		this.setSelection(p);
	}
	setSelection(anchor: EditorPosition, head?: EditorPosition): void {
		const a = this.posToOffset(anchor);
		this.sels = [{ anchor: a, head: head ? this.posToOffset(head) : a }];
	}
	setSelections(ranges: EditorSelectionOrCaret[], main = 0): void {
		if (ranges.length === 0) return;
		const sels = ranges.map((r) => {
			const a = this.posToOffset(r.anchor);
			return { anchor: a, head: r.head ? this.posToOffset(r.head) : a };
		});
		const m = Math.max(0, Math.min(main, sels.length - 1));
		this.sels = [sels[m] as Sel, ...sels.filter((_, i) => i !== m)];
	}

	/** One undo step; selections are mapped through the change (a caret at `from` stays before the text). */
	replaceRange(replacement: string, from: EditorPosition, to?: EditorPosition, origin?: string): void {
		const a = this.posToOffset(from);
		const b = to ? this.posToOffset(to) : a;
		this.change([{ from: Math.min(a, b), to: Math.max(a, b), insert: replacement }], undefined, origin);
	}
	/** Replaces every selection; the carets end after the inserted text. One undo step. */
	replaceSelection(replacement: string, origin?: string): void {
		const changes = this.sels.map((s) => ({ from: Math.min(s.anchor, s.head), to: Math.max(s.anchor, s.head), insert: replacement }));
		this.change(changes, (ordered) => this.sels.map((s) => {
			const end = mapOffset(Math.max(s.anchor, s.head), ordered, 1);
			return { anchor: end, head: end };
		}), origin);
	}
	/**
	 * CodeMirror's rules: `changes` (and `replaceSelection`, on the main selection) are positions in the
	 * document BEFORE the transaction and must not overlap; `selection`/`selections` are positions in the
	 * document AFTER it. The whole transaction is one undo step.
	 */
	transaction(tx: EditorTransaction, origin?: string): void {
		const changes: OffsetChange[] = (tx.changes ?? []).map((c) => {
			const a = this.posToOffset(c.from);
			const b = c.to ? this.posToOffset(c.to) : a;
			return { from: Math.min(a, b), to: Math.max(a, b), insert: c.text };
		});
		const main = this.sels[0] as Sel;
		if (tx.replaceSelection !== undefined) {
			changes.push({ from: Math.min(main.anchor, main.head), to: Math.max(main.anchor, main.head), insert: tx.replaceSelection });
		}
		const wanted = tx.selections ?? (tx.selection ? [tx.selection] : null);
		const selectionAfter = (ordered: OffsetChange[]): Sel[] | null => {
			if (wanted) {
				return wanted.map((r) => {
					const a = this.posToOffset(r.from);
					return { anchor: a, head: r.to ? this.posToOffset(r.to) : a };
				});
			}
			if (tx.replaceSelection === undefined) return null;
			const end = mapOffset(Math.max(main.anchor, main.head), ordered, 1);
			return [{ anchor: end, head: end }];
		};
		if (changes.length === 0) {
			const s = selectionAfter([]);
			if (s) this.sels = s;
			return;
		}
		this.change(changes, selectionAfter, origin);
	}

	undo(): void {
		const step = this.history.undo(this.doc);
		if (!step) return;
		this.doc = step.doc;
		this.sels = step.sels;
		this.emit(step.events, "undo");
	}
	redo(): void {
		const step = this.history.redo(this.doc);
		if (!step) return;
		this.doc = step.doc;
		this.sels = step.sels;
		this.emit(step.events, "redo");
	}

	focus(): void {
		this.focused = true;
	}
	blur(): void {
		this.focused = false;
	}
	hasFocus(): boolean {
		return this.focused;
	}
	getScrollInfo(): { top: number; left: number } {
		return { top: 0, left: 0 };
	}
	scrollTo(_x?: number | null, _y?: number | null): void {}
	scrollIntoView(_range: EditorRange, _center?: boolean): void {}

	/**
	 * Applies non-overlapping changes given in offsets of the current document, records one undo step,
	 * sets the selection (given, or mapped) and notifies listeners.
	 */
	private change(changes: OffsetChange[], selectionAfter: ((ordered: OffsetChange[]) => Sel[] | null) | undefined, origin?: string): void {
		const applied = History.apply(this.doc, changes);
		const before = this.sels;
		if (applied.ordered.length === 0) {
			this.sels = selectionAfter?.([]) ?? before;
			return;
		}
		this.doc = applied.doc;
		this.sels = selectionAfter?.(applied.ordered) ?? before.map((s) => ({
			anchor: mapOffset(s.anchor, applied.ordered, -1),
			head: mapOffset(s.head, applied.ordered, -1),
		}));
		this.history.record({ changes: applied.ordered, removed: applied.removed, selBefore: before, selAfter: this.sels });
		this.emit(applied.events, origin);
	}

	private emit(events: { from: number; to: number; insert: string }[], origin?: string): void {
		for (const e of events) {
			for (const cb of [...this.listeners]) cb({ from: e.from, to: e.to, text: e.insert, ...(origin === undefined ? {} : { origin }) });
		}
	}
}
