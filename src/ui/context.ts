/**
 * What commands, modals and the settings tab are given instead of the plugin class: the app, the
 * settings and their save, the way to the settings tab, and the services the plugin owns while
 * it is loaded. main.ts makes the services in `onload` and disposes them on unload; nothing in
 * ui/ imports main.ts.
 */
import type { App } from "obsidian";
import type { EntraSessions } from "../azure/entraClient";
import type { PluginSettings } from "../core/settings";
import type { BatchService } from "./batch/service";
import type { TemplateCommands } from "./commands/templateCommands";
import type { RequestHistory } from "./history/historyStore";
import type { RequestTracker } from "./progress";
import type { PlacementTracker } from "./tracking";

/** Everything the plugin owns while it is loaded (main.ts makes it in onload, and disposes it on unload). */
export interface PluginServices {
	/** Aborted when the plugin unloads: work that ends later leaves notes, settings and the user alone. */
	readonly lifetime: AbortSignal;
	/** The requests in flight, each with its progress and its cancel. */
	readonly requests: RequestTracker;
	/** The places in notes that answers are awaited for, followed through every edit. */
	readonly placement: PlacementTracker;
	/** The Entra ID sign-ins, one per deployment (access tokens in memory only). */
	readonly entra: EntraSessions;
	/** One command per prompt template, kept in step with the settings. */
	readonly templateCommands: TemplateCommands;
	/** Every request sent is recorded here (the request history: `record(entry)`, once per request sent). */
	readonly history: RequestHistory;
	/** The batches of summaries (summarize a folder): the running one, its clock, and the runs to wait for. */
	readonly batches: BatchService;
	/** On unload: aborts the lifetime, disposes the above in this order. */
	dispose(): void;
}

export interface PluginContext {
	readonly app: App;
	/** The live settings; replaced as a whole when data.json is read again, so read it each time. */
	readonly settings: PluginSettings;
	saveSettings(): Promise<void>;
	readonly services: PluginServices;
	/** Opens the plugin's settings at a deployment's field (or the first page); false when they could not be opened. */
	openSettings(deploymentId?: string, field?: string): boolean;
}

/** What a modal needs: the app, and the plugin's lifetime (an open modal closes when the plugin unloads). */
export interface ModalHost {
	readonly app: App;
	readonly services: { readonly lifetime: AbortSignal };
}
