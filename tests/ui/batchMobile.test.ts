/**
 * A batch's progress notice on mobile (the built main.js as Obsidian mobile loads it, against the
 * strict emulator): tapped away, it stays away while the batch goes on, comes back when the batch
 * pauses or resumes, and the outcome is told in a notice at the end.
 */
import { answerNaming, BATCH, probe, progressView } from "./batchHarness";
import { useHarness } from "./commandsHarness";

const h = useHarness();
const NOTES = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`Work/N${i + 1}.md`, `Note number ${i + 1}.\n`]));
const settle = async () => {
	for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

test("mobile main.js: a progress notice tapped away is not shown again while the batch runs, only on pause, resume and the end", async () => {
	await h.start({ loader: "mobile main.js", notes: NOTES, open: null, settings: { batchConcurrency: 1 } });
	h.emu.setAnswer(answerNaming());
	probe(h);
	h.emu.script({ delayMs: 60_000, match: () => h.emu.requests.length === 1 });
	const running = h.run(BATCH, { choose: /^Work$/ }, { click: "Start" });
	await h.requestsArrived(1);
	progressView()?.clickButton("Hide");
	const session = h.plugin.services.batches.session as unknown as { pause(): void; resume(): void; notify(): void };
	const shown = () => h.host.noticeObjects().filter((n) => !n.hidden);
	const tapAll = () => shown().forEach((n) => n.tap());
	expect(shown().map((n) => n.messageEl.textContent)).toEqual(['Summaries of Work: 0/3. Run "Summarize folder to new notes" again to see it.']);
	tapAll();
	const made = h.host.noticeObjects().length;
	// What the ticker does each second, and what a change in progress does: nothing comes back.
	session.notify();
	session.notify();
	expect(h.host.noticeObjects()).toHaveLength(made);
	session.pause();
	expect(shown().map((n) => n.messageEl.textContent)).toEqual(['Summaries of Work: 0/3, paused. Run "Summarize folder to new notes" again to see it.']);
	tapAll();
	h.emu.releaseDelays();
	await h.emu.whenRequests(1);
	await settle();
	expect(shown()).toEqual([]);
	session.resume();
	expect(shown()).toHaveLength(1);
	tapAll();
	const beforeEnd = h.host.noticeObjects().length;
	expect((await running).ok).toBe(true);
	expect(h.emu.requests).toHaveLength(3);
	expect(h.host.noticeObjects().slice(beforeEnd).map((n) => n.messageEl.textContent)).toEqual(["Summaries of Work done: 3 written, 0 skipped, 0 failed.Show"]);
});
