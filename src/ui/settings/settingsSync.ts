/**
 * Keeping the settings in memory and data.json in step after start-up:
 * - while the file could not be read, nothing is saved (the defaults would overwrite it); the
 *   tab offers to read it again, or to start from the defaults after moving it aside;
 * - when the file changes behind the plugin's back (sync from another device), it is read again
 *   and what the tab changed and has not saved yet is merged into it (core/settingsMerge.ts).
 */
import { Notice, type App, type PluginManifest } from "obsidian";
import { loadSettingsText } from "../../core/settingsMigrations";
import type { PluginSettings } from "../../core/settings";
import { mergeSettings } from "../../core/settingsMerge";
import type { LoadReport } from "./host";
import { dataPath, loadSettingsFile, stamp } from "./settingsFile";

/** What the plugin keeps about its settings file; main.ts owns it. */
export interface SettingsState {
	readonly app: App;
	readonly manifest: PluginManifest;
	settings: PluginSettings;
	loadReport: LoadReport | null;
	/** The file could not be read: nothing may be saved until a read succeeds. */
	settingsUnreadable: boolean;
	/** The settings as last read from or written to the file, as JSON: the base of a merge. */
	savedSnapshot: string;
	/** While true, saves are held: the reload writes what it merged. */
	reloading: boolean;
	saveData(data: unknown): Promise<void>;
	/** After the settings object was replaced: commands and the tab follow. */
	settingsReplaced(): void;
	/** Runs the tab's pending (debounced) edits, so that they are part of the merge. */
	flushPendingEdits(): void;
}

export const UNREADABLE_SAVE = "The settings file could not be read, so nothing is saved until it can be: open the plugin's settings to retry.";

/**
 * Reads the file again and merges the unsaved changes into it. Returns false when the file still
 * cannot be read (nothing changes then). Used by "Retry" and on an external change.
 */
export async function reloadSettings(state: SettingsState, opts: { external?: boolean } = {}): Promise<boolean> {
	if (state.reloading) return false;
	state.reloading = true;
	try {
		state.flushPendingEdits();
		// A file changed by sync may be half-written: then the settings in memory stay, and nothing is saved over it.
		if (opts.external && (await damagedOnDisk(state))) {
			new Notice("The settings file changed on disk but cannot be read whole (a sync may still be writing it). The settings in use were kept and nothing was saved over the file; it is read again at its next change.", 12_000);
			return false;
		}
		const base = JSON.parse(state.savedSnapshot) as PluginSettings;
		const loaded = await loadSettingsFile(state.app, state.manifest, (s) => state.saveData(s));
		if (loaded.readFailed) {
			state.settingsUnreadable = true;
			return false;
		}
		const merged = mergeSettings(base, state.settings, loaded.settings);
		state.settingsUnreadable = false;
		state.loadReport = loaded.report;
		state.settings = merged;
		const text = JSON.stringify(merged);
		if (text !== JSON.stringify(loaded.settings)) await state.saveData(merged);
		state.savedSnapshot = text;
		return true;
	} finally {
		state.reloading = false;
		state.settingsReplaced();
	}
}

/** Whether the file on disk is there but damaged (not JSON, cut off, or parts unreadable). A read that fails is not "damaged": that path keeps its own rules. */
async function damagedOnDisk(state: SettingsState): Promise<boolean> {
	try {
		const path = dataPath(state.app, state.manifest);
		if (!(await state.app.vault.adapter.exists(path))) return false;
		return loadSettingsText(await state.app.vault.adapter.read(path)).problems.length > 0;
	} catch {
		return false;
	}
}

/**
 * "Start from defaults, keeping a copy": moves the unreadable file aside (data.json.unreadable-<time>),
 * then saves the settings in memory (the defaults, with what the tab changed). Returns where the
 * copy is; throws when the file could not be moved (nothing is saved then).
 */
export async function startFromDefaults(state: SettingsState, now = new Date()): Promise<string> {
	const path = dataPath(state.app, state.manifest);
	const copy = `${path}.unreadable-${stamp(now)}`;
	const adapter = state.app.vault.adapter;
	if (await adapter.exists(path)) await adapter.rename(path, copy);
	state.settingsUnreadable = false;
	state.loadReport = null;
	await state.saveData(state.settings);
	state.savedSnapshot = JSON.stringify(state.settings);
	state.settingsReplaced();
	return copy;
}
