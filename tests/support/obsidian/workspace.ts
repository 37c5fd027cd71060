// Workspace, WorkspaceLeaf and the markdown view: open notes are Editors over their text. An edit is not
// written to disk until the view saves (Obsidian: ~2 s later; here: Workspace.flushAll(), or closing the note).
import * as fs from "node:fs";
import { Transaction } from "@codemirror/state";
import type { App } from "./app";
import { Component } from "./component";
import { Editor } from "./editor";
import { Events } from "./events";
import type { TFile } from "./files";

export abstract class View extends Component {
	app: App;
	icon = "";
	navigation = false;
	leaf: WorkspaceLeaf;

	constructor(leaf: WorkspaceLeaf) {
		super();
		this.leaf = leaf;
		this.app = leaf.app;
	}
	abstract getViewType(): string;
	abstract getDisplayText(): string;
	getState(): Record<string, unknown> {
		return {};
	}
	async onOpen(): Promise<void> {}
	async onClose(): Promise<void> {}
}

/** What a leaf shows when no file is open. */
export class EmptyView extends View {
	getViewType(): string {
		return "empty";
	}
	getDisplayText(): string {
		return "New tab";
	}
}

export class MarkdownView extends View {
	file: TFile | null = null;
	/** Over a CodeMirror state configured with the editor extensions plugins registered. */
	editor: Editor = new Editor("", () => this.app.standIn.editorExtensions);
	/** Stand-in only: the text last written to (or read from) disk for this view's file. */
	savedText = "";
	private mode: "source" | "preview" = "source";

	constructor(leaf: WorkspaceLeaf) {
		super(leaf);
		this.navigation = true;
		// Loading a file into the view (setViewData with clear) is not an edit: no 'editor-change'.
		this.editor.onChange((c) => {
			if (c.origin !== "setViewData") this.app.workspace.trigger("editor-change", this.editor, this);
		});
		this.editor.onTransaction((tr) => this.app.workspace.mirror(this, tr));
	}
	getViewType(): string {
		return "markdown";
	}
	getDisplayText(): string {
		return this.file?.basename ?? "";
	}
	getMode(): "source" | "preview" {
		return this.mode;
	}
	/**
	 * Stand-in only: what the reading-view toggle does. Reading mode: the note is saved, there is no
	 * active editor (workspace.activeEditor is null, so editor commands are not offered), the user
	 * cannot type. Obsidian keeps the source editor hidden meanwhile; whether a plugin's state field
	 * keeps tracking there, and whether a write into the hidden editor is saved, is not documented,
	 * so the stand-in is stricter: the hidden editor starts afresh (a new EditorState, as opening a
	 * file does), and a plugin must find its place again and write through the vault.
	 */
	setMode(mode: "source" | "preview"): void {
		if (mode === this.mode) return;
		this.saveNow();
		this.mode = mode;
		if (mode === "preview") this.editor.resetDocument(this.editor.getValue());
	}
	get data(): string {
		return this.editor.getValue();
	}
	getViewData(): string {
		return this.editor.getValue();
	}
	setViewData(data: string, clear: boolean): void {
		if (clear) this.editor.resetDocument(data);
		else this.editor.setValue(data);
	}
	clear(): void {}
	getState(): Record<string, unknown> {
		return { file: this.file?.path, mode: this.mode };
	}
	/** Writes the editor's text to disk if it changed. */
	async save(): Promise<void> {
		this.saveNow();
	}
	requestSave = (): void => {};
	/** Stand-in only. */
	isDirty(): boolean {
		return this.file !== null && this.editor.getValue() !== this.savedText;
	}
	/** Stand-in only. */
	saveNow(): void {
		if (!this.file || !this.isDirty()) return;
		const text = this.editor.getValue();
		for (const v of this.app.workspace.markdownViewsOf(this.file)) v.savedText = text;
		this.app.vault.saveFromEditor(this.file, text);
	}
}

export class WorkspaceLeaf extends Events {
	view: View;
	/** Stand-in only: the right sidebar's leaves (getRightLeaf), which are not root leaves. */
	side: "root" | "right" = "root";

	constructor(readonly app: App) {
		super();
		this.view = new EmptyView(this);
	}

	async openFile(file: TFile, openState?: { active?: boolean }): Promise<void> {
		this.openFileNow(file, openState?.active !== false);
	}
	/** Stand-in only: openFile without waiting. Reuses the markdown view (and its editor) like Obsidian does. */
	openFileNow(file: TFile, activate = true): MarkdownView {
		const ws = this.app.workspace;
		let view = this.view instanceof MarkdownView ? this.view : null;
		if (view?.file !== file) {
			if (view) view.saveNow();
			else view = new MarkdownView(this);
			this.view = view;
			const disk = fs.readFileSync(this.app.vault.adapter.abs(file.path), "utf8");
			view.file = file;
			// The editor holds the text with "\n" line endings (CodeMirror's); an unedited CRLF note is not rewritten.
			view.savedText = disk.replace(/\r\n/g, "\n");
			view.setViewData(ws.textOf(file, view) ?? disk, true);
		}
		if (activate) ws.setActiveLeaf(this);
		if (ws.activeLeaf === this) ws.trigger("file-open", file);
		return view;
	}
	/**
	 * Shows a view of a registered type (registerView). Obsidian shows nothing for an unknown type;
	 * the stand-in is stricter and throws. The old view is closed first; onOpen is awaited.
	 */
	async setViewState(viewState: { type: string; active?: boolean; state?: Record<string, unknown> }): Promise<void> {
		const create = this.app.standIn.viewCreators.get(viewState.type);
		if (!create) throw new Error(`setViewState: no view of type "${viewState.type}" is registered`);
		await this.closeView();
		const view = create(this);
		this.view = view;
		view.load();
		await view.onOpen();
		if (viewState.active) this.app.workspace.setActiveLeaf(this);
	}
	/** Stand-in only: closes the view (onClose, unload) and leaves the leaf empty. */
	async closeView(): Promise<void> {
		const old = this.view;
		if (old instanceof MarkdownView) old.saveNow();
		this.view = new EmptyView(this);
		await old.onClose();
		old.unload();
	}
	getViewState(): { type: string; state: Record<string, unknown> } {
		return { type: this.view.getViewType(), state: this.view.getState() };
	}
	getDisplayText(): string {
		return this.view.getDisplayText();
	}
	/** Closes the leaf; an unsaved note is saved first. */
	detach(): void {
		if (this.view instanceof MarkdownView) this.view.saveNow();
		this.app.workspace.removeLeaf(this);
	}
}

export class Workspace extends Events {
	activeLeaf: WorkspaceLeaf | null = null;
	layoutReady = true;
	private leaves: WorkspaceLeaf[] = [];
	private mirroring = false;

	constructor(private readonly app: App) {
		super();
		app.vault.attachOpenDocuments({
			textOf: (file) => this.textOf(file),
			replaceText: (file, text) => {
				// Every view gets the change itself: none of it is mirrored again.
				this.mirroring = true;
				try {
					for (const v of this.viewsOf(file)) {
						v.savedText = text.replace(/\r\n/g, "\n"); // as the editor holds it (see openFileNow)
						replaceByDiff(v.editor, text);
					}
				} finally {
					this.mirroring = false;
				}
			},
			closeFile: (file) => {
				for (const v of this.viewsOf(file)) this.removeLeaf(v.leaf);
			},
		});
	}

	/** The active markdown view (Obsidian's MarkdownFileInfo for it), or null: also null in reading mode ("the active view has no editor"). */
	get activeEditor(): MarkdownView | null {
		const view = this.activeLeaf?.view;
		return view instanceof MarkdownView && view.file && view.getMode() === "source" ? view : null;
	}
	getLeaf(newLeaf?: boolean | "tab" | "split" | "window"): WorkspaceLeaf {
		if (!newLeaf && this.activeLeaf) return this.activeLeaf;
		const leaf = new WorkspaceLeaf(this.app);
		this.leaves.push(leaf);
		return leaf;
	}
	setActiveLeaf(leaf: WorkspaceLeaf, _params?: { focus?: boolean }): void {
		if (this.activeLeaf === leaf) return;
		this.activeLeaf = leaf;
		this.trigger("active-leaf-change", leaf);
	}
	getActiveViewOfType<T>(type: abstract new (...args: never[]) => T): T | null {
		const view = this.activeLeaf?.view;
		return view instanceof type ? view : null;
	}
	getActiveFile(): TFile | null {
		return this.activeEditor?.file ?? null;
	}
	getMostRecentLeaf(): WorkspaceLeaf | null {
		return this.activeLeaf;
	}
	iterateAllLeaves(callback: (leaf: WorkspaceLeaf) => unknown): void {
		for (const leaf of [...this.leaves]) callback(leaf);
	}
	iterateRootLeaves(callback: (leaf: WorkspaceLeaf) => unknown): void {
		for (const leaf of this.leaves.filter((l) => l.side === "root")) callback(leaf);
	}
	/** A new leaf in the right sidebar (`split` ignored: the stand-in has no layout). */
	getRightLeaf(_split: boolean): WorkspaceLeaf | null {
		const leaf = new WorkspaceLeaf(this.app);
		leaf.side = "right";
		this.leaves.push(leaf);
		return leaf;
	}
	/** Stand-in only: the leaves revealLeaf was asked to show, in order. */
	revealed: WorkspaceLeaf[] = [];
	async revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
		if (!this.leaves.includes(leaf)) throw new Error("revealLeaf: the leaf is not in the workspace");
		this.revealed.push(leaf);
	}
	detachLeavesOfType(viewType: string): void {
		for (const leaf of this.getLeavesOfType(viewType)) leaf.detach();
	}
	getLeavesOfType(viewType: string): WorkspaceLeaf[] {
		return this.leaves.filter((l) => l.view.getViewType() === viewType);
	}
	onLayoutReady(callback: () => unknown): void {
		callback();
	}
	/** Applies the registered editor extensions to every open editor. */
	updateOptions(): void {
		for (const leaf of this.leaves) if (leaf.view instanceof MarkdownView) leaf.view.editor.syncExtensions();
	}

	/** Stand-in only: the text of `file` in an open editor (other than `except`), or null. */
	textOf(file: TFile, except?: MarkdownView): string | null {
		const view = this.viewsOf(file).find((v) => v !== except);
		return view ? view.editor.getValue() : null;
	}
	/** Stand-in only: save every open note with unsaved changes (what Obsidian does ~2 s after an edit). */
	flushAll(): void {
		for (const leaf of this.leaves) if (leaf.view instanceof MarkdownView) leaf.view.saveNow();
	}
	/** Stand-in only: take a leaf out of the layout (no save). */
	removeLeaf(leaf: WorkspaceLeaf): void {
		const i = this.leaves.indexOf(leaf);
		if (i < 0) return;
		this.leaves.splice(i, 1);
		leaf.view.unload();
		if (this.activeLeaf === leaf) {
			this.activeLeaf = this.leaves[this.leaves.length - 1] ?? null;
			this.trigger("active-leaf-change", this.activeLeaf);
		}
	}

	/**
	 * Stand-in only: two panes on one note share edits. Obsidian gives each pane its own CodeMirror
	 * view and keeps their documents equal; here an edit in one is dispatched to the others as the
	 * same changes (so state fields there map through it), marked remote and kept out of their undo
	 * history. Where unsure, stricter: the other panes' undo histories are dropped (the stand-in
	 * cannot rebase them), and their selections only map through the change.
	 */
	mirror(from: MarkdownView, tr: Transaction): void {
		if (this.mirroring || !from.file) return;
		const others = this.viewsOf(from.file).filter((v) => v !== from);
		if (others.length === 0) return;
		this.mirroring = true;
		try {
			for (const v of others) {
				if (!v.editor.cm.state.doc.eq(tr.startState.doc)) throw new Error(`Two panes on ${from.file.path} no longer hold the same text`);
				v.editor.cm.dispatch({ changes: tr.changes, annotations: [Transaction.remote.of(true), Transaction.addToHistory.of(false)] });
				v.editor.clearHistory();
			}
		} finally {
			this.mirroring = false;
		}
	}

	/** Stand-in only: the markdown views showing `file`. */
	markdownViewsOf(file: TFile): MarkdownView[] {
		return this.viewsOf(file);
	}

	private viewsOf(file: TFile): MarkdownView[] {
		return this.leaves.map((l) => l.view).filter((v): v is MarkdownView => v instanceof MarkdownView && v.file === file);
	}
}

/** Lines with their line breaks, so that offsets are sums of lengths. */
function linesOf(text: string): string[] {
	return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const MAX_DIFF_CELLS = 4_000_000;

/**
 * The changed stretches between two texts, line by line (a longest common subsequence of lines), in
 * offsets of `a`. Falls back to one change over the differing middle when the middle is too big.
 */
export function lineChanges(a: string, b: string): { from: number; to: number; insert: string }[] {
	if (a === b) return [];
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	start = start === 0 ? 0 : a.lastIndexOf("\n", start - 1) + 1;
	let end = 0;
	while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
	const tail = a.slice(a.length - end);
	end = tail.includes("\n") ? end - (tail.indexOf("\n") + 1) : 0;
	const la = linesOf(a.slice(start, a.length - end));
	const lb = linesOf(b.slice(start, b.length - end));
	const n = la.length;
	const m = lb.length;
	if ((n + 1) * (m + 1) > MAX_DIFF_CELLS) return [{ from: start, to: a.length - end, insert: b.slice(start, b.length - end) }];
	const w = m + 1;
	const lcs = new Uint32Array((n + 1) * w);
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lcs[i * w + j] = la[i] === lb[j] ? (lcs[(i + 1) * w + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
		}
	}
	const changes: { from: number; to: number; insert: string }[] = [];
	let i = 0;
	let j = 0;
	let offA = start;
	let pending: { from: number; to: number; insert: string } | null = null;
	const flush = () => {
		if (pending && (pending.from !== pending.to || pending.insert !== "")) changes.push(pending);
		pending = null;
	};
	while (i < n || j < m) {
		if (i < n && j < m && la[i] === lb[j]) {
			flush();
			offA += (la[i] as string).length;
			i++;
			j++;
			continue;
		}
		pending ??= { from: offA, to: offA, insert: "" };
		if (j < m && (i >= n || (lcs[i * w + j + 1] as number) >= (lcs[(i + 1) * w + j] as number))) {
			pending.insert += lb[j] as string;
			j++;
		} else {
			offA += (la[i] as string).length;
			pending.to = offA;
			i++;
		}
	}
	flush();
	return changes;
}

/**
 * Brings an editor to `text` the way Obsidian merges a change made on disk into an open note: as a
 * diff (here, line by line), one transaction, so that carets and tracked ranges in unchanged lines stay put.
 */
function replaceByDiff(editor: Editor, text: string): void {
	const changes = lineChanges(editor.getValue(), text);
	if (changes.length === 0) return;
	editor.transaction({ changes: changes.map((c) => ({ from: editor.offsetToPos(c.from), to: editor.offsetToPos(c.to), text: c.insert })) }, "vault");
}
