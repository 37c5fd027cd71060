/**
 * `npm run demo` with AZURE_OPENAI_* variables pointing at the strict emulator run as a separate
 * process (issue 9 §9): gpt-5.1, gpt-5-pro, a codex model, o3-pro on a dated api-version and o4-mini
 * with summaries put the answer where it belongs, over the operation the family answers on; an
 * invalid combination is refused with the plugin's reason and sends nothing.
 *
 * The demo's run (scripts/demo/run.ts: the built main.js in the Obsidian stand-in) runs in this
 * process to keep the suite fast; one test spawns `npm run demo`'s script as a terminal would, to
 * show the variables reach it there too.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { runDemo, type DemoOptions } from "../../scripts/demo/run";
import type { RecordedRequest } from "../support/emulator/types";
import { EmulatorProcess } from "../support/emulatorProcess";

const ROOT = resolve(__dirname, "../..");
const KEY = "demo-operations-key-0123456789";
let azure: EmulatorProcess;

beforeAll(async () => {
	azure = await EmulatorProcess.start({
		apiKey: KEY,
		deployments: [
			{ name: "notes-gpt-5.1", family: "gpt-5.1" },
			{ name: "notes-gpt-5-pro", family: "gpt-5-pro" },
			{ name: "notes-codex-mini", family: "gpt-5.1-codex-mini" },
			{ name: "notes-o3-pro", family: "o3-pro" },
			{ name: "notes-o4-mini", family: "o4-mini", summaryAccess: true },
		],
	});
});
afterAll(() => azure.close());
beforeEach(() => azure.reset());

function azureEnv(deployment: string, family: string, apiVersion: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return { AZURE_OPENAI_ENDPOINT: azure.url, AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_DEPLOYMENT: deployment, AZURE_OPENAI_MODEL_FAMILY: family, AZURE_OPENAI_API_VERSION: apiVersion, ...extra };
}

async function demo(env: NodeJS.ProcessEnv, flags: DemoOptions = {}) {
	let out = "";
	let err = "";
	const code = await runDemo({ "no-build": true, ...flags }, env, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
	return { code, out, err, requests: await azure.requests() };
}

/** The answer text and the reasoning summary the emulator sent in a Responses answer. */
function answered(r: RecordedRequest): { text: string; summary: string } {
	const body = JSON.parse(r.responseBody) as { output: { type: string; content?: { text: string }[]; summary?: { text: string }[] }[] };
	const text = body.output.find((o) => o.type === "message")?.content?.[0]?.text ?? "";
	const summary = (body.output.find((o) => o.type === "reasoning")?.summary ?? []).map((s) => s.text).join("\n");
	return { text, summary };
}

/** The demo's printed sections. */
const section = (out: string, name: string) => out.split(`--- ${name} ---\n`)[1]?.split("\n--- ")[0] ?? "";

test.each([
	{ model: "gpt-5.1", deployment: "notes-gpt-5.1", api: "v1", path: "/openai/v1/responses", effort: "none" },
	{ model: "gpt-5-pro", deployment: "notes-gpt-5-pro", api: "v1", path: "/openai/v1/responses", effort: "high" },
	{ model: "gpt-5.1-codex-mini", deployment: "notes-codex-mini", api: "v1", path: "/openai/v1/responses", effort: "medium" },
	{ model: "o3-pro", deployment: "notes-o3-pro", api: "2025-04-01-preview", path: "/openai/responses", effort: "medium" },
])("$model ($api), the family's default operation: one Responses request to $path, the answer in the note", async ({ model, deployment, api, path, effort }) => {
	const r = await demo(azureEnv(deployment, model, api));
	expect(r.err).toBe("");
	expect(r.code).toBe(0);
	expect(r.requests).toHaveLength(1);
	const [sent] = r.requests as [RecordedRequest];
	expect(sent).toMatchObject({ operation: "responses", path, status: 200, deployment });
	expect(["api-key", "bearer-key"]).toContain(sent.auth);
	expect(sent.apiVersion).toBe(api === "v1" ? undefined : api);
	expect(sent.body).toMatchObject({ model: deployment, store: false, reasoning: { effort } });
	const { text } = answered(sent);
	expect(text).not.toBe("");
	expect(section(r.out, "note after")).toContain(text);
	// What was sent is printed: the operation, the URL, the body; the key is not.
	expect(r.out).toContain(`"operation": "responses"`);
	expect(r.out).toContain(`"request": "POST ${azure.url}${path}${api === "v1" ? "" : `?api-version=${api}`}"`);
	expect(r.out).toContain(`Deployment ${deployment}:`);
	expect(r.out + r.err).not.toContain(KEY);
});

const O4_SUMMARIES = () => azureEnv("notes-o4-mini", "o4-mini", "2025-04-01-preview", { AZURE_OPENAI_API: "responses", AZURE_OPENAI_REASONING_SUMMARY: "auto" });

test("o4-mini with summaries on, into a new note: the summary is asked for on the Responses API and the answer is in the new note", async () => {
	const r = await demo(O4_SUMMARIES(), { command: "summarize-note-to-new-note" });
	expect(r.code).toBe(0);
	expect(r.requests).toHaveLength(1);
	const [sent] = r.requests as [RecordedRequest];
	expect(sent).toMatchObject({ operation: "responses", path: "/openai/responses", apiVersion: "2025-04-01-preview", status: 200 });
	expect(sent.body).toMatchObject({ reasoning: { summary: "auto" } });
	const { text, summary } = answered(sent);
	expect(summary).not.toBe("");
	expect(section(r.out, "new note: Project kickoff (summary).md")).toContain(text);
	// The plugin's warning about Microsoft's approval is printed (the emulated resource has it).
	expect(r.out).toContain("reasoning summaries need Microsoft's approval");
});

test("o4-mini with summaries: the reasoning summary is in the new note", async () => {
	const r = await demo(O4_SUMMARIES(), { command: "summarize-note-to-new-note" });
	const { summary } = answered(r.requests[0] as RecordedRequest);
	expect(summary).not.toBe("");
	const note = section(r.out, "new note: Project kickoff (summary).md");
	expect(note).toContain("> [!abstract]- Reasoning summary");
	expect(note).toContain(summary);
});

test.each([
	{ what: "o3-pro on chat completions", env: () => azureEnv("notes-o3-pro", "o3-pro", "2025-04-01-preview", { AZURE_OPENAI_API: "chat-completions" }), reason: "o3-pro answers only on the Responses API" },
	{ what: "gpt-5.1 with effort minimal", env: () => azureEnv("notes-gpt-5.1", "gpt-5.1", "v1", { AZURE_OPENAI_REASONING_EFFORT: "minimal" }), reason: "GPT-5.1 takes reasoning effort none, low, medium, high; not minimal." },
	{ what: "gpt-5 on a dated api-version", env: () => azureEnv("notes-gpt-5.1", "gpt-5", "2025-04-01-preview"), reason: "works only with the v1 API" },
	{ what: "an unknown model", env: () => azureEnv("notes-gpt-5.1", "gpt-9-turbo", "v1"), reason: 'AZURE_OPENAI_MODEL_FAMILY must be a model name as Azure writes it' },
	{ what: "an unknown summary mode", env: () => azureEnv("notes-o4-mini", "o4-mini", "v1", { AZURE_OPENAI_REASONING_SUMMARY: "short" }), reason: 'AZURE_OPENAI_REASONING_SUMMARY must be one of off, auto, concise, detailed; got "short".' },
])("$what: refused with the reason, exit code 2, nothing sent", async ({ env, reason }) => {
	const r = await demo(env());
	expect(r.code).toBe(2);
	expect(r.err).toContain(reason);
	expect(r.out).toBe("");
	expect(r.requests).toEqual([]);
});

test("from a terminal (tsx scripts/demo.ts): o3-pro on a dated api-version from the variables, the answer in the note", async () => {
	const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("JEST") && k !== "NODE_ENV" && !k.startsWith("AZURE_OPENAI_")));
	const r = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/demo.ts", "--no-build"], { cwd: ROOT, encoding: "utf8", env: { ...base, ...azureEnv("notes-o3-pro", "o3-pro", "2025-04-01-preview") }, timeout: 60_000 });
	expect(r.stderr).toBe("");
	expect(r.status).toBe(0);
	const requests = await azure.requests();
	expect(requests).toHaveLength(1);
	expect(requests[0]).toMatchObject({ operation: "responses", path: "/openai/responses", apiVersion: "2025-04-01-preview", status: 200 });
	expect(section(r.stdout, "note after")).toContain(answered(requests[0] as RecordedRequest).text);
	expect(r.stdout).not.toContain(KEY);
});

test("cancel-request: the demo starts a request the deployment holds back, cancels it, and the note is as it was", async () => {
	// The deployment answers only after 30 s: the request is still running when the demo cancels it.
	azure.script({ delayMs: 30_000, content: "This answer is never inserted." });
	const r = await demo(azureEnv("notes-gpt-5.1", "gpt-5.1", "v1"), { command: "cancel-request" });
	expect(r.err).toBe("");
	expect(r.code).toBe(0);
	expect(r.requests).toHaveLength(1);
	expect(section(r.out, "notices")).toContain("Cancelled (Improve the writing): the note is as you left it.");
	expect(r.out).not.toContain("This answer is never inserted.");
	expect(section(r.out, "history entries added")).toMatch(/run-prompt-on-selection \[Improve the writing\].* cancelled /);
});
