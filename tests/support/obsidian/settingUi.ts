// DOM-backed Setting, its components, SecretComponent and PluginSettingTab, for jsdom tests of a
// settings tab. Same constructors and methods as obsidian.d.ts (checked by hand: the stand-in's
// `this`-returning methods cannot `implements` the real classes); the DOM follows Obsidian's
// (.setting-item > .setting-item-info > .setting-item-name/.setting-item-description, and
// .setting-item-control), so that tests find things as a user sees them. No styling, no icons.
import type { App } from "./app";
import type { Plugin } from "./component";
import { installDomHelpers } from "./dom";
import { BaseComponent, ButtonComponent, DropdownComponent, ExtraButtonComponent, TextAreaComponent, TextComponent, ToggleComponent, type Listener } from "./settingComponents";

installDomHelpers();

export { AbstractTextComponent, BaseComponent, ButtonComponent, DropdownComponent, ExtraButtonComponent, TextAreaComponent, TextComponent, ToggleComponent, ValueComponent } from "./settingComponents";

/** Stand-in only: the SecretComponent drawn in each select, for tests that act through it. */
export const secretComponentOf = new WeakMap<HTMLSelectElement, SecretComponent>();

export class SecretComponent extends BaseComponent {
	/** Stand-in only. */
	readonly selectEl: HTMLSelectElement;
	private value = "";
	private changeCallback: Listener<string> | null = null;

	constructor(
		private readonly app: App,
		containerEl: HTMLElement,
	) {
		super();
		this.selectEl = containerEl.createEl("select", { cls: "dropdown", attr: { "aria-label": "Secret" } });
		this.selectEl.addEventListener("change", () => this.picked(this.selectEl.value));
		secretComponentOf.set(this.selectEl, this);
		this.renderOptions();
	}
	setValue(value: string): this {
		this.value = value;
		this.renderOptions();
		return this;
	}
	onChange(cb: (value: string) => unknown): this {
		this.changeCallback = cb;
		return this;
	}
	override setDisabled(disabled: boolean): this {
		super.setDisabled(disabled);
		this.selectEl.disabled = disabled;
		return this;
	}
	/** Stand-in only: the user picks a stored secret by name. */
	choose(name: string): void {
		if (!this.app.secretStorage.listSecrets().includes(name)) throw new Error(`There is no secret "${name}" to choose`);
		this.picked(name);
	}
	/** Stand-in only: the user creates a secret in the picker (stored, then chosen). */
	createSecret(name: string, value: string): void {
		this.app.secretStorage.setSecret(name, value);
		this.picked(name);
	}
	private picked(name: string): void {
		this.value = name;
		this.renderOptions();
		this.changeCallback?.(name);
	}
	private renderOptions(): void {
		this.selectEl.empty();
		const names = this.app.secretStorage.listSecrets();
		this.selectEl.createEl("option", { text: "No secret", value: "" });
		for (const n of names) this.selectEl.createEl("option", { text: n, value: n });
		if (this.value !== "" && !names.includes(this.value)) this.selectEl.createEl("option", { text: this.value, value: this.value });
		this.selectEl.value = this.value;
	}
}

type AnyComponent = BaseComponent;

export class Setting {
	settingEl: HTMLElement;
	infoEl: HTMLElement;
	nameEl: HTMLElement;
	descEl: HTMLElement;
	controlEl: HTMLElement;
	components: AnyComponent[] = [];

	constructor(containerEl: HTMLElement) {
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
	setTooltip(tooltip: string, _options?: unknown): this {
		this.settingEl.setAttr("aria-label", tooltip);
		return this;
	}
	setHeading(): this {
		this.settingEl.addClass("setting-item-heading");
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.settingEl.toggleClass("is-disabled", disabled);
		for (const c of this.components) c.setDisabled(disabled);
		return this;
	}
	private add<T extends AnyComponent>(component: T, cb: (component: T) => unknown): this {
		this.components.push(component);
		cb(component);
		return this;
	}
	addButton(cb: (component: ButtonComponent) => unknown): this {
		return this.add(new ButtonComponent(this.controlEl), cb);
	}
	addExtraButton(cb: (component: ExtraButtonComponent) => unknown): this {
		return this.add(new ExtraButtonComponent(this.controlEl), cb);
	}
	addToggle(cb: (component: ToggleComponent) => unknown): this {
		return this.add(new ToggleComponent(this.controlEl), cb);
	}
	addText(cb: (component: TextComponent) => unknown): this {
		return this.add(new TextComponent(this.controlEl), cb);
	}
	addTextArea(cb: (component: TextAreaComponent) => unknown): this {
		return this.add(new TextAreaComponent(this.controlEl), cb);
	}
	addDropdown(cb: (component: DropdownComponent) => unknown): this {
		return this.add(new DropdownComponent(this.controlEl), cb);
	}
	addComponent<T extends AnyComponent>(cb: (el: HTMLElement) => T): this {
		this.components.push(cb(this.controlEl));
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

export abstract class PluginSettingTab {
	app: App;
	plugin: Plugin;
	icon = "";
	containerEl: HTMLElement;

	constructor(app: App, plugin: Plugin) {
		this.app = app;
		this.plugin = plugin;
		this.containerEl = createDiv("vertical-tab-content");
	}
	abstract display(): void;
	hide(): void {
		this.containerEl.empty();
	}
}
