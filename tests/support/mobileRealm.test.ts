// Obsidian mobile's realm for main.js: no Node, no test runner, a WebView's timers and Web APIs;
// and a bundle that needs Node fails there while it works on the desktop host.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ObsidianHost } from "./host";
import { createMobileRealm } from "./mobileRealm";

const PROBE = `module.exports = {
	names: ["process", "Buffer", "global", "setImmediate", "__dirname", "jest", "expect", "test", "fetch", "XMLHttpRequest", "localStorage"].map((n) => typeof globalThis[n]),
	web: ["TextEncoder", "TextDecoder", "URL", "AbortController", "Headers", "Response", "ReadableStream", "FormData", "structuredClone", "atob", "crypto"].map((n) => typeof globalThis[n]),
	windowIsGlobal: window === globalThis && self === globalThis,
	timerId: typeof setTimeout(() => {}, 1),
	ua: navigator.userAgent,
	nodeRequire: (() => { try { require("fs"); return "served"; } catch (e) { return e.message; } })(),
	obsidian: require("obsidian").name,
	documentRead: (() => { try { return document.body; } catch (e) { return e.message; } })(),
	evalRefused: (() => { try { return Function("return 1")(); } catch (e) { return e.constructor.name; } })(),
};`;

test("the realm offers what a WebView does, and nothing of Node or jest", () => {
	expect.hasAssertions();
	const realm = createMobileRealm(console);
	try {
		const probe = realm.evaluate(PROBE, "probe.js", { obsidian: { name: "the stand-in" } }) as Record<string, unknown>;
		expect(probe.names).toEqual(Array(11).fill("undefined"));
		expect(probe.web).toEqual(["function", "function", "function", "function", "function", "function", "function", "function", "function", "function", "object"]);
		expect(probe.windowIsGlobal).toBe(true);
		expect(probe.timerId).toBe("number");
		expect(probe.ua).toMatch(/Android.*Mobile Safari/);
		expect(probe.nodeRequire).toMatch(/requires "fs": Obsidian mobile's require serves only "obsidian"/);
		expect(probe.obsidian).toBe("the stand-in");
		expect(probe.documentRead).toMatch(/The plugin read document\.body/);
		expect(probe.evalRefused).toBe("EvalError");
	} finally {
		realm.dispose();
	}
});

test("timers: numeric ids, cleared by id, driven by the test realm's (fake) clock", () => {
	expect.hasAssertions();
	jest.useFakeTimers();
	const realm = createMobileRealm(console);
	try {
		const t = realm.evaluate("const fired = []; const a = setTimeout(() => fired.push('a'), 100); const b = setTimeout(() => fired.push('b'), 100); clearTimeout(b); const i = setInterval(() => fired.push('i'), 40); module.exports = { fired, stop: () => clearInterval(i) };", "timers.js", {}) as { fired: string[]; stop: () => void };
		jest.advanceTimersByTime(100);
		expect(t.fired).toEqual(["i", "i", "a"]);
		t.stop();
		jest.advanceTimersByTime(1_000);
		expect(t.fired).toEqual(["i", "i", "a"]);
	} finally {
		realm.dispose();
		jest.useRealTimers();
	}
});

// The finding this realm exists for: a bundle that reaches for Node (here Buffer, as a base64
// helper might) works on the desktop host and in the old "mobile" that still had Node, and fails
// on a phone. Only the mobile host sees it.
const NODE_LEANING = `const { Plugin, Notice } = require("obsidian");
class P extends Plugin {
	onload() {
		this.addCommand({ id: "encode", name: "Encode", callback: () => { new Notice(Buffer.from("hi").toString("base64")); } });
	}
}
module.exports = { default: P };`;

test.each([false, true])("a bundle that uses Buffer: mobile %s", async (mobile) => {
	expect.hasAssertions();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mobile-realm-"));
	const host = ObsidianHost.create({ vaultDir: path.join(dir, "vault"), mobile });
	try {
		fs.writeFileSync(path.join(dir, "main.js"), NODE_LEANING);
		fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ id: "node-leaning", name: "N", author: "", version: "0.0.1", minAppVersion: "1.11.4", description: "" }));
		await host.loadMainJs(path.join(dir, "main.js"), path.join(dir, "manifest.json"));
		await host.runCommand("encode");
		if (mobile) {
			expect(host.notices()).toEqual([]);
			expect(String(host.uncaught()[0])).toMatch(/ReferenceError: Buffer is not defined/);
		} else {
			expect(host.notices()).toEqual(["aGk="]);
			expect(host.uncaught()).toEqual([]);
		}
	} finally {
		await host.dispose();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
