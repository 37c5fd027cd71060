/**
 * fast-check's "binary" string unit (any code point but a lone surrogate), for `fc.string({ unit: binaryUnit })`.
 *
 * fc.string({ unit: "binary" }) builds, once per module registry (so once per test file under
 * jest), a Map from each of the 1,112,064 code points to its index, to tokenize its "dangerous
 * strings" (__proto__ and kin): 1.3 s of CPU in every file that asks for it. This is the same
 * arbitrary as fast-check's own (mapToConstant over [0, 0xD7FF] and [0xE000, 0x10FFFF] is
 * nat({ max: 1,112,063 }) mapped by index): the same values for the same seed, the same bias and
 * shrinking, with the index found by arithmetic instead of the Map.
 */
import fc from "fast-check";

const SURROGATES = 0xe000 - 0xd800;
const LAST = 0x10ffff - SURROGATES;

function codePointAt(index: number): string {
	return String.fromCodePoint(index < 0xd800 ? index : index + SURROGATES);
}

function indexOf(value: unknown): number {
	if (typeof value !== "string" || value.length === 0 || value.length > 2) throw new Error("Not a single code point");
	const cp = value.codePointAt(0)!;
	if (String.fromCodePoint(cp) !== value || (cp >= 0xd800 && cp < 0xe000)) throw new Error("Not a single code point");
	return cp < 0xd800 ? cp : cp - SURROGATES;
}

export const binaryUnit: fc.Arbitrary<string> = fc.nat({ max: LAST }).map(codePointAt, indexOf);
