/**
 * `npm run demo` as a user runs it (tsx scripts/demo.ts, the main.js built by the global setup):
 * a mistyped flag or command id gets the usage and the command ids, exit code 2, no stack trace;
 * and the variables of Microsoft's and OpenAI's quickstarts in the environment change nothing.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

function demo(args: string[], env: Record<string, string> = {}) {
	// As from a terminal: not inside jest (the host stays quiet under jest), no real deployment.
	const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("JEST") && k !== "NODE_ENV"));
	const r = spawnSync(TSX, ["scripts/demo.ts", "--no-build", ...args], { cwd: ROOT, encoding: "utf8", env: { ...base, ...env, AZURE_OPENAI_ENDPOINT: "" }, timeout: 60_000 });
	return { status: r.status, out: r.stdout, err: r.stderr };
}

const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

test("an unknown flag: its name, the usage and the command ids; exit code 2, no stack trace", () => {
	const r = demo(["--comand", "preview-request"]);
	expect(r.status).toBe(2);
	expect(r.err).toContain("Unknown option '--comand'");
	expect(r.err).toContain("Usage: npm run demo -- [--command ID]");
	expect(r.err).toContain("Command ids: run-prompt-on-selection, ask-about-selection,");
	expect(r.err).not.toMatch(STACK);
});

test("an unknown command id: the usage and the plugin's command ids, template commands included; exit code 2", () => {
	const r = demo(["--command", "summarise-note"]);
	expect(r.status).toBe(2);
	expect(r.err).toContain('There is no command "summarise-note".');
	expect(r.err).toMatch(/Command ids: run-prompt-on-selection, .*cancel-request, sign-in-with-microsoft, summarize-folder-to-new-notes, template-improve-writing/);
	expect(r.err).not.toMatch(STACK);
});

test("with the SDK's environment variables set, the demo works and sends and logs nothing extra", () => {
	const r = demo(["--command", "summarize-note-to-new-note"], {
		OPENAI_BASE_URL: "http://127.0.0.1:9/not-azure",
		AZURE_OPENAI_API_KEY: "env-key-that-must-not-be-sent-0000",
		OPENAI_API_KEY: "sk-env-key-that-must-not-be-sent",
		OPENAI_ORG_ID: "org-from-env",
		OPENAI_PROJECT_ID: "proj-from-env",
		OPENAI_CUSTOM_HEADERS: "X-From-Env: yes",
		OPENAI_LOG: "debug",
	});
	expect(r.err).toBe("");
	expect(r.status).toBe(0);
	expect(r.out).toContain("--- new note: Project kickoff (summary).md ---");
	const all = r.out + r.err;
	for (const leak of ["not-azure", "env-key-that-must-not-be-sent", "org-from-env", "proj-from-env", "X-From-Env", "openai-organization", "openai-project", "OpenAI:DEBUG"]) expect(all).not.toContain(leak);
});
