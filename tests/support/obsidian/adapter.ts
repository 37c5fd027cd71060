// The vault's DataAdapter over a real folder (the part plugins use for data.json and hidden files).
import * as fs from "node:fs";
import * as path from "node:path";
import type { DataAdapter, ListedFiles } from "obsidian";
import type { ExistingFilesGuard } from "./existingFilesGuard";
import { normalizePath } from "./functions";

type Implemented = Pick<DataAdapter, "getName" | "exists" | "read" | "write" | "append" | "mkdir" | "remove" | "rename" | "list">;

export interface AdapterOptions {
	/**
	 * Stand-in only: the vault's config dir (`name`, vault-relative as Obsidian has it) kept in a
	 * real folder elsewhere (`onDisk`). The plugin still sees `.obsidian/plugins/<id>/...`; the
	 * vault's own config dir is never read nor written (`npm run demo -- --vault DIR`).
	 */
	configDir?: { name: string; onDisk: string };
	/** Stand-in only: refuses to delete, move or overwrite what was there before (existingFilesGuard.ts). */
	guard?: ExistingFilesGuard;
}

export class FileSystemAdapter implements Implemented {
	readonly guard: ExistingFilesGuard | null;

	constructor(
		readonly basePath: string,
		private readonly opts: AdapterOptions = {},
	) {
		this.guard = opts.guard ?? null;
	}

	/** Stand-in only: the absolute path of a vault path; refuses paths that leave the vault. */
	abs(vaultPath: string): string {
		const p = normalizePath(vaultPath);
		const full = path.resolve(this.basePath, p === "/" ? "." : p);
		const rel = path.relative(this.basePath, full);
		if (rel.startsWith("..") || path.isAbsolute(rel)) throw new Error(`Path outside the vault: ${vaultPath}`);
		const config = this.opts.configDir;
		if (config && this.inConfigDir(p)) return path.join(config.onDisk, p.slice(config.name.length));
		return full;
	}

	/** Stand-in only: whether the vault path is the config dir or under it. */
	inConfigDir(vaultPath: string): boolean {
		const name = this.opts.configDir?.name;
		const p = normalizePath(vaultPath);
		return name !== undefined && (p === name || p.startsWith(`${name}/`));
	}

	getName(): string {
		return path.basename(this.basePath);
	}
	getBasePath(): string {
		return this.basePath;
	}
	async exists(normalizedPath: string, _sensitive?: boolean): Promise<boolean> {
		return fs.existsSync(this.abs(normalizedPath));
	}
	async read(normalizedPath: string): Promise<string> {
		return fs.readFileSync(this.abs(normalizedPath), "utf8");
	}
	/** Writes the file; its folder must exist (ENOENT otherwise). */
	async write(normalizedPath: string, data: string): Promise<void> {
		this.guard?.checkOverwrite(normalizedPath);
		const existed = fs.existsSync(this.abs(normalizedPath));
		fs.writeFileSync(this.abs(normalizedPath), data, "utf8");
		if (!existed) this.guard?.noteCreated(normalizedPath);
	}
	/**
	 * Adds to the end of the file. Obsidian's adapters create a missing file here (Node's appendFile
	 * does); not documented, so the stand-in is stricter: the file must exist (ENOENT otherwise).
	 */
	async append(normalizedPath: string, data: string): Promise<void> {
		const full = this.abs(normalizedPath);
		if (!fs.existsSync(full)) throw new Error(`ENOENT: no such file, append '${normalizedPath}'`);
		fs.appendFileSync(full, data, "utf8");
	}
	async mkdir(normalizedPath: string): Promise<void> {
		const existed = fs.existsSync(this.abs(normalizedPath));
		fs.mkdirSync(this.abs(normalizedPath), { recursive: true });
		if (!existed) this.guard?.noteCreated(normalizedPath);
	}
	async remove(normalizedPath: string): Promise<void> {
		this.guard?.checkDelete(normalizedPath);
		fs.rmSync(this.abs(normalizedPath));
	}
	/** Refuses to replace an existing file (Obsidian: "Destination file already exists!"). */
	async rename(normalizedPath: string, normalizedNewPath: string): Promise<void> {
		this.guard?.checkRename(normalizedPath, normalizedNewPath);
		if (fs.existsSync(this.abs(normalizedNewPath))) throw new Error("Destination file already exists!");
		fs.renameSync(this.abs(normalizedPath), this.abs(normalizedNewPath));
		this.guard?.renamed(normalizedPath, normalizedNewPath);
	}
	async list(normalizedPath: string): Promise<ListedFiles> {
		const dir = normalizePath(normalizedPath);
		const out: ListedFiles = { files: [], folders: [] };
		for (const e of fs.readdirSync(this.abs(dir), { withFileTypes: true })) {
			const p = dir === "/" ? e.name : `${dir}/${e.name}`;
			(e.isDirectory() ? out.folders : out.files).push(p);
		}
		return out;
	}
}
