import fc from "fast-check";
import { formatCount } from "../../src/core/count";

test.each([0, -0, 7, 999, 1_000, -1_234, 25_000, 128_000, 1_234_567, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 1.5, -0.25, NaN, Infinity])("formatCount(%p) is toLocaleString('en-US')'s text", (n) => {
	expect(formatCount(n)).toBe(n.toLocaleString("en-US"));
});

test("the same text as toLocaleString('en-US') for any number", () => {
	fc.assert(
		fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double()), (n) => {
			expect(formatCount(n)).toBe(n.toLocaleString("en-US"));
		}),
		{ numRuns: 2_000 },
	);
});
