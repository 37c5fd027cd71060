// Component and Plugin: lifecycle, the register* clean-ups, commands, data.json.
import { Platform } from "./functions";
import type { Command, Component as ObsidianComponent, EventRef, Plugin as ObsidianPlugin, PluginManifest } from "obsidian";
import type { App } from "./app";
import type { FakeElement } from "./element";
import type { View, WorkspaceLeaf } from "./workspace";
import type { StandInEventRef } from "./events";

/** What onload() returned, so that the host can wait for an async onload. */
const onloadResults = new WeakMap<Component, Promise<void>>();

/** Stand-in only: resolves when `component`'s onload (sync or async) has finished; rejects if it threw. */
export function whenLoaded(component: Component): Promise<void> {
	return onloadResults.get(component) ?? Promise.resolve();
}

interface DomTarget {
	addEventListener(type: string, listener: (ev: never) => unknown, options?: boolean | AddEventListenerOptions): void;
	removeEventListener(type: string, listener: (ev: never) => unknown, options?: boolean | AddEventListenerOptions): void;
}

export class Component implements Pick<ObsidianComponent, "load" | "onload" | "unload" | "onunload" | "register" | "registerEvent" | "registerInterval"> {
	_loaded = false;
	_events: (() => unknown)[] = [];
	_children: Component[] = [];

	load(): void {
		if (this._loaded) return;
		this._loaded = true;
		let result: unknown;
		let done: Promise<void>;
		try {
			result = this.onload();
			done = Promise.resolve(result).then(() => undefined);
		} catch (e) {
			done = Promise.reject(e);
		}
		// Handled here so an onload failure nobody awaits is not an unhandled rejection; whenLoaded() still rejects.
		done.catch(() => undefined);
		onloadResults.set(this, done);
		for (const child of this._children) child.load();
	}
	onload(): unknown {
		return undefined;
	}
	/** Unloads the children, runs the registered clean-ups (in order), then onunload(). */
	unload(): void {
		if (!this._loaded) return;
		this._loaded = false;
		while (this._children.length > 0) this._children.pop()?.unload();
		const events = this._events;
		this._events = [];
		for (const cb of events) cb();
		this.onunload();
	}
	onunload(): void {}
	addChild<T extends Component>(component: T): T {
		this._children.push(component);
		if (this._loaded) component.load();
		return component;
	}
	removeChild<T extends Component>(component: T): T {
		const i = this._children.indexOf(component);
		if (i >= 0) {
			this._children.splice(i, 1);
			component.unload();
		}
		return component;
	}
	register(cb: () => unknown): void {
		this._events.push(cb);
	}
	registerEvent(eventRef: EventRef): void {
		this.register(() => (eventRef as StandInEventRef).e.offref(eventRef));
	}
	registerDomEvent(el: DomTarget, type: string, callback: (ev: never) => unknown, options?: boolean | AddEventListenerOptions): void {
		el.addEventListener(type, callback, options);
		this.register(() => el.removeEventListener(type, callback, options));
	}
	registerInterval(id: number): number {
		this.register(() => clearInterval(id));
		return id;
	}
}

type PluginImplemented = Pick<ObsidianPlugin, "addCommand" | "removeCommand" | "loadData" | "saveData" | "onUserEnable" | "registerEditorExtension">;

export abstract class Plugin extends Component implements PluginImplemented {
	app: App;
	manifest: PluginManifest;

	constructor(app: App, manifest: PluginManifest) {
		super();
		this.app = app;
		this.manifest = manifest;
	}

	override onload(): Promise<void> | void {}
	onUserEnable(): void {}

	/** Like Obsidian: prefixes the id with "<plugin id>:" and the name with "<plugin name>: ", in place. */
	addCommand(command: Command): Command {
		command.id = `${this.manifest.id}:${command.id}`;
		command.name = `${this.manifest.name}: ${command.name}`;
		const registry = this.app.standIn.commands;
		registry.set(command.id, command);
		this.register(() => {
			if (registry.get(command.id) === command) registry.delete(command.id);
		});
		return command;
	}
	removeCommand(commandId: string): void {
		const prefix = `${this.manifest.id}:`;
		this.app.standIn.commands.delete(commandId.startsWith(prefix) ? commandId : prefix + commandId);
	}
	addSettingTab(settingTab: unknown): void {
		registerIn(this, this.app.standIn.settingTabs, settingTab);
	}
	/**
	 * On unload Obsidian keeps the leaves (to restore them when the plugin loads again) but closes
	 * the views: the stand-in closes them and leaves the leaves empty.
	 */
	registerView(type: string, viewCreator: (leaf: WorkspaceLeaf) => View): void {
		const creators = this.app.standIn.viewCreators;
		if (creators.has(type)) throw new Error(`registerView: the view type "${type}" is already registered`);
		creators.set(type, viewCreator);
		this.register(() => {
			creators.delete(type);
			for (const leaf of this.app.workspace.getLeavesOfType(type)) leaf.closeView();
		});
	}
	registerEditorExtension(extension: unknown): void {
		registerIn(this, this.app.standIn.editorExtensions, extension);
	}
	/**
	 * "Not available on mobile" (obsidian.d.ts). What Obsidian mobile hands back is not shown
	 * anywhere; the stand-in is stricter and throws, so that progress shown only there fails a test.
	 */
	addStatusBarItem(): FakeElement {
		if (Platform.isMobile) throw new Error("addStatusBarItem: there is no status bar on mobile");
		const el = this.app.standIn.statusBarEl.createDiv({ cls: ["status-bar-item", `plugin-${this.manifest.id}`] });
		this.register(() => el.remove());
		return el;
	}
	addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): FakeElement {
		const el = this.app.standIn.ribbonEl.createDiv({ cls: "side-dock-ribbon-action", attr: { "aria-label": title, "data-icon": icon } });
		el.addEventListener("click", (ev) => callback(ev as MouseEvent));
		this.register(() => el.remove());
		return el;
	}

	/** `<vault>/.obsidian/plugins/<id>/data.json` parsed, or null when there is none. */
	async loadData(): Promise<unknown> {
		const p = dataPath(this);
		if (!(await this.app.vault.adapter.exists(p))) return null;
		return JSON.parse(await this.app.vault.adapter.read(p)) as unknown;
	}
	/** Writes data.json, pretty-printed with two spaces as Obsidian does. */
	async saveData(data: unknown): Promise<void> {
		const p = dataPath(this);
		await this.app.vault.adapter.mkdir(p.slice(0, p.lastIndexOf("/")));
		await this.app.vault.adapter.write(p, JSON.stringify(data, null, 2));
	}

}

// Free functions rather than private methods, so that a plugin's own members cannot shadow them.
function dataPath(plugin: Plugin): string {
	const dir = plugin.manifest.dir ?? `${plugin.app.vault.configDir}/plugins/${plugin.manifest.id}`;
	return `${dir}/data.json`;
}

function registerIn<T>(owner: Component, list: T[], item: T): void {
	list.push(item);
	owner.register(() => {
		const i = list.indexOf(item);
		if (i >= 0) list.splice(i, 1);
	});
}
