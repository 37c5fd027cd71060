// Shells for the UI classes: right constructors, chainable methods, no rendering. The settings tab
// gets a jsdom-tested stand-in of its own; these only keep a plugin from crashing in Node.
// (Their `this`-returning methods cannot be checked against obsidian.d.ts with `implements`: the
// stand-in is not the real class. Checked by hand against it.)
import type { App } from "./app";
import type { Plugin } from "./component";
import { FakeElement } from "./element";

export abstract class PluginSettingTab {
	app: App;
	plugin: Plugin;
	icon = "";
	containerEl = new FakeElement("div", "vertical-tab-content");

	constructor(app: App, plugin: Plugin) {
		this.app = app;
		this.plugin = plugin;
	}
	abstract display(): void;
	hide(): void {
		this.containerEl.empty();
	}
}

export class Setting {
	settingEl: FakeElement;
	infoEl: FakeElement;
	nameEl: FakeElement;
	descEl: FakeElement;
	controlEl: FakeElement;
	components: unknown[] = [];

	constructor(containerEl: FakeElement) {
		this.settingEl = containerEl.createDiv("setting-item");
		this.infoEl = this.settingEl.createDiv("setting-item-info");
		this.nameEl = this.infoEl.createDiv("setting-item-name");
		this.descEl = this.infoEl.createDiv("setting-item-description");
		this.controlEl = this.settingEl.createDiv("setting-item-control");
	}
	setName(name: string | DocumentFragment): this {
		this.nameEl.setText(name);
		return this;
	}
	setDesc(desc: string | DocumentFragment): this {
		this.descEl.setText(desc);
		return this;
	}
	setClass(cls: string): this {
		this.settingEl.addClass(cls);
		return this;
	}
	setTooltip(_tooltip: string): this {
		return this;
	}
	setHeading(): this {
		this.settingEl.addClass("setting-item-heading");
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.settingEl.toggleClass("is-disabled", disabled);
		return this;
	}
	then(cb: (setting: this) => unknown): this {
		cb(this);
		return this;
	}
	clear(): this {
		this.controlEl.empty();
		this.components = [];
		return this;
	}
}

/** Obsidian's secret picker, as a shell: keeps the value, draws nothing. The jsdom tests use settingUi.ts's. */
export class SecretComponent {
	disabled = false;
	private value = "";
	private changeCallback: ((value: string) => unknown) | null = null;

	constructor(
		readonly app: App,
		readonly containerEl: FakeElement,
	) {}
	setValue(value: string): this {
		this.value = value;
		return this;
	}
	onChange(cb: (value: string) => unknown): this {
		this.changeCallback = cb;
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		return this;
	}
	then(cb: (component: this) => unknown): this {
		cb(this);
		return this;
	}
	/** Stand-in only: the value last set or chosen. */
	getValue(): string {
		return this.value;
	}
	/** Stand-in only: the user picks a secret by name. */
	choose(name: string): void {
		this.value = name;
		this.changeCallback?.(name);
	}
}
