/**
 * Obsidian mobile's JavaScript world for the BUILT main.js: a fresh realm (node:vm) whose global
 * object holds only what a phone's WebView offers and the plugin or its bundled openai SDK reach
 * for. Nothing of Node (`process`, `Buffer`, `global`, `require`, `setImmediate`, `__dirname`) and
 * nothing of the test runner (`jest`, `expect`, its environment) is there, so a bundle that leans on
 * any of it fails here as it would fail on a phone.
 *
 * What the global holds, and why (stricter than a WebView wherever unsure):
 * - The realm's own ECMAScript built-ins (Object, Promise, JSON, Intl, Date, Error, ArrayBuffer…),
 *   as a WebView's page has its own. Consequence: values crossing from the stand-in (which plays
 *   Obsidian, and runs in the test's realm) are foreign to the bundle, e.g. an Error thrown by
 *   `requestUrl` is not `instanceof` the bundle's Error. In Obsidian both share one realm, so that
 *   difference is the stand-in's, not the plugin's: where it bites, the stand-in must not rely on
 *   its own realm either (requestUrl.ts checks ArrayBuffer by tag, not instanceof).
 * - `window`, `self`, `globalThis`: the global itself, as in a page.
 * - `document`: present, because the openai SDK decides "browser" from `window.document` and
 *   `navigator` and refuses to run without `dangerouslyAllowBrowser` (true on a phone, never in
 *   Node). Any property read on it throws: the plugin builds its UI through Obsidian's
 *   `createEl` family on the elements Obsidian hands it, never through the global document
 *   (stricter than a WebView, which would serve it).
 * - `navigator`: an Android WebView's `userAgent` (the SDK reads it for its x-stainless headers)
 *   and `clipboard.writeText`/`readText` writing to the host's clipboard (the copy buttons).
 * - Timers `setTimeout`, `clearTimeout`, `setInterval`, `clearInterval`: numeric ids as in a page
 *   (Node's Timeout objects have `unref`, a page's ids do not), running on the test realm's
 *   timers looked up at call time (so jest's fake timers drive them). `queueMicrotask` as well.
 * - Web APIs the plugin or the SDK use, from the test realm (Node implements them to the WHATWG
 *   specs): `TextEncoder`, `TextDecoder`, `URL`, `URLSearchParams`, `AbortController`,
 *   `AbortSignal`, `Event`, `EventTarget`, `DOMException`, `Headers`, `Request`, `Response`,
 *   `FormData`, `Blob`, `ReadableStream` (the SDK tests bodies with `instanceof` on it, and on
 *   `FormData` without a typeof guard), `structuredClone`, `atob`, `btoa`, `crypto` (Web Crypto:
 *   the SDK's `randomUUID`; Obsidian's app:// origin is a secure context).
 * - `console`: the host's, so the console capture sees what the bundle logs.
 * Deliberately absent although a WebView has them: `fetch` (requests must go through
 * `requestUrl`: a WebView's fetch meets CORS, and the SDK falls back to it silently),
 * `XMLHttpRequest`, `localStorage`, `indexedDB`, `performance`, `requestAnimationFrame`, and
 * Obsidian's own globals (`app`, `activeDocument`, `createEl`, `moment`…), which the plugin does not use.
 */
import * as vm from "node:vm";

/** An Android System WebView, as Obsidian's Android app reports it. */
export const MOBILE_USER_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36";

const FROM_TEST_REALM = [
	"TextEncoder", "TextDecoder", "URL", "URLSearchParams", "AbortController", "AbortSignal", "Event", "EventTarget", "DOMException",
	"Headers", "Request", "Response", "FormData", "Blob", "ReadableStream", "structuredClone", "atob", "btoa", "crypto", "queueMicrotask",
] as const;

export interface MobileRealm {
	/** Evaluates CommonJS `code` with Obsidian mobile's `require` and returns `module.exports`. */
	evaluate(code: string, filename: string, provided: Record<string, unknown>): unknown;
	/** What the bundle wrote with navigator.clipboard.writeText. */
	readonly clipboard: string[];
	/** Stops the timers the bundle left running. */
	dispose(): void;
}

type TimerFn = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;

const scripts = new Map<string, { code: string; script: vm.Script }>();

/** The bundle's wrapper, compiled once per file and text; run in each new realm it is evaluated afresh there. */
function wrapperScript(code: string, filename: string): vm.Script {
	const hit = scripts.get(filename);
	if (hit?.code === code) return hit.script;
	const script = new vm.Script(`(function (module, exports, require) {${code}\n})`, { filename });
	scripts.set(filename, { code, script });
	return script;
}

export function createMobileRealm(console: Console): MobileRealm {
	const host = globalThis as unknown as Record<string, unknown>;
	const handles = new Map<number, { handle: unknown; interval: boolean }>();
	let nextId = 1;
	const clipboard: string[] = [];

	const start = (interval: boolean) => (handler: unknown, ms?: number, ...args: unknown[]): number => {
		if (typeof handler !== "function") throw new TypeError("The stand-in's mobile timers take a function, not a string to evaluate");
		const id = nextId++;
		const run = (): void => {
			if (!interval) handles.delete(id);
			(handler as (...a: unknown[]) => void)(...args);
		};
		const fn = host[interval ? "setInterval" : "setTimeout"] as TimerFn;
		handles.set(id, { handle: fn(run, ms), interval });
		return id;
	};
	const stop = (id: unknown): void => {
		if (typeof id !== "number") return; // a page's clearTimeout ignores what is not an id
		const t = handles.get(id);
		if (!t) return;
		handles.delete(id);
		(host[t.interval ? "clearInterval" : "clearTimeout"] as (h: unknown) => void)(t.handle);
	};

	const document = new Proxy(
		{},
		{
			get(_t, prop) {
				throw new Error(`The plugin read document.${String(prop)}: plugins build their UI on the elements Obsidian gives them (createEl), and Obsidian may show them in another window (activeDocument)`);
			},
		},
	);
	const navigator = {
		userAgent: MOBILE_USER_AGENT,
		clipboard: {
			writeText: (text: string) => {
				clipboard.push(String(text));
				return Promise.resolve();
			},
			readText: () => Promise.resolve(clipboard.at(-1) ?? ""),
		},
	};

	const sandbox: Record<string, unknown> = { document, navigator, console };
	for (const name of FROM_TEST_REALM) {
		if (host[name] === undefined) throw new Error(`The test realm has no ${name}: the mobile realm cannot offer it`);
		sandbox[name] = host[name];
	}
	sandbox.setTimeout = start(false);
	sandbox.setInterval = start(true);
	sandbox.clearTimeout = stop;
	sandbox.clearInterval = stop;
	const context = vm.createContext(sandbox, { name: "Obsidian mobile (stand-in)", codeGeneration: { strings: false, wasm: false } });
	vm.runInContext("globalThis.window = globalThis; globalThis.self = globalThis;", context);

	return {
		clipboard,
		evaluate(code, filename, provided) {
			const mod: { exports: unknown } = { exports: {} };
			const requireStub = (id: string): unknown => {
				if (Object.prototype.hasOwnProperty.call(provided, id)) return provided[id];
				throw new Error(`${filename} requires "${id}": Obsidian mobile's require serves only ${Object.keys(provided).map((p) => `"${p}"`).join(", ")}`);
			};
			const wrapper = wrapperScript(code, filename).runInContext(context) as (this: unknown, m: unknown, e: unknown, r: unknown) => void;
			wrapper.call(mod.exports, mod, mod.exports, requireStub);
			return mod.exports;
		},
		dispose() {
			for (const id of [...handles.keys()]) stop(id);
		},
	};
}
