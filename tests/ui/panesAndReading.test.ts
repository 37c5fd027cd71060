/**
 * Two panes on one note, and reading mode, through the plugin (from its sources and the built
 * main.js) against the strict emulator. The answer is held by the emulator (a long delay released
 * by the test) while the user works in the other pane or switches the note to reading mode.
 */
import { modalScript, type Editor, type MarkdownView } from "../support/obsidian";
import { BEFORE, LOADERS, NOTE, SELECTED, useHarness } from "./commandsHarness";

const h = useHarness();
const HOLD = { delayMs: 600_000 };

/** Starts "Improve the writing" with the selection in the open pane; resolves once the request is at the emulator, with the command's outcome to come. */
async function ask(): Promise<{ running: Promise<{ ok?: boolean }> }> {
	h.emu.script(HOLD);
	modalScript.push({ choose: "Improve the writing" });
	const running = h.host.runCommand("azure-reasoning:run-prompt-on-selection") as Promise<{ ok?: boolean }>;
	await h.requestsArrived(1);
	return { running };
}

const typeAt = (editor: Editor, offset: number, text: string) => editor.replaceRange(text, editor.offsetToPos(offset), editor.offsetToPos(offset));

describe.each(LOADERS)("plugin from %s", (loader) => {
	test("two panes: an edit in one shows in the other; the answer asked for in pane A lands there though the user typed in pane B", async () => {
		expect.hasAssertions();
		await h.start({ loader });
		const paneA = h.host.standInApp.workspace.activeEditor as MarkdownView;
		const { running } = await ask();
		const paneB = h.host.openNote(NOTE, { newPane: true }).standInEditor;
		expect(paneB).not.toBe(paneA.editor);
		typeAt(paneB, 0, "Agenda first.\n");
		typeAt(paneB, paneB.getValue().indexOf("Last line."), "Typed in B. ");
		expect(paneA.editor.getValue()).toBe(paneB.getValue());
		h.emu.setAnswer(() => "We ship on Friday – ünïcode.");
		h.emu.releaseDelays();
		expect((await running).ok).toBe(true);
		const expected = "Agenda first.\n" + BEFORE.replace(SELECTED, "We ship on Friday – ünïcode.").replace("Last line.", "Typed in B. Last line.");
		expect(paneA.editor.getValue()).toBe(expected);
		expect(paneB.getValue()).toBe(expected);
		expect(h.read()).toBe(expected);
		expect(h.host.uncaught()).toEqual([]);
	});

	// The plugin once wrote the answer into the hidden editor of a view in reading mode (openEditorFor took
	// any markdown view of the note); whether Obsidian saves such a write is not documented, so the
	// answer must go through Vault.process.
	test("reading mode while the model thinks: the answer lands through the vault, byte for byte", async () => {
		expect.hasAssertions();
		const text = BEFORE.replace("friday.", "friday – ünïcode.");
		await h.start({ loader, notes: { [NOTE]: text }, selection: SELECTED.replace("friday.", "friday – ünïcode.") });
		const view = h.host.standInApp.workspace.activeEditor as MarkdownView;
		const { running } = await ask();
		view.setMode("preview");
		expect(view.getMode()).toBe("preview");
		expect(h.host.standInApp.workspace.activeEditor).toBeNull();
		h.emu.setAnswer(() => "Friday it is.");
		h.emu.releaseDelays();
		const outcome = (await running) as { ok?: boolean; placement?: { where: string } };
		expect(outcome.ok).toBe(true);
		expect(outcome.placement?.where).toBe("file");
		expect(h.readDisk()).toBe(text.replace(SELECTED.replace("friday.", "friday – ünïcode."), "Friday it is."));
		expect(h.host.notices().join("\n")).not.toMatch(/new note/i);
		expect(h.notes()).toEqual([NOTE]);
		expect(h.host.uncaught()).toEqual([]);
	});

	test("in reading mode the editor commands are not offered; the ones without an editor still run", async () => {
		expect.hasAssertions();
		await h.start({ loader });
		(h.host.standInApp.workspace.activeEditor as MarkdownView).setMode("preview");
		for (const id of ["run-prompt-on-selection", "ask-about-selection", "summarize-note-to-new-note", "preview-request", "template-explain"]) {
			await expect(h.host.runCommand(`azure-reasoning:${id}`)).rejects.toThrow(/is not available: no note is open in an active editor/);
		}
		expect((await h.run("choose-deployment", { choose: "Test" })).ok).toBe(true);
		expect(h.emu.requests).toEqual([]);
		expect(h.readDisk()).toBe(BEFORE);
	});
});
