/**
 * A batch's note whose request timed out, on the built main.js against the strict emulator, on
 * the fake clock: it is never sent again (a reasoning request would be billed again); its answer,
 * when it still arrives while the batch goes on, is written as that note's summary; else the note
 * fails saying to raise the timeout, and an answer after that writes nothing.
 */
import type { HistoryEntry } from "../../src/core/historyEntry";
import { answerNaming, BATCH, notesUnder, progressText } from "./batchHarness";
import { useHarness, userMessage } from "./commandsHarness";

const h = useHarness();
const NOTES = { "Work/A.md": "# A\n\nAlpha team ships.\n", "Work/B.md": "# B\n\nBeta team waits.\n" };

async function flush(): Promise<void> {
	for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

async function start(answerAfterMs: number): Promise<{ history: HistoryEntry[]; running: ReturnType<typeof h.run> }> {
	await h.start({ loader: "main.js", notes: NOTES, open: null, settings: { batchConcurrency: 1, timeoutSeconds: 1 }, fakeClock: true });
	h.emu.setAnswer(answerNaming());
	const history: HistoryEntry[] = [];
	(h.plugin.services as unknown as { history: unknown }).history = { record: (e: HistoryEntry) => void history.push(e) };
	h.emu.script({ delayMs: answerAfterMs, match: (r) => userMessage(r).includes("Alpha") });
	const running = h.run(BATCH, { choose: /^Work$/ }, { click: "Start" });
	await h.requestsArrived(1);
	await h.advance(1_000);
	await flush();
	return { history, running };
}

describe("a timed-out note in a batch (main.js, fake clock)", () => {
	test("not sent again; its late answer is written as the summary and the note counted done", async () => {
		const { history, running } = await start(1_500);
		await h.advance(500);
		const outcome = await running;
		expect(outcome.message).toBe("Summaries of Work: 2 written, 0 up to date, 0 too large, 0 failed.");
		expect(h.emu.requests.map((r) => userMessage(r).match(/(Alpha|Beta) team/)?.[1])).toEqual(["Alpha", "Beta"]);
		expect(h.read("Summaries/Work/A (summary).md")).toContain("Gist of A: Alpha team ships.");
		expect(history.map((e) => e.outcome)).toEqual(["failed", "late", "answered"]);
		expect(history[1]?.destination).toEqual({ kind: "new-note", path: "Summaries/Work/A (summary).md" });
	});

	test("no answer within another timeout: the note fails with the reason, and an answer after that writes nothing", async () => {
		const { running } = await start(5_000);
		await h.advance(1_000);
		const outcome = await running;
		expect(outcome.message).toBe("Summaries of Work: 1 written, 0 up to date, 0 too large, 1 failed.");
		expect(progressText()).toContain("Work/A.md: No answer after 1 s; raise the timeout in the settings.");
		await h.advance(3_000);
		await flush();
		expect(h.emu.requests).toHaveLength(2);
		expect(notesUnder(h, "Summaries/Work")).toEqual(["Summaries/Work/B (summary).md", "Summaries/Work/Index of summaries.md"]);
	});
});
