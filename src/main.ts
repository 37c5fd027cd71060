import { Plugin } from "obsidian";
import { readSettings, type PluginSettings } from "./core/settings";
import { registerCommands } from "./ui/commands";
import { RequestTracker } from "./ui/progress";

export default class AzureReasoningPlugin extends Plugin {
	settings!: PluginSettings;
	requests!: RequestTracker;
	/** True once unloading began: answers that arrive later are dropped, notes untouched. */
	unloading = false;

	async onload(): Promise<void> {
		this.settings = readSettings(await this.loadData());
		this.requests = new RequestTracker(this);
		registerCommands(this);
	}

	onunload(): void {
		this.unloading = true;
		this.requests.dispose();
	}

	async saveSettings(): Promise<void> {
		await this.saveData(this.settings);
	}
}
