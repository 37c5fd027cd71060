// Editor over a real CodeMirror 6 EditorState, as Obsidian's is: every edit (replaceRange,
// replaceSelection, setValue, transaction, undo, redo) is a transaction of that state, so the editor
// extensions plugins register (state fields mapped through changes, update listeners) run as in Obsidian.
// `cm` is the minimal EditorView a plugin reaches through `editor.cm`: its state, and dispatch.
import { ChangeSet, EditorSelection, EditorState, StateEffect, Transaction, type ChangeSpec, type Extension, type Text, type TransactionSpec } from "@codemirror/state";
import { EditorView, type ViewUpdate } from "@codemirror/view";
import type { Editor as ObsidianEditor, EditorPosition, EditorRange, EditorSelection as ObsidianSelection, EditorSelectionOrCaret, EditorTransaction } from "obsidian";
import { History, sequentialEdits } from "./editorHistory";

/** One edit, in offsets of the document just before it. A transaction of n changes gives n events, in order. */
export interface EditorChangeEvent {
	from: number;
	to: number;
	text: string;
	origin?: string;
}

/** What `editor.cm` offers in the stand-in: the part of EditorView that plugins use with state fields. */
export interface StandInEditorView {
	readonly state: EditorState;
	dispatch(...specs: (TransactionSpec | Transaction)[]): void;
}

type Implemented = Pick<ObsidianEditor,
	"getValue" | "setValue" | "getLine" | "setLine" | "lineCount" | "lastLine" | "getSelection" | "somethingSelected" |
	"getRange" | "replaceSelection" | "replaceRange" | "getCursor" | "listSelections" | "setCursor" | "setSelection" |
	"setSelections" | "focus" | "blur" | "hasFocus" | "refresh" | "undo" | "redo" | "transaction" | "posToOffset" |
	"offsetToPos" | "getScrollInfo" | "scrollTo" | "scrollIntoView">;

const BASE: Extension = EditorState.allowMultipleSelections.of(true);
const NO_EXTENSIONS = (): readonly unknown[] => [];

/** Clamped like Obsidian: a line past the end is the document's end, ch is kept within its line. */
function offsetIn(doc: Text, pos: EditorPosition): number {
	if (pos.line < 0) return 0;
	if (pos.line >= doc.lines) return doc.length;
	const line = doc.line(pos.line + 1);
	const ch = Number.isFinite(pos.ch) ? Math.max(0, Math.min(pos.ch, line.length)) : line.length;
	return line.from + ch;
}

export class Editor implements Implemented {
	private st: EditorState;
	private applied: readonly unknown[];
	private history = new History();
	private listeners = new Set<(change: EditorChangeEvent) => void>();
	private committed = new Set<(tr: Transaction) => void>();
	private focused = false;
	/** The EditorView a plugin reaches as `editor.cm`. */
	readonly cm: StandInEditorView;

	/** `extensions` gives the editor extensions registered now (Obsidian applies registrations to open editors). */
	constructor(text = "", private readonly extensions: () => readonly unknown[] = NO_EXTENSIONS) {
		this.applied = [...extensions()];
		this.st = EditorState.create({ doc: text, extensions: this.config(this.applied) });
		const read = () => this.state;
		this.cm = {
			get state() {
				return read();
			},
			dispatch: (...specs) => {
				for (const spec of specs) this.commit(spec, true);
			},
		};
	}

	/** Stand-in only: follow every change of the document. Returns the unsubscribe function. */
	onChange(cb: (change: EditorChangeEvent) => void): () => void {
		this.listeners.add(cb);
		return () => this.listeners.delete(cb);
	}
	/** Stand-in only: every transaction that changed the document, once applied (how two panes on one note mirror). */
	onTransaction(cb: (tr: Transaction) => void): () => void {
		this.committed.add(cb);
		return () => this.committed.delete(cb);
	}
	/** Stand-in only: forget the undo history (its steps no longer fit a document another pane changed). */
	clearHistory(): void {
		this.history = new History();
	}
	/** Stand-in only: how many steps undo() can take back. */
	undoDepth(): number {
		return this.history.done.length;
	}
	redoDepth(): number {
		return this.history.undone.length;
	}
	/**
	 * Stand-in only: a new document with no history, in a new EditorState (what opening another
	 * file in the view does: EditorView.setState, which runs no update listener).
	 */
	resetDocument(text: string): void {
		const old = this.st.doc.length;
		this.applied = [...this.extensions()];
		this.st = EditorState.create({ doc: text, extensions: this.config(this.applied) });
		this.history = new History();
		this.emit([{ from: 0, to: old, insert: text }], "setViewData");
	}
	/** Stand-in only: apply the registered extensions now (Workspace.updateOptions). */
	syncExtensions(): void {
		this.sync();
	}

	getDoc(): this {
		return this;
	}
	refresh(): void {}
	getValue(): string {
		return this.state.doc.toString();
	}
	setValue(content: string): void {
		this.commit({ changes: { from: 0, to: this.state.doc.length, insert: content } }, true, "setValue");
	}
	getLine(line: number): string {
		const doc = this.state.doc;
		if (!Number.isInteger(line) || line < 0 || line >= doc.lines) {
			throw new RangeError(`Invalid line number ${line + 1} in ${doc.lines}-line document`);
		}
		return doc.line(line + 1).text;
	}
	setLine(n: number, text: string): void {
		const len = this.getLine(n).length;
		this.replaceRange(text, { line: n, ch: 0 }, { line: n, ch: len });
	}
	lineCount(): number {
		return this.state.doc.lines;
	}
	lastLine(): number {
		return this.lineCount() - 1;
	}

	posToOffset(pos: EditorPosition): number {
		return offsetIn(this.state.doc, pos);
	}
	offsetToPos(offset: number): EditorPosition {
		const doc = this.state.doc;
		const o = Math.max(0, Math.min(offset, doc.length));
		const line = doc.lineAt(o);
		return { line: line.number - 1, ch: o - line.from };
	}

	getRange(from: EditorPosition, to: EditorPosition): string {
		const a = this.posToOffset(from);
		const b = this.posToOffset(to);
		return this.state.doc.sliceString(Math.min(a, b), Math.max(a, b));
	}
	/** The main selection's text. */
	getSelection(): string {
		const m = this.state.selection.main;
		return this.state.doc.sliceString(m.from, m.to);
	}
	somethingSelected(): boolean {
		return this.state.selection.ranges.some((r) => !r.empty);
	}
	getCursor(side: "from" | "to" | "head" | "anchor" = "head"): EditorPosition {
		return this.offsetToPos(this.state.selection.main[side]);
	}
	listSelections(): ObsidianSelection[] {
		return this.state.selection.ranges.map((r) => ({ anchor: this.offsetToPos(r.anchor), head: this.offsetToPos(r.head) }));
	}
	setCursor(pos: EditorPosition | number, ch?: number): void {
		const p = typeof pos === "number" ? { line: pos, ch: ch ?? 0 } : pos;
		this.setSelection(p);
	}
	setSelection(anchor: EditorPosition, head?: EditorPosition): void {
		const a = this.posToOffset(anchor);
		this.commit({ selection: EditorSelection.single(a, head ? this.posToOffset(head) : a) }, false);
	}
	setSelections(ranges: EditorSelectionOrCaret[], main = 0): void {
		if (ranges.length === 0) return;
		const sel = ranges.map((r) => {
			const a = this.posToOffset(r.anchor);
			return EditorSelection.range(a, r.head ? this.posToOffset(r.head) : a);
		});
		this.commit({ selection: EditorSelection.create(sel, Math.max(0, Math.min(main, sel.length - 1))) }, false);
	}

	/** One undo step; selections are mapped through the change (a caret at `from` stays before the text). */
	replaceRange(replacement: string, from: EditorPosition, to?: EditorPosition, origin?: string): void {
		const a = this.posToOffset(from);
		const b = to ? this.posToOffset(to) : a;
		this.commit({ changes: { from: Math.min(a, b), to: Math.max(a, b), insert: replacement } }, true, origin);
	}
	/** Replaces every selection; the carets end after the inserted text. One undo step. */
	replaceSelection(replacement: string, origin?: string): void {
		this.commit(this.state.replaceSelection(replacement), true, origin);
	}
	/**
	 * CodeMirror's rules: `changes` (and `replaceSelection`, on the main selection) are positions in the
	 * document BEFORE the transaction and must not overlap; `selection`/`selections` are positions in the
	 * document AFTER it. The whole transaction is one undo step.
	 */
	transaction(tx: EditorTransaction, origin?: string): void {
		const state = this.state;
		const specs: { from: number; to: number; insert: string }[] = (tx.changes ?? []).map((c) => {
			const a = this.posToOffset(c.from);
			const b = c.to ? this.posToOffset(c.to) : a;
			return { from: Math.min(a, b), to: Math.max(a, b), insert: c.text };
		});
		const main = state.selection.main;
		if (tx.replaceSelection !== undefined) specs.push({ from: main.from, to: main.to, insert: tx.replaceSelection });
		const real = specs.filter((c) => c.from !== c.to || c.insert !== "");
		const sorted = [...real].sort((x, y) => x.from - y.from || x.to - y.to);
		let end = -1;
		for (const c of sorted) {
			if (c.from < end) throw new RangeError(`Overlapping changes at ${c.from} (a change before ends at ${end})`);
			end = c.to;
		}
		const changes = ChangeSet.of(real as ChangeSpec, state.doc.length);
		const after = changes.apply(state.doc);
		const wanted = tx.selections ?? (tx.selection ? [tx.selection] : null);
		let selection: EditorSelection | undefined;
		if (wanted && wanted.length > 0) {
			selection = EditorSelection.create(wanted.map((r) => {
				const a = offsetIn(after, r.from);
				return EditorSelection.range(a, r.to ? offsetIn(after, r.to) : a);
			}));
		} else if (tx.replaceSelection !== undefined) {
			selection = EditorSelection.single(changes.mapPos(main.to, 1));
		}
		if (changes.empty && !selection) return;
		this.commit({ changes, ...(selection ? { selection } : {}) }, true, origin);
	}

	undo(): void {
		const step = this.history.undo();
		if (step) this.commit({ changes: step.changes, selection: step.selection, userEvent: "undo" }, false, "undo");
	}
	redo(): void {
		const step = this.history.redo();
		if (step) this.commit({ changes: step.changes, selection: step.selection, userEvent: "redo" }, false, "redo");
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

	private get state(): EditorState {
		this.sync();
		return this.st;
	}

	private config(registered: readonly unknown[]): Extension {
		return [BASE, registered as Extension[]];
	}

	/** Applies registrations made or removed since the state was configured, as Obsidian does for open editors. */
	private sync(): void {
		const now = this.extensions();
		if (now.length === this.applied.length && now.every((e, i) => e === this.applied[i])) return;
		this.applied = [...now];
		this.commit(this.st.update({ effects: StateEffect.reconfigure.of(this.config(this.applied)) }), false);
	}

	/**
	 * Commits one transaction as EditorView.dispatch does: the new state, then the update listeners.
	 * Records an undo step when asked and the document changed (unless the transaction opts out),
	 * and tells the change listeners.
	 */
	private commit(spec: TransactionSpec | Transaction, record: boolean, origin?: string): void {
		if (!(spec instanceof Transaction)) this.sync();
		const tr = spec instanceof Transaction ? spec : this.st.update(origin && !("userEvent" in spec) ? { ...spec, userEvent: origin } : spec);
		if (tr.startState !== this.st) throw new Error("Transaction dispatched against an outdated state");
		const startState = this.st;
		this.st = tr.state;
		if (tr.docChanged && record && tr.annotation(Transaction.addToHistory) !== false) {
			this.history.record(tr.changes, startState.doc, startState.selection, tr.state.selection);
		}
		if (tr.docChanged) this.emit(sequentialEdits(tr.changes), origin ?? tr.annotation(Transaction.userEvent));
		const update = {
			view: this.cm,
			state: tr.state,
			startState,
			transactions: [tr],
			changes: tr.changes,
			docChanged: tr.docChanged,
			selectionSet: tr.selection !== undefined,
			focusChanged: false,
			viewportChanged: false,
			geometryChanged: false,
			heightChanged: false,
		} as unknown as ViewUpdate;
		for (const listener of tr.state.facet(EditorView.updateListener)) listener(update);
		if (tr.docChanged) for (const cb of [...this.committed]) cb(tr);
	}

	private emit(events: { from: number; to: number; insert: string }[], origin?: string): void {
		for (const e of events) {
			for (const cb of [...this.listeners]) cb({ from: e.from, to: e.to, text: e.insert, ...(origin === undefined ? {} : { origin }) });
		}
	}
}
