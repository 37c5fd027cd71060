import fc from "fast-check";
import { contentHash } from "../../src/core/batchHash";
import { asWritten, indexNoteText, isIndexNote, readSummaryMark, withNoteHash } from "../../src/core/batchNotes";
import { planBatch, preferredSummaryPath, type PlanInput, type VaultNote } from "../../src/core/batchPlan";
import { generatedNoteText } from "../../src/core/summaryNote";

const fits = (prompt: string) => ({ promptTokens: Math.ceil(prompt.length / 4), available: 1_000, fits: prompt.length / 4 <= 1_000 });

/** A summary as the batch writes it (with its note_hash). */
function summaryOf(source: string, text: string): string {
	return withNoteHash(
		generatedNoteText(
		{ heading: "Summary of {{link}}.", sourceLink: `[[${source}]]`, sourcePath: source, deployment: "D", model: "m", date: new Date(2026, 0, 2), usage: null, sourceHash: contentHash(text) },
			"The gist.",
		),
	);
}

function input(sources: VaultNote[], summaries: VaultNote[] = [], over: Partial<PlanInput> = {}): PlanInput {
	return { folder: "Work", outputFolder: "AI", sources, summaries, takenPaths: [...sources, ...summaries].map((n) => n.path), measure: fits, ...over };
}

describe("planBatch", () => {
	test("two notes of the same name in different folders get different summaries, mirroring their paths", () => {
		const plan = planBatch(input([{ path: "Work/B/Meeting.md", text: "b" }, { path: "Work/A/Meeting.md", text: "a" }]));
		expect(plan.todo.map((t) => [t.sourcePath, t.summaryPath])).toEqual([
			["Work/A/Meeting.md", "AI/Summaries/Work/A/Meeting (summary).md"],
			["Work/B/Meeting.md", "AI/Summaries/Work/B/Meeting (summary).md"],
		]);
		expect(plan.indexPath).toBe("AI/Summaries/Work/Index of summaries.md");
		expect(plan.todo[0]?.prompt).toContain('Summarize the note "Meeting"');
		expect(plan.promptTokens).toBe(plan.todo.reduce((s, t) => s + t.promptTokens, 0));
	});

	test("a summary recording the same content hash is up to date; a changed note is redone at its summary's path", () => {
		const sources = [{ path: "Work/a.md", text: "one" }, { path: "Work/b.md", text: "two, changed" }];
		const summaries = [
			{ path: "AI/Summaries/Work/a (summary).md", text: summaryOf("Work/a.md", "one") },
			{ path: "AI/Summaries/Work/b (summary) 2.md", text: summaryOf("Work/b.md", "two") },
		];
		const plan = planBatch(input(sources, summaries));
		expect(plan.upToDate).toEqual([{ sourcePath: "Work/a.md", summaryPath: "AI/Summaries/Work/a (summary).md" }]);
		expect(plan.todo).toEqual([expect.objectContaining({ sourcePath: "Work/b.md", summaryPath: "AI/Summaries/Work/b (summary) 2.md", replaces: true, hash: contentHash("two, changed") })]);
	});

	test("line endings changed by a sync do not make a note changed", () => {
		const plan = planBatch(input([{ path: "Work/a.md", text: "one\r\ntwo\r\n" }], [{ path: "AI/Summaries/Work/a (summary).md", text: summaryOf("Work/a.md", "one\ntwo\n") }]));
		expect(plan.todo).toEqual([]);
		expect(plan.upToDate).toHaveLength(1);
	});

	test("too large notes are listed with their size, not sent; empty notes are skipped", () => {
		const plan = planBatch(input([{ path: "Work/big.md", text: "x".repeat(10_000) }, { path: "Work/empty.md", text: " \n" }, { path: "Work/ok.md", text: "fine" }]));
		expect(plan.tooLarge).toEqual([{ sourcePath: "Work/big.md", promptTokens: expect.any(Number), available: 1_000 }]);
		expect(plan.tooLarge[0]?.promptTokens).toBeGreaterThan(1_000);
		expect(plan.empty).toEqual(["Work/empty.md"]);
		expect(plan.todo.map((t) => t.sourcePath)).toEqual(["Work/ok.md"]);
	});

	test("the plugin's own summaries and indexes under the folder are never sources (a batch over the vault's root)", () => {
		const sources = [{ path: "n.md", text: "note" }, { path: "AI/Summaries/n (summary).md", text: summaryOf("n.md", "note") }, { path: "AI/Summaries/Index of summaries.md", text: indexNoteText("", [], []) }];
		const plan = planBatch(input(sources, sources.slice(1), { folder: "/" }));
		expect(plan.upToDate.map((u) => u.sourcePath)).toEqual(["n.md"]);
		expect(plan.todo).toEqual([]);
		expect(plan.indexPath).toBe("AI/Summaries/Index of summaries.md");
	});

	test("a name another file holds (any case), or another source would get, takes a deterministic suffix", () => {
		const sources = [{ path: "Work/a:b.md", text: "1" }, { path: "Work/a?b.md", text: "2" }, { path: "Work/c.md", text: "3" }];
		const plan = planBatch(input(sources, [], { takenPaths: ["AI/Summaries/Work/C (Summary).md"] }));
		expect(plan.todo.map((t) => t.summaryPath)).toEqual(["AI/Summaries/Work/a b (summary).md", "AI/Summaries/Work/a b (summary) 2.md", "AI/Summaries/Work/c (summary) 2.md"]);
	});

	test("only: the failed ones again", () => {
		const plan = planBatch(input([{ path: "Work/a.md", text: "1" }, { path: "Work/b.md", text: "2" }], [], { only: new Set(["Work/b.md"]) }));
		expect(plan.todo.map((t) => t.sourcePath)).toEqual(["Work/b.md"]);
	});

	test("whatever the names, no two planned summaries share a path (ignoring case), and none lands on a taken path", () => {
		const name = fc.stringMatching(/^[A-Za-z:?#[\] ]{1,6}$/);
		const path = fc.tuple(fc.constantFrom("Work", "Work/A", "Work/a", "Work/A/B"), name).map(([d, n]) => `${d}/${n}.md`);
		fc.assert(
			fc.property(fc.uniqueArray(path, { maxLength: 12 }), fc.array(fc.constantFrom("AI/Summaries/Work/A (summary).md", "AI/Summaries/Work/a/A (summary).md"), { maxLength: 2 }), (paths, taken) => {
				const plan = planBatch(input(paths.map((p) => ({ path: p, text: p })), [], { takenPaths: [...paths, ...taken] }));
				const out = plan.todo.map((t) => t.summaryPath.toLowerCase());
				expect(new Set(out).size).toBe(out.length);
				for (const t of taken) expect(out).not.toContain(t.toLowerCase());
			}),
			{ numRuns: 200 },
		);
	});
});

describe("the batch's notes", () => {
	test("a summary's frontmatter records its source's path and hash, read back as written", () => {
		const text = summaryOf('Work/Odd "name".md', "body");
		expect(text).toContain('source_path: "Work/Odd \\"name\\".md"');
		expect(readSummaryMark(text)).toEqual({ sourcePath: 'Work/Odd "name".md', sourceHash: contentHash("body") });
		expect(readSummaryMark("---\nsource: x\n---\nplain")).toBeNull();
		expect(readSummaryMark("no frontmatter\nsource_path: a\nsource_hash: b")).toBeNull();
	});

	test("the index links every summary in source order and records its folder", () => {
		const text = indexNoteText("Work", [{ sourcePath: "Work/b.md", summaryLink: "[[b (summary)]]", sourceLink: "[[b]]" }, { sourcePath: "Work/a.md", summaryLink: "[[a (summary)]]", sourceLink: "[[a]]" }], ["Work/big.md"]);
		expect(text).toBe(`---\nsummaries_of: "Work"\nnote_hash: ${JSON.stringify(contentHash(text.replace(/^note_hash: .*\n/m, "")))}\n---\n\nSummaries of the notes in the folder Work: 2.\n\n- [[a (summary)]] (of [[a]])\n- [[b (summary)]] (of [[b]])\n\nToo large for the deployment\'s context window, not summarized:\n\n- [[Work/big]]\n`);
		expect(isIndexNote(text)).toBe(true);
		expect(asWritten(text)).toBe(true);
	});

	test("the preferred path of a note at the root, with the output folder at the root", () => {
		expect(preferredSummaryPath("", "Meeting.md")).toBe("Summaries/Meeting (summary).md");
		expect(preferredSummaryPath("/AI/", "x/y/Meeting.md")).toBe("AI/Summaries/x/y/Meeting (summary).md");
	});
});
