/**
 * Stand-in only (Obsidian has no such mode; this is stricter than Obsidian on purpose): the guard
 * of a vault whose files a run must not lose, for `npm run demo -- --vault DIR`, which runs on the
 * user's own notes. A file is "existing" when it is on disk and this run did not create it. The
 * adapter and the Vault ask the guard before they act, and it refuses, with an error that names
 * the file:
 * - deleting an existing file or folder (Vault.delete, adapter.remove);
 * - moving an existing file or folder, or renaming anything onto an existing path (Vault.rename,
 *   adapter.rename): a move loses the note at its path;
 * - overwriting an existing file wholesale (adapter.write, Vault.create over it);
 * - writing to an existing file that is not a Markdown note (attachments, canvases, PDFs).
 * Editing an existing note as commands do (Vault.modify/process/append, an editor's save) is
 * allowed: the demo prints the change. Every refusal is also kept in `refusals` for the report.
 */
import { normalizePath } from "./functions";

export class ExistingFilesGuard {
	/** What the run refused, one sentence each. */
	readonly refusals: string[] = [];
	private readonly created = new Set<string>();

	/** `onDisk`: whether the vault path exists on disk now; `exempt`: paths the guard leaves alone (a config dir kept outside the vault). */
	constructor(
		private readonly onDisk: (vaultPath: string) => boolean,
		private readonly exempt: (vaultPath: string) => boolean = () => false,
	) {}

	/** Whether the path holds a file or folder that this run did not create. */
	isExisting(vaultPath: string): boolean {
		const p = normalizePath(vaultPath);
		return !this.exempt(p) && !this.created.has(p) && this.onDisk(p);
	}

	/** The run created this file or folder: it may delete, move or overwrite it later. */
	noteCreated(vaultPath: string): void {
		this.created.add(normalizePath(vaultPath));
	}

	checkDelete(vaultPath: string): void {
		if (this.isExisting(vaultPath)) this.refuse("delete", vaultPath);
	}

	checkRename(from: string, to: string): void {
		if (this.isExisting(from)) this.refuse("move", from);
		if (this.isExisting(to)) this.refuse(`rename "${normalizePath(from)}" onto`, to);
	}

	/** After a rename the guard allowed: the created paths follow (a created folder's files too). */
	renamed(from: string, to: string): void {
		const f = normalizePath(from);
		const t = normalizePath(to);
		for (const p of [...this.created]) {
			if (p !== f && !p.startsWith(`${f}/`)) continue;
			this.created.delete(p);
			this.created.add(t + p.slice(f.length));
		}
	}

	/** A write that replaces the whole file outside the Vault's editing methods (adapter.write). */
	checkOverwrite(vaultPath: string): void {
		if (this.isExisting(vaultPath)) this.refuse("overwrite", vaultPath);
	}

	/** An edit through the Vault (modify, process, append, an editor's save): notes only. */
	checkEdit(vaultPath: string): void {
		if (this.isExisting(vaultPath) && !/\.md$/i.test(vaultPath)) this.refuse("write to", vaultPath);
	}

	private refuse(what: string, vaultPath: string): never {
		const message = `The vault guard refused to ${what} "${normalizePath(vaultPath)}": it was in the vault before this run, and a run with --vault never deletes, moves or overwrites a file.`;
		this.refusals.push(message);
		throw new Error(message);
	}
}
