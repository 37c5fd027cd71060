/**
 * `npm run demo -- --vault DIR` (issue 12 §5): the built main.js runs on a folder of notes itself,
 * not a copy. The command's new note is created and nothing else is touched (every file's bytes,
 * DIR/.obsidian included); a second run never overwrites (the plugin names the second summary
 * anew); a command that tries to overwrite or delete a note is stopped and reported; --folder is
 * checked (the batch itself: demoVaultBatch.test.ts). The demo's run (scripts/demo/run.ts) runs in this process against the strict emulator
 * on loopback (AZURE_OPENAI_* pointing at it); one test spawns scripts/demo.ts to show the flags
 * reach it from a terminal.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runDemo, type DemoHooks, type DemoOptions } from "../../scripts/demo/run";
import { configDirFor } from "../../scripts/demo/vault";
import { AzureEmulator } from "../support/azureEmulator";
import { differences as vaultDifferences, files as vaultFiles, section } from "./vaultFiles";

const ROOT = path.resolve(__dirname, "../..");
const KEY = "demo-vault-key-0123456789abcdef";
const NOTE = "Réunions/2026/Café ☕.md";
let azure: AzureEmulator;
let dir: string;

beforeAll(async () => {
	azure = await AzureEmulator.start({ apiKey: KEY, deployments: [{ name: "notes-gpt-5.1", family: "gpt-5.1" }] });
});
afterAll(() => azure.close());

beforeEach(() => {
	dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "demo-vault-")));
	const put = (p: string, data: string | Buffer) => {
		fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
		fs.writeFileSync(path.join(dir, p), data);
	};
	put("Inbox.md", "# Inbox\n\n- call the vendor\n");
	put(NOTE, "# Plan\n\nWe ship in March. The risk is the vendor's API.\n");
	put("Réunions/2026/日本語/会議.md", "# 会議\n\n来週。\n");
	put("Réunions/diagram.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]));
	put("Projects/Plan.md", "A note with the same name elsewhere.\n");
	put(".obsidian/app.json", '{"useMarkdownLinks":false}');
	put(".obsidian/plugins/azure-reasoning/data.json", '{"the user\'s":"own settings"}');
	put(".trash/old.md", "deleted long ago\n");
});
afterEach(() => {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.rmSync(configDirFor(dir), { recursive: true, force: true });
});

const ENV = (): NodeJS.ProcessEnv => ({ AZURE_OPENAI_ENDPOINT: azure.url, AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_DEPLOYMENT: "notes-gpt-5.1", AZURE_OPENAI_MODEL_FAMILY: "gpt-5.1", AZURE_OPENAI_API_VERSION: "v1" });

async function demo(flags: DemoOptions, hooks: DemoHooks = {}) {
	let out = "";
	let err = "";
	const sentBefore = azure.requests.length;
	const code = await runDemo({ "no-build": true, vault: dir, ...flags }, ENV(), { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, hooks);
	return { code, out, err, sent: azure.requests.length - sentBefore };
}

const files = () => vaultFiles(dir);
const differences = (before: Map<string, Buffer>) => vaultDifferences(dir, before);

test("a summary of a nested note: its new note is created in DIR, the one request sent, and not one other byte of DIR changes (.obsidian included)", async () => {
	const before = files();
	const r = await demo({ command: "summarize-note-to-new-note", note: NOTE });
	expect(r.err).toBe("");
	expect(r.code).toBe(0);
	expect(r.sent).toBe(1);
	expect(differences(before)).toEqual({ added: ["Café ☕ (summary).md"], changed: [], removed: [] });
	const created = fs.readFileSync(path.join(dir, "Café ☕ (summary).md"), "utf8");
	expect(created).toContain('source: "[[Réunions/2026/Café ☕]]"');
	expect(section(r.out, "created: Café ☕ (summary).md")).toBe(created);
	// The plugin's own folder is outside DIR: its settings are the demo's, the user's untouched.
	expect(fs.existsSync(path.join(configDirFor(dir), "plugins", "azure-reasoning", "data.json"))).toBe(true);
	expect(r.out).toContain(`the plugin's own folder is kept outside it, in ${configDirFor(dir)}`);
	// The one request, as the history file (kept outside DIR, with the plugin's folder) recorded it.
	const history = section(r.out, "history entries added")?.trim().split("\n") ?? [];
	expect(history).toHaveLength(1);
	expect(history[0]).toMatch(/^\S+Z {2}summarize-note-to-new-note {2}.*answered.*→ new-note Café ☕ \(summary\)\.md$/);
	expect(fs.existsSync(path.join(configDirFor(dir), "plugins", "azure-reasoning", "history.jsonl"))).toBe(true);
	expect(r.out + r.err).not.toContain(KEY);
});

test("run twice: the second summary gets a new name, the first is never overwritten", async () => {
	expect((await demo({ command: "summarize-note-to-new-note", note: NOTE })).code).toBe(0);
	const first = fs.readFileSync(path.join(dir, "Café ☕ (summary).md"));
	const before = files();
	const r = await demo({ command: "summarize-note-to-new-note", note: NOTE });
	expect(r.code).toBe(0);
	expect(differences(before)).toEqual({ added: ["Café ☕ (summary) 2.md"], changed: [], removed: [] });
	expect(fs.readFileSync(path.join(dir, "Café ☕ (summary).md")).equals(first)).toBe(true);
	expect(r.out).toContain("--- created: Café ☕ (summary) 2.md ---");
});

test("an edit as the command makes it: the note's change is printed as a diff, nothing else changes", async () => {
	const before = files();
	const old = before.get(NOTE)?.toString("utf8") ?? "";
	const r = await demo({ command: "run-prompt-on-selection", note: NOTE });
	expect(r.code).toBe(0);
	expect(differences(before)).toEqual({ added: [], changed: [NOTE], removed: [] });
	const diff = section(r.out, `changed: ${NOTE}`) ?? "";
	expect(diff).toMatch(/^@@ -1,3 \+1,\d+ @@\n/);
	expect(diff).toContain("-We ship in March. The risk is the vendor's API.");
	const now = fs.readFileSync(path.join(dir, NOTE), "utf8");
	for (const line of now.trimEnd().split("\n")) if (!old.includes(line)) expect(diff).toContain(`+${line}`);
	expect(r.out).not.toContain("--- note before ---");
});

test.each([
	{ what: "overwrite a note", act: "write" as const, target: "Inbox.md", refusal: 'The vault guard refused to overwrite "Inbox.md"' },
	{ what: "delete a note", act: "delete" as const, target: "Projects/Plan.md", refusal: 'The vault guard refused to delete "Projects/Plan.md"' },
	{ what: "move a note", act: "rename" as const, target: "Réunions/2026/日本語/会議.md", refusal: 'The vault guard refused to move "Réunions/2026/日本語/会議.md"' },
])("a command that tries to $what fails loudly: the demo reports it and exits 1, and the note is as it was", async ({ act, target, refusal }) => {
	const before = files();
	const hooks: DemoHooks = {
		onLoaded: (host) => {
			const vault = host.standInApp.vault;
			host.plugin?.addCommand({
				id: "misbehave",
				name: "Misbehave",
				callback: async () => {
					const file = vault.getFileByPath(target);
					if (!file) throw new Error(`no ${target}`);
					if (act === "write") await vault.adapter.write(target, "replaced");
					else if (act === "delete") await vault.delete(file);
					else await vault.rename(file, "Moved.md");
				},
			});
		},
	};
	const r = await demo({ command: "misbehave", note: NOTE }, hooks);
	expect(r.code).toBe(1);
	expect(r.err).toContain("The run tried to change what was in the vault, and was stopped:");
	expect(r.err).toContain(refusal);
	expect(differences(before)).toEqual({ added: [], changed: [], removed: [] });
});

test("the history's new entries, one line each; a cut-off last line is shown, not parsed", async () => {
	const entry = { time: "2026-11-30T09:00:00.000Z", command: "summarize-note-to-new-note", deploymentId: "demo", deployment: "notes-gpt-5.1", model: "gpt-5.1-2025-11-13", operation: "responses", durationMs: 812, promptTokens: 70, completionTokens: 300, reasoningTokens: 250, outcome: "answered", destination: { kind: "new-note", path: "Café ☕ (summary).md" } };
	const old = JSON.stringify({ ...entry, time: "2026-11-29T08:00:00.000Z" });
	const history = path.join(configDirFor(dir), "plugins", "azure-reasoning", "history.jsonl");
	fs.mkdirSync(path.dirname(history), { recursive: true });
	fs.writeFileSync(history, `${old}\n`);
	const hooks: DemoHooks = {
		onLoaded: (host) => {
			const adapter = host.standInApp.vault.adapter;
			host.plugin?.addCommand({ id: "record", name: "Record", callback: async () => adapter.write(".obsidian/plugins/azure-reasoning/history.jsonl", `${old}\n${JSON.stringify(entry)}\n{"time":"2026-11-30T09:01`) });
		},
	};
	const r = await demo({ command: "record", note: NOTE }, hooks);
	expect(r.code).toBe(0);
	expect(section(r.out, "history entries added")?.split("\n")).toEqual([
		"2026-11-30T09:00:00.000Z  summarize-note-to-new-note  notes-gpt-5.1 (gpt-5.1-2025-11-13)  responses  answered  812 ms  tokens 70 in / 300 out (250 reasoning)  → new-note Café ☕ (summary).md",
		'(not a whole entry, as written: {"time":"2026-11-30T09:01)',
		"",
	]);
});

test.each([
	{ flags: { folder: "Nowhere", command: "summarize-folder-to-new-notes" }, says: '--folder "Nowhere": there is no such folder' },
	{ flags: { folder: "Inbox.md", command: "summarize-folder-to-new-notes" }, says: '--folder "Inbox.md" is a file, not a folder.' },
	{ flags: { folder: os.tmpdir(), command: "summarize-folder-to-new-notes" }, says: "is not inside the vault" },
	{ flags: { folder: ".obsidian", command: "summarize-folder-to-new-notes" }, says: "is inside a hidden folder (.obsidian)" },
	{ flags: { folder: "Réunions", command: "summarize-note-to-new-note", note: NOTE }, says: "--folder is for --command summarize-folder-to-new-notes" },
	{ flags: { command: "summarize-folder-to-new-notes" }, says: "summarize-folder-to-new-notes needs --folder PATH" },
	{ flags: { command: "summarize-note-to-new-note" }, says: "With --vault, name the note to run summarize-note-to-new-note on: --note PATH" },
	{ flags: { command: "summarize-note-to-new-note", note: "Réunions/diagram.png" }, says: "is not a Markdown note (.md)" },
])("refused before anything starts, exit code 2: $says", async ({ flags, says }) => {
	const before = files();
	const r = await demo(flags);
	expect(r.code).toBe(2);
	expect(r.err).toContain(says);
	expect(r.out).toBe("");
	expect(r.sent).toBe(0);
	expect(differences(before)).toEqual({ added: [], changed: [], removed: [] });
});

test("from a terminal: --vault and --folder reach the demo (a folder outside the vault is refused, exit code 2)", () => {
	const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("JEST") && k !== "NODE_ENV" && !k.startsWith("AZURE_OPENAI_")));
	const r = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/demo.ts", "--no-build", "--vault", dir, "--command", "summarize-folder-to-new-notes", "--folder", ROOT], { cwd: ROOT, encoding: "utf8", env: base, timeout: 60_000 });
	expect(r.status).toBe(2);
	expect(r.stderr).toBe(`--folder "${ROOT}" is not inside the vault ${dir}.\n`);
	expect(r.stdout).toBe("");
});
