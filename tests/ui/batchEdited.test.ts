/**
 * A summary the user edited is never clobbered (issue 12, "nothing the user wrote is ever lost"):
 * on the built main.js against the strict emulator, a changed note whose summary the user edited
 * gets its new summary beside it (the edited one kept byte for byte, and the end report says so),
 * a changed note with an unedited summary has it replaced in place, a summary edited while its
 * request is in flight is kept too, and an index the user edited is kept, the index written beside
 * it. The batch's clock is virtual (tests/ui/batchHarness.ts).
 */
import { asWritten, readSummaryMark } from "../../src/core/batchNotes";
import { contentHash } from "../../src/core/batchHash";
import { answerNaming, BATCH, notesUnder, probe, progressText, progressView } from "./batchHarness";
import { useHarness } from "./commandsHarness";

const h = useHarness();

const NOTES: Record<string, string> = {
	"Work/A/Meeting.md": "# Meeting A\n\nAlpha team decides to ship on friday.\n",
	"Work/Plan.md": "# Plan\n\nThe plan for the quarter: three releases.\n",
};
const PLAN_SUMMARY = "Summaries/Work/Plan (summary).md";
const A_SUMMARY = "Summaries/Work/A/Meeting (summary).md";
const INDEX = "Summaries/Work/Index of summaries.md";

async function start() {
	await h.start({ loader: "main.js", notes: NOTES, open: null });
	h.emu.setAnswer(answerNaming());
	probe(h);
	expect((await runBatch()).ok).toBe(true);
	// The user closes the first run's progress view.
	progressView()?.clickButton("Close");
}

const runBatch = () => h.run(BATCH, { choose: /^Work$/ }, { click: "Start" });

async function edit(path: string, change: (text: string) => string) {
	const file = h.host.app.vault.getFileByPath(path);
	if (!file) throw new Error(`no ${path}`);
	await h.host.app.vault.modify(file, change(h.read(path)));
}

test("a changed note whose summary the user edited: the edited one kept byte for byte, the new one beside it; an unedited one replaced in place", async () => {
	await start();
	expect(asWritten(h.read(PLAN_SUMMARY))).toBe(true);
	await edit(PLAN_SUMMARY, (t) => `${t}\nMy own thoughts on the plan: too ambitious.\n`);
	const edited = h.read(PLAN_SUMMARY);
	const aBefore = h.read(A_SUMMARY);
	await edit("Work/Plan.md", () => "# Plan\n\nThe plan changed: four releases.\n");
	await edit("Work/A/Meeting.md", () => "# Meeting A\n\nAlpha team ships on Monday instead.\n");
	const p = probe(h);

	const outcome = await runBatch();
	expect(p.startTexts[0]).toContain("2 notes: 2 to summarize (2 changed since their summary; 1 of their summaries you edited: kept as they are, the new one goes beside them), 0 up to date (skipped).");
	const beside = "Summaries/Work/Plan (summary) 2.md";
	expect(outcome).toMatchObject({ ok: true, message: `Summaries of Work: 2 written, 0 up to date, 0 too large, 0 failed. A summary you edited was kept as it is, the new one written beside it: ${beside} (yours: ${PLAN_SUMMARY}).` });
	expect(h.read(PLAN_SUMMARY)).toBe(edited);
	const fresh = h.read(beside);
	expect(fresh).toContain("Gist of Plan: The plan changed: four releases.");
	expect(readSummaryMark(fresh)).toEqual({ sourcePath: "Work/Plan.md", sourceHash: contentHash("# Plan\n\nThe plan changed: four releases.\n") });
	expect(asWritten(fresh)).toBe(true);
	// The unedited summary: replaced where it was.
	expect(h.read(A_SUMMARY)).not.toBe(aBefore);
	expect(h.read(A_SUMMARY)).toContain("Gist of Meeting: Alpha team ships on Monday instead.");
	expect(notesUnder(h, "Summaries")).toEqual([A_SUMMARY, INDEX, beside, PLAN_SUMMARY]);
	expect(progressText()).toContain(`A summary you edited was kept as it is, the new one written beside it: ${beside}`);
	// The index links the summary the plugin keeps current.
	expect(h.read(INDEX)).toContain("- [[Plan (summary) 2]] (of [[Plan]])");
	expect(h.read(INDEX)).not.toContain("[[Plan (summary)]]");

	// Run again: every note is up to date (the new summary records the hash); nothing sent, nothing changed.
	const files = Object.fromEntries(notesUnder(h, "Summaries").map((n) => [n, h.read(n)]));
	const sent = h.emu.requests.length;
	expect((await h.run(BATCH, { choose: /^Work$/ })).message).toBe(`Nothing to send for Work: 2 up to date, 0 empty. Index: ${INDEX}.`);
	expect(h.emu.requests).toHaveLength(sent);
	expect(Object.fromEntries(notesUnder(h, "Summaries").map((n) => [n, h.read(n)]))).toEqual(files);
});

test("a summary the user edits while its request is in flight is kept too: the answer goes beside it", async () => {
	await start();
	await edit("Work/Plan.md", () => "# Plan\n\nFive releases now.\n");
	h.emu.script({ delayMs: 60_000, match: () => true });
	const running = runBatch();
	await h.requestsArrived(3);
	await edit(PLAN_SUMMARY, (t) => t.replace("Gist of Plan", "Gist (my words) of Plan"));
	const edited = h.read(PLAN_SUMMARY);
	h.emu.releaseDelays();
	const outcome = await running;
	expect(outcome.message).toContain("A summary you edited was kept as it is, the new one written beside it: Summaries/Work/Plan (summary) 2.md");
	expect(h.read(PLAN_SUMMARY)).toBe(edited);
	expect(h.read("Summaries/Work/Plan (summary) 2.md")).toContain("Gist of Plan: Five releases now.");
});

test("an index the user edited is kept, the index written beside it; run again, nothing changes", async () => {
	await start();
	await edit(INDEX, (t) => `${t}\nRead these first.\n`);
	const edited = h.read(INDEX);
	await edit("Work/Plan.md", () => "# Plan\n\nSix releases.\n");
	const outcome = await runBatch();
	const beside = "Summaries/Work/Index of summaries 2.md";
	expect(outcome).toMatchObject({ ok: true, note: beside });
	expect(outcome.message).toContain(`The index note you edited was kept as it is (${INDEX}); the index is now ${beside}.`);
	expect(h.read(INDEX)).toBe(edited);
	expect(h.read(beside)).toContain("Summaries of the notes in the folder Work: 2.");
	expect(asWritten(h.read(beside))).toBe(true);

	const files = Object.fromEntries(notesUnder(h, "Summaries").map((n) => [n, h.read(n)]));
	expect((await h.run(BATCH, { choose: /^Work$/ })).message).toBe(`Nothing to send for Work: 2 up to date, 0 empty. Index: ${beside}.`);
	expect(Object.fromEntries(notesUnder(h, "Summaries").map((n) => [n, h.read(n)]))).toEqual(files);
});
