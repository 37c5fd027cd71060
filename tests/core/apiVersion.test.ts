import { compareDated, DEFAULT_DATED_VERSION, isAtLeast, KNOWN_DATED_VERSIONS, parseApiVersion, type ApiVersion } from "../../src/core/apiVersion";

describe("parseApiVersion", () => {
	const cases: { name: string; input: string; expected: ApiVersion | undefined }[] = [
		{ name: "preview", input: "2024-12-01-preview", expected: { kind: "dated", year: 2024, month: 12, day: 1, preview: true, text: "2024-12-01-preview" } },
		{ name: "newer preview", input: "2025-04-01-preview", expected: { kind: "dated", year: 2025, month: 4, day: 1, preview: true, text: "2025-04-01-preview" } },
		{ name: "GA", input: "2024-10-21", expected: { kind: "dated", year: 2024, month: 10, day: 21, preview: false, text: "2024-10-21" } },
		{ name: "surrounding spaces are dropped", input: "  2024-10-21 ", expected: { kind: "dated", year: 2024, month: 10, day: 21, preview: false, text: "2024-10-21" } },
		{ name: "v1", input: "v1", expected: { kind: "v1", text: "v1" } },
		{ name: "V1", input: "V1", expected: { kind: "v1", text: "v1" } },
		{ name: "empty", input: "", expected: undefined },
		{ name: "garbage", input: "latest", expected: undefined },
		{ name: "month 13", input: "2024-13-01", expected: undefined },
		{ name: "month 00", input: "2024-00-01", expected: undefined },
		{ name: "day 00", input: "2024-12-00", expected: undefined },
		{ name: "day 32", input: "2024-12-32", expected: undefined },
		{ name: "before Azure OpenAI existed", input: "2019-01-01", expected: undefined },
		{ name: "single-digit month", input: "2024-1-01", expected: undefined },
		{ name: "other suffix", input: "2024-12-01-beta", expected: undefined },
		{ name: "preview without a dash", input: "2024-12-01preview", expected: undefined },
		{ name: "a v1 URL path is not a version", input: "/openai/v1", expected: undefined },
		{ name: "v2", input: "v2", expected: undefined },
	];
	test.each(cases)("$name: '$input'", ({ input, expected }) => {
		expect(parseApiVersion(input)).toEqual(expected);
	});
});

function dated(text: string): ApiVersion {
	const v = parseApiVersion(text);
	if (!v) throw new Error(`not a version: ${text}`);
	return v;
}

describe("compareDated", () => {
	const cases: { name: string; a: string; b: string; expected: "<" | "=" | ">" }[] = [
		{ name: "older year", a: "2024-12-01-preview", b: "2025-04-01-preview", expected: "<" },
		{ name: "GA before a later preview", a: "2024-10-21", b: "2024-12-01-preview", expected: "<" },
		{ name: "later preview after GA", a: "2025-01-01-preview", b: "2024-10-21", expected: ">" },
		{ name: "preview before GA on the same date", a: "2024-10-21-preview", b: "2024-10-21", expected: "<" },
		{ name: "GA after preview on the same date", a: "2024-10-21", b: "2024-10-21-preview", expected: ">" },
		{ name: "equal preview", a: "2024-12-01-preview", b: "2024-12-01-preview", expected: "=" },
		{ name: "equal GA", a: "2024-10-21", b: "2024-10-21", expected: "=" },
		{ name: "day decides", a: "2024-12-02-preview", b: "2024-12-01-preview", expected: ">" },
		{ name: "month decides over day", a: "2024-11-30", b: "2024-12-01-preview", expected: "<" },
	];
	test.each(cases)("$name: $a vs $b", ({ a, b, expected }) => {
		const c = compareDated(dated(a), dated(b));
		expect(c < 0 ? "<" : c > 0 ? ">" : "=").toBe(expected);
		const r = compareDated(dated(b), dated(a));
		expect(Math.sign(r) + 0).toBe(-Math.sign(c) + 0);
	});

	test("v1 has no place in the dated order", () => {
		expect(() => compareDated(dated("v1"), dated("2024-10-21"))).toThrow();
		expect(() => compareDated(dated("2024-10-21"), dated("v1"))).toThrow();
	});
});

describe("isAtLeast", () => {
	const cases: { name: string; version: string; minimum: string; expected: boolean }[] = [
		{ name: "equal", version: "2024-12-01-preview", minimum: "2024-12-01-preview", expected: true },
		{ name: "newer", version: "2025-04-01-preview", minimum: "2024-12-01-preview", expected: true },
		{ name: "older GA", version: "2024-10-21", minimum: "2024-12-01-preview", expected: false },
		{ name: "o3's minimum is above 2024-12-01-preview", version: "2024-12-01-preview", minimum: "2025-04-01-preview", expected: false },
		{ name: "GA on the minimum's date passes a preview minimum", version: "2024-12-01", minimum: "2024-12-01-preview", expected: true },
		{ name: "preview on a GA minimum's date fails", version: "2024-10-21-preview", minimum: "2024-10-21", expected: false },
		{ name: "v1 is not a dated version", version: "v1", minimum: "2024-12-01-preview", expected: false },
		{ name: "garbage", version: "latest", minimum: "2024-12-01-preview", expected: false },
		{ name: "garbage minimum", version: "2025-04-01-preview", minimum: "", expected: false },
	];
	test.each(cases)("$name: $version ≥ $minimum → $expected", ({ version, minimum, expected }) => {
		expect(isAtLeast(version, minimum)).toBe(expected);
	});
});

describe("the known versions", () => {
	test("all parse as dated, newest first, without duplicates", () => {
		const parsed = KNOWN_DATED_VERSIONS.map(dated);
		for (const v of parsed) expect(v.kind).toBe("dated");
		for (let i = 1; i < parsed.length; i++) expect(compareDated(parsed[i - 1]!, parsed[i]!)).toBeGreaterThan(0);
	});

	test("include the versions the facts name", () => {
		expect(KNOWN_DATED_VERSIONS).toEqual(expect.arrayContaining(["2024-12-01-preview", "2025-04-01-preview", "2024-10-21"]));
	});

	test("the default is the newest and satisfies every family's minimum in the facts", () => {
		expect(DEFAULT_DATED_VERSION).toBe(KNOWN_DATED_VERSIONS[0]);
		for (const min of ["2024-12-01-preview", "2025-04-01-preview"]) expect(isAtLeast(DEFAULT_DATED_VERSION, min)).toBe(true);
	});
});
