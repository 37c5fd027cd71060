/**
 * Answers land exactly where they were asked for: captureTarget when the command runs, the user
 * works meanwhile (types before, at the edges of, inside the target; closes, switches, renames,
 * deletes the note; undoes), placeAnswer when the answer arrives. The plugin is loaded from its
 * sources; note texts are asserted exactly.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { EditorState } from "@codemirror/state";
import type { PluginManifest, TFile } from "obsidian";
import AzureReasoningPlugin from "../../src/main";
import { NOTE_EDITED_BELOW, REASON_NOTE_DELETED, REASON_TEXT_GONE, captureTarget, placeAnswer, type Target } from "../../src/ui/insertion";
import { trackedField } from "../../src/ui/tracking";
import { ObsidianHost, type OpenedNote } from "../support/host";
import { Editor, MarkdownView } from "../support/obsidian";

const ROOT = resolve(__dirname, "../..");
const MANIFEST = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as PluginManifest;
const NOTE = "Notes/Plan.md";
const TEXT = "# Plan\n\nWe ship on friday.\nThen we rest.\n\nEnd.\n";
const SEL = "ship on friday";
const AT = TEXT.indexOf(SEL);

let vaultDir: string;
let host: ObsidianHost;
let plugin: AzureReasoningPlugin;

async function start(notes: Record<string, string> = { [NOTE]: TEXT }): Promise<void> {
	vaultDir = mkdtempSync(join(tmpdir(), "ar-place-"));
	host = ObsidianHost.create({ vaultDir });
	for (const [path, text] of Object.entries(notes)) {
		const folder = path.slice(0, path.lastIndexOf("/"));
		if (folder && !host.app.vault.getAbstractFileByPath(folder)) await host.standInApp.vault.createFolder(folder);
		await host.standInApp.vault.create(path, text);
	}
	plugin = (await host.loadPluginClass(AzureReasoningPlugin as never, MANIFEST)) as unknown as AzureReasoningPlugin;
}

afterEach(async () => {
	await host?.dispose();
	rmSync(vaultDir, { recursive: true, force: true });
});

function fileOf(path: string): TFile {
	const f = host.app.vault.getFileByPath(path);
	if (!f) throw new Error(`no note ${path}`);
	return f;
}

/** Opens the note and captures [from, to) (by default the selection SEL). */
function capture(path = NOTE, from = AT, to = AT + SEL.length): { note: OpenedNote; target: Target } {
	const note = host.openNote(path, { selection: { from, to } });
	return { note, target: captureTarget(plugin, note.editor, fileOf(path), from, to) };
}

/** The user types `text` over [from, to) (offsets of the editor's text now). */
function type(note: OpenedNote, from: number, to: number, text: string): void {
	note.editor.replaceRange(text, note.editor.offsetToPos(from), note.editor.offsetToPos(to));
}

function at(note: OpenedNote, s: string): number {
	const i = note.editor.getValue().indexOf(s);
	if (i < 0) throw new Error(`not in the note: ${s}`);
	return i;
}

function onDisk(path: string): string {
	return readFileSync(join(vaultDir, path), "utf8");
}

function allNotes(): string[] {
	return host.standInApp.vault.getMarkdownFiles().map((f) => f.path).sort();
}

function stateOf(note: OpenedNote): EditorState {
	return (note.standInEditor.cm as { state: EditorState }).state;
}

describe("the note untouched meanwhile", () => {
	test("replace: the answer takes the selection's place, and one undo takes exactly it back", async () => {
		await start();
		const { note, target } = capture();
		const before = note.standInEditor.undoDepth();
		const placement = await placeAnswer(plugin, target, "land on monday", "replace");
		expect(placement).toEqual({ where: "editor", path: NOTE, placed: "replace" });
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe land on monday.\nThen we rest.\n\nEnd.\n");
		expect(note.standInEditor.undoDepth()).toBe(before + 1);
		note.standInEditor.undo();
		expect(host.readNote(NOTE)).toBe(TEXT);
	});

	test("below: its own paragraph after the selection's line, a blank line on each side", async () => {
		await start();
		const { target } = capture();
		expect(await placeAnswer(plugin, target, "Friday is fine.", "below")).toEqual({ where: "editor", path: NOTE, placed: "below" });
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe ship on friday.\n\nFriday is fine.\n\nThen we rest.\n\nEnd.\n");
	});

	test("replace keeps the selection's own line break and outer spaces; the answer's outer whitespace goes", async () => {
		await start();
		const line = "We ship on friday.\n";
		const { target } = capture(NOTE, TEXT.indexOf(line), TEXT.indexOf(line) + line.length);
		await placeAnswer(plugin, target, "\n\nWe ship on Friday.\n\n", "replace");
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe ship on Friday.\nThen we rest.\n\nEnd.\n");
	});

	test("below a selection of whole lines, at the end of the note, with the note's last line break kept", async () => {
		await start({ [NOTE]: "one\ntwo\n" });
		const { target } = capture(NOTE, 4, 8);
		await placeAnswer(plugin, target, "\n\nANSWER\n\n", "below");
		expect(host.readNote(NOTE)).toBe("one\ntwo\n\nANSWER\n");
	});
});

describe("the user keeps typing", () => {
	test("text typed at both edges stays outside the target: the answer lands between", async () => {
		await start();
		const { note, target } = capture();
		type(note, AT + SEL.length, AT + SEL.length, ">>");
		type(note, AT, AT, "<<");
		type(note, 0, 0, "Intro.\n");
		type(note, note.editor.getValue().length, note.editor.getValue().length, "Added at the end.\n");
		await placeAnswer(plugin, target, "ANSWER", "replace");
		expect(host.readNote(NOTE)).toBe("Intro.\n# Plan\n\nWe <<ANSWER>>.\nThen we rest.\n\nEnd.\nAdded at the end.\n");
	});

	test("an edit inside the target, then replace: the edit is kept and the answer goes below, with a note saying so", async () => {
		await start();
		const { note, target } = capture();
		type(note, at(note, "friday"), at(note, "friday") + 6, "monday");
		const placement = await placeAnswer(plugin, target, "ANSWER", "replace");
		expect(placement).toEqual({ where: "editor", path: NOTE, placed: "below", note: NOTE_EDITED_BELOW });
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe ship on monday.\n\nANSWER\n\nThen we rest.\n\nEnd.\n");
	});

	test("an edit inside the target that the user took back (typed, then deleted): replaced as asked", async () => {
		await start();
		const { note, target } = capture();
		type(note, AT + 4, AT + 4, "xyz");
		type(note, AT + 4, AT + 7, "");
		await placeAnswer(plugin, target, "ANSWER", "replace");
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe ANSWER.\nThen we rest.\n\nEnd.\n");
	});

	test("below, with the target's last line grown by the user: after the line as it is now", async () => {
		await start();
		const { note, target } = capture();
		type(note, at(note, "friday.") + 7, at(note, "friday.") + 7, " Or saturday.");
		await placeAnswer(plugin, target, "ANSWER", "below");
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe ship on friday. Or saturday.\n\nANSWER\n\nThen we rest.\n\nEnd.\n");
	});

	test("the same text typed again before the target does not fool it", async () => {
		await start();
		const { note, target } = capture();
		type(note, AT - 3, AT - 3, "We ship on friday.\n");
		await placeAnswer(plugin, target, "ANSWER", "replace");
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe ship on friday.\nWe ANSWER.\nThen we rest.\n\nEnd.\n");
	});

	test("two targets in one note: each lands at its own place, the first answer being an edit for the second", async () => {
		await start();
		const note = host.openNote(NOTE);
		const a = captureTarget(plugin, note.editor, fileOf(NOTE), AT, AT + SEL.length);
		const rest = TEXT.indexOf("rest");
		const b = captureTarget(plugin, note.editor, fileOf(NOTE), rest, rest + 4);
		await placeAnswer(plugin, a, "FIRST ANSWER, LONGER", "replace");
		await placeAnswer(plugin, b, "SECOND", "replace");
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe FIRST ANSWER, LONGER.\nThen we SECOND.\n\nEnd.\n");
	});

	test("the answer is one undo step even after the user's own edits: undo takes back only the answer", async () => {
		await start();
		const { note, target } = capture();
		type(note, 0, 0, "A");
		type(note, 1, 1, "B");
		await placeAnswer(plugin, target, "ANSWER", "replace");
		note.standInEditor.undo();
		expect(host.readNote(NOTE)).toBe(`AB${TEXT}`);
	});
});

describe("a note with CRLF line endings (written on Windows)", () => {
	const CRLF = "# Plan\r\n\r\nWe ship on friday.\r\nThen we rest.\r\n\r\nEnd.\r\n";

	test("a multi-line selection in the note, closed meanwhile, is found again and written back keeping CRLF", async () => {
		await start({ "Notes/Win.md": CRLF });
		const lf = CRLF.replace(/\r\n/g, "\n");
		const sel = "friday.\nThen we";
		const { target } = capture("Notes/Win.md", lf.indexOf(sel), lf.indexOf(sel) + sel.length);
		host.closeNote("Notes/Win.md");
		expect(readFileSync(join(vaultDir, "Notes/Win.md"), "utf8")).toBe(CRLF);
		const placement = await placeAnswer(plugin, target, "monday.\nThen we", "replace");
		expect(placement).toMatchObject({ where: "file", placed: "replace" });
		expect(readFileSync(join(vaultDir, "Notes/Win.md"), "utf8")).toBe("# Plan\r\n\r\nWe ship on monday.\r\nThen we rest.\r\n\r\nEnd.\r\n");
	});

	test("the same when the file also changed on disk meanwhile (found from its text)", async () => {
		await start({ "Notes/Win.md": CRLF });
		const lf = CRLF.replace(/\r\n/g, "\n");
		const sel = "friday.\nThen we";
		const { target } = capture("Notes/Win.md", lf.indexOf(sel), lf.indexOf(sel) + sel.length);
		host.closeNote("Notes/Win.md");
		await host.app.vault.process(fileOf("Notes/Win.md"), (d) => `Intro.\r\n${d}`);
		await placeAnswer(plugin, target, "ANSWER", "below");
		expect(readFileSync(join(vaultDir, "Notes/Win.md"), "utf8")).toBe("Intro.\r\n# Plan\r\n\r\nWe ship on friday.\r\nThen we rest.\r\n\r\nANSWER\r\n\r\nEnd.\r\n");
	});
});

describe("editors that are not a note's leaf", () => {
	/** What a canvas card or a hover editor is: an editor with the registered extensions, in no MarkdownView leaf. */
	function card(text: string): Editor {
		return new Editor(text, () => host.standInApp.standIn.editorExtensions);
	}

	test("a target captured in a canvas card is released from the card's editor when it is done", async () => {
		await start();
		const editor = card(TEXT);
		const target = captureTarget(plugin, editor as never, fileOf(NOTE), AT, AT + SEL.length);
		expect(editor.cm.state.field(trackedField)).toHaveLength(1);
		target.release();
		expect(editor.cm.state.field(trackedField)).toEqual([]);
		editor.replaceRange("typed ", { line: 0, ch: 0 });
		expect(editor.cm.state.field(trackedField)).toEqual([]);
	});

	test("after an answer is placed, and on unload, no editor of any kind still holds a target", async () => {
		await start();
		const editor = card(TEXT);
		const placed = captureTarget(plugin, editor as never, fileOf(NOTE), AT, AT + SEL.length);
		const pending = captureTarget(plugin, editor as never, fileOf(NOTE), 0, 6);
		await placeAnswer(plugin, placed, "ANSWER", "below");
		expect(editor.cm.state.field(trackedField).map((t) => t.rec.original)).toEqual(["# Plan"]);
		await host.unloadPlugin();
		expect(editor.cm.state.field(trackedField, false) ?? []).toEqual([]);
		expect(() => pending.release()).not.toThrow();
	});
});

describe("the target removed", () => {
	test("the selected text deleted: the answer goes into a new note, the note is left as the user left it", async () => {
		await start();
		const { note, target } = capture();
		type(note, AT - 3, AT + SEL.length + 2, "");
		const placement = await placeAnswer(plugin, target, "ANSWER\n", "replace");
		expect(placement).toEqual({ where: "new-note", path: "Plan (answer).md", reason: REASON_TEXT_GONE });
		expect(host.readNote(NOTE)).toBe("# Plan\n\nThen we rest.\n\nEnd.\n");
		expect(host.readNote("Plan (answer).md")).toBe("Answer for [[Plan]], kept here because the selected text was no longer in the note.\n\nANSWER\n");
	});

	test("the new note links back in the user's link format (Markdown links when the vault uses them)", async () => {
		await start();
		host.standInApp.vault.config.set("useMarkdownLinks", true);
		const { note, target } = capture();
		type(note, AT, AT + SEL.length, "");
		await placeAnswer(plugin, target, "ANSWER", "replace");
		expect(host.readNote("Plan (answer).md")).toBe("Answer for [Plan](Plan.md), kept here because the selected text was no longer in the note.\n\nANSWER\n");
	});

	test("the selected text deleted and other text typed in its place: still gone", async () => {
		await start();
		const { note, target } = capture();
		type(note, AT, AT + SEL.length, "");
		type(note, AT, AT, "rest on monday");
		expect((await placeAnswer(plugin, target, "ANSWER", "below")).where).toBe("new-note");
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe rest on monday.\nThen we rest.\n\nEnd.\n");
	});

	test("the selected text deleted, then undone: the answer lands where it was", async () => {
		await start();
		const { note, target } = capture();
		type(note, AT - 3, AT + SEL.length + 1, "");
		note.standInEditor.undo();
		await placeAnswer(plugin, target, "ANSWER", "replace");
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe ANSWER.\nThen we rest.\n\nEnd.\n");
	});

	test("the start of the target deleted, then undone: the target is whole again and is replaced", async () => {
		await start();
		const { note, target } = capture();
		type(note, AT, AT + 5, "");
		note.standInEditor.undo();
		await placeAnswer(plugin, target, "ANSWER", "replace");
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe ANSWER.\nThen we rest.\n\nEnd.\n");
	});

	test("the whole note replaced with other text: gone", async () => {
		await start();
		const { note, target } = capture();
		note.editor.setValue("Something else.\n");
		expect(await placeAnswer(plugin, target, "ANSWER", "replace")).toEqual({ where: "new-note", path: "Plan (answer).md", reason: REASON_TEXT_GONE });
		expect(host.readNote(NOTE)).toBe("Something else.\n");
	});

	test("the note deleted: a new note, which says so", async () => {
		await start();
		const { target } = capture();
		await host.app.vault.delete(fileOf(NOTE));
		expect(await placeAnswer(plugin, target, "ANSWER", "replace")).toEqual({ where: "new-note", path: "Plan (answer).md", reason: REASON_NOTE_DELETED });
		expect(host.readNote("Plan (answer).md")).toBe("Answer for [[Notes/Plan]], kept here because the note was deleted.\n\nANSWER\n");
		expect(allNotes()).toEqual(["Plan (answer).md"]);
	});

	test("the note deleted and another made at its path: still a new note, the other note untouched", async () => {
		await start();
		const { target } = capture();
		await host.app.vault.delete(fileOf(NOTE));
		await host.app.vault.create(NOTE, TEXT);
		expect((await placeAnswer(plugin, target, "ANSWER", "replace")).where).toBe("new-note");
		expect(onDisk(NOTE)).toBe(TEXT);
	});

	test("new notes go to the output folder and never overwrite one", async () => {
		await start({ [NOTE]: TEXT, "Out/Plan (answer).md": "taken" });
		plugin.settings.outputFolder = "Out";
		const { note, target } = capture();
		type(note, AT, AT + SEL.length, "");
		expect(await placeAnswer(plugin, target, "ANSWER", "replace")).toEqual({ where: "new-note", path: "Out/Plan (answer) 2.md", reason: REASON_TEXT_GONE });
		expect(onDisk("Out/Plan (answer).md")).toBe("taken");
	});
});

describe("the note closed, switched away from, renamed", () => {
	test("closed after edits: written with Vault.process at the place the editor last had", async () => {
		await start();
		const { note, target } = capture();
		type(note, 0, 0, "Top.\n");
		type(note, at(note, "friday"), at(note, "friday"), "next ");
		host.closeNote(NOTE);
		const placement = await placeAnswer(plugin, target, "ANSWER", "below");
		expect(placement).toEqual({ where: "file", path: NOTE, placed: "below" });
		expect(onDisk(NOTE)).toBe("Top.\n# Plan\n\nWe ship on next friday.\n\nANSWER\n\nThen we rest.\n\nEnd.\n");
	});

	test("closed, then changed on disk by something else: the place is found again from its text", async () => {
		await start();
		const { target } = capture();
		host.closeNote(NOTE);
		await host.app.vault.process(fileOf(NOTE), (t) => `Synced line.\n${t}Synced end.\n`);
		expect(await placeAnswer(plugin, target, "ANSWER", "replace")).toEqual({ where: "file", path: NOTE, placed: "replace" });
		expect(onDisk(NOTE)).toBe("Synced line.\n# Plan\n\nWe ANSWER.\nThen we rest.\n\nEnd.\nSynced end.\n");
	});

	test("closed, and the target's text removed on disk: a new note, the file untouched", async () => {
		await start();
		const { target } = capture();
		host.closeNote(NOTE);
		await host.app.vault.process(fileOf(NOTE), (t) => t.replace("ship on friday", "wait"));
		const mtime = fileOf(NOTE).stat.mtime;
		expect((await placeAnswer(plugin, target, "ANSWER", "replace")).where).toBe("new-note");
		expect(onDisk(NOTE)).toBe("# Plan\n\nWe wait.\nThen we rest.\n\nEnd.\n");
		expect(fileOf(NOTE).stat.mtime).toBe(mtime);
	});

	test("closed and opened again: tracked exactly again, also through edits that would fool a text search", async () => {
		await start();
		const { target } = capture();
		host.closeNote(NOTE);
		const again = host.openNote(NOTE);
		expect(stateOf(again).field(trackedField)).toHaveLength(1);
		// Copies of the line with the same context on both sides: only tracking knows which is which.
		type(again, AT - 3, AT - 3, "We ship on friday.\nThen we rest.\n\nEnd.\n# Plan\n\n");
		await placeAnswer(plugin, target, "ANSWER", "replace");
		expect(host.readNote(NOTE)).toBe("# Plan\n\nWe ship on friday.\nThen we rest.\n\nEnd.\n# Plan\n\nWe ANSWER.\nThen we rest.\n\nEnd.\n");
	});

	test("another note opened in the same tab, edited, then this one again: the answer lands right", async () => {
		await start({ [NOTE]: TEXT, "Notes/Other.md": "other\n" });
		const { note, target } = capture();
		type(note, 0, 0, "Before switching.\n");
		const leaf = (note.view as unknown as MarkdownView).leaf;
		const other = leaf.openFileNow(fileOf("Notes/Other.md") as never);
		other.editor.replaceRange("edited ", { line: 0, ch: 0 });
		expect(await placeAnswer(plugin, target, "ANSWER", "replace")).toEqual({ where: "file", path: NOTE, placed: "replace" });
		leaf.openFileNow(fileOf(NOTE) as never);
		expect(host.readNote(NOTE)).toBe("Before switching.\n# Plan\n\nWe ANSWER.\nThen we rest.\n\nEnd.\n");
		expect(host.readNote("Notes/Other.md")).toBe("edited other\n");
	});

	test("renamed while open, and its folder renamed while closed: the answer follows", async () => {
		await start();
		const { note, target } = capture();
		await host.app.vault.rename(fileOf(NOTE), "Notes/Plan v2.md");
		type(note, 0, 0, "Renamed.\n");
		expect(target.path).toBe("Notes/Plan v2.md");
		host.closeNote("Notes/Plan v2.md");
		await host.app.vault.rename(host.app.vault.getAbstractFileByPath("Notes")!, "Archive");
		expect(target.path).toBe("Archive/Plan v2.md");
		expect(await placeAnswer(plugin, target, "ANSWER", "replace")).toEqual({ where: "file", path: "Archive/Plan v2.md", placed: "replace" });
		expect(onDisk("Archive/Plan v2.md")).toBe("Renamed.\n# Plan\n\nWe ANSWER.\nThen we rest.\n\nEnd.\n");
	});

	test("changed on disk while open (a sync): the editor follows, and so does the target", async () => {
		await start();
		const { target } = capture();
		await host.app.vault.process(fileOf(NOTE), (t) => `Synced.\n${t.replace("End.", "The end.")}`);
		await placeAnswer(plugin, target, "ANSWER", "replace");
		expect(host.readNote(NOTE)).toBe("Synced.\n# Plan\n\nWe ANSWER.\nThen we rest.\n\nThe end.\n");
	});
});

describe("cancel, errors and unload leave nothing", () => {
	test("release: the note byte-identical, no undo step, nothing left in the editor state; idempotent", async () => {
		await start();
		const { note, target } = capture();
		const depth = note.standInEditor.undoDepth();
		expect(stateOf(note).field(trackedField)).toHaveLength(1);
		target.release();
		target.release();
		expect(stateOf(note).field(trackedField)).toHaveLength(0);
		expect(note.standInEditor.undoDepth()).toBe(depth);
		expect(host.readNote(NOTE)).toBe(TEXT);
		expect(onDisk(NOTE)).toBe(TEXT);
		await expect(placeAnswer(plugin, target, "ANSWER", "replace")).rejects.toThrow("released");
		expect(host.readNote(NOTE)).toBe(TEXT);
		expect(allNotes()).toEqual([NOTE]);
	});

	test("release after the user's edits: exactly the user's text", async () => {
		await start();
		const { note, target } = capture();
		type(note, AT + 2, AT + 2, "x");
		target.release();
		expect(host.readNote(NOTE)).toBe(TEXT.slice(0, AT + 2) + "x" + TEXT.slice(AT + 2));
	});

	test("unload with targets tracked (one open, one closed): nothing left in notes or editors, no new note", async () => {
		await start({ [NOTE]: TEXT, "Notes/Other.md": "other text\n" });
		const { note, target } = capture();
		const other = host.openNote("Notes/Other.md");
		const t2 = captureTarget(plugin, other.editor, fileOf("Notes/Other.md"), 0, 5);
		host.closeNote("Notes/Other.md");
		await host.unloadPlugin();
		expect(stateOf(note).field(trackedField, false)).toBeUndefined();
		expect(host.readNote(NOTE)).toBe(TEXT);
		expect(onDisk("Notes/Other.md")).toBe("other text\n");
		await expect(placeAnswer(plugin, target, "ANSWER", "replace")).rejects.toThrow("released");
		await expect(placeAnswer(plugin, t2, "ANSWER", "replace")).rejects.toThrow("released");
		expect(allNotes()).toEqual(["Notes/Other.md", NOTE]);
	});
});
