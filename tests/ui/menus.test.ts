/**
 * The context menus: the editor's (on a selection) and a Markdown file's, from the sources, the
 * built main.js and main.js on mobile, against the strict emulator. Each item is present only
 * when it should be, and runs the very request its command sends (the bodies the emulator
 * received are compared).
 */
import { openEditorMenu, openFileMenu } from "../support/menus";
import { modalErrors, modalScript, type Menu, type MenuItem, type ModalStep } from "../support/obsidian";
import { BEFORE, LOADERS, NOTE, SELECTED, useHarness, userMessage } from "./commandsHarness";

const h = useHarness();
const SECTION = "azure-reasoning";

/** Clicks as the user does, answering the modals with `steps`; resolves when the work it started is over. */
async function click(item: MenuItem, ...steps: ModalStep[]): Promise<{ ok?: boolean; note?: string }> {
	modalScript.push(...steps);
	const outcome = (await item.click()) as { ok?: boolean; note?: string } | undefined;
	expect(modalErrors).toEqual([]);
	expect(h.host.uncaught()).toEqual([]);
	return outcome ?? {};
}

/** The plugin's items, as `title [icon]`. */
function described(menu: Menu): string[] {
	return menu.items().map((i) => `${i.title} [${i.icon ?? ""}]`);
}

function selectAgain(): void {
	const from = h.read().indexOf(SELECTED);
	h.host.openNote(NOTE, { selection: { from, to: from + SELECTED.length } });
}

describe.each(LOADERS)("plugin from %s", (loader) => {
	test("the editor's menu on a selection: the templates as a submenu, Ask, Summarize, in a section of their own", async () => {
		await h.start({ loader });
		const menu = openEditorMenu(h.host);
		expect(described(menu)).toEqual(["Run prompt [sparkles]", "Ask about selection [message-circle]", "Summarize selection to new note [file-text]"]);
		expect(menu.items().every((i) => i.section === SECTION)).toBe(true);
		const submenu = menu.item("Run prompt").submenu!;
		expect(described(submenu)).toEqual(["Improve the writing [replace]", "Summarize [corner-down-left]", "Explain [corner-down-left]", "Translate into English [replace]", "Extract action items [corner-down-left]"]);
	});

	test("no selection: none of the plugin's items", async () => {
		await h.start({ loader, selection: null });
		expect(openEditorMenu(h.host).items()).toEqual([]);
	});

	test("a template from the submenu sends the request its command sends, and places the answer the same way", async () => {
		await h.start({ loader });
		h.emu.setAnswer(() => "- Ship on Friday.");
		await h.run("template-summarize");
		const byCommand = h.read();
		h.host.standInApp.workspace.activeEditor!.editor.setValue(BEFORE);
		selectAgain();
		const menu = openEditorMenu(h.host);
		menu.item("Run prompt").click();
		expect((await click(menu.item("Run prompt").submenu!.item("Summarize"))).ok).toBe(true);
		expect(h.emu.requests).toHaveLength(2);
		expect(h.emu.requests[1]!.body).toEqual(h.emu.requests[0]!.body);
		expect(h.read()).toBe(byCommand);
		expect(menu.isShown()).toBe(false);
	});

	test("Ask about selection and Summarize selection to new note send what their commands send", async () => {
		await h.start({ loader });
		h.emu.setAnswer(() => "Yes.");
		await h.run("summarize-selection-to-new-note");
		selectAgain();
		await click(openEditorMenu(h.host).item("Summarize selection to new note"));
		selectAgain();
		await h.run("ask-about-selection", { type: "Is Friday realistic?", click: "Ask" });
		selectAgain();
		await click(openEditorMenu(h.host).item("Ask about selection"), { type: "Is Friday realistic?", click: "Ask" });
		const bodies = h.emu.requests.map((r) => r.body);
		expect(bodies).toHaveLength(4);
		expect(bodies[1]).toEqual(bodies[0]);
		expect(bodies[3]).toEqual(bodies[2]);
		expect(bodies[2]).not.toEqual(bodies[0]);
		expect(h.notes()).toEqual(["Meeting (summary) 2.md", "Meeting (summary).md", NOTE]);
		expect(h.read("Meeting (summary) 2.md").replace(/^date: .*$/m, "")).toBe(h.read("Meeting (summary).md").replace(/^date: .*$/m, ""));
		expect(h.read()).toBe(BEFORE.replace(SELECTED, `${SELECTED}\n\nYes.\n\nYes.`));
	});

	test("a Markdown file's menu: Summarize to new note, on a note that is not open, as the command summarizes it when open", async () => {
		await h.start({ loader, open: null, notes: { [NOTE]: BEFORE, "Notes/data.csv": "a,b\n", "Notes/Other.md": "Other." } });
		// A folder's menu holds the batch instead (tests/ui/batch.test.ts), in the plugin's section.
		const folderMenu = openFileMenu(h.host, "Notes");
		expect(described(folderMenu)).toEqual(["Summarize the notes in this folder [files]"]);
		expect(folderMenu.items()[0]!.section).toBe(SECTION);
		expect(openFileMenu(h.host, "Notes/data.csv").items()).toEqual([]);
		const menu = openFileMenu(h.host, NOTE);
		expect(described(menu)).toEqual(["Summarize to new note [file-text]"]);
		expect(menu.items()[0]!.section).toBe(SECTION);
		h.emu.setAnswer(() => "The team ships on Friday.");
		const outcome = await click(menu.item("Summarize to new note"));
		expect(outcome.note).toBe("Meeting (summary).md");
		expect(h.host.standInApp.workspace.getActiveFile()?.path).toBe("Meeting (summary).md");
		h.host.openNote(NOTE);
		await h.run("summarize-note-to-new-note");
		expect(h.emu.requests[0]!.body).toEqual(h.emu.requests[1]!.body);
		expect(h.read("Meeting (summary).md")).toContain("Summary of [[Meeting]].\n\nThe team ships on Friday.\n");
		expect(h.read("Meeting (summary) 2.md").replace(/^date: .*$/m, "")).toBe(h.read("Meeting (summary).md").replace(/^date: .*$/m, ""));
		expect(h.read()).toBe(BEFORE);
	});
});

test("a file's menu on a note open with edits not saved yet summarizes the text as the editor holds it", async () => {
	await h.start({ selection: null });
	const editor = h.host.standInApp.workspace.activeEditor!.editor;
	editor.replaceRange("Added just now.\n", editor.offsetToPos(0));
	h.emu.setAnswer(() => "Gist.");
	await click(openFileMenu(h.host, NOTE, "tab-header").item("Summarize to new note"));
	const sent = JSON.stringify(h.emu.requests[0]!.body);
	expect(sent).toContain("Added just now.");
});

test("after the plugin is unloaded, its items are gone from both menus", async () => {
	await h.start();
	await h.host.unloadPlugin();
	expect(openEditorMenu(h.host).items()).toEqual([]);
	expect(openFileMenu(h.host, NOTE).items()).toEqual([]);
});

test("main.js on mobile, where submenus do not open: one Run prompt… item opens the template picker, as the command does", async () => {
	await h.start({ loader: "mobile main.js" });
	const menu = openEditorMenu(h.host);
	expect(described(menu)).toEqual(["Run prompt… [sparkles]", "Ask about selection [message-circle]", "Summarize selection to new note [file-text]"]);
	h.emu.setAnswer(() => "- Ship on Friday.");
	expect((await click(menu.item("Run prompt…"), { choose: "Summarize" })).ok).toBe(true);
	expect(h.read()).toBe(BEFORE.replace(SELECTED, `${SELECTED}\n\n- Ship on Friday.`));
	expect(userMessage(h.emu.requests[0])).toMatch(/^Summarize the following text from the note "Meeting"/);
});
