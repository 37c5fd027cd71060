// The vault's DataAdapter over a real folder (the part plugins use for data.json and hidden files).
import * as fs from "node:fs";
import * as path from "node:path";
import type { DataAdapter, ListedFiles } from "obsidian";
import { normalizePath } from "./functions";

type Implemented = Pick<DataAdapter, "getName" | "exists" | "read" | "write" | "append" | "mkdir" | "remove" | "rename" | "list">;

export class FileSystemAdapter implements Implemented {
	constructor(readonly basePath: string) {}

	/** Stand-in only: the absolute path of a vault path; refuses paths that leave the vault. */
	abs(vaultPath: string): string {
		const p = normalizePath(vaultPath);
		const full = path.resolve(this.basePath, p === "/" ? "." : p);
		const rel = path.relative(this.basePath, full);
		if (rel.startsWith("..") || path.isAbsolute(rel)) throw new Error(`Path outside the vault: ${vaultPath}`);
		return full;
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
		fs.writeFileSync(this.abs(normalizedPath), data, "utf8");
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
		fs.mkdirSync(this.abs(normalizedPath), { recursive: true });
	}
	async remove(normalizedPath: string): Promise<void> {
		fs.rmSync(this.abs(normalizedPath));
	}
	/** Refuses to replace an existing file (Obsidian: "Destination file already exists!"). */
	async rename(normalizedPath: string, normalizedNewPath: string): Promise<void> {
		if (fs.existsSync(this.abs(normalizedNewPath))) throw new Error("Destination file already exists!");
		fs.renameSync(this.abs(normalizedPath), this.abs(normalizedNewPath));
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
