/**
 * scripts/build/sdkFlatQuery.mjs, bundled in place of the SDK's internal/utils/query, against the
 * SDK's own stringifyQuery (qs with `arrayFormat: "brackets"`), both loaded from their ES module
 * sources as the build loads them: byte-identical on flat values (what the client's buildURL
 * passes: the api-version of AzureOpenAI's defaultQuery, the base URL's own query), and a loud
 * error, naming the module, on the shapes qs would spell differently.
 */
import { buildSync } from "esbuild";
import fc from "fast-check";
import { resolve } from "node:path";
import { KNOWN_DATED_VERSIONS } from "../../src/core/apiVersion";

type Stringify = (query: unknown) => string;

/** An ES module file, bundled to CommonJS and evaluated: its `stringifyQuery`. */
function load(file: string): Stringify {
	const { outputFiles } = buildSync({ entryPoints: [file], bundle: true, format: "cjs", platform: "node", write: false, logLevel: "silent" });
	const module = { exports: {} as { stringifyQuery: Stringify } };
	new Function("module", "exports", "require", outputFiles[0]!.text)(module, module.exports, require);
	return module.exports.stringifyQuery;
}

const root = resolve(__dirname, "../..");
const sdk = load(resolve(root, "node_modules/openai/internal/utils/query.mjs"));
const ours = load(resolve(root, "scripts/build/sdkFlatQuery.mjs"));

test("the plugin's queries: each known dated api-version, alone and after a base URL's own query", () => {
	for (const v of [...KNOWN_DATED_VERSIONS, "2024-10-01-preview", "2026-01-01"]) {
		expect(ours({ "api-version": v })).toBe(`api-version=${v}`);
		expect(ours({ "api-version": v })).toBe(sdk({ "api-version": v }));
		// buildURL's merge: the base URL's own query, then defaultQuery, then the call's (none for create()).
		const merged = { ...{ tenant: "a b/c", "x&y": "1=2" }, ...{ "api-version": v } };
		expect(ours(merged)).toBe(sdk(merged));
	}
});

test("every flat value is encoded byte for byte as qs encodes it", () => {
	// Any code point but a lone surrogate (below), ASCII most often. (fc's "binary" unit does the same but is slow under jest.)
	const codePoint = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }));
	const unit = codePoint.map((c) => String.fromCodePoint(c));
	const value = fc.oneof(
		fc.string({ unit, maxLength: 40 }),
		fc.string({ unit: fc.constantFrom(..."!'()*~-._ %&=+?#/[]\\\"<>{}|^`@$,;:é€😀\u0000\t\n"), maxLength: 12 }),
		fc.integer(),
		fc.double(),
		fc.boolean(),
		fc.bigInt(),
		fc.constant(null),
		fc.constant(undefined),
	);
	const key = fc.oneof(fc.string({ unit, maxLength: 12 }), fc.constantFrom("api-version", "", "a b", "ä!*"));
	fc.assert(
		fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (query) => ours(query) === sdk(query)),
		{ numRuns: 300 },
	);
	for (const q of [{}, { a: "" }, { a: null, b: undefined, c: 0, d: -0, e: NaN, f: Infinity, g: 1e21, h: false }]) expect(ours(q)).toBe(sdk(q));
	// Not an object: qs gives "", and so do we (buildURL never passes one).
	for (const q of [null, undefined, "abc", 42, true]) expect(ours(q)).toBe(sdk(q));
});

test("nested shapes (which qs spells a[b]=, a[]=) throw, naming the module, instead of being sent differently", () => {
	const nested: [Record<string, unknown>, string][] = [
		[{ a: { b: 1 } }, "a%5Bb%5D=1"],
		[{ a: ["x", "y"] }, "a%5B%5D=x&a%5B%5D=y"],
		[{ a: new Date(0) }, "a=1970-01-01T00%3A00%3A00.000Z"],
	];
	for (const [query, qsSays] of nested) {
		expect(sdk(query)).toBe(qsSays);
		expect(() => ours(query)).toThrow(/^openai\/internal\/utils\/query: the value of "a" is a (object|array).*sdkFlatQuery\.mjs/);
	}
	expect(() => ours({ f: () => 1 })).toThrow(/openai\/internal\/utils\/query: the value of "f" is a function/);
	expect(() => ours({ s: Symbol("x") })).toThrow(/openai\/internal\/utils\/query: the value of "s" is a symbol/);
});

test("where the two differ, qs sends text the server reads back wrong and ours does not", () => {
	// A lone surrogate: qs merges it with the next character; ours refuses.
	expect(sdk({ k: "\ud800x" })).toBe("k=%F0%90%81%B8");
	expect(() => ours({ k: "\ud800x" })).toThrow(/openai\/internal\/utils\/query: "k" or its value holds a lone UTF-16 surrogate/);
	// qs encodes in slices of 1024 UTF-16 units and splits a pair across a slice boundary.
	const long = `${"a".repeat(1023)}😀`;
	expect(decodeURIComponent(sdk({ k: long }).slice(2))).not.toBe(long);
	expect(decodeURIComponent(ours({ k: long }).slice(2))).toBe(long);
});
