// Vault over a real folder on disk. Dot-files and dot-folders (.obsidian) are not indexed, as in Obsidian.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Vault as ObsidianVault } from "obsidian";
import { FileSystemAdapter } from "./adapter";
import { ExistingFilesGuard } from "./existingFilesGuard";
import { Events } from "./events";
import { TAbstractFile, TFile, TFolder } from "./files";
import { normalizePath } from "./functions";

/** How the vault sees open editors (the Workspace provides it). */
export interface OpenDocuments {
	/** The editor's text when the file is open, else null. */
	textOf(file: TFile): string | null;
	/** The file changed on disk: bring open editors up to date. */
	replaceText(file: TFile, text: string): void;
	/** The file was deleted: close its views. */
	closeFile(file: TFile): void;
}

// The file-returning methods cannot be checked this way: the stand-in TFile is not the real one.
type Implemented = Pick<ObsidianVault, "configDir" | "getName">;

export interface VaultOptions {
	/**
	 * Whether names differing only in case are the same file. Default true: the file systems of
	 * macOS (APFS) and Windows (NTFS) are case-insensitive, so there `create("a.md")` fails when
	 * "A.md" exists, though getAbstractFileByPath("a.md") (exact, like Obsidian's) finds nothing.
	 */
	caseInsensitive?: boolean;
	/** Stand-in only: the config dir's real folder, outside the vault (adapter.ts, AdapterOptions.configDir). */
	configDirOnDisk?: string;
	/** Stand-in only: refuse to delete, move or overwrite what was there before (existingFilesGuard.ts). */
	protectExisting?: boolean;
}

export class Vault extends Events implements Implemented {
	adapter: FileSystemAdapter;
	configDir = ".obsidian";
	readonly caseInsensitive: boolean;
	/** Stand-in only: the vault's settings (Obsidian's app.json), read by getConfig. */
	readonly config = new Map<string, unknown>();
	private root = new TFolder();
	private index = new Map<string, TAbstractFile>();
	private openDocs: OpenDocuments | null = null;

	constructor(readonly rootDir: string, opts: VaultOptions = {}) {
		super();
		this.caseInsensitive = opts.caseInsensitive ?? true;
		const base = path.resolve(rootDir);
		const configDir = opts.configDirOnDisk === undefined ? undefined : { name: this.configDir, onDisk: path.resolve(opts.configDirOnDisk) };
		const guard = opts.protectExisting ? new ExistingFilesGuard((p) => fs.existsSync(this.adapter.abs(p)), (p) => this.adapter.inConfigDir(p)) : undefined;
		this.adapter = new FileSystemAdapter(base, { ...(configDir ? { configDir } : {}), ...(guard ? { guard } : {}) });
		this.root.vault = this;
		this.root.setPath("/");
		this.index.set("/", this.root);
		this.scan(this.root);
	}

	/** Stand-in only: called by the Workspace. */
	attachOpenDocuments(docs: OpenDocuments): void {
		this.openDocs = docs;
	}

	getName(): string {
		return this.adapter.getName();
	}
	/** Not in obsidian.d.ts; how plugins read the vault's settings (useMarkdownLinks, newLinkFormat). */
	getConfig(key: string): unknown {
		return this.config.get(key) ?? null;
	}
	getRoot(): TFolder {
		return this.root;
	}
	getAbstractFileByPath(p: string): TAbstractFile | null {
		return this.index.get(normalizePath(p)) ?? null;
	}
	getFileByPath(p: string): TFile | null {
		const f = this.getAbstractFileByPath(p);
		return f instanceof TFile ? f : null;
	}
	getFolderByPath(p: string): TFolder | null {
		const f = this.getAbstractFileByPath(p);
		return f instanceof TFolder ? f : null;
	}
	getAllLoadedFiles(): TAbstractFile[] {
		return [...this.index.values()];
	}
	getFiles(): TFile[] {
		return this.getAllLoadedFiles().filter((f): f is TFile => f instanceof TFile);
	}
	getMarkdownFiles(): TFile[] {
		return this.getFiles().filter((f) => f.extension === "md");
	}

	/** Throws "File already exists." like Obsidian; the parent folder must exist. */
	async create(p: string, data: string): Promise<TFile> {
		const np = normalizePath(p);
		if (this.index.has(np) || fs.existsSync(this.adapter.abs(np)) || this.takenIgnoringCase(np)) throw new Error("File already exists.");
		const parent = this.parentFolderOf(np);
		fs.writeFileSync(this.adapter.abs(np), data, "utf8");
		this.adapter.guard?.noteCreated(np);
		const file = this.addEntry(np, parent, false) as TFile;
		this.trigger("create", file);
		return file;
	}
	/** Creates missing parents too; throws "Folder already exists." if it does. */
	async createFolder(p: string): Promise<TFolder> {
		const np = normalizePath(p);
		if (this.index.has(np)) throw new Error("Folder already exists.");
		fs.mkdirSync(this.adapter.abs(np), { recursive: true });
		let parent = this.root;
		let created: TFolder = this.root;
		for (const part of np.split("/")) {
			const sub = parent.isRoot() ? part : `${parent.path}/${part}`;
			const existing = this.index.get(sub);
			if (existing instanceof TFolder) {
				parent = existing;
				continue;
			}
			created = this.addEntry(sub, parent, true) as TFolder;
			this.adapter.guard?.noteCreated(sub);
			this.trigger("create", created);
			parent = created;
		}
		return created;
	}

	/** Stand-in difference: for a file open in an editor, read() returns the editor's text. */
	async read(file: TFile): Promise<string> {
		return this.readNow(file);
	}
	/**
	 * What the vault's cache holds is not documented for a note open with edits not saved yet (an
	 * editor saves about 2 s after an edit). Where unsure, stricter: the text on disk, without them.
	 */
	async cachedRead(file: TFile): Promise<string> {
		this.requireIndexed(file);
		return fs.readFileSync(this.adapter.abs(file.path), "utf8");
	}
	async modify(file: TFile, data: string): Promise<void> {
		this.writeNow(file, data, true);
	}
	async append(file: TFile, data: string): Promise<void> {
		this.writeNow(file, this.readNow(file) + data, true);
	}
	/** Read, change and write with nothing in between; open editors follow. Returns the new text. */
	async process(file: TFile, fn: (data: string) => string): Promise<string> {
		const next = fn(this.readNow(file));
		this.writeNow(file, next, true);
		return next;
	}

	async delete(file: TAbstractFile, _force?: boolean): Promise<void> {
		this.requireIndexed(file);
		this.adapter.guard?.checkDelete(file.path);
		fs.rmSync(this.adapter.abs(file.path), { recursive: true });
		const gone: TAbstractFile[] = [];
		const collect = (f: TAbstractFile) => {
			if (f instanceof TFolder) f.children.forEach(collect);
			gone.push(f);
		};
		collect(file);
		this.detachFromParent(file);
		for (const f of gone) {
			this.index.delete(f.path);
			if (f instanceof TFile) this.openDocs?.closeFile(f);
			this.trigger("delete", f);
		}
	}

	/** Throws "Destination file already exists!" like Obsidian; the destination folder must exist. */
	async rename(file: TAbstractFile, newPath: string): Promise<void> {
		this.requireIndexed(file);
		const np = normalizePath(newPath);
		this.adapter.guard?.checkRename(file.path, np);
		if (this.index.has(np) || fs.existsSync(this.adapter.abs(np)) || (this.takenIgnoringCase(np) && np.toLowerCase() !== file.path.toLowerCase())) throw new Error("Destination file already exists!");
		const parent = this.parentFolderOf(np);
		const oldPath = file.path;
		fs.renameSync(this.adapter.abs(oldPath), this.adapter.abs(np));
		this.adapter.guard?.renamed(oldPath, np);
		this.detachFromParent(file);
		const move = (f: TAbstractFile, p: string) => {
			this.index.delete(f.path);
			f.setPath(p);
			this.index.set(p, f);
			if (f instanceof TFolder) for (const c of f.children) move(c, `${p}/${c.name}`);
		};
		move(file, np);
		file.parent = parent;
		parent.children.push(file);
		this.trigger("rename", file, oldPath);
	}

	/** Stand-in only: index a file or folder written on disk behind the vault's back (what Obsidian's watcher does). */
	syncFromDisk(p: string): TAbstractFile | null {
		const np = normalizePath(p);
		const known = this.index.get(np);
		if (known) return known;
		const full = this.adapter.abs(np);
		if (!fs.existsSync(full) || np.split("/").some((part) => part.startsWith("."))) return null;
		const parentPath = np.includes("/") ? np.slice(0, np.lastIndexOf("/")) : "/";
		const parent = this.syncFromDisk(parentPath);
		if (!(parent instanceof TFolder)) return null;
		const entry = this.addEntry(np, parent, fs.statSync(full).isDirectory());
		if (entry instanceof TFolder) this.scan(entry);
		this.trigger("create", entry);
		return entry;
	}

	/** Stand-in only: an editor's save. Writes to disk and triggers 'modify' without touching the editors. */
	saveFromEditor(file: TFile, text: string): void {
		this.writeNow(file, text, false);
	}

	/** On a case-insensitive file system: another entry has this path but for case. */
	private takenIgnoringCase(np: string): boolean {
		if (!this.caseInsensitive) return false;
		const lower = np.toLowerCase();
		for (const key of this.index.keys()) if (key.toLowerCase() === lower) return true;
		return false;
	}

	private readNow(file: TFile): string {
		this.requireIndexed(file);
		return this.openDocs?.textOf(file) ?? fs.readFileSync(this.adapter.abs(file.path), "utf8");
	}

	private writeNow(file: TFile, data: string, updateEditors: boolean): void {
		this.requireIndexed(file);
		this.adapter.guard?.checkEdit(file.path);
		fs.writeFileSync(this.adapter.abs(file.path), data, "utf8");
		file.stat = this.statOf(file.path);
		if (updateEditors) this.openDocs?.replaceText(file, data);
		this.trigger("modify", file);
	}

	private requireIndexed(file: TAbstractFile): void {
		if (this.index.get(file.path) !== file) throw new Error(`ENOENT: no such file or directory, '${file.path}' is not in the vault`);
	}

	private parentFolderOf(np: string): TFolder {
		const parentPath = np.includes("/") ? np.slice(0, np.lastIndexOf("/")) : "/";
		const parent = this.index.get(parentPath);
		if (!(parent instanceof TFolder)) throw new Error(`ENOENT: no such file or directory, folder '${parentPath}' does not exist`);
		return parent;
	}

	private detachFromParent(file: TAbstractFile): void {
		const siblings = file.parent?.children;
		if (siblings) siblings.splice(siblings.indexOf(file), 1);
	}

	private statOf(p: string): TFile["stat"] {
		const st = fs.statSync(this.adapter.abs(p));
		return { ctime: st.birthtimeMs || st.ctimeMs, mtime: st.mtimeMs, size: st.size };
	}

	private addEntry(p: string, parent: TFolder, isFolder: boolean): TAbstractFile {
		const entry = isFolder ? new TFolder() : new TFile();
		entry.vault = this;
		entry.setPath(p);
		entry.parent = parent;
		if (entry instanceof TFile) entry.stat = this.statOf(p);
		parent.children.push(entry);
		this.index.set(p, entry);
		return entry;
	}

	private scan(folder: TFolder): void {
		const entries = fs.readdirSync(this.adapter.abs(folder.path), { withFileTypes: true });
		for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
			if (e.name.startsWith(".")) continue;
			const p = folder.isRoot() ? e.name : `${folder.path}/${e.name}`;
			const entry = this.addEntry(p, folder, e.isDirectory());
			if (entry instanceof TFolder) this.scan(entry);
		}
	}
}
