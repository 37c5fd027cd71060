/** Creating the notes answers go into: a name or a folder problem never costs the answer. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNewNote, freePath } from "../../src/ui/newNoteFile";
import { ObsidianHost } from "../support/host";

let host: ObsidianHost;
let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), "ar-newnote-"));
	host = ObsidianHost.create({ vaultDir: dir });
});
afterEach(async () => {
	await host.dispose();
	rmSync(dir, { recursive: true, force: true });
});

const app = () => host.app;
const paths = () => host.standInApp.vault.getMarkdownFiles().map((f) => f.path).sort();

test("makes the folder and a name free of characters file systems refuse", async () => {
	const note = await createNewNote(app(), "AI answers", 'Meeting: "plan" (summary)', (p) => `at ${p}`);
	expect(note.path).toBe("AI answers/Meeting plan (summary).md");
	expect(host.readNote(note.path)).toBe("at AI answers/Meeting plan (summary).md");
});

test("two answers at once never take the same name", async () => {
	const [a, b] = await Promise.all([createNewNote(app(), "", "Meeting (answer)", () => "a"), createNewNote(app(), "", "Meeting (answer)", () => "b")]);
	expect([a.path, b.path].sort()).toEqual(["Meeting (answer) 2.md", "Meeting (answer).md"]);
	expect(paths()).toEqual(["Meeting (answer) 2.md", "Meeting (answer).md"]);
});

test("a name taken between choosing it and creating it moves on to the next", async () => {
	const vault = host.standInApp.vault;
	const create = vault.create.bind(vault);
	let first = true;
	vault.create = async (path: string, data: string) => {
		if (first) {
			first = false;
			await create(path, "someone else's note");
		}
		return create(path, data);
	};
	const note = await createNewNote(app(), "", "Meeting (answer)", () => "the answer");
	expect(note.path).toBe("Meeting (answer) 2.md");
	expect(host.readNote("Meeting (answer).md")).toBe("someone else's note");
	expect(host.readNote("Meeting (answer) 2.md")).toBe("the answer");
});

test("an output folder that is a file falls back to the vault's root", async () => {
	await host.standInApp.vault.create("Answers", "a file, not a folder");
	const note = await createNewNote(app(), "Answers", "Meeting (answer)", () => "kept");
	expect(note.path).toBe("Meeting (answer).md");
	expect(host.readNote(note.path)).toBe("kept");
});

test("freePath counts up past existing notes", async () => {
	await host.standInApp.vault.create("X.md", "");
	await host.standInApp.vault.create("X 2.md", "");
	expect(freePath(app(), "", "X")).toBe("X 3.md");
});

test("a name that differs only in case from an existing note is not taken (macOS and Windows ignore case)", async () => {
	await host.standInApp.vault.create("meeting (summary).md", "older");
	const note = await createNewNote(app(), "", "Meeting (summary)", () => "new");
	expect(note.path).toBe("Meeting (summary) 2.md");
	expect(host.readNote("meeting (summary).md")).toBe("older");
	expect(freePath(app(), "", "MEETING (SUMMARY)")).toBe("MEETING (SUMMARY) 3.md");
});
