import { Plugin } from "obsidian";
import { clearClientCache } from "./azure/client";
import type { PluginSettings } from "./core/settings";
import { registerCommands, syncTemplateCommands } from "./ui/commands";
import { RequestTracker } from "./ui/progress";
import type { LoadReport } from "./ui/settings/host";
import { loadSettingsFile } from "./ui/settings/settingsFile";
import { reloadSettings, UNREADABLE_SAVE, type SettingsState } from "./ui/settings/settingsSync";
import { guard } from "./ui/guard";
import { AzureReasoningSettingTab } from "./ui/settingsTab";
import { placementTracker } from "./ui/tracking";

interface SettingsWindow {
	open(): void;
	openTabById(id: string): void;
}

export default class AzureReasoningPlugin extends Plugin implements SettingsState {
	settings!: PluginSettings;
	requests!: RequestTracker;
	settingTab!: AzureReasoningSettingTab;
	/** What loading the settings file found (problems, the copy kept); shown in the tab until dismissed. */
	loadReport: LoadReport | null = null;
	/** True once unloading began: answers that arrive later are dropped, notes untouched. */
	unloading = false;
	/** data.json could not be read: nothing is saved until a read succeeds (the tab offers Retry). */
	settingsUnreadable = false;
	/** The settings as last read or saved (JSON): the base when merging an external change. */
	savedSnapshot = "{}";
	/** While an external change is read and merged, saves are held. */
	reloading = false;

	async onload(): Promise<void> {
		const loaded = await loadSettingsFile(this.app, this.manifest, (s) => this.saveData(s));
		this.settings = loaded.settings;
		this.loadReport = loaded.report;
		this.settingsUnreadable = loaded.readFailed;
		this.savedSnapshot = JSON.stringify(loaded.settings);
		this.requests = new RequestTracker(this);
		placementTracker(this);
		registerCommands(this);
		this.settingTab = new AzureReasoningSettingTab(this.app, this);
		this.addSettingTab(this.settingTab);
	}

	onunload(): void {
		this.unloading = true;
		// onload may have failed before the tracker existed.
		this.requests?.dispose();
		clearClientCache();
	}

	/** Saves the settings and keeps the per-template commands in step with the templates. Throws while data.json is unreadable. */
	async saveSettings(): Promise<void> {
		if (this.settingsUnreadable) throw new Error(UNREADABLE_SAVE);
		syncTemplateCommands(this);
		if (this.reloading) return;
		await this.saveData(this.settings);
		this.savedSnapshot = JSON.stringify(this.settings);
	}

	/** data.json changed behind the plugin's back (sync): read it again, keep the tab's unsaved edits. */
	async onExternalSettingsChange(): Promise<void> {
		await guard("Reading the changed settings file", () => reloadSettings(this), () => false);
	}

	settingsReplaced(): void {
		if (this.unloading) return;
		syncTemplateCommands(this);
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
