/**
 * The Obsidian host that tests and `npm run demo` use: an App over a real vault folder, the plugin
 * loaded from its class or from the BUILT main.js, notes opened in editors, commands run as Obsidian
 * runs them, and what the user would have seen (notices) and the console recorded.
 *
 * Its public types are the real ones from obsidian.d.ts (so plugin code typechecks against them);
 * the values are the stand-in's (tests/support/obsidian). `standInApp` and `standInEditor` give the
 * stand-in's extras (command registry, status bar, undoDepth, onChange).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { format } from "node:util";
import type { App as ObsidianApp, Command, Editor as ObsidianEditor, MarkdownView as ObsidianMarkdownView, Plugin as ObsidianPlugin, PluginManifest } from "obsidian";
import * as codemirrorState from "@codemirror/state";
import * as codemirrorView from "@codemirror/view";
import * as standIn from "./obsidian";
import { evaluateBundle } from "./bundle";
import { createMobileRealm, type MobileRealm } from "./mobileRealm";
import { App, Editor, MarkdownView, Plugin, TFile, normalizePath, notices as noticeLog, resetObsidianStandIn, setMobile } from "./obsidian";
import { whenLoaded } from "./obsidian/component";

export interface HostOptions {
	vaultDir: string;
	/** Put into app.secretStorage (ids must follow Obsidian's rule). */
	secrets?: Record<string, string>;
	/** Written as the plugin's data.json before it loads. */
	pluginData?: unknown;
	/** Also print what the console captures. Default: true outside jest, false under jest. */
	echoConsole?: boolean;
	/**
	 * Obsidian mobile: Platform says phone, there is no status bar, and main.js runs in a realm
	 * without Node or the test runner (mobileRealm.ts). Plugins loaded from their class still run
	 * in the test's realm.
	 */
	mobile?: boolean;
	/**
	 * The real folder that holds the vault's config dir (`.obsidian`, as the plugin sees it): the
	 * plugin's data.json and its other files go there, and the vault's own config dir is left alone.
	 * Default: `<vaultDir>/.obsidian`.
	 */
	configDirOnDisk?: string;
	/** Refuse to delete, move or overwrite any file that was in the vault before (obsidian/existingFilesGuard.ts). */
	protectExisting?: boolean;
}

export interface OpenedNote {
	view: ObsidianMarkdownView;
	editor: ObsidianEditor;
	/** The same editor, typed as the stand-in (undoDepth, onChange). */
	standInEditor: Editor;
}

export type PluginClass = new (app: ObsidianApp, manifest: PluginManifest) => ObsidianPlugin;

const CONSOLE_LEVELS = ["log", "info", "warn", "error", "debug"] as const;

export class ObsidianHost {
	readonly app: ObsidianApp;
	readonly standInApp: App;
	readonly vaultDir: string;
	private loaded: Plugin | null = null;
	private readonly lines: string[] = [];
	private readonly uncaughtErrors: unknown[] = [];
	private readonly cleanups: (() => void)[] = [];
	private disposed = false;
	private mobileRealm: MobileRealm | undefined;

	static create(opts: HostOptions): ObsidianHost {
		return new ObsidianHost(opts);
	}

	private constructor(private readonly opts: HostOptions) {
		this.vaultDir = path.resolve(opts.vaultDir);
		fs.mkdirSync(this.vaultDir, { recursive: true });
		resetObsidianStandIn();
		if (opts.mobile) setMobile(true);
		this.standInApp = new App(this.vaultDir, { ...(opts.configDirOnDisk !== undefined ? { configDirOnDisk: opts.configDirOnDisk } : {}), protectExisting: opts.protectExisting ?? false });
		this.app = this.standInApp as unknown as ObsidianApp;
		for (const [id, secret] of Object.entries(opts.secrets ?? {})) this.standInApp.secretStorage.setSecret(id, secret);
		this.captureConsole(opts.echoConsole ?? process.env.JEST_WORKER_ID === undefined);
		// The plugin runs in a window in Obsidian (window.setTimeout and friends).
		const g = globalThis as { window?: unknown };
		if (g.window === undefined) {
			g.window = globalThis;
			this.cleanups.push(() => delete g.window);
		}
	}

	/** The loaded plugin, or null. */
	get plugin(): ObsidianPlugin | null {
		return this.loaded as unknown as ObsidianPlugin | null;
	}

	/** Constructs the plugin and loads it (onload, awaited). A rejected onload rejects here; dispose() still unloads. */
	async loadPluginClass(PluginClass: PluginClass, manifest: PluginManifest): Promise<ObsidianPlugin> {
		if (this.loaded) throw new Error(`A plugin is already loaded (${this.loaded.manifest.id}): unloadPlugin() first`);
		const dir = manifest.dir ?? `${this.standInApp.vault.configDir}/plugins/${manifest.id}`;
		const full = { ...manifest, dir };
		if (this.opts.pluginData !== undefined) {
			// Through the adapter's paths, so that a config dir kept outside the vault gets it.
			const adapter = this.standInApp.vault.adapter;
			fs.mkdirSync(adapter.abs(dir), { recursive: true });
			fs.writeFileSync(adapter.abs(`${dir}/data.json`), JSON.stringify(this.opts.pluginData, null, 2));
		}
		const plugin = new PluginClass(this.app, full) as unknown;
		if (!(plugin instanceof Plugin)) {
			throw new Error(`${PluginClass.name || "The plugin class"} does not extend the stand-in's Plugin: it must import Plugin from "obsidian" mapped to tests/support/obsidian`);
		}
		this.loaded = plugin;
		plugin.load();
		await whenLoaded(plugin);
		return plugin as unknown as ObsidianPlugin;
	}

	/**
	 * Evaluates the built bundle as Obsidian does (bundle.ts): in this realm on desktop, in a realm
	 * without Node on mobile (HostOptions.mobile); then loads its plugin class.
	 */
	async loadMainJs(mainJsPath: string, manifestPath: string): Promise<ObsidianPlugin> {
		const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as PluginManifest;
		return this.loadPluginClass(this.evaluateMainJs(mainJsPath), manifest);
	}

	/**
	 * The first half of loadMainJs: evaluates the bundle and returns its plugin class, without
	 * loading it (`npm run bench` times module evaluation and onload apart).
	 */
	evaluateMainJs(mainJsPath: string): PluginClass {
		const provided: Record<string, unknown> = { obsidian: standIn, "@codemirror/state": codemirrorState, "@codemirror/view": codemirrorView };
		if (!this.opts.mobile) return evaluateBundle(mainJsPath, provided);
		this.mobileRealm ??= createMobileRealm(console);
		return evaluateBundle(mainJsPath, provided, this.mobileRealm);
	}

	/**
	 * Opens the note in a new leaf (or the leaf that already shows it, unless `newPane`: a second
	 * pane on the same note, as a split does) and makes it active. A note written to disk behind
	 * the vault's back is picked up. Selection: offsets, or "all".
	 */
	openNote(notePath: string, opts?: { selection?: { from: number; to: number } | "all"; newPane?: boolean }): OpenedNote {
		const ws = this.standInApp.workspace;
		const file = this.standInApp.vault.syncFromDisk(normalizePath(notePath));
		if (!(file instanceof TFile)) throw new Error(`There is no note "${notePath}" in the vault ${this.vaultDir}`);
		let leaf = opts?.newPane ? undefined : ws.getLeavesOfType("markdown").find((l) => l.view instanceof MarkdownView && l.view.file === file);
		leaf ??= ws.getLeaf(true);
		const view = leaf.openFileNow(file);
		const editor = view.editor;
		const sel = opts?.selection;
		if (sel) {
			const len = editor.getValue().length;
			const { from, to } = sel === "all" ? { from: 0, to: len } : sel;
			if (Math.min(from, to) < 0 || Math.max(from, to) > len) throw new RangeError(`Selection ${from}..${to} is outside the note (length ${len})`);
			editor.setSelection(editor.offsetToPos(from), editor.offsetToPos(to));
		}
		return { view: view as unknown as ObsidianMarkdownView, editor: editor as unknown as ObsidianEditor, standInEditor: editor };
	}

	/** Closes every leaf showing the note (saving it first, as Obsidian does on close). */
	closeNote(notePath: string): void {
		const file = this.standInApp.vault.getFileByPath(notePath);
		for (const leaf of this.standInApp.workspace.getLeavesOfType("markdown")) {
			if (leaf.view instanceof MarkdownView && leaf.view.file === file) leaf.detach();
		}
	}

	/**
	 * Runs a command as Obsidian does: editor commands need an active markdown view and get its editor
	 * and view; check callbacks are asked first. Throws when the command does not exist or is not
	 * available (the user could not have run it).
	 *
	 * Obsidian ignores what a callback returns: a throw or a rejected promise ends in the developer
	 * console as "Uncaught (in promise)", and the user sees nothing. The stand-in is no kinder: it
	 * never hands a callback's error to the caller; it logs it as the console would and records it
	 * in `uncaught()`. The returned promise waits for the callback's promise (so a test knows when
	 * the command is over) and resolves with its value, or undefined when it rejected.
	 */
	async runCommand(id: string): Promise<unknown> {
		const cmd = this.findCommand(id);
		const unavailable = (why: string) => new Error(`Command "${cmd.id}" is not available: ${why}`);
		let run: () => unknown;
		if (cmd.editorCheckCallback || cmd.editorCallback) {
			const view = this.standInApp.workspace.activeEditor;
			if (!view) throw unavailable("no note is open in an active editor");
			const editor = view.editor as unknown as ObsidianEditor;
			const ctx = view as unknown as ObsidianMarkdownView;
			if (cmd.editorCheckCallback) {
				const check = cmd.editorCheckCallback;
				if (!check(true, editor, ctx)) throw unavailable("its editorCheckCallback said no");
				run = () => check(false, editor, ctx);
			} else {
				const callback = cmd.editorCallback;
				run = () => callback?.(editor, ctx);
			}
		} else if (cmd.checkCallback) {
			const check = cmd.checkCallback;
			if (!check(true)) throw unavailable("its checkCallback said no");
			run = () => check(false);
		} else if (cmd.callback) {
			run = cmd.callback;
		} else {
			throw unavailable("it has no callback");
		}
		try {
			return await run();
		} catch (e) {
			this.uncaughtErrors.push(e);
			console.error("Uncaught (in promise)", e);
			return undefined;
		}
	}

	/** What the plugin copied with navigator.clipboard (mobile main.js only; elsewhere the runner's navigator has no clipboard). */
	clipboard(): string[] {
		return [...(this.mobileRealm?.clipboard ?? [])];
	}

	/** What command callbacks threw or rejected with: in Obsidian, only the developer console shows it. */
	uncaught(): unknown[] {
		return [...this.uncaughtErrors];
	}

	/** Full ids of the registered commands. */
	commands(): string[] {
		return [...this.standInApp.standIn.commands.keys()];
	}

	/** The note's text on disk after flush(). */
	readNote(notePath: string): string {
		this.flush();
		return fs.readFileSync(this.standInApp.vault.adapter.abs(notePath), "utf8");
	}

	/** Saves open editors with unsaved changes to disk (what Obsidian does ~2 s after an edit). */
	flush(): void {
		this.standInApp.workspace.flushAll();
	}

	async unloadPlugin(): Promise<void> {
		const plugin = this.loaded;
		this.loaded = null;
		plugin?.unload();
	}

	/** Every notice message shown since the host was created. */
	notices(): string[] {
		return [...noticeLog];
	}

	/** The Notice objects shown since the host was created (to tap them or press their buttons). */
	noticeObjects(): standIn.Notice[] {
		return [...standIn.noticeObjects];
	}

	/** console.log/info/warn/error/debug lines, as "[level] text", since the host was created. */
	consoleLines(): string[] {
		return [...this.lines];
	}

	/** Unloads the plugin if loaded, restores the console and the globals the host added. */
	async dispose(): Promise<void> {
		if (this.disposed) return;
		this.disposed = true;
		try {
			await this.unloadPlugin();
		} finally {
			this.mobileRealm?.dispose();
			for (const cleanup of this.cleanups.splice(0).reverse()) cleanup();
		}
	}

	private findCommand(id: string): Command {
		const registry = this.standInApp.standIn.commands;
		const pluginId = this.loaded?.manifest.id;
		const direct = registry.get(id) ?? (pluginId ? registry.get(`${pluginId}:${id}`) : undefined);
		if (direct) return direct;
		const bySuffix = [...registry.values()].filter((c) => c.id.endsWith(`:${id}`));
		if (bySuffix.length === 1 && bySuffix[0]) return bySuffix[0];
		throw new Error(`No command "${id}"; registered: ${this.commands().join(", ") || "none"}`);
	}

	private captureConsole(echo: boolean): void {
		const target = console as unknown as Record<string, (...args: unknown[]) => void>;
		for (const level of CONSOLE_LEVELS) {
			const original = target[level];
			target[level] = (...args: unknown[]) => {
				this.lines.push(`[${level}] ${format(...args)}`);
				if (echo) original?.apply(console, args);
			};
			this.cleanups.push(() => {
				target[level] = original as (...args: unknown[]) => void;
			});
		}
	}
}
