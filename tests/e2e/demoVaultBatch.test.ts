/**
 * `npm run demo -- --command summarize-folder-to-new-notes --vault DIR --folder F` (issue 12 §5),
 * in this process against the strict emulator on loopback, on the built main.js: the folder's
 * context menu, Start, the batch to its end. Run twice on the same DIR (a nested folder with two
 * notes of the same name): the first run summarizes every note and writes the index, one history
 * entry per request; the second sends nothing, asks nothing and changes no byte. The batch runs on
 * a virtual clock put in from the demo's onLoaded hook: no test waits on the wall clock.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runDemo, type DemoHooks } from "../../scripts/demo/run";
import { configDirFor } from "../../scripts/demo/vault";
import { readSummaryMark } from "../../src/core/batchNotes";
import { AzureEmulator } from "../support/azureEmulator";
import { differences, files, section } from "./vaultFiles";

const KEY = "demo-batch-key-0123456789abcdef";
const NOTES: Record<string, string> = {
	"Work/A/Meeting.md": "# Meeting A\n\nAlpha team ships on Friday.\n",
	"Work/B/Meeting.md": "# Meeting B\n\nBeta team moves the launch to May.\n",
	"Work/B/Deep/Réunion ☕.md": "# Réunion\n\nLe café est prêt.\n",
	"Work/Index.md": "# Index\n\n- [[Work/A/Meeting]]\n- [[Work/B/Meeting]]\n",
	"Inbox.md": "Not in the folder.\n",
	".obsidian/app.json": "{}",
};
const SOURCES = Object.keys(NOTES).filter((p) => p.startsWith("Work/"));
const summaryOf = (source: string) => `Summaries/${source.replace(/\.md$/, "")} (summary).md`;
const INDEX = "Summaries/Work/Index of summaries.md";
let azure: AzureEmulator;
let dir: string;

beforeAll(async () => {
	azure = await AzureEmulator.start({ apiKey: KEY, deployments: [{ name: "notes-gpt-5.1", family: "gpt-5.1" }] });
});
afterAll(() => azure.close());
beforeEach(() => {
	dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "demo-batch-")));
	for (const [p, text] of Object.entries(NOTES)) {
		fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
		fs.writeFileSync(path.join(dir, p), text);
	}
});
afterEach(() => {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.rmSync(configDirFor(dir), { recursive: true, force: true });
});

/** The batch's clock, virtual: what it sleeps is recorded, never waited. */
const virtualClock: DemoHooks = {
	onLoaded: (host) => {
		let t = 5_000_000;
		const services = (host.plugin as unknown as { services: { batches: { clock: unknown } } }).services;
		services.batches.clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
	},
};

async function demo() {
	let out = "";
	let err = "";
	const sentBefore = azure.requests.length;
	const env = { AZURE_OPENAI_ENDPOINT: azure.url, AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_DEPLOYMENT: "notes-gpt-5.1", AZURE_OPENAI_MODEL_FAMILY: "gpt-5.1", AZURE_OPENAI_API_VERSION: "v1" };
	const flags = { "no-build": true, vault: dir, folder: "Work", command: "summarize-folder-to-new-notes" };
	const code = await runDemo(flags, env, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, virtualClock);
	return { code, out, err, sent: azure.requests.slice(sentBefore) };
}

test("run twice on the same vault: every note summarized the first time (and the index written), nothing sent, asked or changed the second", async () => {
	const before = files(dir);
	const first = await demo();
	expect(first.err).toBe("");
	expect(first.code).toBe(0);
	// One request per note of the folder, the nested ones and the user's own index note included.
	expect(first.sent.map((r) => r.status)).toEqual([200, 200, 200, 200]);
	expect(first.sent.map((r) => JSON.stringify(r.body)).join("\n")).not.toContain("Not in the folder");
	expect(differences(dir, before)).toEqual({ added: [...SOURCES.map(summaryOf), INDEX].sort(), changed: [], removed: [] });
	for (const source of SOURCES) expect(readSummaryMark(fs.readFileSync(path.join(dir, summaryOf(source)), "utf8"))?.sourcePath).toBe(source);
	const index = fs.readFileSync(path.join(dir, INDEX), "utf8");
	expect(index).toContain("Summaries of the notes in the folder Work: 4.");
	expect(index.match(/^- \[\[.+ \(summary\)\]\] \(of \[\[.+\]\]\)$/gm)).toHaveLength(4);
	// What the user saw: the menu, the start modal with its numbers, Start, then the end.
	expect(first.out).toContain(`[the user] right-clicks the folder Work: "Summarize the notes in this folder"; clicks "Summarize the notes in this folder"`);
	expect(first.out).toContain("[modal] Summarize the notes in Work\n4 notes: 4 to summarize, 0 up to date (skipped).\nEstimated prompt tokens: about ");
	expect(first.out).toContain('[the user] {"click":"Start"}');
	expect(first.out).toContain("The batch ended: Summaries of Work: 4 written, 0 up to date, 0 too large, 0 failed.");
	expect(section(first.out, "the progress view at the end")?.split("\n")).toEqual([
		"4 of 4 done, 0 skipped, 0 failed, 0 remaining",
		"Elapsed 0 s",
		expect.stringMatching(/^Tokens so far: [\d,]+ prompt \+ [\d,]+ completion \(of which [\d,]+ reasoning\)$/),
		"Done.",
		`Index of the summaries: ${INDEX}`,
	]);
	for (const p of [...SOURCES.map(summaryOf), INDEX]) expect(section(first.out, `created: ${p}`)).toBe(fs.readFileSync(path.join(dir, p), "utf8"));
	// The history: one entry per request, each naming the summary it wrote.
	const history = section(first.out, "history entries added")?.trim().split("\n") ?? [];
	expect(history).toHaveLength(first.sent.length);
	for (const line of history) expect(line).toMatch(/^\S+Z {2}summarize-folder-to-new-notes {2}notes-gpt-5\.1 .* {2}answered {2}.*→ new-note Summaries\/Work\/.+ \(summary\)\.md$/);
	expect(history.map((l) => l.slice(l.indexOf("→ new-note ") + 11)).sort()).toEqual(SOURCES.map(summaryOf).sort());
	expect(first.out + first.err).not.toContain(KEY);

	const after = files(dir);
	const second = await demo();
	expect(second.err).toBe("");
	expect(second.code).toBe(0);
	expect(second.sent).toEqual([]);
	expect(differences(dir, after)).toEqual({ added: [], changed: [], removed: [] });
	expect(second.out).not.toContain("[modal]");
	expect(second.out).toContain(`The batch ended: Nothing to send for Work: 4 up to date, 0 empty. Index: ${INDEX}.`);
	expect(second.out).toContain("--- no progress view: nothing was sent ---");
	expect(second.out).toContain("--- requests sent (0) ---");
	expect(second.out).toContain("--- the vault: nothing created or changed ---");
	expect(section(second.out, "history entries added")).toBe("no new entries\n");
});
