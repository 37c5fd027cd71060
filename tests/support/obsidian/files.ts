// TAbstractFile, TFile, TFolder: the vault's in-memory tree.
import type { FileStats } from "obsidian";
import type { Vault } from "./vault";

export abstract class TAbstractFile {
	vault!: Vault;
	path = "";
	name = "";
	parent: TFolder | null = null;

	/** Stand-in only: sets path and the names derived from it. */
	setPath(path: string): void {
		this.path = path;
		this.name = path === "/" ? "" : (path.split("/").pop() ?? path);
	}
}

export class TFile extends TAbstractFile {
	stat: FileStats = { ctime: 0, mtime: 0, size: 0 };
	basename = "";
	extension = "";

	override setPath(path: string): void {
		super.setPath(path);
		const dot = this.name.lastIndexOf(".");
		this.extension = dot > 0 ? this.name.slice(dot + 1) : "";
		this.basename = dot > 0 ? this.name.slice(0, dot) : this.name;
	}
}

export class TFolder extends TAbstractFile {
	children: TAbstractFile[] = [];

	isRoot(): boolean {
		return this.path === "/";
	}
}
