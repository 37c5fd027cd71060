// The host: a plugin loaded from its class or from a built bundle, commands run on open notes,
// what the user sees (notices, the note on disk) and what the console says.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as mapped from "obsidian";
import { MarkdownView, Notice, Plugin, type Editor } from "obsidian";
import { ObsidianHost } from "./host";
import * as standIn from "./obsidian";

const MANIFEST = { id: "test-plugin", name: "Test plugin", author: "tests", version: "0.0.1", minAppVersion: "1.11.4", description: "A fake plugin." };

let dir: string;
let host: ObsidianHost | undefined;

function makeHost(opts: Partial<Parameters<typeof ObsidianHost.create>[0]> = {}): ObsidianHost {
	host = ObsidianHost.create({ vaultDir: dir, ...opts });
	return host;
}

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), "standin-host-"));
	fs.writeFileSync(path.join(dir, "Note.md"), "please shout this\n");
});

afterEach(async () => {
	await host?.dispose();
	host = undefined;
	fs.rmSync(dir, { recursive: true, force: true });
});

/** A small plugin written the way the real one is: commands, clean-ups, data, a status bar item. */
class ShoutPlugin extends Plugin {
	log: string[] = [];
	modified: string[] = [];

	async onload(): Promise<void> {
		const data: unknown = await this.loadData();
		console.log("loaded with", data);
		this.addCommand({
			id: "shout",
			name: "Shout",
			editorCallback: async (editor: Editor) => {
				await new Promise((r) => setTimeout(r, 5));
				const sel = editor.getSelection();
				editor.transaction({ changes: [{ from: editor.getCursor("from"), to: editor.getCursor("to"), text: sel.toUpperCase() }] });
				new Notice(`Shouted ${sel.length} characters`);
			},
		});
		this.addCommand({ id: "never", name: "Never", editorCheckCallback: () => false });
		this.addCommand({ id: "count", name: "Count", callback: () => new Notice(`${this.app.vault.getMarkdownFiles().length} notes`) });
		this.addCommand({ id: "reject", name: "Reject", callback: () => Promise.reject(new Error("nobody hears this")) });
		this.addCommand({ id: "throw", name: "Throw", callback: () => { throw new Error("nor this"); } });
		this.registerEvent(this.app.vault.on("modify", (f) => this.modified.push(f.path)));
		this.registerInterval(window.setInterval(() => undefined, 60_000));
		this.register(() => this.log.push("cleanup"));
		this.addStatusBarItem().setText("ready");
	}

	onunload(): void {
		this.log.push("onunload");
	}
}

test("'obsidian' under jest is this stand-in, the same module instance as tests/support/obsidian", () => {
	expect(mapped.Notice).toBe(standIn.Notice);
	expect(mapped.Plugin).toBe(standIn.Plugin);
});

test("a plugin class loads: onload awaited, data.json from pluginData, commands prefixed, status bar item", async () => {
	const h = makeHost({ pluginData: { mode: "loud" } });
	const plugin = await h.loadPluginClass(ShoutPlugin, MANIFEST);
	expect(plugin.manifest.dir).toBe(".obsidian/plugins/test-plugin");
	expect(h.commands()).toEqual(["test-plugin:shout", "test-plugin:never", "test-plugin:count", "test-plugin:reject", "test-plugin:throw"]);
	expect(h.standInApp.standIn.commands.get("test-plugin:shout")?.name).toBe("Test plugin: Shout");
	expect(h.consoleLines()).toContain("[log] loaded with { mode: 'loud' }");
	expect(h.standInApp.standIn.statusBarEl.textContent).toBe("ready");
	await expect(h.loadPluginClass(ShoutPlugin, MANIFEST)).rejects.toThrow("already loaded");
});

test("an editor command runs on the active note; the edit reaches disk on flush; it is one undo step", async () => {
	const h = makeHost();
	await h.loadPluginClass(ShoutPlugin, MANIFEST);
	const { standInEditor } = h.openNote("Note.md", { selection: { from: 7, to: 12 } });
	await h.runCommand("shout");
	expect(fs.readFileSync(path.join(dir, "Note.md"), "utf8")).toBe("please shout this\n");
	expect(h.readNote("Note.md")).toBe("please SHOUT this\n");
	expect(h.notices()).toEqual(["Shouted 5 characters"]);
	expect(standInEditor.undoDepth()).toBe(1);
	h.openNote("Note.md", { selection: "all" });
	await h.runCommand("test-plugin:shout");
	expect(h.readNote("Note.md")).toBe("PLEASE SHOUT THIS\n");
	standInEditor.undo();
	standInEditor.undo();
	expect(h.readNote("Note.md")).toBe("please shout this\n");
});

test("runCommand refuses unknown commands and commands that are not available", async () => {
	const h = makeHost();
	await h.loadPluginClass(ShoutPlugin, MANIFEST);
	await expect(h.runCommand("whisper")).rejects.toThrow('No command "whisper"');
	await expect(h.runCommand("shout")).rejects.toThrow("not available: no note is open");
	h.openNote("Note.md");
	await expect(h.runCommand("never")).rejects.toThrow("not available");
	await h.runCommand("count");
	expect(h.notices()).toEqual(["1 notes"]);
});

test("like Obsidian, runCommand hands no callback error to the caller: the console shows it, the user sees nothing", async () => {
	const h = makeHost();
	await h.loadPluginClass(ShoutPlugin, MANIFEST);
	await expect(h.runCommand("reject")).resolves.toBeUndefined();
	await expect(h.runCommand("throw")).resolves.toBeUndefined();
	expect(h.uncaught().map((e) => (e as Error).message)).toEqual(["nobody hears this", "nor this"]);
	expect(h.consoleLines().filter((l) => l.startsWith("[error] Uncaught (in promise)"))).toHaveLength(2);
	expect(h.notices()).toEqual([]);
});

test("unload runs the clean-ups, clears intervals, removes commands and the status bar item, then onunload", async () => {
	const h = makeHost();
	const plugin = (await h.loadPluginClass(ShoutPlugin, MANIFEST)) as ShoutPlugin;
	const clear = jest.spyOn(globalThis, "clearInterval");
	const file = h.app.vault.getFileByPath("Note.md");
	if (!file) throw new Error("no note");
	await h.app.vault.modify(file, "one");
	await h.unloadPlugin();
	await h.app.vault.modify(file, "two");
	expect(plugin.modified).toEqual(["Note.md"]);
	expect(plugin.log).toEqual(["cleanup", "onunload"]);
	expect(clear).toHaveBeenCalledTimes(1);
	clear.mockRestore();
	expect(h.commands()).toEqual([]);
	expect(h.standInApp.standIn.statusBarEl.children).toHaveLength(0);
});

test("saveData writes .obsidian/plugins/<id>/data.json and loadData reads it back; null when missing", async () => {
	const h = makeHost();
	const plugin = await h.loadPluginClass(ShoutPlugin, MANIFEST);
	expect(h.consoleLines()).toContain("[log] loaded with null");
	await plugin.saveData({ deployments: [{ id: "a" }] });
	const file = path.join(dir, ".obsidian", "plugins", "test-plugin", "data.json");
	expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({ deployments: [{ id: "a" }] });
	expect(await plugin.loadData()).toEqual({ deployments: [{ id: "a" }] });
});

test("an open note: reads see the editor, process updates editor and disk, closing saves", async () => {
	const h = makeHost();
	const seen: string[] = [];
	h.app.workspace.on("file-open", (f) => seen.push(`file-open ${f?.path}`));
	h.app.workspace.on("editor-change", () => seen.push("editor-change"));
	const { editor, view, standInEditor } = h.openNote("Note.md");
	expect(h.app.workspace.getActiveViewOfType(MarkdownView)).toBe(view);
	expect(h.app.workspace.getActiveFile()?.path).toBe("Note.md");
	editor.replaceRange("typed ", { line: 0, ch: 0 });
	const file = h.app.vault.getFileByPath("Note.md");
	if (!file) throw new Error("no note");
	expect(await h.app.vault.read(file)).toBe("typed please shout this\n");
	await h.app.vault.process(file, (t) => t.replace("shout", "whisper"));
	expect(editor.getValue()).toBe("typed please whisper this\n");
	expect(fs.readFileSync(path.join(dir, "Note.md"), "utf8")).toBe("typed please whisper this\n");
	expect(standInEditor.undoDepth()).toBe(2);
	editor.replaceRange("!", { line: 0, ch: 5 });
	h.closeNote("Note.md");
	expect(h.app.workspace.getActiveFile()).toBeNull();
	expect(fs.readFileSync(path.join(dir, "Note.md"), "utf8")).toBe("typed! please whisper this\n");
	expect(seen).toEqual(["file-open Note.md", "editor-change", "editor-change", "editor-change"]);
});

test("secrets: Obsidian's id rule, the host's secrets option, and nothing written to the vault", () => {
	const h = makeHost({ secrets: { "azure-key-1": "sk-very-secret" } });
	const store = h.app.secretStorage;
	expect(store.getSecret("azure-key-1")).toBe("sk-very-secret");
	expect(store.getSecret("other")).toBeNull();
	for (const bad of ["Azure", "azure_key", "azure key", "", "clé"]) expect(() => store.setSecret(bad, "x")).toThrow("Invalid secret ID");
	store.setSecret("second", "s2");
	expect(store.listSecrets()).toEqual(["azure-key-1", "second"]);
	const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
	for (const f of files) expect(fs.readFileSync(path.join(f.parentPath, f.name), "utf8")).not.toContain("sk-very-secret");
	expect(() => makeHost({ secrets: { Bad_Id: "x" } })).toThrow("Invalid secret ID");
});

test("notices record every message shown, fragments by their text; the console is restored on dispose", async () => {
	const original = console.warn;
	const h = makeHost();
	const n = new Notice({ textContent: "from a fragment" } as unknown as DocumentFragment);
	n.setMessage("updated");
	n.setMessage("updated");
	console.warn("careful", 42);
	expect(h.notices()).toEqual(["from a fragment", "updated"]);
	expect(h.consoleLines()).toEqual(["[warn] careful 42"]);
	expect(console.warn).not.toBe(original);
	await h.dispose();
	expect(console.warn).toBe(original);
});

test("a rejected onload rejects loadPluginClass; dispose still unloads what was registered", async () => {
	const h = makeHost();
	const ran: string[] = [];
	class Broken extends Plugin {
		async onload(): Promise<void> {
			this.register(() => ran.push("cleanup"));
			throw new Error("settings unreadable");
		}
	}
	await expect(h.loadPluginClass(Broken, MANIFEST)).rejects.toThrow("settings unreadable");
	await h.dispose();
	expect(ran).toEqual(["cleanup"]);
});

describe("loadMainJs", () => {
	const manifestPath = () => path.join(dir, "manifest.json");
	function bundle(name: string, code: string): string {
		const file = path.join(dir, name);
		fs.writeFileSync(file, code);
		fs.writeFileSync(manifestPath(), JSON.stringify(MANIFEST));
		return file;
	}
	// What esbuild's cjs output of `export default class extends Plugin` looks like, reduced.
	const PLUGIN_SOURCE = `"use strict";
var import_obsidian = require("obsidian");
class HelloPlugin extends import_obsidian.Plugin {
  onload() {
    this.madeError = new Error("same realm?");
    this.addCommand({ id: "hello", name: "Hello", editorCallback: (editor) => {
      editor.replaceSelection("hello");
      new import_obsidian.Notice("said hello");
    } });
  }
}`;

	test("evaluates a CommonJS bundle whose default export is the plugin class, with 'obsidian' = the stand-in", async () => {
		const h = makeHost();
		const main = bundle("main.js", `${PLUGIN_SOURCE}\nmodule.exports = { default: HelloPlugin };\n`);
		const plugin = (await h.loadMainJs(main, manifestPath())) as Plugin & { madeError: unknown };
		expect(plugin).toBeInstanceOf(standIn.Plugin);
		expect(plugin.madeError).toBeInstanceOf(Error);
		h.openNote("Note.md", { selection: { from: 0, to: 6 } });
		await h.runCommand("hello");
		expect(h.readNote("Note.md")).toBe("hello shout this\n");
		expect(h.notices()).toEqual(["said hello"]);
	});

	test("accepts module.exports = class too", async () => {
		const h = makeHost();
		const main = bundle("main.js", `${PLUGIN_SOURCE}\nmodule.exports = HelloPlugin;\n`);
		await h.loadMainJs(main, manifestPath());
		expect(h.commands()).toEqual(["test-plugin:hello"]);
	});

	test("a bundle that requires anything but 'obsidian' fails to load, and says why", async () => {
		const h = makeHost();
		const main = bundle("main.js", `var fs = require("fs");\n${PLUGIN_SOURCE}\nmodule.exports = { default: HelloPlugin };\n`);
		await expect(h.loadMainJs(main, manifestPath())).rejects.toThrow('main.js requires "fs": a plugin bundle may require only "obsidian"');
		expect(h.commands()).toEqual([]);
	});

	test("a bundle that exports no class fails to load", async () => {
		const h = makeHost();
		const main = bundle("main.js", `module.exports = { notAPlugin: 1 };\n`);
		await expect(h.loadMainJs(main, manifestPath())).rejects.toThrow("exports no plugin class");
	});
});
