import fc from "fast-check";
import { createHash } from "node:crypto";
import { contentHash, fnv1a64 } from "../../src/core/batchHash";

/** The definition over BigInt, byte by byte: the reference the limb arithmetic must match. */
function reference(text: string): string {
	let h = 0xcbf29ce484222325n;
	for (const byte of Buffer.from(text, "utf8")) {
		h ^= BigInt(byte);
		h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
	}
	return h.toString(16).padStart(16, "0");
}

describe("fnv1a64", () => {
	test.each([
		["", "cbf29ce484222325"],
		["a", "af63dc4c8601ec8c"],
		["foobar", "85944171f73967e8"],
	])("the published test vector of %j", (text, hex) => {
		expect(fnv1a64(text)).toBe(hex);
	});

	test("equals the byte-by-byte definition over UTF-8 for any well-formed text (astral characters included)", () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary-ascii" })), (text) => {
				expect(fnv1a64(text)).toBe(reference(text));
			}),
			{ numRuns: 300 },
		);
	});
});

describe("contentHash", () => {
	test("line endings do not count; any other change does", () => {
		expect(contentHash("a\r\nb\rc\n")).toBe(contentHash("a\nb\nc\n"));
		expect(contentHash("a\nb")).not.toBe(contentHash("a\nb "));
		expect(contentHash("x")).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
	});

	test("no two of 5,000 different short notes share a hash", () => {
		const hashes = new Set<string>();
		for (let i = 0; i < 5_000; i++) hashes.add(contentHash(`Note ${i}: ${createHash("sha1").update(String(i)).digest("hex").slice(0, 8)}`));
		expect(hashes.size).toBe(5_000);
	});
});
