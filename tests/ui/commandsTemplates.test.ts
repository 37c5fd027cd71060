/**
 * run-prompt-on-selection (the template picker) and the template-<id> commands, over real HTTP
 * against the strict emulator, from the sources and from the built main.js. Note texts exactly.
 */
import { Modal, modalWatchers, type SuggestModal } from "../support/obsidian";
import { BEFORE, LOADERS, NOTE, testFrom, SELECTED, answeredUsage, deployment, today, useHarness, userMessage } from "./commandsHarness";

const h = useHarness();

const BRIEF = { id: "brief", name: "Brief", text: "Make this brief: {{selection}}", output: "new-note", deploymentId: null };

/**
 * From main.js, a smoke subset: the picker's template that goes below, a template to a new note,
 * template-<id>, a template without a selection. Not repeated from main.js: replace as one undo
 * step (tests/e2e/matrix replaces the selection with template-improve-writing for every family
 * from main.js; placementBundle.test.ts checks the one undo step from a bundle built as main.js is) and the picker closed unchosen (from main.js in commandsManage's
 * unload-while-a-picker-is-open case, which closes the picker the same way).
 */
describe.each(LOADERS)("plugin from %s", (loader) => {
	test("run-prompt-on-selection: the picker's template that goes below puts the answer below the selection", async () => {
		await h.start({ loader });
		h.emu.setAnswer(() => "- Ship on Friday.");
		const outcome = await h.run("run-prompt-on-selection", { choose: "Summarize" });
		expect(outcome.ok).toBe(true);
		expect(h.read()).toBe("# Meeting\n\nwe decide to ship on friday.\n\n- Ship on Friday.\n\nLast line.\n");
		expect(userMessage(h.emu.requests[0])).toBe(`Summarize the following text from the note "Meeting" in a few bullet points. Answer in the text's language, in Markdown.\n\n${SELECTED}`);
		expect(h.lastNotice()).toMatch(/^Answer from o1-2024-12-17 in \d+\.\d s, \d+ prompt \+ \d+ completion tokens \(of which 192 reasoning\)\.$/);
		expect(h.visibleText()).not.toContain("cmd-key-5f4e3d2c1b0a9988");
	});

	testFrom(loader, false)("run-prompt-on-selection: a template that replaces replaces the selection, as one undo step", async () => {
		await h.start({ loader });
		h.emu.setAnswer(() => "We decided to ship on Friday.");
		await h.run("run-prompt-on-selection", { choose: "Improve the writing" });
		expect(h.read()).toBe("# Meeting\n\nWe decided to ship on Friday.\n\nLast line.\n");
		const editor = h.host.standInApp.workspace.activeEditor!.editor;
		editor.undo();
		expect(editor.getValue()).toBe(BEFORE);
	});

	testFrom(loader, false)("run-prompt-on-selection: the picker closed (Escape) sends nothing and changes nothing", async () => {
		await h.start({ loader });
		const notices = h.host.notices().length;
		const outcome = await h.run("run-prompt-on-selection", { escape: true });
		expect(outcome.ok).toBe(false);
		expect(h.emu.requests).toHaveLength(0);
		expect(h.read()).toBe(BEFORE);
		expect(h.host.notices()).toHaveLength(notices);
	});

	test("a template whose output is a new note: the note in the output folder, with frontmatter and a link back; the source untouched", async () => {
		await h.start({ loader, settings: { templates: [BRIEF], outputFolder: "Answers" } });
		h.emu.setAnswer(() => "Shipping Friday.");
		const outcome = await h.run("template-brief");
		expect(outcome.note).toBe("Answers/Meeting (Brief).md");
		const u = answeredUsage(h.emu.requests[0]);
		expect(h.read("Answers/Meeting (Brief).md")).toBe(
			`---\nsource: "[[Notes/Meeting]]"\ndeployment: "Test"\nmodel: "o1-2024-12-17"\ndate: ${today()}\nprompt_tokens: ${u.prompt_tokens}\ncompletion_tokens: ${u.completion_tokens}\nreasoning_tokens: 192\n---\nBrief: [[Meeting]]\n\nShipping Friday.\n`,
		);
		expect(h.read()).toBe(BEFORE);
		expect(h.host.standInApp.workspace.getActiveFile()?.path).toBe("Answers/Meeting (Brief).md");
	});

	test("template-<id>: one command per default template, each running its own template", async () => {
		await h.start({ loader });
		expect(h.host.commands().filter((c) => c.includes(":template-")).sort()).toEqual(
			["action-items", "explain", "improve-writing", "summarize", "translate-english"].map((id) => `azure-reasoning:template-${id}`),
		);
		h.emu.setAnswer(() => "- [ ] Ship (team, Friday)");
		await h.run("template-action-items");
		expect(h.read()).toBe("# Meeting\n\nwe decide to ship on friday.\n\n- [ ] Ship (team, Friday)\n\nLast line.\n");
		expect(userMessage(h.emu.requests[0])).toContain("List the action items");
	});

	test("a template that needs a selection, run without one: nothing sent, the user told", async () => {
		await h.start({ loader, selection: null });
		await h.run("template-explain");
		expect(h.emu.requests).toHaveLength(0);
		expect(h.lastNotice()).toBe('Select the text to run "Explain" on first.');
		expect(h.read()).toBe(BEFORE);
	});
});

test("the template commands follow the templates: added, renamed, removed (TemplateCommands.sync)", async () => {
	await h.start();
	const mine = () =>
		h.host
			.commands()
			.filter((c) => c.includes(":template-"))
			.map((c) => `${c} = ${h.host.standInApp.standIn.commands.get(c)?.name}`)
			.sort();
	h.plugin.settings.templates = h.plugin.settings.templates.filter((t) => t.id === "summarize" || t.id === "explain");
	h.plugin.settings.templates.find((t) => t.id === "explain")!.name = "Explain simply";
	h.plugin.settings.templates.push({ ...BRIEF, output: "below" });
	h.plugin.services.templateCommands.sync();
	expect(mine()).toEqual([
		"azure-reasoning:template-brief = Azure Reasoning: Brief",
		"azure-reasoning:template-explain = Azure Reasoning: Explain simply",
		"azure-reasoning:template-summarize = Azure Reasoning: Summarize",
	]);
	h.emu.setAnswer(() => "Short.");
	await h.run("template-brief");
	expect(h.read()).toBe("# Meeting\n\nwe decide to ship on friday.\n\nShort.\n\nLast line.\n");
	// Edited text needs no new registration: the command reads its template when it runs.
	h.plugin.settings.templates.find((t) => t.id === "brief")!.text = "Shorter: {{selection}}";
	await h.run("template-brief");
	expect(userMessage(h.emu.requests[1])).toBe(`Shorter: ${SELECTED}`);
	h.plugin.settings.templates = [];
	h.plugin.services.templateCommands.sync();
	expect(mine()).toEqual([]);
});

test("saving the settings (as the settings tab does) keeps the template commands in step", async () => {
	await h.start();
	const names = () => h.host.commands().filter((c) => c.includes(":template-")).map((c) => h.host.standInApp.standIn.commands.get(c)?.name).sort();
	h.plugin.settings.templates = [{ ...BRIEF, name: "Very brief", output: "below" }];
	await h.plugin.saveSettings();
	expect(names()).toEqual(["Azure Reasoning: Very brief"]);
});

test("a template with its own deployment uses it", async () => {
	await h.start({
		deployments: [deployment(), deployment({ id: "d2", displayName: "Mini", deployment: "dep-o3mini", family: "o3-mini" })],
		settings: { templates: [{ ...BRIEF, output: "replace", deploymentId: "d2" }] },
	});
	h.emu.setAnswer(() => "Friday.");
	await h.run("run-prompt-on-selection", { choose: "Brief" });
	expect(h.emu.requests[0]!.deployment).toBe("dep-o3mini");
	expect(h.read()).toBe("# Meeting\n\nFriday.\n\nLast line.\n");
	expect(h.lastNotice()).toMatch(/^Answer from o3-mini-2025-01-31 in /);
});

test("the picker lists every template with where its answer goes, and filters as the user types", async () => {
	await h.start();
	const running = h.host.runCommand("run-prompt-on-selection");
	const picker = Modal.opened.at(-1) as SuggestModal<unknown>;
	expect((await picker.shownSuggestions()).map((s) => s.text)).toEqual([
		"Improve the writingReplaces the selection",
		"SummarizeGoes below the selection",
		"ExplainGoes below the selection",
		"Translate into EnglishReplaces the selection",
		"Extract action itemsGoes below the selection",
	]);
	picker.inputEl.value = "transl";
	expect((await picker.shownSuggestions()).map((s) => s.text)).toEqual(["Translate into EnglishReplaces the selection"]);
	picker.close();
	await running;
	expect(h.emu.requests).toHaveLength(0);
	expect(h.read()).toBe(BEFORE);
});

test("an answer cut off by the token budget never replaces the selection: it goes below, and the notice says so", async () => {
	await h.start({ deployments: [deployment({ maxCompletionTokens: 250 })] });
	h.emu.setAnswer(() => "We decided to ship on Friday. ".repeat(20));
	const outcome = await h.run("template-improve-writing");
	expect(outcome.ok).toBe(true);
	const cut = "We decided to ship on Friday. ".repeat(20).slice(0, (250 - 192) * 4).trimEnd();
	expect(h.read()).toBe(`# Meeting\n\n${SELECTED}\n\n${cut}\n\nLast line.\n`);
	expect(h.lastNotice()).toMatch(/cut off at the 250 max completion tokens, so it was put below your text instead of replacing it; raise max completion tokens/);
});

test("an answer that arrives after the timeout is kept in a new note, and the notice says where; the note is untouched", async () => {
	await h.start({ settings: { timeoutSeconds: 1 }, fakeClock: true });
	h.emu.script({ delayMs: 1_500, content: "Worth the wait." });
	const running = h.run("template-improve-writing");
	await h.requestsArrived(1);
	await h.advance(1_000);
	const outcome = await running;
	expect(outcome.ok).toBe(false);
	expect(h.lastNotice()).toMatch(/No answer after 1 s/);
	expect(h.notes()).toEqual([NOTE]);
	const kept = new Promise<string>((resolve) => h.host.standInApp.vault.on("create", (f: { path: string }) => resolve(f.path)));
	await h.advance(500);
	expect(await kept).toBe("Meeting (late answer).md");
	expect(h.read("Meeting (late answer).md")).toBe("Answer (Improve the writing) for [[Meeting]], kept here because it arrived after the request timeout.\n\nWorth the wait.\n");
	expect(h.lastNotice()).toBe('The answer to "Improve the writing" arrived after the timeout; it is in Meeting (late answer).md. Raise the request timeout to have answers land in place.');
	expect(h.read()).toBe(BEFORE);
});

test("a template that reads the whole note sends the note as it was when the command ran, though the user typed while the picker was open", async () => {
	const WHOLE = { id: "whole", name: "Whole note", text: "Note:\n{{note}}\nPart: {{selection}}", output: "below", deploymentId: null };
	await h.start({ settings: { templates: [WHOLE] } });
	h.emu.setAnswer(() => "Read.");
	const editor = h.host.standInApp.workspace.activeEditor!.editor;
	modalWatchers.push(() => editor.replaceRange("Typed meanwhile.\n", { line: 0, ch: 0 }));
	await h.run("run-prompt-on-selection", { choose: "Whole note" });
	expect(userMessage(h.emu.requests[0])).toBe(`Note:\n${BEFORE}\nPart: ${SELECTED}`);
	expect(h.read()).toBe(`Typed meanwhile.\n# Meeting\n\n${SELECTED}\n\nRead.\n\nLast line.\n`);
});
