import { Plugin } from "obsidian";
import { EntraSessions } from "./azure/entraClient";
import type { PluginSettings } from "./core/settings";
import { BatchService } from "./ui/batch/service";
import { registerCommands } from "./ui/commands";
import { TemplateCommands } from "./ui/commands/templateCommands";
import type { PluginContext, PluginServices } from "./ui/context";
import { guard } from "./ui/guard";
import { registerMenus } from "./ui/menus";
import { HistoryStore } from "./ui/history/historyStore";
import { HISTORY_VIEW, HistoryView, openHistoryView } from "./ui/history/historyView";
import { obsidianRequestUrl } from "./ui/obsidianRequest";
import { RequestTracker } from "./ui/progress";
import type { LoadReport } from "./ui/settings/host";
import { loadSettingsFile } from "./ui/settings/settingsFile";
import { reloadSettings, UNREADABLE_SAVE, type SettingsState } from "./ui/settings/settingsSync";
import { AzureReasoningSettingTab } from "./ui/settingsTab";
import { PlacementTracker } from "./ui/tracking";

interface SettingsWindow {
	open(): void;
	openTabById(id: string): void;
}

export default class AzureReasoningPlugin extends Plugin implements PluginContext, SettingsState {
	settings!: PluginSettings;
	/** Everything the plugin owns while loaded; made in onload, disposed in onunload. */
	services!: PluginServices;
	settingTab!: AzureReasoningSettingTab;
	/** What loading the settings file found (problems, the copy kept); shown in the tab until dismissed. */
	loadReport: LoadReport | null = null;
	/** data.json could not be read: nothing is saved until a read succeeds (the tab offers Retry). */
	settingsUnreadable = false;
	/** The settings as last read or saved (JSON): the base when merging an external change. */
	savedSnapshot = "{}";
	/** While an external change is read and merged, saves are held. */
	reloading = false;
	/** A save asked for while a reload was running: done when it ends. */
	private saveAfterReload = false;

	async onload(): Promise<void> {
		const loaded = await loadSettingsFile(this.app, this.manifest, (s) => this.saveData(s));
		this.settings = loaded.settings;
		this.loadReport = loaded.report;
		this.settingsUnreadable = loaded.readFailed;
		this.savedSnapshot = JSON.stringify(loaded.settings);
		const lifetime = new AbortController();
		const requests = new RequestTracker(this);
		const placement = new PlacementTracker(this);
		const entra = new EntraSessions({ requestUrl: obsidianRequestUrl, store: this.app.secretStorage });
		const templateCommands = new TemplateCommands(this, this);
		const history = new HistoryStore(this.app.vault.adapter, this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`);
		const batches = new BatchService(this);
		this.services = {
			lifetime: lifetime.signal,
			requests,
			placement,
			entra,
			templateCommands,
			history,
			batches,
			dispose: () => {
				// First the lifetime: open modals close, and answers that arrive later leave everything alone.
				lifetime.abort();
				for (const owned of [batches, requests, placement, entra, templateCommands]) owned.dispose();
				// The requests just cancelled (commands' and the batch's) record their entries when they
				// settle, a few turns from now: the history takes them until then (HistoryStore.dispose), and nothing after.
				history.dispose(Promise.all([requests.settled(), batches.settled()]));
			},
		};
		registerCommands(this, this);
		registerMenus(this, this);
		this.registerView(HISTORY_VIEW, (leaf) => new HistoryView(leaf, this));
		this.addCommand({ id: "open-request-history", name: "Open request history", callback: () => guard("Opening the request history", () => openHistoryView(this.app), () => undefined) });
		this.settingTab = new AzureReasoningSettingTab(this, this);
		this.addSettingTab(this.settingTab);
	}

	onunload(): void {
		// onload may have failed before the services existed (then nothing was cached either).
		(this.services as PluginServices | undefined)?.dispose();
	}

	/** Saves the settings and keeps the per-template commands in step with the templates. Throws while data.json is unreadable. */
	async saveSettings(): Promise<void> {
		if (this.settingsUnreadable) throw new Error(UNREADABLE_SAVE);
		this.services.templateCommands.sync();
		if (this.reloading) {
			// The reload in progress writes what it merged; this change came after, so it is saved once the reload ends.
			this.saveAfterReload = true;
			return;
		}
		await this.saveData(this.settings);
		this.savedSnapshot = JSON.stringify(this.settings);
	}

	/** data.json changed behind the plugin's back (sync): read it again, keep the tab's unsaved edits. */
	async onExternalSettingsChange(): Promise<void> {
		await guard("Reading the changed settings file", () => reloadSettings(this, { external: true }), () => false);
	}

	settingsReplaced(): void {
		if (this.services.lifetime.aborted) return;
		if (this.saveAfterReload) {
			this.saveAfterReload = false;
			void guard("Saving the settings", () => this.saveSettings(), () => undefined);
		}
		this.services.templateCommands.sync();
		this.settingTab?.redraw();
	}

	flushPendingEdits(): void {
		this.settingTab?.flushPending();
	}

	/**
	 * Opens the plugin's settings: at a deployment's page, with the keyboard focus on `field`
	 * (a deployment field's name, e.g. "apiVersion") when given, else at the first page.
	 * Returns false when Obsidian's settings window could not be opened.
	 */
	openSettings(deploymentId?: string, field?: string): boolean {
		const known = deploymentId !== undefined && this.settings.deployments.some((d) => d.id === deploymentId);
		this.settingTab.page = known ? { kind: "deployment", id: deploymentId, ...(field ? { focus: field } : {}) } : { kind: "overview" };
		// Not in obsidian.d.ts, but how every plugin opens its own tab.
		const setting = (this.app as unknown as { setting?: SettingsWindow }).setting;
		if (!setting) return false;
		setting.open();
		setting.openTabById(this.manifest.id);
		return true;
	}
}
