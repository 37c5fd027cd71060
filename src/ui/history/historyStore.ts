/**
 * The request history on disk: `history.jsonl` in the plugin's folder (core/historyFile.ts holds
 * the format). Every write goes through one queue, so entries recorded at the same moment never
 * interleave. An entry is appended as one line; a crash can at worst cut that line short, and the
 * next read skips it. Rotation rewrites the file whole: into `history.jsonl.tmp` first, then the
 * old file is removed and the new one renamed into place (Obsidian's rename never replaces a
 * file); a start that finds only the `.tmp` finishes that rename, one that finds both drops the
 * unfinished `.tmp`. A file with unreadable lines is renamed aside (`history.jsonl.damaged-<time>`)
 * before the readable entries are written back: never lost. A file that cannot be read at all is
 * left alone, and nothing is written this session.
 */
import { normalizePath, type DataAdapter } from "obsidian";
import type { HistoryEntry, HistorySink } from "../../core/historyEntry";
import { HISTORY_FILE, overLimits, parseHistory, rotate, serializeEntry, serializeHistory, type HistoryLimits, HISTORY_LIMITS } from "../../core/historyFile";
import { stamp } from "../settings/settingsFile";

/** How long after unload the history still takes the entries of the requests it cancelled. */
export const CLOSING_LIMIT_MS = 5_000;

type Adapter = Pick<DataAdapter, "exists" | "read" | "write" | "append" | "remove" | "rename">;

export interface HistoryState {
	/** Set when the file could not be read: the history is in memory only this session. */
	unreadable: boolean;
	/** Where a damaged file was kept, when this start found one. */
	keptAside: string | null;
}

/** The history as the plugin's services hold it: the sink the commands record into, and what the view reads. */
export interface RequestHistory extends HistorySink {
	/** The entries, oldest first. */
	all(): readonly HistoryEntry[];
	onChange(listener: () => void): () => void;
	/** Why the list may be incomplete, for the view; "" when nothing is wrong. */
	status(): string;
	/** An entry to come (an answer being placed): on unload, waited for as the settling requests are; call what it returns once recorded. */
	hold(): () => void;
}

export class HistoryStore implements RequestHistory {
	readonly path: string;
	private entries: HistoryEntry[] = [];
	private chars = 0;
	private queue: Promise<void> = Promise.resolve();
	private readonly listeners = new Set<() => void>();
	/** False once the store is closed: entries are dropped from then on. */
	private accepting = true;
	/** Set by dispose(): resolves once the store took its last entry and wrote it. */
	private closed: Promise<void> | null = null;
	readonly state: HistoryState = { unreadable: false, keptAside: null };
	/** Entries held for (hold()), and what to call when the last is let go. */
	private held = 0;
	private drained = (): void => undefined;

	constructor(
		private readonly adapter: Adapter,
		pluginDir: string,
		private readonly now: () => Date = () => new Date(),
		private readonly limits: HistoryLimits = HISTORY_LIMITS,
	) {
		this.path = normalizePath(`${pluginDir}/${HISTORY_FILE}`);
	}

	/**
	 * Reads the file (up to HISTORY_LIMITS) the first time the history is needed: a request to
	 * record, or a view to show it. Not at start-up: most starts send nothing and open no view.
	 */
	private loaded = false;
	private ensureLoaded(): void {
		if (this.loaded) return;
		this.loaded = true;
		this.enqueue(() => this.load());
	}

	/** Records one request: kept in memory at once for the view, appended to the file in turn. */
	record(entry: HistoryEntry): void {
		if (!this.accepting) return;
		this.ensureLoaded();
		this.enqueue(async () => {
			this.entries.push(entry);
			const line = serializeEntry(entry);
			this.chars += line.length;
			this.changed();
			if (this.state.unreadable) return;
			if (overLimits(this.entries, this.chars, this.now(), this.limits)) await this.rewrite(rotate(this.entries, this.now(), this.limits));
			else if (await this.adapter.exists(this.path)) await this.adapter.append(this.path, line);
			else await this.adapter.write(this.path, line);
		});
	}

	/** The entries, oldest first. */
	all(): readonly HistoryEntry[] {
		return this.entries;
	}

	status(): string {
		if (this.state.unreadable) return `${this.path} could not be read: it is left as it is, and this session's requests are not saved.`;
		if (this.state.keptAside) return `Part of the history file was unreadable; the file as it was is kept as ${this.state.keptAside}.`;
		return "";
	}

	hold(): () => void {
		this.held++;
		let on = true;
		return () => {
			if (on && --this.held === 0) this.drained();
			on = false;
		};
	}

	/** Calls `listener` after each change; returns the way to stop. */
	onChange(listener: () => void): () => void {
		this.ensureLoaded();
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Resolves when every write asked for so far is done. */
	whenIdle(): Promise<void> {
		return this.queue;
	}

	/**
	 * On unload: the listeners (the view) go at once. The requests the unload cancelled record
	 * their entries a few turns later, when they settle; so entries are still taken until
	 * `settling` resolves and every hold is let go (at most CLOSING_LIMIT_MS, a request that ignores its abort is not
	 * waited for), then none, and the writes queued by then finish. The vault's adapter still
	 * works after onunload (the plugin disabled, the app running); a quitting app ends it all.
	 */
	dispose(settling: Promise<unknown> = Promise.resolve()): void {
		if (this.closed) return;
		this.listeners.clear();
		let timer = 0;
		// The window whose timer this is: the one to clear it in, whatever the global holds by then
		// (the headless host takes `window` away once the plugin is gone).
		const win = window;
		const limit = new Promise<void>((resolve) => {
			// Cleared as soon as `settling` resolves.
			timer = win.setTimeout(resolve, CLOSING_LIMIT_MS);
		});
		const drafts = new Promise<void>((resolve) => {
			this.drained = resolve;
			if (!this.held) resolve();
		});
		const settled = Promise.all([settling, drafts]).then(
			() => undefined,
			() => undefined,
		);
		this.closed = Promise.race([settled, limit]).then(() => {
			win.clearTimeout(timer);
			this.accepting = false;
			return this.queue;
		});
	}

	/** After dispose(): resolves once the last entry taken is written. */
	whenClosed(): Promise<void> {
		return this.closed ?? Promise.reject(new Error("The history is not closing: dispose() first."));
	}

	private changed(): void {
		for (const l of [...this.listeners]) l();
	}

	private enqueue(task: () => Promise<void>): void {
		this.queue = this.queue.then(task).catch((e: unknown) => {
			// The entry stays in memory; the message names no entry (no prompt, no path).
			console.error(`Azure Reasoning: the request history could not be written (${e instanceof Error ? e.message : String(e)}).`);
		});
	}

	private async load(): Promise<void> {
		const { adapter, path } = this;
		const tmp = `${path}.tmp`;
		let text: string;
		try {
			const [hasFile, hasTmp] = [await adapter.exists(path), await adapter.exists(tmp)];
			// A rotation cut short: before the remove, the old file is whole; after it, the .tmp is.
			if (hasTmp && hasFile) await adapter.remove(tmp);
			else if (hasTmp) await adapter.rename(tmp, path);
			text = hasFile || hasTmp ? await adapter.read(path) : "";
		} catch {
			this.state.unreadable = true;
			this.changed();
			return;
		}
		const parsed = parseHistory(text);
		this.entries = parsed.entries;
		this.chars = serializeHistory(parsed.entries).length;
		if (parsed.badLines > 0) {
			const aside = `${path}.damaged-${stamp(this.now())}`;
			await adapter.rename(path, aside);
			this.state.keptAside = aside;
			await this.rewrite(overLimits(this.entries, this.chars, this.now(), this.limits) ? rotate(this.entries, this.now(), this.limits) : this.entries);
		} else if (overLimits(this.entries, this.chars, this.now(), this.limits)) {
			await this.rewrite(rotate(this.entries, this.now(), this.limits));
		}
		this.changed();
	}

	/** Replaces the file with `entries`, never leaving it half-written. */
	private async rewrite(entries: HistoryEntry[]): Promise<void> {
		const { adapter, path } = this;
		const tmp = `${path}.tmp`;
		const text = serializeHistory(entries);
		await adapter.write(tmp, text);
		if (await adapter.exists(path)) await adapter.remove(path);
		await adapter.rename(tmp, path);
		this.entries = entries;
		this.chars = text.length;
	}
}
