/**
 * What the settings pages need from the plugin, as one small interface: the live settings,
 * saving, moving between pages, the secret storage, and the transport the commands use.
 */
import type { App } from "obsidian";
import type { EntraSession } from "../../azure/entraClient";
import type { RequestUrlFn } from "../../azure/transport";
import type { DeploymentConfig, PluginSettings } from "../../core/settings";
import type { SignInState } from "./entraFields";

/** The page the tab shows. `focus` names a field to put the keyboard focus on (a command's "Open settings"). */
export type SettingsPage = { kind: "overview" } | { kind: "deployment"; id: string; focus?: string } | { kind: "template"; id: string };

/** What loading the settings file found, shown at the top of the tab until dismissed. */
export interface LoadReport {
	problems: string[];
	/** Where the copy of the original file is, when one was kept. */
	backupPath: string | null;
}

export interface SettingsHost {
	readonly app: App;
	/** The live settings object; pages change it in place, then save. */
	readonly settings: PluginSettings;
	save(): Promise<void>;
	/** Shows another page (runs the pending saves of the current one first). */
	go(page: SettingsPage): void;
	/** Runs `flush` before the page is left or the tab is closed: pending (debounced) work. */
	onLeave(flush: () => void): void;
	/** The key in the named secret; null when the secret is missing or empty. Never shown. */
	readSecret(name: string): string | null;
	readonly requestUrl: RequestUrlFn;
	/** The deployment's Entra ID session; undefined for key deployments or unusable sign-in settings. */
	entraSession?(cfg: DeploymentConfig): EntraSession | undefined;
	/** What each Entra ID session's sign-in panel shows, across redraws of the page. */
	readonly signIns: WeakMap<EntraSession, SignInState>;
	/** Forgets a deployment's Entra ID sign-in on this device (it is being removed). */
	forgetEntraSignIn?(deploymentId: string): void;
	readonly loadReport: LoadReport | null;
	dismissLoadReport(): void;
}

/** The one wording of the button that leads from a deployment's or a template's page back to the first page. */
export const BACK_TO_OVERVIEW = "Back to all settings";

/** Milliseconds between the last keystroke and validation (and saving). */
export const TYPING_DEBOUNCE_MS = 300;

/** A fresh id that no item in `taken` has. */
export function freshId(prefix: string, taken: readonly { id: string }[]): string {
	const ids = new Set(taken.map((t) => t.id));
	for (let n = taken.length + 1; ; n++) if (!ids.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}
