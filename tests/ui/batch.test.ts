/**
 * Summarize folder to new notes, on the built main.js against the strict emulator (a few paths
 * from the sources too): the batch over a nested folder, a 429 storm, a note too large, a failure
 * and "Retry the failed ones", a second run that sends nothing, a changed note redone, a batch cut
 * off by an unload and resumed, Cancel, and the folder's context menu. The batch's clock is
 * virtual: its retry-after waits cost no real time.
 */
import { join } from "node:path";
import { contentHash } from "../../src/core/batchHash";
import { readSummaryMark } from "../../src/core/batchNotes";
import { modalErrors, modalScript } from "../support/obsidian";
import { openFileMenu } from "../support/menus";
import { answerNaming, bar, BATCH, notesUnder, probe, progressText, progressView } from "./batchHarness";
import { KEY, ROOT, type Loader, useHarness, userMessage } from "./commandsHarness";

const h = useHarness();

const NOTES: Record<string, string> = {
	"Work/A/Meeting.md": "# Meeting A\n\nAlpha team decides to ship on friday.\n",
	"Work/B/Meeting.md": "# Meeting B\n\nBeta team moves the launch to May.\n",
	"Work/Plan.md": "# Plan\n\nThe plan for the quarter: three releases.\n",
	"Elsewhere/Other.md": "Not in the folder.\n",
};
const SUMMARIES = "Summaries/Work";
const summaryOf = (source: string) => `Summaries/${source.replace(/\.md$/, "")} (summary).md`;

async function start(loader: Loader = "main.js", notes = NOTES, settings: Record<string, unknown> = {}) {
	await h.start({ loader, notes, open: null, settings });
	h.emu.setAnswer(answerNaming());
	return probe(h);
}

/** Runs the command: picks the folder, presses Start; resolves when the batch is over. */
function runBatch(folder = /^Work$/, ...more: typeof modalScript) {
	return h.run(BATCH, { choose: folder }, { click: "Start" }, ...more);
}

describe.each<Loader>(["main.js", "sources"])("summarize folder to new notes (%s)", (loader) => {
	test("a nested folder with two notes of the same name: one summary each, mirrored, with frontmatter, link back, hash, an index", async () => {
		const p = await start(loader);
		const outcome = await runBatch();
		expect(outcome).toMatchObject({ ok: true, message: "Summaries of Work: 3 written, 0 up to date, 0 too large, 0 failed.", note: `${SUMMARIES}/Index of summaries.md` });
		expect(p.startTexts[0]).toContain("3 notes: 3 to summarize, 0 up to date (skipped).");
		expect(p.startTexts[0]).toMatch(/Estimated prompt tokens: about \d+/);
		expect(notesUnder(h, "Summaries")).toEqual([`${SUMMARIES}/A/Meeting (summary).md`, `${SUMMARIES}/B/Meeting (summary).md`, `${SUMMARIES}/Index of summaries.md`, `${SUMMARIES}/Plan (summary).md`]);
		// Links as the user's settings write them: the shortest that is unique.
		const links: Record<string, string> = { "Work/A/Meeting.md": "[[Work/A/Meeting]]", "Work/B/Meeting.md": "[[Work/B/Meeting]]", "Work/Plan.md": "[[Plan]]" };
		for (const [source, link] of Object.entries(links)) {
			const text = h.read(summaryOf(source));
			expect(readSummaryMark(text)).toEqual({ sourcePath: source, sourceHash: contentHash(NOTES[source] ?? "") });
			expect(text).toContain(`source: "[[${source.replace(/\.md$/, "")}]]"`);
			expect(text).toContain(`\nSummary of ${link}.\n\nGist of ${source.split("/").pop()?.replace(".md", "")}: ${NOTES[source]?.trim().split("\n").at(-1)}\n`);
		}
		expect(h.emu.requests.map((r) => r.status)).toEqual([200, 200, 200]);
		expect(h.emu.requests.map((r) => userMessage(r)).join("\n")).not.toContain("Not in the folder");
		const index = h.read(`${SUMMARIES}/Index of summaries.md`);
		expect(index).toContain("Summaries of the notes in the folder Work: 3.");
		expect(index).toContain("[[Summaries/Work/A/Meeting (summary)]] (of [[Work/A/Meeting]])");
		// The request history: one entry per request, no note text, no prompt.
		expect(p.history.map((e) => [e.command, e.outcome, e.destination.kind])).toEqual(Array(3).fill([BATCH, "answered", "new-note"]));
		expect(p.history.map((e) => e.destination.path).sort()).toEqual(["Work/A/Meeting.md", "Work/B/Meeting.md", "Work/Plan.md"].map(summaryOf));
		expect(JSON.stringify(p.history)).not.toMatch(/Alpha team|prompt"/);
		// The progress view stayed open and shows the end.
		expect(progressText()).toContain("3 of 3 done, 0 skipped, 0 failed, 0 remaining");
		expect(progressText()).toContain("Done.");
		expect(bar()?.value).toBe(1);
		expect(h.visibleText()).not.toContain(KEY);
	});
});

describe("summarize folder to new notes on main.js", () => {
	test("a 429 storm in the middle: the concurrency falls, retry-after is waited out, every note summarized exactly once, nothing lost", async () => {
		const notes = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`Work/N${i + 1}.md`, `Note number ${i + 1}.\n`]));
		const p = await start("main.js", notes, { batchConcurrency: 4 });
		h.emu.script({ rateLimit: { retryAfterSeconds: 3 }, times: 5, match: () => h.emu.requests.length >= 3 });
		const outcome = await runBatch();
		expect(outcome.ok).toBe(true);
		const statuses = h.emu.requests.map((r) => r.status);
		expect(statuses.filter((s) => s === 429)).toHaveLength(5);
		expect(statuses.filter((s) => s === 200)).toHaveLength(8);
		const report = (h.plugin.services.batches.session?.report ?? null) as { limitChanges: { limit: number; why: string }[] } | null;
		expect(report?.limitChanges[0]).toEqual(expect.objectContaining({ limit: 2, why: "rate-limited" }));
		expect(p.slept).toContain(3_000);
		// Each note once: one summary per note, and each answered request's content is in exactly one summary.
		expect(notesUnder(h, SUMMARIES)).toHaveLength(9);
		const all = notesUnder(h, SUMMARIES).map((n) => h.read(n));
		for (const r of h.emu.requests.filter((x) => x.status === 200)) {
			const content = (JSON.parse(r.responseBody) as { choices: { message: { content: string } }[] }).choices[0]?.message.content ?? "";
			expect(all.filter((t) => t.includes(content))).toHaveLength(1);
		}
		expect(p.history.filter((e) => e.outcome === "failed")).toHaveLength(5);
	});

	test("a note too large for the deployment is listed before starting and in the index, never sent", async () => {
		const big = `# Big\n\n${"word ".repeat(160_000)}`;
		const p = await start("main.js", { ...NOTES, "Work/Big.md": big });
		const outcome = await runBatch();
		expect(outcome.message).toBe("Summaries of Work: 3 written, 0 up to date, 1 too large, 0 failed.");
		expect(p.startTexts[0]).toContain("1 too large (not sent)");
		expect(p.startTexts[0]).toMatch(/Too large for o1's context window, not sent:Work\/Big\.md \(about [\d,]+ tokens; 175,000 fit\)/);
		expect(h.emu.requests).toHaveLength(3);
		expect(h.emu.requests.some((r) => userMessage(r).includes("word word"))).toBe(false);
		expect(h.read(`${SUMMARIES}/Index of summaries.md`)).toContain("not summarized:\n\n- [[Work/Big]]");
	});

	test("a failing note never stops the batch; its reason is shown, and Retry the failed ones summarizes it", async () => {
		await start();
		h.emu.script({ filteredPrompt: { category: "violence", severity: "high" }, match: (r) => userMessage(r).includes("Beta team") });
		const outcome = await runBatch();
		expect(outcome).toMatchObject({ ok: false, message: "Summaries of Work: 2 written, 0 up to date, 0 too large, 1 failed." });
		expect(h.notes()).not.toContain(summaryOf("Work/B/Meeting.md"));
		expect(progressText()).toMatch(/Failed \(1\):Work\/B\/Meeting\.md: .*content filter blocked the prompt/);
		progressView()?.clickButton("Retry the failed ones");
		await h.plugin.services.batches.settled();
		expect(h.emu.requests).toHaveLength(4);
		expect(userMessage(h.emu.requests[3])).toContain("Beta team");
		expect(h.read(summaryOf("Work/B/Meeting.md"))).toContain("Gist of Meeting: Beta team moves the launch to May.");
		expect(progressText()).toContain("Done.");
		expect(progressView()?.buttonLabels()).toEqual(["Close"]);
		expect(h.read(`${SUMMARIES}/Index of summaries.md`)).toContain("Summaries of the notes in the folder Work: 3.");
	});

	test("a second run sends nothing and changes nothing; a changed note is redone in place, alone", async () => {
		await start();
		await runBatch();
		const before = Object.fromEntries(notesUnder(h, "Summaries").map((n) => [n, h.read(n)]));
		const again = await h.run(BATCH, { choose: /^Work$/ });
		expect(again).toMatchObject({ ok: true, message: `Nothing to send for Work: 3 up to date, 0 empty. Index: ${SUMMARIES}/Index of summaries.md.` });
		expect(h.emu.requests).toHaveLength(3);
		expect(Object.fromEntries(notesUnder(h, "Summaries").map((n) => [n, h.read(n)]))).toEqual(before);

		const plan = h.host.app.vault.getFileByPath("Work/Plan.md");
		if (!plan) throw new Error("no plan");
		await h.host.app.vault.modify(plan, "# Plan\n\nThe plan changed: four releases.\n");
		const p = probe(h);
		const third = await runBatch();
		expect(third.message).toBe("Summaries of Work: 1 written, 2 up to date, 0 too large, 0 failed.");
		expect(p.startTexts[0]).toContain("3 notes: 1 to summarize (1 changed since their summary), 2 up to date (skipped).");
		expect(h.emu.requests).toHaveLength(4);
		const redone = h.read(summaryOf("Work/Plan.md"));
		expect(redone).toContain("The plan changed: four releases.");
		expect(readSummaryMark(redone)?.sourceHash).toBe(contentHash("# Plan\n\nThe plan changed: four releases.\n"));
		expect(notesUnder(h, "Summaries")).toEqual(Object.keys(before));
		for (const n of [summaryOf("Work/A/Meeting.md"), summaryOf("Work/B/Meeting.md")]) expect(h.read(n)).toBe(before[n]);
	});

	test("a batch cut off by unloading the plugin leaves no partial note, and picks up where it stopped when run again", async () => {
		const notes = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`Work/N${i + 1}.md`, `Note number ${i + 1}.\n`]));
		await start("main.js", notes, { batchConcurrency: 1 });
		h.emu.script({ delayMs: 60_000, match: () => h.emu.requests.length === 3 });
		const running = runBatch();
		await h.requestsArrived(3);
		await h.host.unloadPlugin();
		const outcome = await running;
		expect(outcome.message).toMatch(/unloaded: the batch stopped. Run it again/);
		expect(notesUnder(h, SUMMARIES)).toEqual([`${SUMMARIES}/N1 (summary).md`, `${SUMMARIES}/N2 (summary).md`]);
		h.emu.releaseDelays();
		await h.emu.whenRequests(3);

		await h.host.loadMainJs(join(ROOT, "main.js"), join(ROOT, "manifest.json"));
		h.plugin = h.host.plugin as never;
		const p = probe(h);
		const resumed = await runBatch();
		expect(p.startTexts[0]).toContain("4 notes: 2 to summarize, 2 up to date (skipped).");
		expect(resumed.message).toBe("Summaries of Work: 2 written, 2 up to date, 0 too large, 0 failed.");
		expect(h.emu.requests.slice(3).map((r) => userMessage(r).match(/Note number \d/)?.[0])).toEqual(["Note number 3", "Note number 4"]);
		expect(notesUnder(h, SUMMARIES)).toEqual(["N1", "N2", "N3", "N4"].map((n) => `${SUMMARIES}/${n} (summary).md`).concat(`${SUMMARIES}/Index of summaries.md`).sort());
	});

	test("Cancel stops the batch at once: the notes in flight leave no partial note, nothing more is sent", async () => {
		const notes = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`Work/N${i + 1}.md`, `Note number ${i + 1}.\n`]));
		await start("main.js", notes, { batchConcurrency: 2 });
		h.emu.script({ delayMs: 60_000, times: Infinity, match: () => h.emu.requests.length > 1 });
		const running = runBatch();
		await h.requestsArrived(3);
		expect(progressText()).toMatch(/1 of 5 done, 0 skipped, 0 failed, 4 remaining/);
		progressView()?.clickButton("Cancel");
		const outcome = await running;
		expect(outcome).toMatchObject({ ok: false, message: "Summaries of Work cancelled: 1 written, 0 up to date, 0 too large, 0 failed, 4 not done." });
		h.emu.releaseDelays();
		await new Promise((r) => setImmediate(r));
		expect(h.emu.requests).toHaveLength(3);
		expect(notesUnder(h, SUMMARIES)).toEqual([`${SUMMARIES}/Index of summaries.md`, `${SUMMARIES}/N1 (summary).md`]);
		expect(progressText()).toContain("Cancelled: nothing more was sent, and no partial note was written.");
	});

	test("the folder's context menu: Summarize the notes in this folder, awaited through the batches' settled()", async () => {
		await start();
		const menu = openFileMenu(h.host, "Work/A");
		expect(menu.items().map((i) => i.title)).toEqual(["Summarize the notes in this folder"]);
		// A note's menu has the plugin's note item, not the batch.
		expect(openFileMenu(h.host, "Work/Plan.md").items().map((i) => i.title)).toEqual(["Summarize to new note"]);
		modalScript.push({ click: "Start" });
		menu.item("Summarize the notes in this folder").click();
		await h.plugin.services.batches.settled();
		expect(modalErrors).toEqual([]);
		expect(notesUnder(h, "Summaries")).toEqual(["Summaries/Work/A/Index of summaries.md", "Summaries/Work/A/Meeting (summary).md"]);
		expect(h.emu.requests).toHaveLength(1);
		// The progress view is open, so the status bar holds nothing.
		expect(h.statusItems()).toEqual([]);
	});
});

describe("the progress while its view is hidden", () => {
	const notes = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`Work/N${i + 1}.md`, `Note number ${i + 1}.\n`]));

	test("desktop: Hide puts it in the status bar, a click shows the view again; Pause holds what is not sent, Resume goes on", async () => {
		await start("main.js", notes, { batchConcurrency: 1 });
		h.emu.script({ delayMs: 60_000, match: () => h.emu.requests.length === 1 });
		const running = runBatch();
		await h.requestsArrived(1);
		progressView()?.clickButton("Pause");
		expect(progressView()?.buttonLabels()).toEqual(["Resume", "Cancel", "Hide"]);
		expect(progressText()).toContain("Paused: nothing more is sent until you resume (1 still answering).");
		progressView()?.clickButton("Hide");
		expect(progressView()).toBeUndefined();
		const [item] = h.statusItems();
		expect(item?.textContent).toBe("Summaries of Work: 0/3, paused");
		h.emu.releaseDelays();
		await h.emu.whenRequests(1);
		await new Promise((r) => setImmediate(r));
		expect(h.emu.requests).toHaveLength(1);
		item?.click();
		expect(h.statusItems()).toEqual([]);
		progressView()?.clickButton("Resume");
		const outcome = await running;
		expect(outcome.ok).toBe(true);
		expect(h.emu.requests).toHaveLength(3);
		expect(progressText()).toContain("3 of 3 done");
	});

	test("mobile main.js: a notice instead of the status bar, and the outcome in a notice at the end", async () => {
		await h.start({ loader: "mobile main.js", notes, open: null, settings: { batchConcurrency: 1 } });
		h.emu.setAnswer(answerNaming());
		probe(h);
		h.emu.script({ delayMs: 60_000, match: () => h.emu.requests.length === 1 });
		const running = runBatch();
		await h.requestsArrived(1);
		progressView()?.clickButton("Hide");
		expect(h.lastNotice()).toBe('Summaries of Work: 0/3. Run "Summarize folder to new notes" again to see it.');
		h.emu.releaseDelays();
		expect((await running).ok).toBe(true);
		expect(h.lastNotice()).toBe("Summaries of Work done: 3 written, 0 skipped, 0 failed.");
		expect(notesUnder(h, SUMMARIES)).toHaveLength(4);
	});
});
