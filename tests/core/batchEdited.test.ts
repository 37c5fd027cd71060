/**
 * A summary (or index) the user edited is never replaced: each records a hash of itself as the
 * plugin wrote it (note_hash), and the plan keeps an edited one, writing the new summary beside it.
 */
import { contentHash } from "../../src/core/batchHash";
import { asWritten, summaryEdited, withNoteHash, withoutNoteHash } from "../../src/core/batchNotes";
import { planBatch, type VaultNote } from "../../src/core/batchPlan";
import { generatedNoteText } from "../../src/core/summaryNote";

const fits = (prompt: string) => ({ promptTokens: Math.ceil(prompt.length / 4), available: 1_000, fits: true });

function summary(source: string, sourceText: string, hashed = true): string {
	const text = generatedNoteText({ heading: "Summary of {{link}}.", sourceLink: `[[${source}]]`, sourcePath: source, deployment: "D", model: "m", date: new Date(2026, 0, 2), usage: null, sourceHash: contentHash(sourceText) }, "The gist.");
	return hashed ? withNoteHash(text) : text;
}

function plan(sources: VaultNote[], summaries: VaultNote[]) {
	return planBatch({ folder: "Work", outputFolder: "", sources, summaries, takenPaths: [...sources, ...summaries].map((n) => n.path), measure: fits });
}

describe("note_hash: whether a note is as the plugin wrote it", () => {
	const written = summary("Work/a.md", "one");

	test("written as the last line of the frontmatter; the note without it is what it hashes", () => {
		expect(written).toMatch(/\ndate: 2026-01-02\nsource_path: "Work\/a\.md"\nsource_hash: "fnv1a64:[0-9a-f]{16}"\nnote_hash: "fnv1a64:[0-9a-f]{16}"\n---\n/);
		expect(withoutNoteHash(written)).toBe(summary("Work/a.md", "one", false));
		expect(asWritten(written)).toBe(true);
		expect(summaryEdited(written)).toBe(false);
	});

	test("line endings changed by a sync are not an edit", () => {
		expect(asWritten(written.replace(/\n/g, "\r\n"))).toBe(true);
	});

	test.each([
		["a word added to the answer", (t: string) => t.replace("The gist.", "The gist. And my own thought.")],
		["a property the user added", (t: string) => t.replace("\n---\n", "\ntags: [meeting]\n---\n")],
		["a line the user added at the end", (t: string) => `${t}\nMy note.\n`],
		["a changed date", (t: string) => t.replace("2026-01-02", "2026-01-03")],
	])("%s is an edit", (_what, edit) => {
		expect(asWritten(edit(written))).toBe(false);
		expect(summaryEdited(edit(written))).toBe(true);
	});

	test("a summary from a build before note_hash counts as edited (nothing tells the plugin's answer from the user's words)", () => {
		const old = summary("Work/a.md", "one", false);
		expect(asWritten(old)).toBeNull();
		expect(summaryEdited(old)).toBe(true);
	});

	test("a note without frontmatter cannot be given a hash", () => {
		expect(() => withNoteHash("plain text\n")).toThrow(/no frontmatter/);
	});
});

describe("the plan keeps what the user edited", () => {
	const sources = [{ path: "Work/a.md", text: "one, changed" }];

	test("a changed note whose summary is unedited: replaced in place", () => {
		const p = plan(sources, [{ path: "Summaries/Work/a (summary).md", text: summary("Work/a.md", "one") }]);
		expect(p.todo).toEqual([expect.objectContaining({ summaryPath: "Summaries/Work/a (summary).md", replaces: true, kept: [] })]);
	});

	test.each([
		["edited by the user", summary("Work/a.md", "one").replace("The gist.", "The gist, and mine.")],
		["from a build before note_hash", summary("Work/a.md", "one", false)],
	])("a changed note whose summary was %s: kept, the new one beside it", (_what, text) => {
		const p = plan(sources, [{ path: "Summaries/Work/a (summary).md", text }]);
		expect(p.todo).toEqual([expect.objectContaining({ summaryPath: "Summaries/Work/a (summary) 2.md", replaces: false, kept: ["Summaries/Work/a (summary).md"] })]);
	});

	test("after that: the edited summary and the new one; up to date while the note is, the new one replaced when it changes again", () => {
		const edited = { path: "Summaries/Work/a (summary).md", text: summary("Work/a.md", "one").replace("The gist.", "Mine.") };
		const current = { path: "Summaries/Work/a (summary) 2.md", text: summary("Work/a.md", "one, changed") };
		expect(plan(sources, [edited, current])).toMatchObject({ todo: [], upToDate: [{ sourcePath: "Work/a.md", summaryPath: current.path }] });
		const again = plan([{ path: "Work/a.md", text: "one, changed twice" }], [edited, current]);
		expect(again.todo).toEqual([expect.objectContaining({ summaryPath: current.path, replaces: true, kept: [] })]);
	});

	test("the edited summaries are never sources of the batch", () => {
		const edited = { path: "Work/a (summary).md", text: summary("Work/a.md", "one").replace("The gist.", "Mine.") };
		const p = planBatch({ folder: "Work", outputFolder: "Work", sources: [...sources, edited], summaries: [], takenPaths: [], measure: fits });
		expect(p.todo.map((t) => t.sourcePath)).toEqual(["Work/a.md"]);
	});
});
