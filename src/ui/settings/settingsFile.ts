/**
 * Loading data.json at start-up, whatever it holds. The pure part (versions, migrations, what is
 * valid) is core/settingsMigrations.ts; this is the Obsidian side:
 * - a damaged or partly invalid file is copied beside itself (`data.json.broken-<time>`) BEFORE
 *   anything overwrites it, then what was valid is loaded and written back;
 * - a key found in plain text (an older version's file) is moved into secret storage and taken
 *   out of the file (also out of the copy);
 * - the user is told once, with one notice; the settings tab shows the full list.
 */
import { normalizePath, Notice, type App, type PluginManifest } from "obsidian";
import type { PluginSettings } from "../../core/settings";
import { loadSettingsText, redactPlaintextKeys, type PlaintextKey } from "../../core/settingsMigrations";
import type { LoadReport } from "./host";

const NOTICE_MS = 30_000;

export interface LoadedSettings {
	settings: PluginSettings;
	/** Set when the user should see what happened (also in the settings tab). */
	report: LoadReport | null;
	/** Whether the loaded settings differ from the file and were (or should be) written back. */
	rewritten: boolean;
	/** The file exists but could not be read: the defaults are loaded, and nothing may be saved until a read succeeds. */
	readFailed: boolean;
}

export function dataPath(app: App, manifest: PluginManifest): string {
	return normalizePath(`${manifest.dir ?? `${app.vault.configDir}/plugins/${manifest.id}`}/data.json`);
}

/** A file-name-safe time: 2025-11-25T13-27-00-123Z. */
export function stamp(date: Date): string {
	return date.toISOString().replace(/[:.]/g, "-");
}

/**
 * Stores a key under `wanted` (or `wanted-2`, ... when that name holds another key) and returns
 * the name used; null when secret storage refused it.
 */
function storeKey(app: App, wanted: string, key: string): string | null {
	for (let n = 1; n < 100; n++) {
		const name = n === 1 ? wanted : `${wanted}-${n}`;
		try {
			const existing = app.secretStorage.getSecret(name);
			if (existing === key) return name;
			if (existing === null || existing === "") {
				app.secretStorage.setSecret(name, key);
				return name;
			}
		} catch {
			return null;
		}
	}
	return null;
}

function moveKeys(app: App, settings: PluginSettings, keys: readonly PlaintextKey[], problems: string[]): string[] {
	const moved: string[] = [];
	for (const k of keys) {
		const dep = settings.deployments.find((d) => d.id === k.deploymentId);
		if (!dep) continue;
		const name = storeKey(app, k.secretName, k.apiKey);
		if (name === null) {
			problems.push(`The key of "${dep.displayName || dep.deployment || dep.id}" could not be put into secret storage; it was removed from the settings file. Set it again in the deployment's settings.`);
			continue;
		}
		dep.secretName = name;
		moved.push(name);
	}
	return moved;
}

export const UNREADABLE_PROBLEM = "The settings file could not be read; the defaults are used until it can be, and nothing is saved meanwhile. It was left as it is.";

export async function loadSettingsFile(app: App, manifest: PluginManifest, save: (settings: PluginSettings) => Promise<void>, now = new Date()): Promise<LoadedSettings> {
	const adapter = app.vault.adapter;
	const path = dataPath(app, manifest);
	let text: string | null = null;
	let readFailed = false;
	try {
		if (await adapter.exists(path)) text = await adapter.read(path);
	} catch {
		readFailed = true;
	}
	const result = loadSettingsText(text);
	const { settings, problems } = result;
	if (readFailed) problems.unshift(UNREADABLE_PROBLEM);

	let backupPath: string | null = null;
	let backupFailed = false;
	if (problems.length > 0 && text !== null) {
		backupPath = `${path}.broken-${stamp(now)}`;
		try {
			await adapter.write(backupPath, redactPlaintextKeys(text, result.plaintextKeys.map((k) => k.apiKey)));
		} catch {
			backupFailed = true;
			backupPath = null;
		}
	}
	const moved = moveKeys(app, settings, result.plaintextKeys, problems);
	const rewritten = problems.length > 0 || result.migratedFrom !== undefined || result.plaintextKeys.length > 0;
	// Never overwrite a file that could not be read, or whose copy could not be kept.
	if (rewritten && !readFailed && !backupFailed && text !== null) await save(settings);

	const lines: string[] = [];
	if (moved.length > 0) lines.push(`Azure Reasoning moved the API ${moved.length === 1 ? "key" : "keys"} out of its settings file into Obsidian's secret storage (${moved.map((m) => `"${m}"`).join(", ")}).`);
	if (problems.length > 0) {
		const copy = backupPath ? ` A copy of the original file is kept as ${backupPath}.` : backupFailed ? " A copy of the original could not be made, so the file was left as it is." : "";
		const first = problems.slice(0, 2).join(" ");
		const more = problems.length > 2 ? ` (${problems.length - 2} more in the plugin's settings.)` : "";
		lines.push(`Azure Reasoning could not use all of its settings file: what was valid is loaded.${copy} ${first}${more}`);
	}
	if (lines.length > 0) new Notice(lines.join("\n\n"), NOTICE_MS);
	return { settings, report: problems.length > 0 ? { problems, backupPath } : null, rewritten, readFailed };
}
