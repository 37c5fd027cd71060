/**
 * One batch at a time, on the built main.js against the strict emulator: an older batch's
 * "Retry the failed ones" refuses while another batch runs, a new batch closes the older view,
 * and unloading the plugin stops every run (a retried older batch included): nothing more is
 * sent, nothing written.
 */
import { Modal } from "../support/obsidian";
import { answerNaming, BATCH, notesUnder, probe } from "./batchHarness";
import { useHarness, userMessage } from "./commandsHarness";

const h = useHarness();

const NOTES: Record<string, string> = {
	"Work/A.md": "# A\n\nAlpha team ships.\n",
	"Work/B.md": "# B\n\nBeta team waits.\n",
	"Work/C.md": "# C\n\nGamma team waits.\n",
	"Other/D.md": "# D\n\nDelta notes.\n",
};

type Session = { retry(): Promise<unknown> };
const batchViews = () => Modal.opened.filter((m) => m.modalEl.hasClass("azure-reasoning-batch"));

async function start() {
	await h.start({ loader: "main.js", notes: NOTES, open: null, settings: { batchConcurrency: 1 } });
	h.emu.setAnswer(answerNaming());
	probe(h);
	// Beta and Gamma fail the first time: Work ends with two failures.
	h.emu.script({ filteredPrompt: { category: "violence", severity: "high" }, times: 2, match: (r) => / team waits/.test(userMessage(r)) });
	const first = await h.run(BATCH, { choose: /^Work$/ }, { click: "Start" });
	expect(first.message).toBe("Summaries of Work: 1 written, 0 up to date, 0 too large, 2 failed.");
	return h.plugin.services.batches.session as unknown as Session;
}

describe("one batch at a time (main.js)", () => {
	test("a new batch closes the older view; the older batch's Retry refuses while the new one runs", async () => {
		const older = await start();
		expect(batchViews()).toHaveLength(1);
		h.emu.script({ delayMs: 60_000, match: (r) => userMessage(r).includes("Delta") });
		const running = h.run(BATCH, { choose: /^Other$/ }, { click: "Start" });
		await h.requestsArrived(4);
		expect(batchViews()).toHaveLength(1);
		expect(await older.retry()).toBeNull();
		expect(h.lastNotice()).toBe("Another batch of summaries is running: retry the failed ones once it is over.");
		expect(h.emu.requests).toHaveLength(4);
		h.emu.releaseDelays();
		expect((await running).ok).toBe(true);
		expect(h.emu.requests).toHaveLength(4);
	});

	test("unloading stops an older batch retried after a newer one ended: nothing more is sent or written", async () => {
		const older = await start();
		expect((await h.run(BATCH, { choose: /^Other$/ }, { click: "Start" })).ok).toBe(true);
		expect(h.emu.requests).toHaveLength(4);
		h.emu.script({ delayMs: 60_000, match: (r) => userMessage(r).includes("Beta") });
		const retried = older.retry();
		await h.requestsArrived(5);
		await h.host.unloadPlugin();
		h.emu.releaseDelays();
		await h.emu.whenRequests(5);
		await retried;
		await new Promise((r) => setImmediate(r));
		expect(h.emu.requests).toHaveLength(5);
		expect(notesUnder(h, "Summaries/Work").filter((n) => /\/(B|C) \(summary\)/.test(n))).toEqual([]);
	});
});
