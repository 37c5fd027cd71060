import type { HistoryEntry } from "../../src/core/historyEntry";
import { csvText, historyCsv } from "../../src/core/historyCsv";
import { overLimits, parseHistory, readEntry, rotate, serializeEntry, serializeHistory } from "../../src/core/historyFile";
import { dayKey, deploymentsIn, filterHistory, formatShare, usageByDay } from "../../src/core/historyUsage";

function entry(over: Partial<HistoryEntry> = {}): HistoryEntry {
	return {
		time: "2025-11-20T10:00:00.000Z",
		command: "ask-about-selection",
		deploymentId: "d1",
		deployment: "Work o1",
		model: "o1-2024-12-17",
		operation: "chat-completions",
		durationMs: 1200,
		promptTokens: 100,
		completionTokens: 500,
		reasoningTokens: 400,
		outcome: "answered",
		destination: { kind: "below", path: "Notes/A.md" },
		...over,
	};
}

describe("the history file's lines", () => {
	test("entries survive a round trip, line breaks inside fields included", () => {
		const es = [entry(), entry({ outcome: "failed", error: "Azure said no.\nTwice", prompt: "a\nb", template: "T", templateId: "t1", source: "Notes/A.md" })];
		const text = serializeHistory(es);
		expect(text.split("\n")).toHaveLength(3);
		expect(parseHistory(text)).toEqual({ entries: es, badLines: 0, unterminated: false });
	});

	test("a line cut short by a crash is skipped and the rest kept", () => {
		const whole = serializeEntry(entry()) + serializeEntry(entry({ command: "two" }));
		const cut = whole + serializeEntry(entry({ command: "three" })).slice(0, 40);
		const parsed = parseHistory(cut);
		expect(parsed.entries.map((e) => e.command)).toEqual(["ask-about-selection", "two"]);
		expect(parsed.badLines).toBe(1);
		expect(parsed.unterminated).toBe(true);
	});

	test("garbage in the middle is counted, the entries around it kept", () => {
		const text = serializeEntry(entry()) + "not json\n" + '{"time":"x"}\n' + "\n" + serializeEntry(entry({ command: "after" }));
		const parsed = parseHistory(text);
		expect(parsed.entries.map((e) => e.command)).toEqual(["ask-about-selection", "after"]);
		expect(parsed.badLines).toBe(2);
	});

	test.each([
		["a bad operation", { operation: "completions" }],
		["a negative token count", { promptTokens: -1 }],
		["an unknown outcome", { outcome: "maybe" }],
		["no destination", { destination: null }],
		["a bad destination kind", { destination: { kind: "elsewhere", path: "" } }],
		["an unreadable time", { time: "yesterday" }],
	])("an entry with %s is not read", (_name, over) => {
		expect(readEntry({ ...entry(), ...over })).toBeNull();
	});

	test("unknown fields are dropped, known optional ones of the wrong type too", () => {
		expect(readEntry({ ...entry(), extra: 1, template: 5 })).toEqual(entry());
	});
});

describe("rotation", () => {
	const now = new Date("2025-11-30T12:00:00Z");
	const limits = { maxEntries: 10, maxDays: 30, maxChars: 100_000 };

	test("over the entry limit: the newest 80% are kept, in order", () => {
		const es = Array.from({ length: 11 }, (_, i) => entry({ command: `c${i}` }));
		expect(overLimits(es, serializeHistory(es).length, now, limits)).toBe(true);
		expect(rotate(es, now, limits).map((e) => e.command)).toEqual(["c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10"]);
	});

	test("entries older than the day limit go", () => {
		const es = [entry({ time: "2025-10-01T00:00:00Z", command: "old" }), entry({ command: "new" })];
		expect(overLimits(es, 0, now, limits)).toBe(true);
		expect(rotate(es, now, limits).map((e) => e.command)).toEqual(["new"]);
	});

	test("over the size limit: cut by size, but the newest is kept however large", () => {
		const big = entry({ prompt: "x".repeat(2000) });
		const size = serializeEntry(big).length;
		const small = { maxEntries: 100, maxDays: 30, maxChars: size * 2 };
		expect(rotate([big, big, big], now, small)).toHaveLength(1);
		expect(rotate([entry({ prompt: "y".repeat(10 * size) })], now, small)).toHaveLength(1);
	});

	test("within the limits nothing is over", () => {
		const es = [entry(), entry()];
		expect(overLimits(es, serializeHistory(es).length, now, limits)).toBe(false);
	});
});

describe("filters and usage", () => {
	const es = [entry({ deploymentId: "d1" }), entry({ deploymentId: "d2", deployment: "Team gpt-5", outcome: "failed" }), entry({ deploymentId: "d1", outcome: "cancelled", command: "last" })];

	test("filters by deployment and by outcome, newest first", () => {
		expect(filterHistory(es, { deploymentId: "d1", outcome: null }).map((e) => e.command)).toEqual(["last", "ask-about-selection"]);
		expect(filterHistory(es, { deploymentId: null, outcome: "failed" }).map((e) => e.deploymentId)).toEqual(["d2"]);
		expect(filterHistory(es, { deploymentId: "d2", outcome: "answered" })).toEqual([]);
		expect(deploymentsIn(es)).toEqual([{ id: "d1", name: "Work o1" }, { id: "d2", name: "Team gpt-5" }]);
	});

	test("tokens per local day per deployment over 30 days, with the reasoning share of the output", () => {
		const now = new Date(2025, 10, 30, 9, 0);
		const at = (d: number, h: number) => new Date(2025, 10, d, h).toISOString();
		const usage = usageByDay(
			[
				entry({ time: at(30, 1), promptTokens: 10, completionTokens: 100, reasoningTokens: 75 }),
				entry({ time: at(30, 8), promptTokens: 20, completionTokens: 100, reasoningTokens: 25 }),
				entry({ time: at(1, 12), deploymentId: "d2", deployment: "Team", promptTokens: 5, completionTokens: 0, reasoningTokens: 0 }),
				entry({ time: at(0, 12), promptTokens: 1_000_000 }), // day 0 of November is 31 October: outside the 30 days
			],
			now,
		);
		expect(usage.days).toHaveLength(30);
		expect(usage.days[0]).toBe("2025-11-01");
		expect(usage.days[29]).toBe(dayKey(now));
		const [d1, d2] = usage.deployments;
		expect(d1?.days[29]).toEqual({ day: "2025-11-30", prompt: 30, completion: 200, reasoning: 100, requests: 2 });
		expect(d1?.total.requests).toBe(2);
		expect(d1?.reasoningShare).toBe(0.5);
		expect(d2?.days[0]?.prompt).toBe(5);
		expect(d2?.reasoningShare).toBe(0);
		expect(usage.maxDayTokens).toBe(230);
	});

	test("shares read as whole percents", () => {
		expect([formatShare(0), formatShare(0.001), formatShare(0.5), formatShare(1)]).toEqual(["0%", "<1%", "50%", "100%"]);
	});
});

describe("CSV", () => {
	test("RFC 4180 quoting: commas, quotes and line breaks", () => {
		expect(csvText("plain")).toBe("plain");
		expect(csvText("a,b")).toBe('"a,b"');
		expect(csvText('say "hi"')).toBe('"say ""hi"""');
		expect(csvText("two\nlines")).toBe('"two\nlines"');
	});

	test.each(["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])("a cell starting like a formula (%j) is defused", (v) => {
		expect(csvText(v).replace(/^"/, "")).toMatch(/^'/);
	});

	test("a header, one record per entry, numbers as numbers, CRLF endings; the prompt column only when kept", () => {
		const csv = historyCsv([entry({ deployment: "=cmd|' /C calc'!A0", error: "a, b" })]);
		const lines = csv.split("\r\n");
		expect(lines[0]).toBe("time,command,template,deployment,deployment id,model,operation,duration (ms),prompt tokens,completion tokens,reasoning tokens,outcome,error,source note,answer went,answer note");
		expect(lines[1]).toBe("2025-11-20T10:00:00.000Z,ask-about-selection,,'=cmd|' /C calc'!A0,d1,o1-2024-12-17,chat-completions,1200,100,500,400,answered,\"a, b\",,below,Notes/A.md");
		expect(lines[2]).toBe("");
		expect(historyCsv([entry({ prompt: "p" })]).split("\r\n")[0]).toMatch(/,prompt$/);
	});
});
