/**
 * The request history from the commands, run as Obsidian runs them against the strict emulator,
 * from the sources and from the built main.js: every request sent is in history.jsonl, with the
 * real model, the tokens the emulator answered with and where the answer went; a request refused
 * before sending is not; the file holds no key and no note text unless prompts are kept.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { HistoryEntry } from "../../src/core/historyEntry";
import { parseHistory } from "../../src/core/historyFile";
import type { HistoryStore, RequestHistory } from "../../src/ui/history/historyStore";
import { BEFORE, KEY, LOADERS, NOTE, SECRET, SELECTED, answeredUsage, deployment, useHarness } from "./commandsHarness";

const h = useHarness();
const HISTORY = ".obsidian/plugins/azure-reasoning/history.jsonl";

/** The entries in the file, once the plugin's writes are done. */
async function entries(): Promise<HistoryEntry[]> {
	await (h.plugin.services.history as RequestHistory & { whenIdle(): Promise<void> }).whenIdle();
	const path = join(h.vaultDir, HISTORY);
	if (!existsSync(path)) return [];
	const parsed = parseHistory(readFileSync(path, "utf8"));
	expect(parsed.badLines).toBe(0);
	return parsed.entries;
}

const fileText = () => readFileSync(join(h.vaultDir, HISTORY), "utf8");

describe.each(LOADERS)("from %s", (loader) => {
	test("an answer below the selection and a summary in a new note: both recorded with model, tokens and destination; no key, no note text", async () => {
		await h.start({ loader });
		const asked = await h.run("ask-about-selection", { type: "What are the risks?", click: "Ask" });
		expect(asked.ok).toBe(true);
		h.host.openNote(NOTE);
		const summary = await h.run("summarize-note-to-new-note");
		expect(summary.ok).toBe(true);
		const [ask, sum] = await entries();
		const usage = answeredUsage(h.emu.requests[0]);
		expect(ask).toMatchObject({
			command: "ask-about-selection",
			deploymentId: "d1",
			deployment: "Test",
			operation: "chat-completions",
			outcome: "answered",
			promptTokens: usage.prompt_tokens,
			completionTokens: usage.completion_tokens,
			reasoningTokens: usage.completion_tokens_details.reasoning_tokens,
			destination: { kind: "below", path: NOTE },
			source: NOTE,
		});
		expect(ask?.model).toMatch(/^o1/);
		expect(ask?.prompt).toBeUndefined();
		expect(sum).toMatchObject({ command: "summarize-note-to-new-note", outcome: "answered", destination: { kind: "new-note", path: summary.note } });
		const text = fileText();
		expect(text).not.toContain(KEY);
		expect(text).not.toContain(SELECTED);
		expect(text).not.toContain("What are the risks?");
		expect(text).not.toContain("Last line.");
	});
});

test("a template: its command id and name; with prompts kept, the prompt as sent", async () => {
	await h.start({ loader: "main.js", settings: { keepPromptsInHistory: true } });
	await h.run("template-improve-writing");
	const [e] = await entries();
	expect(e).toMatchObject({ command: "template-improve-writing", templateId: "improve-writing", outcome: "answered", destination: { kind: "replace", path: NOTE } });
	expect(e?.template).toBeTruthy();
	expect(e?.prompt).toContain(SELECTED);
	expect(fileText()).not.toContain(KEY);
});

test("a request Azure refuses is recorded as failed with a short reason, and the wrong key is nowhere in the file", async () => {
	const wrong = "wrong-key-7a6b5c4d3e2f1a0b";
	await h.start({ loader: "main.js", secrets: { [SECRET]: wrong } });
	const out = await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
	expect(out.ok).toBe(false);
	const [e] = await entries();
	expect(e).toMatchObject({ command: "ask-about-selection", outcome: "failed", model: "", promptTokens: 0, destination: { kind: "none", path: "" } });
	expect(e?.error).toMatch(/401/);
	expect(fileText()).not.toContain(wrong);
	expect(h.read()).toBe(BEFORE);
});

test("a request refused before sending (a settings error) is not recorded", async () => {
	await h.start({ loader: "main.js", deployments: [deployment({ endpoint: "not a url", apiVersion: "2020-01-01" })] });
	await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
	expect(h.emu.requests).toHaveLength(0);
	expect(await entries()).toEqual([]);
});

describe("requests that end otherwise (main.js, on the fake clock)", () => {
	test("cancelled while the model thinks: recorded as cancelled, no tokens, nowhere", async () => {
		await h.start({ loader: "main.js", fakeClock: true });
		h.emu.script({ delayMs: 2_000, content: "LATE" });
		const running = h.run("run-prompt-on-selection", { choose: "Improve the writing" });
		await h.requestsArrived(1);
		await h.host.runCommand("cancel-request");
		expect((await running).ok).toBe(false);
		const [e] = await entries();
		expect(e).toMatchObject({ command: "run-prompt-on-selection", template: "Improve the writing", outcome: "cancelled", promptTokens: 0, completionTokens: 0, destination: { kind: "none", path: "" } });
		expect(e?.error).toBeUndefined();
	});

	test.each(LOADERS)("unloaded while the model thinks (from %s): the cancelled request is still in the file, the real store's, once", async (loader) => {
		await h.start({ loader, fakeClock: true });
		h.emu.script({ delayMs: 2_000, content: "LATE" });
		const running = h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		await h.requestsArrived(1);
		const store = h.plugin.services.history as HistoryStore;
		await h.host.unloadPlugin();
		expect((await running).ok).toBe(false);
		// The store takes the entries of the requests the unload cancelled, then closes.
		await store.whenClosed();
		const parsed = parseHistory(fileText());
		expect(parsed.badLines).toBe(0);
		expect(parsed.entries).toHaveLength(1);
		expect(parsed.entries[0]).toMatchObject({ command: "ask-about-selection", outcome: "cancelled", promptTokens: 0, destination: { kind: "none", path: "" } });
		// Closed: nothing more is taken (an entry now would be written after the plugin is gone).
		store.record({ ...parsed.entries[0]!, command: "after-close" });
		await store.whenIdle();
		expect(fileText()).not.toContain("after-close");
	});

	test.each(LOADERS)("unloaded while the answer is being placed (from %s): the answered request is still in the file, the real store's", async (loader) => {
		await h.start({ loader });
		const vault = h.host.standInApp.vault;
		const create = vault.create.bind(vault);
		// The answer is back (its request finished) and its note is being made when the plugin unloads.
		vault.create = async (...args: Parameters<typeof create>) => {
			await h.host.unloadPlugin();
			return create(...args);
		};
		const store = h.plugin.services.history as HistoryStore;
		await h.run("summarize-note-to-new-note");
		await store.whenClosed();
		const parsed = parseHistory(fileText());
		expect(parsed.entries).toHaveLength(1);
		expect(parsed.entries[0]).toMatchObject({ command: "summarize-note-to-new-note", outcome: "answered", completionTokens: answeredUsage(h.emu.requests[0]).completion_tokens });
	});

	test("the timeout, then the answer arrives: a failed entry, then a late one with its tokens and the note that keeps it", async () => {
		await h.start({ loader: "main.js", settings: { timeoutSeconds: 1 }, fakeClock: true });
		h.emu.script({ delayMs: 3_000, content: "LATE" });
		const running = h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		await h.requestsArrived(1);
		await h.advance(1_000);
		expect((await running).ok).toBe(false);
		await h.advance(2_000);
		for (let i = 0; i < 50 && h.notes().length === 1; i++) await new Promise((r) => setImmediate(r));
		const [failed, late] = await entries();
		expect(failed).toMatchObject({ outcome: "failed", error: expect.stringMatching(/No answer after 1 s/) });
		const kept = h.notes().find((p) => p !== NOTE);
		expect(late).toMatchObject({ command: "ask-about-selection", outcome: "late", destination: { kind: "kept-note", path: kept } });
		expect(late?.completionTokens).toBe(answeredUsage(h.emu.requests[0]).completion_tokens);
	});

	test("the note deleted while the model thinks: the answer kept in a new note, and the entry says so", async () => {
		await h.start({ loader: "main.js", fakeClock: true });
		h.emu.script({ delayMs: 300, content: "KEPT" });
		const running = h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		await h.requestsArrived(1);
		await h.host.standInApp.vault.delete(h.host.standInApp.vault.getFileByPath(NOTE)!);
		await h.advance(300);
		expect((await running).ok).toBe(true);
		const [e] = await entries();
		expect(e).toMatchObject({ outcome: "answered", destination: { kind: "kept-note", path: "Meeting (answer).md" } });
	});
});
