/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * The batch's requests in the request history, from the built main.js against the strict
 * emulator: made as every command's entries are (history/recordRequest.ts), with the source note,
 * a whole-millisecond duration and, only with "Keep prompts in the history" on, the prompt, so
 * the history view can run one again; with it off, no note text in the file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { HistoryEntry } from "../../src/core/historyEntry";
import { parseHistory } from "../../src/core/historyFile";
import type { WorkspaceLeaf } from "../support/obsidian";
import { answerNaming, BATCH } from "./batchHarness";
import { useHarness, userMessage } from "./commandsHarness";

const h = useHarness();
const HISTORY = ".obsidian/plugins/azure-reasoning/history.jsonl";
const NOTES = { "Work/A.md": "# A\n\nAlpha team ships.\n", "Work/B.md": "# B\n\nBeta team waits.\n" };

async function batch(keepPromptsInHistory: boolean): Promise<{ entries: HistoryEntry[]; file: string }> {
	await h.start({ loader: "main.js", notes: NOTES, open: null, settings: { batchConcurrency: 1, keepPromptsInHistory } });
	h.emu.setAnswer(answerNaming());
	expect((await h.run(BATCH, { choose: /^Work$/ }, { click: "Start" })).ok).toBe(true);
	await (h.plugin.services.history as unknown as { whenIdle(): Promise<void> }).whenIdle();
	const file = readFileSync(join(h.vaultDir, HISTORY), "utf8");
	const parsed = parseHistory(file);
	expect(parsed.badLines).toBe(0);
	return { entries: parsed.entries, file };
}

function historyView(): HTMLElement {
	const leaf = h.host.standInApp.workspace.getLeavesOfType("azure-reasoning-history")[0] as WorkspaceLeaf | undefined;
	if (!leaf) throw new Error("no history view is open");
	return (leaf.view as unknown as { contentEl: HTMLElement }).contentEl;
}

test("prompts kept: each entry has its source note and the prompt as sent, and Run again sends it again", async () => {
	const { entries } = await batch(true);
	expect(entries.map((e) => [e.command, e.outcome, e.source])).toEqual([
		[BATCH, "answered", "Work/A.md"],
		[BATCH, "answered", "Work/B.md"],
	]);
	expect(entries.map((e) => e.prompt)).toEqual(h.emu.requests.map((r) => userMessage(r)));
	for (const e of entries) expect(Number.isInteger(e.durationMs)).toBe(true);
	await h.host.runCommand("open-request-history");
	const before = h.notes().length;
	const newest = historyView().querySelector(".azure-reasoning-history-entry");
	[...(newest?.querySelectorAll("button") ?? [])].find((b) => b.textContent === "Run again")?.click();
	await h.requestsArrived(3);
	expect(h.emu.requests[2]?.body).toEqual(h.emu.requests[1]?.body);
	for (let i = 0; i < 20 && h.notes().length === before; i++) await new Promise((r) => setImmediate(r));
	expect(h.notes()).toHaveLength(before + 1);
});

test("prompts not kept: the source note's path, but no prompt and no note text in the file", async () => {
	const { entries, file } = await batch(false);
	expect(entries.map((e) => e.source)).toEqual(["Work/A.md", "Work/B.md"]);
	expect(entries.every((e) => e.prompt === undefined)).toBe(true);
	expect(file).not.toMatch(/Alpha team|Beta team|"prompt"/);
});

test("unloaded mid-batch: the requests the unload cancelled are still in the file, the real store's, once each", async () => {
	await h.start({ loader: "main.js", notes: NOTES, open: null, settings: { batchConcurrency: 2 }, fakeClock: true });
	h.emu.script({ delayMs: 60_000, times: Infinity });
	const store = h.plugin.services.history as unknown as { whenClosed(): Promise<void> };
	const running = h.run(BATCH, { choose: /^Work$/ }, { click: "Start" });
	await h.requestsArrived(2);
	await h.host.unloadPlugin();
	expect((await running).ok).toBe(false);
	await store.whenClosed();
	const parsed = parseHistory(readFileSync(join(h.vaultDir, HISTORY), "utf8"));
	expect(parsed.badLines).toBe(0);
	expect(parsed.entries.map((e) => [e.command, e.outcome, e.source]).sort()).toEqual([
		[BATCH, "cancelled", "Work/A.md"],
		[BATCH, "cancelled", "Work/B.md"],
	]);
	h.emu.releaseDelays();
});
