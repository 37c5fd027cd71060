import fc from "fast-check";
import { binaryUnit } from "./binaryUnit";

test("binaryUnit: one code point, never a lone surrogate, and each value maps back to its index (shrinking)", () => {
	const values = fc.sample(binaryUnit, { seed: 1, numRuns: 2000 });
	expect(values.every((s) => [...s].length === 1 && !/[\ud800-\udfff]/u.test(s))).toBe(true);
	expect(values.some((s) => s.codePointAt(0)! > 0xffff)).toBe(true);
	expect(values.every((s) => binaryUnit.canShrinkWithoutContext(s))).toBe(true);
	for (const s of ["\0", "\ud7ff", "\ue000", "\u{10ffff}", "é", "😀"]) expect(binaryUnit.canShrinkWithoutContext(s)).toBe(true);
	for (const s of ["\ud800", "\udfff", "", "ab", "😀😀", 1]) expect(binaryUnit.canShrinkWithoutContext(s)).toBe(false);
});
