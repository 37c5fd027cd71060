// The Vault over a user's own folder (`npm run demo -- --vault DIR`): the config dir kept outside it,
// the real tree mapped as it is, and the guard that refuses to delete, move or overwrite what was there.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TFile, TFolder } from "./index";

let dir: string;
let config: string;
let app: App;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), "standin-guard-"));
	config = fs.mkdtempSync(path.join(os.tmpdir(), "standin-guard-config-"));
	fs.mkdirSync(path.join(dir, "Réunions", "2026", "日本語"), { recursive: true });
	fs.mkdirSync(path.join(dir, ".obsidian", "plugins", "azure-reasoning"), { recursive: true });
	fs.writeFileSync(path.join(dir, "Inbox.md"), "# Inbox\n");
	fs.writeFileSync(path.join(dir, "Réunions", "2026", "Café ☕.md"), "notes");
	fs.writeFileSync(path.join(dir, "Réunions", "2026", "日本語", "会議.md"), "会議");
	fs.writeFileSync(path.join(dir, "Réunions", "plan.pdf"), Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]));
	fs.writeFileSync(path.join(dir, ".obsidian", "plugins", "azure-reasoning", "data.json"), '{"mine":true}');
	app = new App(dir, { configDirOnDisk: config, protectExisting: true });
});

afterEach(() => {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.rmSync(config, { recursive: true, force: true });
});

test("the tree is the folder's: nested folders, non-ASCII names, non-Markdown files listed but not notes", () => {
	expect(app.vault.getMarkdownFiles().map((f) => f.path).sort()).toEqual(["Inbox.md", "Réunions/2026/Café ☕.md", "Réunions/2026/日本語/会議.md"].sort());
	expect(app.vault.getFiles().map((f) => f.path)).toContain("Réunions/plan.pdf");
	expect(app.vault.getAbstractFileByPath("Réunions/2026/日本語")).toBeInstanceOf(TFolder);
	expect(app.vault.getFileByPath("Réunions/2026/日本語/会議.md")).toMatchObject({ basename: "会議", extension: "md" });
});

test("the config dir is the folder outside the vault: the vault's own plugin settings are neither read nor written", async () => {
	const mine = ".obsidian/plugins/azure-reasoning/data.json";
	expect(await app.vault.adapter.exists(mine)).toBe(false);
	await app.vault.adapter.mkdir(".obsidian/plugins/azure-reasoning");
	await app.vault.adapter.write(mine, "{}");
	await app.vault.adapter.write(mine, '{"again":1}'); // the demo's own settings: rewritten freely
	expect(fs.readFileSync(path.join(config, "plugins", "azure-reasoning", "data.json"), "utf8")).toBe('{"again":1}');
	expect(fs.readFileSync(path.join(dir, ".obsidian", "plugins", "azure-reasoning", "data.json"), "utf8")).toBe('{"mine":true}');
});

test("what was there before: delete, move, rename onto, overwrite and writing an attachment are refused, and recorded", async () => {
	const guard = app.vault.adapter.guard;
	const inbox = app.vault.getFileByPath("Inbox.md") as TFile;
	const folder = app.vault.getFolderByPath("Réunions") as TFolder;
	const pdf = app.vault.getFileByPath("Réunions/plan.pdf") as TFile;
	await expect(app.vault.delete(inbox)).rejects.toThrow('The vault guard refused to delete "Inbox.md"');
	await expect(app.vault.delete(folder)).rejects.toThrow('refused to delete "Réunions"');
	await expect(app.vault.rename(inbox, "Elsewhere.md")).rejects.toThrow('refused to move "Inbox.md"');
	await expect(app.vault.adapter.write("Inbox.md", "gone")).rejects.toThrow('refused to overwrite "Inbox.md"');
	await expect(app.vault.adapter.remove("Réunions/2026/Café ☕.md")).rejects.toThrow("refused to delete");
	await expect(app.vault.adapter.rename("Inbox.md", "Other.md")).rejects.toThrow('refused to move "Inbox.md"');
	await expect(app.vault.modify(pdf, "not a pdf")).rejects.toThrow('refused to write to "Réunions/plan.pdf"');
	await expect(app.vault.create("Inbox.md", "again")).rejects.toThrow("File already exists.");
	expect(guard?.refusals).toHaveLength(7);
	// Nothing moved on disk.
	expect(fs.readFileSync(path.join(dir, "Inbox.md"), "utf8")).toBe("# Inbox\n");
	expect(fs.readFileSync(path.join(dir, "Réunions", "plan.pdf"))).toEqual(Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]));
	expect(fs.existsSync(path.join(dir, "Réunions", "2026", "Café ☕.md"))).toBe(true);
});

test("an edit of an existing note as commands make it is allowed; what the run created it may move, rename onto and delete", async () => {
	const inbox = app.vault.getFileByPath("Inbox.md") as TFile;
	await app.vault.process(inbox, (t) => `${t}\nSummary: [[Inbox (summary)]]\n`);
	expect(fs.readFileSync(path.join(dir, "Inbox.md"), "utf8")).toContain("Summary:");
	const folder = await app.vault.createFolder("Summaries/2026");
	const made = await app.vault.create("Summaries/2026/a.md", "a");
	await app.vault.rename(folder, "Summaries/Done");
	expect(made.path).toBe("Summaries/Done/a.md");
	await app.vault.adapter.write("Summaries/Done/a.md", "rewritten");
	const b = await app.vault.create("b.md", "b");
	await expect(app.vault.rename(b, "Inbox.md")).rejects.toThrow('refused to rename "b.md" onto "Inbox.md"');
	await app.vault.delete(made);
	await app.vault.delete(app.vault.getFolderByPath("Summaries") as TFolder);
	expect(fs.existsSync(path.join(dir, "Summaries"))).toBe(false);
	expect(app.vault.adapter.guard?.refusals).toHaveLength(1);
});

test("without the guard (the sample vault's copy), the vault is Obsidian's: a delete goes through", async () => {
	const plain = new App(dir);
	await plain.vault.delete(plain.vault.getFileByPath("Inbox.md") as TFile);
	expect(fs.existsSync(path.join(dir, "Inbox.md"))).toBe(false);
	expect(plain.vault.adapter.guard).toBeNull();
});
