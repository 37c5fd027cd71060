/**
 * The stand-in behind the placement tests is honest: its editors are real CodeMirror states built
 * with the extensions plugins register, plugins' dispatches go through them, opening another file
 * in a tab is a new state (as EditorView.setState), and a change on disk reaches an open editor as a
 * line diff, as Obsidian merges it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StateField, type EditorState } from "@codemirror/state";
import { EditorView, type ViewUpdate } from "@codemirror/view";
import fc from "fast-check";
import { ObsidianHost } from "../support/host";
import { Editor, Plugin } from "../support/obsidian";
import { lineChanges } from "../support/obsidian/workspace";

const counter = StateField.define<number>({ create: () => 0, update: (n, tr) => (tr.docChanged ? n + 1 : n) });

class ExtPlugin extends Plugin {
	updates: ViewUpdate[] = [];
	override onload(): void {
		this.registerEditorExtension([counter, EditorView.updateListener.of((u) => this.updates.push(u))]);
	}
}

let dir: string;
let host: ObsidianHost;
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), "ar-standin-"));
	host = ObsidianHost.create({ vaultDir: dir });
	await host.standInApp.vault.create("A.md", "alpha\n");
	await host.standInApp.vault.create("B.md", "beta\n");
});
afterEach(async () => {
	await host.dispose();
	rmSync(dir, { recursive: true, force: true });
});

const stateOf = (e: Editor): EditorState => e.cm.state;

test("registered extensions run in open editors, also ones opened before; unload takes them out", async () => {
	const before = host.openNote("A.md").standInEditor;
	const plugin = (await host.loadPluginClass(ExtPlugin as never, { id: "ext", name: "Ext", version: "1", minAppVersion: "1", author: "", description: "" })) as unknown as ExtPlugin;
	before.replaceRange("x", { line: 0, ch: 0 });
	before.setValue("new");
	before.undo();
	expect(stateOf(before).field(counter)).toBe(3);
	const changed = plugin.updates.filter((u) => u.docChanged);
	expect(changed.map((u) => u.state.doc.toString())).toEqual(["xalpha\n", "new", "xalpha\n"]);
	expect(changed.map((u) => u.startState.doc.toString())).toEqual(["alpha\n", "xalpha\n", "new"]);
	expect(changed[2]!.transactions[0]!.isUserEvent("undo")).toBe(true);
	expect(plugin.updates.every((u) => u.view === (before.cm as unknown))).toBe(true);
	await host.unloadPlugin();
	expect(stateOf(before).field(counter, false)).toBeUndefined();
});

test("opening another note in the tab is a new state: field values restart, no update listener runs", async () => {
	const plugin = (await host.loadPluginClass(ExtPlugin as never, { id: "ext", name: "Ext", version: "1", minAppVersion: "1", author: "", description: "" })) as unknown as ExtPlugin;
	const { standInEditor, view } = host.openNote("A.md");
	standInEditor.replaceRange("x", { line: 0, ch: 0 });
	const seen = plugin.updates.length;
	(view as unknown as { leaf: { openFileNow(f: unknown): void } }).leaf.openFileNow(host.standInApp.vault.getFileByPath("B.md"));
	expect(stateOf(standInEditor).doc.toString()).toBe("beta\n");
	expect(stateOf(standInEditor).field(counter)).toBe(0);
	expect(standInEditor.undoDepth()).toBe(0);
	expect(plugin.updates.length).toBe(seen);
});

test("a plugin's own dispatch with changes is an edit like any other: undoable, seen by listeners", () => {
	const ed = new Editor("abc");
	const events: string[] = [];
	ed.onChange((e) => events.push(`${e.from}-${e.to}:${e.text}`));
	ed.cm.dispatch({ changes: { from: 1, insert: "X" } });
	expect(ed.getValue()).toBe("aXbc");
	expect(ed.undoDepth()).toBe(1);
	ed.undo();
	expect(ed.getValue()).toBe("abc");
	expect(events).toEqual(["1-1:X", "1-2:"]);
});

test("undo and redo are transactions with CodeMirror's user events, restoring the selection", () => {
	const users: string[] = [];
	const extensions = [EditorView.updateListener.of((u) => users.push(u.transactions.map((t) => (t.isUserEvent("undo") ? "undo" : t.isUserEvent("redo") ? "redo" : "other")).join()))];
	const ed = new Editor("abc", () => extensions);
	ed.setSelection({ line: 0, ch: 1 }, { line: 0, ch: 2 });
	ed.replaceRange("!", { line: 0, ch: 3 });
	ed.setCursor({ line: 0, ch: 0 });
	ed.undo();
	expect(ed.getSelection()).toBe("b");
	ed.redo();
	expect(ed.getValue()).toBe("abc!");
	expect(users.slice(-2)).toEqual(["undo", "redo"]);
});

test("property: the line diff that brings an open editor to the text on disk applies to exactly that text", () => {
	const text = fc.string({ unit: fc.constantFrom("a", "b", "\n", "c"), maxLength: 40 });
	fc.assert(
		fc.property(text, text, (a, b) => {
			let out = a;
			const changes = lineChanges(a, b);
			for (const c of [...changes].reverse()) out = out.slice(0, c.from) + c.insert + out.slice(c.to);
			expect(out).toBe(b);
			let end = -1;
			for (const c of changes) {
				expect(c.from).toBeGreaterThan(end);
				end = c.to;
			}
		}),
		{ numRuns: 2000 },
	);
});

test("a change on disk reaches the open editor as line changes: an unchanged line in between is untouched", async () => {
	const { standInEditor } = host.openNote("A.md");
	standInEditor.setValue("one\ntwo\nthree\n");
	const events: string[] = [];
	standInEditor.onChange((e) => events.push(`${e.from}-${e.to}:${JSON.stringify(e.text)}`));
	await host.app.vault.process(host.app.vault.getFileByPath("A.md")!, () => "ONE\ntwo\nthree!\n");
	expect(standInEditor.getValue()).toBe("ONE\ntwo\nthree!\n");
	expect(events).toEqual(['0-4:"ONE\\n"', '8-14:"three!\\n"']);
});
