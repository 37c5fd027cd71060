/**
 * Placement from a bundle built like main.js (esbuild, CommonJS, "obsidian" and CodeMirror left to
 * Obsidian), loaded the way Obsidian loads main.js: the bundle must find the editor's own
 * @codemirror/state (a second copy would make its state field unknown to the editor).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";
import type { TFile } from "obsidian";
import type { captureTarget as Capture, placeAnswer as Place } from "../../src/ui/insertion";
import type AzureReasoningPlugin from "../../src/main";
import { ObsidianHost } from "../support/host";

const ROOT = resolve(__dirname, "../..");
const NOTE = "Plan.md";
const TEXT = "# Plan\n\nWe ship on friday.\nThen we rest.\n";
const SEL = "ship on friday";
const AT = TEXT.indexOf(SEL);

let buildDir: string;
let bundle: string;
let vaultDir: string;
let host: ObsidianHost;

beforeAll(() => {
	buildDir = mkdtempSync(join(tmpdir(), "ar-bundle-"));
	bundle = join(buildDir, "main.js");
	buildSync({
		entryPoints: [join(__dirname, "placementBundleEntry.ts")],
		bundle: true,
		format: "cjs",
		target: "es2021",
		external: ["obsidian", "electron", "@codemirror/*", "@lezer/*", ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
		outfile: bundle,
		logLevel: "silent",
	});
});
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

async function start(): Promise<{ plugin: AzureReasoningPlugin; api: { captureTarget: typeof Capture; placeAnswer: typeof Place } }> {
	vaultDir = mkdtempSync(join(tmpdir(), "ar-bundle-vault-"));
	host = ObsidianHost.create({ vaultDir });
	await host.standInApp.vault.create(NOTE, TEXT);
	const plugin = (await host.loadMainJs(bundle, join(ROOT, "manifest.json"))) as unknown as AzureReasoningPlugin;
	const api = (plugin.constructor as unknown as { placement: { captureTarget: typeof Capture; placeAnswer: typeof Place } }).placement;
	return { plugin, api };
}
afterEach(async () => {
	await host?.dispose();
	if (vaultDir) rmSync(vaultDir, { recursive: true, force: true });
});

test("the bundle requires only what Obsidian provides, CodeMirror included", () => {
	const requires = [...new Set(readFileSync(bundle, "utf8").match(/require\("[^"]*"\)/g))].sort();
	expect(requires).toEqual(['require("@codemirror/state")', 'require("@codemirror/view")', 'require("obsidian")']);
});

test("typed before, at the edges and inside meanwhile: the edit kept, the answer below it, one undo step", async () => {
	const { plugin, api } = await start();
	const note = host.openNote(NOTE);
	const target = api.captureTarget(plugin, note.editor, host.app.vault.getFileByPath(NOTE) as TFile, AT, AT + SEL.length);
	note.editor.replaceRange("Top.\n", { line: 0, ch: 0 });
	note.editor.replaceRange("next ", note.editor.offsetToPos(note.editor.getValue().indexOf("friday")));
	const placement = await api.placeAnswer(plugin, target, "ANSWER", "replace");
	expect(placement).toMatchObject({ where: "editor", placed: "below" });
	expect(host.readNote(NOTE)).toBe("Top.\n# Plan\n\nWe ship on next friday.\n\nANSWER\n\nThen we rest.\n");
	note.standInEditor.undo();
	expect(host.readNote(NOTE)).toBe("Top.\n# Plan\n\nWe ship on next friday.\nThen we rest.\n");
});

test("closed meanwhile: written to the file at the tracked place; unload with a target leaves nothing", async () => {
	const { plugin, api } = await start();
	const note = host.openNote(NOTE);
	const file = host.app.vault.getFileByPath(NOTE) as TFile;
	const target = api.captureTarget(plugin, note.editor, file, AT, AT + SEL.length);
	const kept = api.captureTarget(plugin, note.editor, file, 0, 6);
	note.editor.replaceRange("Top.\n", { line: 0, ch: 0 });
	host.closeNote(NOTE);
	expect(await api.placeAnswer(plugin, target, "ANSWER", "replace")).toEqual({ where: "file", path: NOTE, placed: "replace" });
	expect(readFileSync(join(vaultDir, NOTE), "utf8")).toBe("Top.\n# Plan\n\nWe ANSWER.\nThen we rest.\n");
	await host.unloadPlugin();
	await expect(api.placeAnswer(plugin, kept, "ANSWER", "replace")).rejects.toThrow("released");
	expect(readFileSync(join(vaultDir, NOTE), "utf8")).toBe("Top.\n# Plan\n\nWe ANSWER.\nThen we rest.\n");
	expect(host.app.vault.getMarkdownFiles().map((f) => f.path)).toEqual([NOTE]);
});
