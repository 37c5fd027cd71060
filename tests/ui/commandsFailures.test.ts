/**
 * How commands end when no answer comes, or its place is gone: timeout, an error, unload in
 * flight, a deleted note; answers that arrive empty or filtered; prompts too large for the
 * model. The note is byte-identical, or the answer is in a new note. Over real HTTP.
 */
import { FakeElement, Notice, findEls, modalWatchers } from "../support/obsidian";
import { tellFailure } from "../../src/ui/commands/notify";
import { explainFailure } from "../../src/core/errors";
import type AzureReasoningPlugin from "../../src/main";
import { estimatePromptTokens } from "../../src/core/tokens";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BEFORE, DATA_JSON, KEY, ROOT, LOADERS, NOTE, SELECTED, deployment, today, useHarness, userMessage } from "./commandsHarness";

const h = useHarness();

/** How long the model thinks in these tests (on the fake clock: no real time passes). */
const THINKING_MS = 300;

/**
 * Waits until the command's request reached the emulator, then does `meanwhile`, then lets the
 * model's thinking time pass on the fake clock (start with `fakeClock: true`) and awaits the command.
 */
async function whileThinking(id: string, steps: Parameters<typeof h.run>[1][], meanwhile: () => unknown | Promise<unknown>) {
	const running = h.run(id, ...steps);
	await h.requestsArrived(1);
	await meanwhile();
	await h.advance(THINKING_MS);
	return running;
}

const COMMANDS: { id: string; steps: Parameters<typeof h.run>[1][] }[] = [
	{ id: "run-prompt-on-selection", steps: [{ choose: "Summarize" }] },
	{ id: "template-improve-writing", steps: [] },
	{ id: "ask-about-selection", steps: [{ type: "Risks?", click: "Ask" }] },
	{ id: "summarize-note-to-new-note", steps: [] },
	{ id: "summarize-selection-to-new-note", steps: [] },
];

/**
 * Every failure kind on every command from the sources; from main.js, each command once and each
 * failure kind at least once (kind k runs main.js for the commands at i % 3 === k). The bundle's
 * share of these paths is also run end to end in tests/e2e/faults.test.ts (timeout and 401 on
 * main.js) and tests/e2e/matrix.test.ts (each command kind on every family from main.js).
 */
const onLoaders = (kind: number) => LOADERS.flatMap((loader) => COMMANDS.filter((_, i) => loader === "sources" || i % 3 === kind).map((c) => ({ ...c, loader })));

describe("plugin from sources, and a share from main.js", () => {
	test.each(onLoaders(0))("$id (from $loader): unloading the plugin in flight leaves every note as it was and creates none", async ({ id, steps, loader }) => {
		await h.start({ loader, fakeClock: true });
		h.emu.script({ delayMs: THINKING_MS, content: "LATE" });
		const outcome = await whileThinking(id, steps, () => h.host.unloadPlugin());
		expect(outcome.ok).toBe(false);
		expect(h.readDisk()).toBe(BEFORE);
		expect(h.read()).toBe(BEFORE);
		expect(h.notes()).toEqual([NOTE]);
		expect(h.statusItems()).toEqual([]);
	});

	test.each(onLoaders(1))("$id (from $loader): no answer before the timeout: told so, the note byte-identical", async ({ id, steps, loader }) => {
		await h.start({ loader, settings: { timeoutSeconds: 1 }, fakeClock: true });
		h.emu.script({ delayMs: 3_000, content: "LATE" });
		const running = h.run(id, ...steps);
		await h.requestsArrived(1);
		await h.advance(999);
		expect(h.host.notices().join("\n")).not.toContain("No answer after");
		await h.advance(1);
		const outcome = await running;
		expect(outcome.ok).toBe(false);
		expect(h.lastNotice()).toBe("No answer after 1 s (the timeout). Reasoning models can think for minutes: raise the request timeout in the settings, or lower the reasoning effort. Nothing was changed; if the answer still arrives, it is kept in a new note.");
		expect(h.readDisk()).toBe(BEFORE);
		expect(h.notes()).toEqual([NOTE]);
	});

	test.each(onLoaders(2))("$id (from $loader): an error from Azure (401) is explained, the note byte-identical, the key nowhere", async ({ id, steps, loader }) => {
		await h.start({ loader, secrets: { "azure-cmd": "wrong-key-0000000000" } });
		const outcome = await h.run(id, ...steps);
		expect(outcome).toMatchObject({ ok: false, setting: "secretName" });
		expect(h.lastNotice()).toMatch(/^Azure refused the key \(HTTP 401\)\. Check that the secret holds a current key/);
		expect(h.readDisk()).toBe(BEFORE);
		expect(h.notes()).toEqual([NOTE]);
		expect(h.visibleText()).not.toContain("wrong-key-0000000000");
		expect(h.visibleText()).not.toContain(KEY);
	});
});

describe("the target gone while the model thinks", () => {
	test("ask-about-selection, the note deleted: the answer is in a new note, and the notice names it", async () => {
		await h.start({ loader: "main.js", fakeClock: true });
		h.emu.script({ delayMs: THINKING_MS, content: "KEPT" });
		const outcome = await whileThinking("ask-about-selection", [{ type: "Risks?", click: "Ask" }], async () => {
			await h.host.standInApp.vault.delete(h.host.standInApp.vault.getFileByPath(NOTE)!);
		});
		expect(outcome.ok).toBe(true);
		expect(h.notes()).toEqual(["Meeting (answer).md"]);
		expect(h.read("Meeting (answer).md")).toBe("Answer for [[Notes/Meeting]], kept here because the note was deleted.\n\nKEPT\n");
		expect(h.lastNotice()).toMatch(/^The answer is in Meeting \(answer\)\.md: the note was deleted\. \(\d+\.\d s, /);
	});

	test("template replace, the selected text deleted: the answer is in a new note; the note keeps the user's edit", async () => {
		await h.start({ fakeClock: true });
		h.emu.script({ delayMs: THINKING_MS, content: "KEPT" });
		const editor = h.host.standInApp.workspace.activeEditor!.editor;
		await whileThinking("template-improve-writing", [], () => {
			const from = BEFORE.indexOf(SELECTED);
			editor.replaceRange("", editor.offsetToPos(from), editor.offsetToPos(from + SELECTED.length));
		});
		expect(h.read()).toBe("# Meeting\n\n\n\nLast line.\n");
		expect(h.read("Meeting (answer).md")).toBe("Answer for [[Meeting]], kept here because the selected text was no longer in the note.\n\nKEPT\n");
	});

	test("summarize-note, the source deleted: the summary is still written, its link to the source kept as a path", async () => {
		await h.start({ selection: null, fakeClock: true });
		h.emu.script({ delayMs: THINKING_MS, content: "Gist." });
		const outcome = await whileThinking("summarize-note-to-new-note", [], async () => {
			await h.host.standInApp.vault.delete(h.host.standInApp.vault.getFileByPath(NOTE)!);
		});
		expect(outcome.note).toBe("Meeting (summary).md");
		expect(h.read("Meeting (summary).md")).toMatch(new RegExp(`^---\\nsource: "\\[\\[Notes/Meeting\\]\\]"\\n[^]*\\ndate: ${today()}\\n[^]*---\\nSummary of \\[\\[Notes/Meeting\\]\\]\\.\\n\\nGist\\.\\n$`));
	});
});

describe("answers with nothing to insert", () => {
	test("reasoning used the whole budget: nothing inserted; the notice has the numbers, Open settings and the fix", async () => {
		await h.start({ deployments: [deployment({ maxCompletionTokens: 100 })] });
		const outcome = await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		expect(outcome).toMatchObject({ ok: false, setting: "maxCompletionTokens" });
		expect(h.lastNotice()).toBe("No answer: reasoning used 100 of the 100 tokens allowed, and none were left to write it. Raise max completion tokens (to about 25,000), or lower the reasoning effort. Nothing was changed.");
		expect(h.readDisk()).toBe(BEFORE);
	});

	test("a filtered prompt: the category named, nothing inserted", async () => {
		await h.start();
		h.emu.script({ filteredPrompt: { category: "self_harm", severity: "high" } });
		await h.run("run-prompt-on-selection", { choose: "Explain" });
		expect(h.lastNotice()).toMatch(/^Azure's content filter blocked the prompt: self harm \(high\)\./);
		expect(h.readDisk()).toBe(BEFORE);
	});

	test("a filtered answer: the category named, nothing inserted", async () => {
		await h.start();
		h.emu.script({ filteredOutput: { category: "protected_material_text" } });
		await h.run("template-summarize");
		expect(h.lastNotice()).toMatch(/^Azure's content filter withheld the answer: protected material text\./);
		expect(h.readDisk()).toBe(BEFORE);
	});
});

describe("the notice's buttons", () => {
	const budget = explainFailure({ kind: "no-answer", outcome: { kind: "budget-exhausted", maxCompletionTokens: 100, completion: { text: "", finishReason: "length", model: "o1", usage: { promptTokens: 10, completionTokens: 100, reasoningTokens: 100, totalTokens: 110 }, outputFiltered: [], refusal: null, reasoningSummary: null } } });
	const buttons = (n: Notice) => findEls(n.messageEl, (el: FakeElement) => el.tagName === "BUTTON");

	test("Open settings calls the plugin's openSettings with the deployment and the field; the fix is applied and saved", async () => {
		await h.start();
		const opened: unknown[] = [];
		(h.plugin as unknown as { openSettings: (...a: unknown[]) => boolean }).openSettings = (...a) => opened.push(a) > 0;
		const dep = h.plugin.settings.deployments[0]!;
		const { notice } = tellFailure(h.plugin, { kind: "no-answer", outcome: { kind: "empty", completion: null as never } }, budget, dep);
		expect(buttons(notice as unknown as Notice).map((b) => b.textContent)).toEqual(["Use 25,000", "Open settings"]);
		buttons(notice as unknown as Notice)[1]!.click();
		expect(opened).toEqual([["d1", "maxCompletionTokens"]]);
		buttons(notice as unknown as Notice)[0]!.click();
		expect(dep.maxCompletionTokens).toBe(25_000);
	});

	test("the buttons are on a row of their own after the text, in the class styles.css spaces from it", async () => {
		await h.start();
		const { notice } = tellFailure(h.plugin, { kind: "no-answer", outcome: { kind: "empty", completion: null as never } }, budget, h.plugin.settings.deployments[0]!);
		const message = (notice as unknown as Notice).messageEl;
		const row = message.children.at(-1)!;
		expect(row.hasClass("azure-reasoning-notice-actions")).toBe(true);
		expect(row.children.map((b) => [b.tagName, b.textContent])).toEqual([["BUTTON", "Use 25,000"], ["BUTTON", "Open settings"]]);
		expect(message.textContent).toMatch(/^No answer: [^]*Nothing was changed\.Use 25,000Open settings$/);
		const css = readFileSync(join(ROOT, "styles.css"), "utf8");
		expect(/\.azure-reasoning-notice-actions\s*\{[^}]*margin-top:\s*var\(--size-4-3\)[^}]*\}/.test(css) && /\.azure-reasoning-notice-actions\s*\{[^}]*gap:/.test(css)).toBe(true);
	});

	test("no deployment yet: Open settings opens Obsidian's settings at the plugin's tab", async () => {
		await h.start();
		const calls: string[] = [];
		(h.plugin.app as unknown as { setting: unknown }).setting = { open: () => calls.push("open"), openTabById: (id: string) => calls.push(`tab ${id}`) };
		const { notice } = tellFailure(h.plugin as AzureReasoningPlugin, { kind: "no-deployment" }, explainFailure({ kind: "no-deployment" }), undefined);
		buttons(notice as unknown as Notice)[0]!.click();
		expect(calls).toEqual(["open", "tab azure-reasoning"]);
	});
});

describe("a prompt too large for the model's context window", () => {
	// o1: 200,000 tokens in all, 100,000 kept for the answer: about 360,000 characters of English fit.
	const BIG_BODY = "All work and no play makes a dull note. ".repeat(12_000);
	const BIG = `# Big\n\n${SELECTED}\n\n${BIG_BODY}\n`;
	const WHOLE = { id: "whole", name: "Whole note", text: "Read the note:\n{{note}}\n\nThen explain: {{selection}}", output: "below", deploymentId: null };
	const big = { deployments: [deployment({ maxCompletionTokens: 100_000 })], notes: { "Big.md": BIG }, open: "Big.md" };

	test.each(LOADERS)("summarize-note (from %s): told, and offered the selection only; chosen, only the selection is sent", async (loader) => {
		await h.start({ ...big, loader });
		h.emu.setAnswer(() => "Short.");
		const outcome = await h.run("summarize-note-to-new-note", { click: "Send the selection only" });
		expect(h.emu.requests).toHaveLength(1);
		expect(userMessage(h.emu.requests[0])).toMatch(new RegExp(`^Summarize the following text from the note "Big"[^]*\\n\\n${SELECTED}$`));
		expect(outcome.note).toBe("Big (summary).md");
		expect(h.read("Big (summary).md")).toContain("---\nSummary of a selection from [[Big]].\n\nShort.\n");
		expect(h.read("Big.md")).toBe(BIG);
	});

	test("a template that reads the whole note: Cancel sends nothing and changes nothing", async () => {
		await h.start({ ...big, settings: { templates: [WHOLE] } });
		let question = "";
		modalWatchers.push((m) => (question = `${m.titleEl.textContent}|${m.contentEl.textContent}`));
		const outcome = await h.run("template-whole", { click: "Cancel" });
		expect(outcome.ok).toBe(false);
		expect(question).toMatch(/^The prompt is too large for this model\|The prompt is about [\d,]+ tokens \(an estimate\), but o1 takes 200,000 tokens in all, of which 100,000 are kept for the answer \(max completion tokens\): at most 100,000 are left for the prompt\./);
		expect(h.emu.requests).toHaveLength(0);
		expect(h.readDisk("Big.md")).toBe(BIG);
	});

	test("a template that reads the whole note: the selection only is sent, and the answer goes below the selection", async () => {
		await h.start({ ...big, settings: { templates: [WHOLE] } });
		h.emu.setAnswer(() => "Explained.");
		await h.run("template-whole", { click: "Send the selection only" });
		expect(userMessage(h.emu.requests[0])).toBe(`Read the note:\n${SELECTED}\n\nThen explain: ${SELECTED}`);
		expect(h.read("Big.md")).toBe(`# Big\n\n${SELECTED}\n\nExplained.\n\n${BIG_BODY}\n`);
	});

	test.each(LOADERS)("a selection that alone is too large (from %s): a shorter answer is offered, for this request only; chosen, the request fits and goes with it", async (loader) => {
		await h.start({ ...big, selection: "all", loader });
		h.emu.setAnswer(() => "Short.");
		let question = "";
		modalWatchers.push((m) => (question = `${m.titleEl.textContent}|${m.contentEl.textContent}`));
		await h.run("summarize-selection-to-new-note", { click: "Answer in at most 67,900 tokens" });
		// No selection-only button (the selection is what is sent); the budget's reason is said beside it.
		expect(question).not.toMatch(/Send the selection only/);
		expect(question).toMatch(/Answer in at most 67,900 tokens: the whole prompt is sent, with a smaller answer budget for this request only \(the deployment keeps 100,000\)\./);
		expect(h.emu.requests).toHaveLength(1);
		const body = h.emu.requests[0]!.body as { messages: { content: string }[]; max_completion_tokens: number };
		expect(body.max_completion_tokens).toBe(67_900);
		// It fits: the prompt as sent (estimated, leaning high) beside the smaller budget, within o1's 200,000.
		expect(estimatePromptTokens(body.messages) + body.max_completion_tokens).toBeLessThanOrEqual(200_000);
		expect(h.read("Big (summary).md")).toContain("Short.");
		// The deployment's own budget is unchanged in data.json.
		expect(JSON.parse(h.readDisk(DATA_JSON)).deployments[0].maxCompletionTokens).toBe(100_000);
	});

	test.each(LOADERS)("the smaller budget for this request used up (from %s): told to select less, and no fix that would lower the deployment's own 100,000", async (loader) => {
		await h.start({ ...big, selection: "all", loader });
		h.emu.script({ exhaustBudget: true });
		await h.run("summarize-selection-to-new-note", { click: "Answer in at most 67,900 tokens" });
		expect(h.lastNotice()).toMatch(/^No answer: reasoning used 67,900 of the 67,900 tokens allowed[^]*The smaller budget chosen for this request only was used up; to send it with the deployment's budget \(100,000\), select less text\./);
		const notice = h.host.noticeObjects().at(-1)!;
		expect(findEls(notice.messageEl, (el: FakeElement) => el.tagName === "BUTTON").map((b) => b.textContent)).toEqual([]);
		expect(JSON.parse(h.readDisk(DATA_JSON)).deployments[0].maxCompletionTokens).toBe(100_000);
	});

	test.each(LOADERS)("an answer cut off at the smaller budget for this request (from %s): the notice does not say to raise the deployment's budget", async (loader) => {
		await h.start({ ...big, loader, settings: { templates: [WHOLE] } });
		h.emu.script({ cutOff: true, content: "Half of this answer." });
		await h.run("template-whole", { click: "Answer in at most 67,900 tokens" });
		expect(h.lastNotice()).toMatch(/The answer was cut off at the 67,900 max completion tokens; that smaller budget was chosen for this request only: select less text to send it with the deployment's 100,000 for a whole answer\.$/);
		expect(h.lastNotice()).not.toMatch(/raise/);
	});

	test("explained with the deployment's own budget, a budget used up at the smaller one for this request never offers a fix that lowers it", () => {
		const dep = { ...deployment({ maxCompletionTokens: 100_000 }), family: "o1" } as const;
		const budget = 15_000; // what the too-large question offers a prompt of ~185,000 tokens (send.ts sends it for this request only)
		const completion = { text: "", finishReason: "length", model: "o1", usage: { promptTokens: 185_000, completionTokens: budget, reasoningTokens: budget }, outputFiltered: [], refusal: null, reasoningSummary: null };
		const e = explainFailure({ kind: "no-answer", outcome: { kind: "budget-exhausted", completion, maxCompletionTokens: budget } } as never, { ...dep, maxCompletionTokens: budget } as never, 100_000);
		expect(e.fix).toBeUndefined();
		expect(e.detail).toMatch(/deployment's budget \(100,000\), select less text/);
	});

	test("the whole note too large, with a selection: both ways are offered, the selection first", async () => {
		await h.start({ ...big, settings: { templates: [WHOLE] } });
		let labels: string[] = [];
		modalWatchers.push((m) => (labels = findEls(m.contentEl, (el) => el.tagName.toLowerCase() === "button").map((b) => b.textContent ?? "")));
		await h.run("template-whole", { click: "Cancel" });
		expect(labels).toEqual(["Send the selection only", expect.stringMatching(/^Answer in at most [\d,]+ tokens$/), "Cancel"]);
		expect(h.emu.requests).toHaveLength(0);
	});

	test("too large even with the smallest answer: nothing sent, no question, the user told to select less", async () => {
		const huge = `# Huge\n\n${BIG_BODY}${BIG_BODY}\n`;
		await h.start({ ...big, notes: { "Huge.md": huge }, open: "Huge.md", selection: "all" });
		await h.run("summarize-selection-to-new-note");
		expect(h.emu.requests).toHaveLength(0);
		expect(h.lastNotice()).toMatch(/^Nothing was sent\. The prompt is about [\d,]+ tokens \(an estimate\), but o1 takes 200,000 tokens in all[^]*Select less text, or lower max completion tokens/);
		expect(h.notes()).toEqual(["Huge.md"]);
	});
});
