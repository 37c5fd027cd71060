/**
 * The settings tab. Its first page lists the deployments, then the general settings and the
 * prompt templates; a deployment or a template opens on a page of its own. No heading at the
 * top (Obsidian's rule); sections get `setHeading()`.
 */
import { obsidianRequestUrl } from "./obsidianRequest";
import { Notice, PluginSettingTab, Setting, type Plugin } from "obsidian";
import type { PluginSettings } from "../core/settings";
import type { PluginContext } from "./context";
import { entraSessionFor, forgetEntraSignIn } from "./entra";
import { DeploymentEditor } from "./settings/deploymentEditor";
import { renderDeploymentList, type ListState } from "./settings/deploymentList";
import { setupHooks, startFirstRun, type FirstRun } from "./settings/firstRun";
import { labelControls } from "./settings/labels";
import { renderGeneralSettings } from "./settings/generalSettings";
import type { LoadReport, SettingsHost, SettingsPage } from "./settings/host";
import { renderTemplateEditor, renderTemplateList } from "./settings/templates";
import { reloadSettings, startFromDefaults, type SettingsState } from "./settings/settingsSync";
import { guardedHandler, messageOf } from "./guard";

/** What the tab is given: the plugin's context, and its settings file's state (for Retry and the defaults). */
export type SettingsTabOwner = PluginContext & SettingsState;

export class AzureReasoningSettingTab extends PluginSettingTab {
	/** The page shown by the next display(). */
	page: SettingsPage = { kind: "overview" };
	private leaving: (() => void)[] = [];
	private readonly list: ListState = { confirmingRemoval: null };
	private readonly host: SettingsHost;
	/** Between display() and hide(): what is drawn is on screen. */
	private shown = false;
	/** The first deployment being set up on the first page (until "Done", another page, or the tab is closed). */
	private firstRun: FirstRun | null = null;

	/** `plugin` registers the tab (Obsidian's rule); `owner` is what the tab reads and changes. */
	constructor(
		plugin: Plugin,
		private readonly owner: SettingsTabOwner,
	) {
		super(plugin.app, plugin);
		const app = plugin.app;
		this.host = {
			app,
			get settings(): PluginSettings {
				return owner.settings;
			},
			// While data.json is unreadable nothing is saved; the tab's first page says so (no notice per keystroke).
			save: () =>
				owner.settingsUnreadable
					? Promise.resolve()
					: owner.saveSettings().catch((e: unknown) => {
							new Notice(`Azure Reasoning could not save its settings: ${messageOf(e)}`);
						}),
			go: (page) => this.show(page),
			onLeave: (flush) => {
				this.leaving.push(flush);
			},
			readSecret: (name) => {
				try {
					return app.secretStorage.getSecret(name);
				} catch {
					return null;
				}
			},
			requestUrl: obsidianRequestUrl,
			entraSession: (cfg) => entraSessionFor(owner, cfg),
			signIns: new WeakMap(),
			forgetEntraSignIn: (id) => forgetEntraSignIn(owner, id),
			get loadReport(): LoadReport | null {
				return owner.loadReport;
			},
			dismissLoadReport: () => {
				owner.loadReport = null;
			},
		};
	}

	/** Shows `page` (saving what the current page has pending first). */
	show(page: SettingsPage): void {
		this.page = page;
		this.render();
		labelControls(this.containerEl);
	}

	display(): void {
		this.shown = true;
		this.render();
		labelControls(this.containerEl);
	}

	/** Draws the page again when it is on screen (the settings were replaced: read again, merged). */
	redraw(): void {
		if (this.shown) this.render();
	}

	/** Runs the pending (debounced) edits of the page on screen now. */
	flushPending(): void {
		this.leave();
	}

	private render(): void {
		this.leave();
		const el = this.containerEl;
		el.empty();
		el.addClass("azure-reasoning-settings");
		const page = this.page;
		if (page.kind === "deployment") {
			const cfg = this.owner.settings.deployments.find((d) => d.id === page.id);
			if (cfg) {
				new DeploymentEditor(this.host, el, cfg).render(page.focus);
				return;
			}
		} else if (page.kind === "template") {
			const t = this.owner.settings.templates.find((x) => x.id === page.id);
			if (t) {
				renderTemplateEditor(el, this.host, t);
				return;
			}
		}
		this.page = { kind: "overview" };
		this.renderOverview();
	}

	hide(): void {
		this.shown = false;
		this.leave();
		this.list.confirmingRemoval = null;
		this.firstRun = null;
		super.hide();
	}

	/** Runs the pending work of the page being left (typing not yet saved). */
	private leave(): void {
		for (const flush of this.leaving.splice(0)) flush();
	}

	private renderOverview(focus?: string): void {
		const el = this.containerEl;
		const redraw = (next?: string) => {
			this.leave();
			el.empty();
			this.renderOverview(next);
		};
		this.renderUnreadable(el);
		this.renderLoadReport(el, redraw);
		if (!this.owner.settingsUnreadable) this.firstRun ??= startFirstRun(this.host);
		const run = this.firstRun;
		if (run) {
			// A reload (sync) replaced the settings' objects: edit the deployment as merged, not a copy that is no longer in them.
			run.cfg = this.host.settings.deployments.find((d) => d.id === run.cfg.id) ?? run.cfg;
			const leave = () => {
				this.firstRun = null;
			};
			const hooks = setupHooks(this.host, run, leave);
			new DeploymentEditor(this.host, el.createDiv("azure-reasoning-first-run"), run.cfg, { ...hooks, done: () => (leave(), redraw()) }).render();
		} else renderDeploymentList(el, this.host, this.list, redraw);
		renderGeneralSettings(el, this.host);
		renderTemplateList(el, this.host, redraw);
		labelControls(el);
		if (focus) el.querySelector<HTMLElement>(`[data-focus="${focus}"]`)?.focus();
	}

	/** While data.json cannot be read: say that nothing is saved, and offer the two ways out. */
	private renderUnreadable(el: HTMLElement): void {
		if (!this.owner.settingsUnreadable) return;
		new Setting(el)
			.setClass("azure-reasoning-load-report")
			.setName("The settings file could not be read")
			.setDesc("Nothing you change here is saved until it can be read, so that the defaults never overwrite it. Retry once it is available (after a sync, or with its permissions fixed), or start from the defaults: the file is then kept beside it as a copy.")
			.addButton((b) => b.setButtonText("Retry").setCta().onClick(guardedHandler("Reading the settings file", async () => {
				if (!(await reloadSettings(this.owner))) new Notice("The settings file still cannot be read; nothing was saved.");
			})))
			.addButton((b) => b.setButtonText("Start from defaults, keeping a copy").onClick(guardedHandler("Starting from the defaults", async () => {
				const copy = await startFromDefaults(this.owner);
				new Notice(`The unreadable settings file is kept as ${copy}; the settings now start from the defaults.`);
			})));
	}

	private renderLoadReport(el: HTMLElement, redraw: () => void): void {
		const report = this.host.loadReport;
		if (!report) return;
		const row = new Setting(el)
			.setClass("azure-reasoning-load-report")
			.setName("The settings file had problems at start-up")
			.setDesc(report.backupPath ? `What was valid is loaded; a copy of the original file is kept as ${report.backupPath}.` : "What was valid is loaded.")
			.addButton((b) =>
				b.setButtonText("Dismiss").onClick(() => {
					this.host.dismissLoadReport();
					redraw();
				}),
			);
		const list = row.infoEl.createEl("ul", "azure-reasoning-load-problems");
		for (const p of report.problems) list.createEl("li", { text: p });
	}
}
