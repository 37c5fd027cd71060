/**
 * ask-about-selection, summarize-note-to-new-note and summarize-selection-to-new-note, over real
 * HTTP against the strict emulator, from the sources and from the built main.js.
 */
import { findEls, Modal, Platform, typeInto, type ModalElement } from "../support/obsidian";
import { BEFORE, LOADERS, SELECTED, answeredUsage, deployment, today, useHarness, userMessage } from "./commandsHarness";

const h = useHarness();

function summaryNote(sourceLinkPath: string, link: string, heading: string, answer: string, reqIndex = 0): string {
	const u = answeredUsage(h.emu.requests[reqIndex]);
	return `---\nsource: "[[${sourceLinkPath}]]"\ndeployment: "Test"\nmodel: "o1-2024-12-17"\ndate: ${today()}\nprompt_tokens: ${u.prompt_tokens}\ncompletion_tokens: ${u.completion_tokens}\nreasoning_tokens: ${u.completion_tokens_details.reasoning_tokens}\n---\n${heading.replace("LINK", link)}\n\n${answer}\n`;
}

/** The setting (off by default) may not be read from data.json yet: set it as the settings tab would. */
function linkSummaries(): void {
	(h.plugin.settings as { linkSummaryInSource?: boolean }).linkSummaryInSource = true;
}

describe.each(LOADERS)("plugin from %s", (loader) => {
	test("ask-about-selection: the instruction and the selection are sent; the answer goes below the selection", async () => {
		await h.start({ loader });
		h.emu.setAnswer(() => "Friday may be too soon.");
		const outcome = await h.run("ask-about-selection", { type: "What are the risks?", click: "Ask" });
		expect(outcome.ok).toBe(true);
		expect(userMessage(h.emu.requests[0])).toBe(`What are the risks?\n\n---\n\nThe text (from the note "Meeting"):\n\n${SELECTED}`);
		expect(h.read()).toBe("# Meeting\n\nwe decide to ship on friday.\n\nFriday may be too soon.\n\nLast line.\n");
		expect(h.lastNotice()).toMatch(/^Answer from o1-2024-12-17 in \d+\.\d s, /);
	});

	test("ask-about-selection: Cancel sends nothing and leaves the note as it was", async () => {
		await h.start({ loader });
		const outcome = await h.run("ask-about-selection", { type: "What are the risks?", click: "Cancel" });
		expect(outcome.ok).toBe(false);
		expect(h.emu.requests).toHaveLength(0);
		expect(h.readDisk()).toBe(BEFORE);
	});

	test("summarize-note-to-new-note: a new note named after the source, with frontmatter and a link back, opened in a new tab", async () => {
		await h.start({ loader, selection: null });
		h.emu.setAnswer(() => "The team ships on Friday.\n\n- Ship Friday");
		const outcome = await h.run("summarize-note-to-new-note");
		expect(outcome.note).toBe("Meeting (summary).md");
		expect(userMessage(h.emu.requests[0])).toBe(`Summarize the note "Meeting" below: first one short paragraph with its gist, then its key points as a bulleted list. Answer in the note's language, in Markdown, with the summary only.\n\n${BEFORE}`);
		expect(h.read("Meeting (summary).md")).toBe(summaryNote("Notes/Meeting", "[[Meeting]]", "Summary of LINK.", "The team ships on Friday.\n\n- Ship Friday"));
		expect(h.read()).toBe(BEFORE);
		const ws = h.host.standInApp.workspace;
		expect(ws.getActiveFile()?.path).toBe("Meeting (summary).md");
		expect(ws.getLeavesOfType("markdown")).toHaveLength(2);
		expect(h.lastNotice()).toMatch(/^Summary in Meeting \(summary\)\.md, from o1-2024-12-17 in \d+\.\d s, /);
	});

	test("summarize-selection-to-new-note: the selection's summary; a second one never overwrites the first", async () => {
		await h.start({ loader, settings: { outputFolder: "Summaries" } });
		h.emu.setAnswer(() => "Ship Friday.");
		await h.run("summarize-selection-to-new-note");
		h.host.openNote("Notes/Meeting.md", { selection: { from: BEFORE.indexOf(SELECTED), to: BEFORE.indexOf(SELECTED) + SELECTED.length } });
		h.emu.setAnswer(() => "Friday it is.");
		await h.run("summarize-selection-to-new-note");
		expect(userMessage(h.emu.requests[0])).toContain(`Summarize the following text from the note "Meeting"`);
		expect(userMessage(h.emu.requests[0])).toMatch(new RegExp(`\\n\\n${SELECTED}$`));
		expect(h.notes()).toEqual(["Notes/Meeting.md", "Summaries/Meeting (summary) 2.md", "Summaries/Meeting (summary).md"]);
		expect(h.read("Summaries/Meeting (summary).md")).toBe(summaryNote("Notes/Meeting", "[[Meeting]]", "Summary of a selection from LINK.", "Ship Friday.", 0));
		expect(h.read("Summaries/Meeting (summary) 2.md")).toBe(summaryNote("Notes/Meeting", "[[Meeting]]", "Summary of a selection from LINK.", "Friday it is.", 1));
		expect(h.read()).toBe(BEFORE);
	});
});

test("the optional link to the summary is added at the end of the source note (open in an editor)", async () => {
	await h.start({ selection: null, settings: { linkSummaryInSource: true } });
	linkSummaries();
	h.emu.setAnswer(() => "Gist.");
	await h.run("summarize-note-to-new-note");
	expect(h.read()).toBe(`${BEFORE}\nSummary: [[Meeting (summary)]]\n`);
});

test("the optional link also reaches a source note closed while the model thought", async () => {
	await h.start({ selection: null, settings: { linkSummaryInSource: true }, fakeClock: true });
	linkSummaries();
	h.emu.script({ delayMs: 200, content: "Gist." });
	const running = h.host.runCommand("summarize-note-to-new-note");
	await h.requestsArrived(1);
	h.host.closeNote("Notes/Meeting.md");
	await h.advance(200);
	await running;
	expect(h.readDisk()).toBe(`${BEFORE}\nSummary: [[Meeting (summary)]]\n`);
	expect(h.readDisk("Meeting (summary).md")).toContain("Summary of [[Meeting]].\n\nGist.\n");
});

test("ask-about-selection: Ctrl+Enter asks; an empty instruction asks nothing and says why", async () => {
	await h.start();
	h.emu.setAnswer(() => "Yes.");
	const running = h.host.runCommand("ask-about-selection");
	const modal = Modal.opened.at(-1)!;
	expect(modal.titleEl.textContent).toBe("Ask about the selection");
	expect(modal.contentEl.textContent).toContain(SELECTED);
	const input = findEls(modal.contentEl, (el) => el.tagName === "TEXTAREA")[0] as ModalElement;
	expect(input.focused).toBe(true);
	modal.clickButton("Ask");
	expect(modal.isOpen).toBe(true);
	expect(modal.contentEl.textContent).toContain("Type an instruction first.");
	typeInto(input, "Is Friday realistic?");
	input.dispatch("keydown", { key: "Enter", ctrlKey: true, metaKey: false, preventDefault: () => undefined });
	await running;
	expect(userMessage(h.emu.requests[0])).toMatch(/^Is Friday realistic\?\n\n---\n\n/);
	expect(h.read()).toBe("# Meeting\n\nwe decide to ship on friday.\n\nYes.\n\nLast line.\n");
});

describe.each(LOADERS)("the Ask box (from %s)", (loader) => {
	afterEach(() => Object.assign(Platform, { isMacOS: false }));

	const openAsk = async () => {
		await h.start({ loader });
		void h.host.runCommand("ask-about-selection");
		const modal = Modal.opened.at(-1)!;
		const label = findEls(modal.contentEl, (el) => el.tagName === "LABEL")[0];
		const input = findEls(modal.contentEl, (el) => el.tagName === "TEXTAREA")[0]!;
		const hint = findEls(modal.contentEl, (el) => el.hasClass("setting-item-description"))[0]!.textContent;
		modal.clickButton("Cancel");
		return { label, input, hint };
	};

	test("has a visible label tied to it (not only a placeholder), and the hint names Ctrl on Windows and Linux", async () => {
		const { label, input, hint } = await openAsk();
		expect(label?.textContent).toBe("What should the model do with this text?");
		expect(input.getAttribute("id")).toMatch(/^azure-reasoning-ask-\d+$/);
		expect(label?.getAttribute("for")).toBe(input.getAttribute("id"));
		expect(hint).toBe("The answer goes below the selection. Ctrl+Enter asks.");
	});

	test("on macOS the hint names Cmd", async () => {
		Object.assign(Platform, { isMacOS: true });
		expect((await openAsk()).hint).toBe("The answer goes below the selection. Cmd+Enter asks.");
	});
});

test("ask-about-selection and summarize-selection need a selection: nothing sent, the user told", async () => {
	await h.start({ selection: null });
	await h.run("ask-about-selection");
	expect(h.lastNotice()).toBe("Select the text to ask about first.");
	await h.run("summarize-selection-to-new-note");
	expect(h.lastNotice()).toBe("Select the text to summarize first.");
	expect(h.emu.requests).toHaveLength(0);
	expect(Modal.opened).toHaveLength(0);
});

describe("a summary that does not come", () => {
	test("reasoning used the whole budget: no note, the numbers and a way to the setting", async () => {
		await h.start({ selection: null, deployments: [deployment({ maxCompletionTokens: 100 })] });
		const outcome = await h.run("summarize-note-to-new-note");
		expect(outcome.ok).toBe(false);
		expect(outcome.setting).toBe("maxCompletionTokens");
		expect(h.lastNotice()).toMatch(/^No answer: reasoning used 100 of the 100 tokens allowed, and none were left to write it\. Raise max completion tokens/);
		expect(h.notes()).toEqual(["Notes/Meeting.md"]);
		expect(h.readDisk()).toBe(BEFORE);
	});

	test("the answer filtered: the category named, no note", async () => {
		await h.start({ selection: null });
		h.emu.script({ filteredOutput: { category: "violence" } });
		await h.run("summarize-note-to-new-note");
		expect(h.lastNotice()).toMatch(/content filter withheld the answer: violence/);
		expect(h.notes()).toEqual(["Notes/Meeting.md"]);
	});
});
