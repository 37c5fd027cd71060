/**
 * The esbuild plugin that applies scripts/build/sdkAllowList.mjs: an SDK module on the allow-list
 * loads as is; any other SDK module esbuild reaches is replaced by a stub exporting the same
 * names, each of which throws an Error naming the removed module when it is used:
 *
 * - a class the client constructs at start-up (`new API.Admin(this)`) must construct quietly, so
 *   an exported class becomes one whose instances throw on any property access
 *   (`client.admin.anything` throws);
 * - anything else (a function, a helper class) throws when called or constructed, and on access
 *   to any of its own properties (static methods such as `ChatCompletionStream.createChatCompletion`).
 *
 * The modules only a stub imported are never loaded: that is where the bytes go.
 *
 * A module on the allow-list's PARTIAL list loads as a stub module that re-exports the kept names
 * from the SDK's own file (loaded again under the "sdk-original" namespace, so that this plugin
 * does not stub it a second time); esbuild then shakes out the original's unused exports. A
 * module on the REPLACED list loads the replacement file's source instead of its own.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PARTIAL, REPLACED, sdkModuleId, sdkStatus } from "./sdkAllowList.mjs";

const RUNTIME = "openai-sdk-stub-runtime";
const ORIGINAL = "sdk-original:";

/** Shared by every stub, so each stub is one line per export. */
const runtimeSource = `
const removed = (what) => new Error(what + " was removed from this plugin's copy of the openai SDK at bundle time (scripts/build/sdkAllowList.mjs): add it to the allow-list if the plugin needs it");
// Symbols (inspection, iteration) and "then" (a thenable check by await/Promise.resolve) are
// asked of any object without meaning to use it: they answer undefined instead of throwing.
const asked = (p) => typeof p === "symbol" || p === "then";
export function removedResource(what) {
	return class {
		constructor() {
			return new Proxy(this, { get(t, p) { if (asked(p)) return undefined; throw removed(what + "." + String(p)); } });
		}
	};
}
export function removedFunction(what) {
	const f = function () { throw removed(what); };
	return new Proxy(f, { get(t, p) { if (asked(p) || p === "prototype" || p === "name" || p === "length") return Reflect.get(t, p); throw removed(what + "." + String(p)); } });
}
`;

/**
 * The names a module exports, from its source (the SDK's ESM build is generated code with a few
 * export forms). `export *` is followed to its target. Anything else fails the build rather than
 * produce a stub with missing names.
 */
export function exportedNames(file, seen = new Set()) {
	if (seen.has(file)) return [];
	seen.add(file);
	const src = readFileSync(file, "utf8");
	const names = [];
	const statements = src.match(/^export\b[\s\S]*?(?:;|\{[\s\S]*?\}\s*(?:from\s*"[^"]*")?;?|$)/gm) ?? [];
	for (const s of statements) {
		let m;
		if ((m = /^export\s+(?:async\s+)?(?:class|function\*?|const|let|var)\s+([\w$]+)/.exec(s))) names.push({ name: m[1], isClass: /^export\s+class\b/.test(s) });
		else if ((m = /^export\s*\{([\s\S]*?)\}/.exec(s))) {
			for (const part of m[1].split(",").map((p) => p.trim()).filter(Boolean)) {
				const name = part.split(/\s+as\s+/).pop();
				names.push({ name, isClass: /^[A-Z]/.test(name) });
			}
		} else if (/^export\s+default\b/.test(s)) names.push({ name: "default", isClass: false });
		else if ((m = /^export\s*\*\s*as\s+([\w$]+)/.exec(s))) names.push({ name: m[1], isClass: false });
		else if ((m = /^export\s*\*\s*from\s*"([^"]+)"/.exec(s))) names.push(...exportedNames(resolve(dirname(file), m[1]), seen));
		else throw new Error(`sdkStubPlugin: cannot read the exports of ${file} (${s.slice(0, 60)}…): extend exportedNames`);
	}
	return names;
}

/**
 * The stub's source: the same export names, each throwing when used. Messages name the module and
 * export (the reason is in the allow-list); kept short, as each stub costs bytes in main.js.
 */
export function stubSource(file, id, keep = []) {
	const names = [...new Map(exportedNames(file).map((n) => [n.name, n])).values()];
	const missing = keep.filter((k) => !names.some((n) => n.name === k));
	if (missing.length > 0) throw new Error(`sdkStubPlugin: openai/${id} no longer exports ${missing.join(", ")}: update PARTIAL in sdkAllowList.mjs`);
	const lines = names
		.filter(({ name }) => !keep.includes(name))
		.map(({ name, isClass }) => {
			const make = `/* @__PURE__ */ ${isClass && id.startsWith("resources/") ? "removedResource" : "removedFunction"}(${JSON.stringify(`openai/${id}: ${name}`)})`;
			return name === "default" ? `export default ${make};` : `export const ${name} = ${make};`;
		});
	if (keep.length > 0) lines.unshift(`export { ${keep.join(", ")} } from ${JSON.stringify(ORIGINAL + file)};`);
	return `import { removedResource, removedFunction } from ${JSON.stringify(RUNTIME)};\n${lines.join("\n")}\n`;
}

/** The absolute path of a REPLACED entry's file (named relative to this folder). */
export function replacementPath(entry) {
	return fileURLToPath(new URL(entry.file, import.meta.url));
}

export function sdkStubPlugin() {
	return {
		name: "openai-sdk-allow-list",
		setup(build) {
			build.onResolve({ filter: new RegExp(`^${RUNTIME}$`) }, () => ({ path: RUNTIME, namespace: "sdk-stub" }));
			build.onLoad({ filter: /.*/, namespace: "sdk-stub" }, () => ({ contents: runtimeSource, loader: "js" }));
			build.onResolve({ filter: new RegExp(`^${ORIGINAL}`) }, (args) => ({ path: args.path.slice(ORIGINAL.length), namespace: "sdk-original" }));
			build.onLoad({ filter: /.*/, namespace: "sdk-original" }, (args) => ({ contents: readFileSync(args.path, "utf8"), loader: "js", resolveDir: dirname(args.path) }));
			build.onLoad({ filter: /[\\/]node_modules[\\/]openai[\\/].*\.m?js$/ }, (args) => {
				const id = sdkModuleId(args.path);
				const status = id === null ? "kept" : sdkStatus(id);
				if (status === "kept") return undefined;
				const resolveDir = dirname(args.path);
				if (status === "replaced") return { contents: readFileSync(replacementPath(REPLACED.find((r) => r.id === id)), "utf8"), loader: "js", resolveDir };
				const keep = status === "partial" ? PARTIAL.find((p) => p.id === id).keep : [];
				return { contents: stubSource(args.path, id, keep), loader: "js", resolveDir };
			});
		},
	};
}
