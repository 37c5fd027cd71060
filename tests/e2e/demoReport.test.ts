/**
 * What `npm run demo` prints after a run on a vault: a unified diff of a changed note
 * (scripts/demo/lineDiff.ts) and the request history's new lines (scripts/demo/history.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { addedLines, compactEntry, historyLines, historyReport } from "../../scripts/demo/history";
import { unifiedDiff } from "../../scripts/demo/lineDiff";

test.each([
	{ what: "equal texts", before: "a\nb\n", after: "a\nb\n", diff: "" },
	{ what: "a line appended", before: "a\nb\nc\nd\n", after: "a\nb\nc\nd\nSummary: [[x]]\n", diff: "@@ -3,2 +3,3 @@\n c\n d\n+Summary: [[x]]" },
	{ what: "a line replaced", before: "a\nb\nc\n", after: "a\nB\nc\n", diff: "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c" },
	{ what: "two changes far apart: two hunks", before: "1\n2\n3\n4\n5\n6\n7\n8\n9\n", after: "one\n2\n3\n4\n5\n6\n7\n8\nnine\n", diff: "@@ -1,3 +1,3 @@\n-1\n+one\n 2\n 3\n@@ -7,3 +7,3 @@\n 7\n 8\n-9\n+nine" },
	{ what: "from empty", before: "", after: "x\n", diff: "@@ -0,0 +1,1 @@\n+x" },
	{ what: "a final newline lost", before: "x\n", after: "x", diff: "\\ No newline at end of the new text" },
])("unifiedDiff: $what (as diff -U2 prints it)", ({ before, after, diff }) => {
	expect(unifiedDiff(before, after)).toBe(diff);
});

test("addedLines: only the new lines, duplicates counted, old ones rotated out of the front ignored", () => {
	expect(addedLines(null, ["a", "b"])).toEqual(["a", "b"]);
	expect(addedLines(["a", "b", "c"], ["b", "c", "c", "d"])).toEqual(["c", "d"]);
});

test("compactEntry: a failure's reason and the template; missing fields are not invented", () => {
	const line = JSON.stringify({ time: "2026-11-30T10:00:00Z", command: "template-summarize", template: "Summarize", deploymentId: "demo", deployment: "notes-o3", model: "", operation: "chat-completions", durationMs: 40, promptTokens: 12, completionTokens: 0, reasoningTokens: 0, outcome: "failed", error: "429 rate limited", destination: { kind: "none", path: "" } });
	expect(compactEntry(line)).toBe("2026-11-30T10:00:00Z  template-summarize [Summarize]  notes-o3  chat-completions  failed (429 rate limited)  40 ms  tokens 12 in / 0 out (0 reasoning)  → none");
	expect(compactEntry("[1,2]")).toBe("(not a whole entry, as written: [1,2])");
	expect(compactEntry("{}")).toBe("  ?  ?    ?  0 ms  tokens 0 in / 0 out (0 reasoning)  → ?");
});

test("historyReport: no file, no new entries, new entries", () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-history-"));
	try {
		const file = path.join(dir, "history.jsonl");
		expect(historyReport(null, file)).toBe("no history file (this build of main.js records no request history)");
		fs.writeFileSync(file, '{"command":"a"}\n');
		const before = historyLines(file);
		expect(historyReport(before, file)).toBe("no new entries");
		fs.appendFileSync(file, '{"command":"b"}\n');
		expect(historyReport(before, file)).toContain("  b  ");
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
