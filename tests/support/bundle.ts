/**
 * Evaluates a built plugin bundle (CommonJS) as Obsidian does: with a `require` that knows only
 * what Obsidian provides to plugins on desktop and mobile ("obsidian", and CodeMirror's
 * "@codemirror/state" and "@codemirror/view": the same instances the stand-in's editors are built
 * on), and returns its plugin class (module.exports.default, else module.exports).
 *
 * Desktop: in the test's realm (Obsidian desktop also has Node there). Mobile: in a realm without
 * Node or the test runner (mobileRealm.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { App, Plugin, PluginManifest } from "obsidian";
import type { MobileRealm } from "./mobileRealm";

export type BundlePluginClass = new (app: App, manifest: PluginManifest) => Plugin;

function withCause(message: string, cause: unknown): Error {
	const e = new Error(message) as Error & { cause?: unknown };
	e.cause = cause;
	return e;
}

type BundleFactory = (m: unknown, e: unknown, r: unknown) => void;
const compiled = new Map<string, { code: string; factory: BundleFactory }>();

/**
 * The bundle's code as a function of (module, exports, require), compiled once per test file for
 * the same path and text: each call still runs the whole bundle afresh (new module object, new
 * classes, new module state), as a reload does; only V8's parse and compile of 250 kB is shared,
 * about 12 ms a load in the suites that load main.js in every test (tests/e2e/matrix.test.ts: 132).
 */
function compiledBundle(code: string, mainJsPath: string): BundleFactory {
	const hit = compiled.get(mainJsPath);
	if (hit?.code === code) return hit.factory;
	const factory = new Function("module", "exports", "require", `${code}\n//# sourceURL=${mainJsPath}`) as BundleFactory;
	compiled.set(mainJsPath, { code, factory });
	return factory;
}

export function evaluateBundle(mainJsPath: string, provided: Record<string, unknown>, realm?: MobileRealm): BundlePluginClass {
	const code = fs.readFileSync(mainJsPath, "utf8");
	const name = path.basename(mainJsPath);
	let exp: unknown;
	try {
		if (realm) {
			exp = realm.evaluate(code, mainJsPath, provided);
		} else {
			const mod: { exports: unknown } = { exports: {} };
			const requireStub = (id: string): unknown => {
				if (Object.prototype.hasOwnProperty.call(provided, id)) return provided[id];
				throw new Error(`${name} requires "${id}": a plugin bundle may require only ${Object.keys(provided).map((p) => `"${p}"`).join(", ")}, which Obsidian provides (Obsidian mobile has no Node modules)`);
			};
			compiledBundle(code, mainJsPath)(mod, mod.exports, requireStub);
			exp = mod.exports;
		}
	} catch (e) {
		throw withCause(`Loading ${mainJsPath} failed: ${e instanceof Error ? e.message : String(e)}`, e);
	}
	const obj = exp as { default?: unknown } | null;
	const PluginClass = (obj && typeof obj === "object" && "default" in obj ? obj.default : obj) as unknown;
	if (typeof PluginClass !== "function") throw new Error(`${mainJsPath} exports no plugin class (module.exports.default or module.exports)`);
	return PluginClass as BundlePluginClass;
}
