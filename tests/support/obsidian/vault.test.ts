// The Vault over a real temp folder: the tree, Obsidian's errors, process, rename, delete, events.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TFile, TFolder, Vault, normalizePath } from "./index";

let dir: string;
let app: App;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), "standin-vault-"));
	fs.mkdirSync(path.join(dir, "Projects"));
	fs.mkdirSync(path.join(dir, ".obsidian", "plugins"), { recursive: true });
	fs.writeFileSync(path.join(dir, "Inbox.md"), "# Inbox\n");
	fs.writeFileSync(path.join(dir, "Projects", "Plan.md"), "plan");
	fs.writeFileSync(path.join(dir, "Projects", "diagram.png"), "png");
	fs.writeFileSync(path.join(dir, ".obsidian", "app.json"), "{}");
	app = new App(dir);
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function events(): string[] {
	const seen: string[] = [];
	for (const name of ["create", "modify", "delete", "rename"]) {
		app.vault.on(name, (file: TFile, oldPath?: string) => seen.push(`${name} ${file.path}${oldPath ? ` from ${oldPath}` : ""}`));
	}
	return seen;
}

test("the tree mirrors the folder; dot-folders such as .obsidian are not in it", () => {
	expect(app.vault.getMarkdownFiles().map((f) => f.path).sort()).toEqual(["Inbox.md", "Projects/Plan.md"]);
	expect(app.vault.getFiles()).toHaveLength(3);
	const plan = app.vault.getFileByPath("Projects/Plan.md");
	expect(plan).toBeInstanceOf(TFile);
	expect(plan).toMatchObject({ name: "Plan.md", basename: "Plan", extension: "md" });
	expect(plan?.stat.size).toBe(4);
	expect(plan?.parent).toBe(app.vault.getFolderByPath("Projects"));
	expect(app.vault.getAbstractFileByPath("Projects")).toBeInstanceOf(TFolder);
	expect(app.vault.getRoot().isRoot()).toBe(true);
	expect(app.vault.getAbstractFileByPath(".obsidian/app.json")).toBeNull();
	expect(app.vault.getFileByPath("Projects")).toBeNull();
	expect(app.vault.getFileByPath("//Projects\\Plan.md/")).toBe(plan);
});

test("create writes the file and refuses an existing one with Obsidian's message", async () => {
	const seen = events();
	const f = await app.vault.create("Projects/New.md", "fresh");
	expect(fs.readFileSync(path.join(dir, "Projects", "New.md"), "utf8")).toBe("fresh");
	expect(app.vault.getFileByPath("Projects/New.md")).toBe(f);
	await expect(app.vault.create("Projects/New.md", "again")).rejects.toThrow("File already exists.");
	await expect(app.vault.create("Nowhere/New.md", "x")).rejects.toThrow(/ENOENT/);
	expect(seen).toEqual(["create Projects/New.md"]);
});

test("createFolder makes the missing parents and refuses an existing folder", async () => {
	const seen = events();
	const folder = await app.vault.createFolder("Answers/2025");
	expect(folder.path).toBe("Answers/2025");
	expect(fs.statSync(path.join(dir, "Answers", "2025")).isDirectory()).toBe(true);
	expect(app.vault.getFolderByPath("Answers")?.children).toEqual([folder]);
	await expect(app.vault.createFolder("Answers")).rejects.toThrow("Folder already exists.");
	expect(seen).toEqual(["create Answers", "create Answers/2025"]);
});

test("process reads, changes and writes in one go, and returns the new text", async () => {
	const seen = events();
	const plan = app.vault.getFileByPath("Projects/Plan.md") as TFile;
	const out = await app.vault.process(plan, (t) => `${t} v2`);
	expect(out).toBe("plan v2");
	expect(await app.vault.read(plan)).toBe("plan v2");
	expect(fs.readFileSync(path.join(dir, "Projects", "Plan.md"), "utf8")).toBe("plan v2");
	await app.vault.modify(plan, "replaced");
	expect(await app.vault.cachedRead(plan)).toBe("replaced");
	expect(seen).toEqual(["modify Projects/Plan.md", "modify Projects/Plan.md"]);
});

test("rename moves the file on disk and keeps the same TFile; an existing destination is refused", async () => {
	const seen = events();
	const plan = app.vault.getFileByPath("Projects/Plan.md") as TFile;
	await app.vault.rename(plan, "Plan 2.md");
	expect(plan.path).toBe("Plan 2.md");
	expect(plan.parent?.isRoot()).toBe(true);
	expect(app.vault.getFileByPath("Plan 2.md")).toBe(plan);
	expect(app.vault.getFileByPath("Projects/Plan.md")).toBeNull();
	expect(fs.existsSync(path.join(dir, "Plan 2.md"))).toBe(true);
	await expect(app.vault.rename(plan, "Inbox.md")).rejects.toThrow("Destination file already exists!");
	const folder = app.vault.getFolderByPath("Projects") as TFolder;
	await app.vault.rename(folder, "Archive");
	expect(app.vault.getFileByPath("Archive/diagram.png")?.path).toBe("Archive/diagram.png");
	expect(seen).toEqual(["rename Plan 2.md from Projects/Plan.md", "rename Archive from Projects"]);
});

test("delete removes files and folders from disk and from the tree", async () => {
	const seen = events();
	await app.vault.delete(app.vault.getFolderByPath("Projects") as TFolder);
	expect(fs.existsSync(path.join(dir, "Projects"))).toBe(false);
	expect(app.vault.getFileByPath("Projects/Plan.md")).toBeNull();
	expect(seen.sort()).toEqual(["delete Projects", "delete Projects/Plan.md", "delete Projects/diagram.png"]);
	const inbox = app.vault.getFileByPath("Inbox.md") as TFile;
	await app.vault.delete(inbox);
	await expect(app.vault.read(inbox)).rejects.toThrow(/ENOENT/);
});

test("the adapter reads and writes hidden paths; nothing leaves the vault", async () => {
	expect(await app.vault.adapter.exists(".obsidian/app.json")).toBe(true);
	await app.vault.adapter.write(".obsidian/plugins/x.json", "1");
	expect(await app.vault.adapter.read(".obsidian/plugins/x.json")).toBe("1");
	await expect(app.vault.adapter.read("../outside")).rejects.toThrow("outside the vault");
});

test.each([
	["a//b\\c/", "a/b/c"],
	["/leading/and/trailing/", "leading/and/trailing"],
	["", "/"],
	["non\u00A0breaking", "non breaking"],
	["cafe\u0301.md", "caf\u00E9.md"],
])("normalizePath(%j) is %j", (input, expected) => {
	expect(normalizePath(input)).toBe(expected);
});

test("by default the vault is case-insensitive like macOS and Windows: a name differing only in case cannot be created", async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "standin-case-"));
	try {
		const vault = new Vault(dir);
		await vault.create("Note.md", "a");
		expect(vault.getAbstractFileByPath("note.md")).toBeNull();
		await expect(vault.create("note.md", "b")).rejects.toThrow("File already exists.");
		const sensitive = new Vault(dir, { caseInsensitive: false });
		await expect(sensitive.create("note.md", "b")).resolves.toBeDefined();
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
