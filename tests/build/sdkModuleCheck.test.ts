/**
 * The build check of scripts/build/sdkModuleCheck.mjs on a made-up installed SDK: equal lists pass;
 * a new module, a kept module gone, a module newly pulled in, and a change in the SDK files a
 * replaced module mirrors each fail, naming the module.
 * The check is an ES module run by `node esbuild.config.mjs`; it runs here in a child Node process
 * (jest loads tests as CommonJS), once for all the cases.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const CHECK = pathToFileURL(resolve(__dirname, "../../scripts/build/sdkModuleCheck.mjs")).href;

let root: string;
beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), "ar-sdkcheck-"));
	mkdirSync(join(root, "scripts/build"), { recursive: true });
	for (const id of ["client", "resources/chat/chat", "resources/admin/admin", "resources/admin/users", "lib/ResponsesParser", "internal/utils/query", "internal/qs/stringify"]) {
		write(`node_modules/openai/${id}.mjs`, "export {};\n");
	}
	write("node_modules/openai/src/client.mjs", "ignored: the TypeScript sources' folder\n");
	write("node_modules/openai/package.json", JSON.stringify({ version: "9.9.9" }));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): void {
	mkdirSync(dirname(join(root, rel)), { recursive: true });
	writeFileSync(join(root, rel), text);
}

/** What esbuild loaded, as metafile inputs. */
const metafile = (ids: string[]) => ({ inputs: Object.fromEntries(ids.map((id) => [`node_modules/openai/${id}.mjs`, {}])) });

type Step = { action: "write" | "check"; loaded: string[] } | { action: "put"; rel: string; text: string } | { action: "remove"; rel: string };

/**
 * Runs the steps in one child, in order: "write" the expected list, or "check" and return its
 * lines; "put" and "remove" change the made-up SDK between them (there, not here: one Node start
 * a test instead of two, ~0.35 s each). Returns what each write or check returned, in order.
 */
function run(steps: Step[]): string[][] {
	const script = `
		import { writeExpectedSdkModules, checkSdkModules } from ${JSON.stringify(CHECK)};
		import { mkdirSync, rmSync, writeFileSync } from "node:fs";
		import { dirname, join } from "node:path";
		const root = ${JSON.stringify(root)};
		const steps = ${JSON.stringify(steps.map((s) => ("loaded" in s ? { ...s, meta: metafile(s.loaded) } : s)))};
		const out = [];
		for (const s of steps) {
			if (s.action === "put") {
				mkdirSync(dirname(join(root, s.rel)), { recursive: true });
				writeFileSync(join(root, s.rel), s.text);
			} else if (s.action === "remove") rmSync(join(root, s.rel));
			else out.push((s.action === "write" ? writeExpectedSdkModules : checkSdkModules)(root, s.meta));
		}
		process.stdout.write(JSON.stringify(out));`;
	return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as string[][];
}

const LOADED = ["client", "resources/chat/chat", "resources/admin/admin", "lib/ResponsesParser", "internal/utils/query"];

test("the list classifies each module, and an unchanged SDK passes", () => {
	const [written, check] = run([{ action: "write", loaded: LOADED }, { action: "check", loaded: LOADED }]);
	expect(written).toEqual([
		"kept     client",
		"absent   internal/qs/stringify",
		expect.stringMatching(/^replaced internal\/utils\/query sha256:[0-9a-f]{16}$/),
		"partial  lib/ResponsesParser",
		"stubbed  resources/admin/admin",
		"absent   resources/admin/users",
		"kept     resources/chat/chat",
	]);
	expect(readFileSync(join(root, "scripts/build/openai-modules.txt"), "utf8")).toMatch(/^# openai 9\.9\.9: /);
	expect(check).toEqual([]);
});

test("a new module in the SDK fails the check", () => {
	const [, check] = run([{ action: "write", loaded: LOADED }, { action: "put", rel: "node_modules/openai/resources/brand-new.mjs", text: "export {};\n" }, { action: "check", loaded: LOADED }]);
	expect(check).toContain("  new module: resources/brand-new (absent in this build)");
	expect(check![0]).toMatch(/openai 9\.9\.9 installed/);
});

test("a kept module gone from the SDK fails the check", () => {
	const [, check] = run([{ action: "write", loaded: LOADED }, { action: "remove", rel: "node_modules/openai/resources/chat/chat.mjs" }, { action: "check", loaded: ["client", "resources/admin/admin"] }]);
	expect(check).toContain("  gone: resources/chat/chat (was kept)");
});

test("a module that kept code newly pulls in fails the check", () => {
	const [, check] = run([{ action: "write", loaded: LOADED }, { action: "check", loaded: [...LOADED, "resources/admin/users"] }]);
	expect(check).toContain("  resources/admin/users: was absent, now stubbed");
});

test("a change in an SDK file a replacement mirrors fails the check, even where that file is not bundled", () => {
	const [, check] = run([{ action: "write", loaded: LOADED }, { action: "put", rel: "node_modules/openai/internal/qs/stringify.mjs", text: "export const changed = 1;\n" }, { action: "check", loaded: LOADED }]);
	expect(check).toEqual([
		expect.stringMatching(/no longer match/),
		expect.stringMatching(/^ {2}internal\/utils\/query: the SDK files its replacement mirrors changed \(sha256:[0-9a-f]{16} → sha256:[0-9a-f]{16}\): re-read them against REPLACED in sdkAllowList\.mjs$/),
		expect.stringMatching(/^Check each/),
		expect.stringMatching(/^then accept/),
	]);
});

test("without a committed list the check fails and says how to make one", () => {
	const [check] = run([{ action: "check", loaded: LOADED }]);
	expect(check).toEqual(["scripts/build/openai-modules.txt is missing: run `npm run build:sdk-modules` and commit it"]);
});
