// Menu and MenuItem as obsidian.d.ts declares them, plus MenuItem.setSubmenu, which desktop Obsidian
// has but does not declare. What Obsidian does with it on mobile is not documented: plugin authors
// report that submenus do not open there (FlorianWoelki/obsidian-iconize#218), so the stand-in is
// stricter and throws on mobile. Items are not drawn; a test reads them and clicks them.
// (Their `this`-returning methods cannot be checked against obsidian.d.ts with `implements`, as in
// ui.ts: checked by hand against it.)
import { Component } from "./component";
import { Platform } from "./functions";

type ClickHandler = (evt: MouseEvent | KeyboardEvent) => unknown;

export class MenuItem {
	/** Stand-in only: what was set. */
	title = "";
	icon: string | null = null;
	section = "";
	checked: boolean | null = null;
	disabled = false;
	warning = false;
	isLabel = false;
	submenu: Menu | null = null;
	private handler: ClickHandler | null = null;

	constructor(readonly menu: Menu) {}

	setTitle(title: string | DocumentFragment): this {
		this.title = typeof title === "string" ? title : (title.textContent ?? "");
		return this;
	}
	setIcon(icon: string | null): this {
		this.icon = icon;
		return this;
	}
	setChecked(checked: boolean | null): this {
		this.checked = checked;
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		return this;
	}
	setWarning(isWarning: boolean): this {
		this.warning = isWarning;
		return this;
	}
	setIsLabel(isLabel: boolean): this {
		this.isLabel = isLabel;
		return this;
	}
	onClick(callback: ClickHandler): this {
		this.handler = callback;
		return this;
	}
	setSection(section: string): this {
		this.section = section;
		return this;
	}
	/** Not in obsidian.d.ts: the item opens a menu of its own (desktop). Throws on mobile (see the top of the file). */
	setSubmenu(): Menu {
		if (Platform.isMobile) throw new Error("MenuItem.setSubmenu: submenus do not open on Obsidian mobile");
		this.submenu ??= new Menu(this.menu);
		return this.submenu;
	}

	/**
	 * Stand-in only: the user clicks the item in the menu on screen. A disabled item or a label does
	 * nothing; an item with a submenu opens it (its own click handler is not run). Otherwise the
	 * menu closes and the handler runs; what it returns is handed back (Obsidian ignores it) so that
	 * a test can wait for the work it started.
	 */
	click(): unknown {
		if (!this.menu.isShown()) throw new Error(`"${this.title}": the menu is not on screen`);
		if (this.disabled || this.isLabel) return undefined;
		if (this.submenu) {
			this.submenu.showAtPosition({ x: 0, y: 0 });
			return undefined;
		}
		this.menu.closeAll();
		// Node has no MouseEvent: the handler gets what it needs of one.
		return this.handler?.({ type: "click" } as MouseEvent);
	}
}

export class MenuSeparator {}

export class Menu extends Component {
	/** Stand-in only: the items and separators in the order they were added. */
	readonly entries: (MenuItem | "separator")[] = [];
	private shown = false;
	private readonly hideCallbacks: (() => unknown)[] = [];

	constructor(private readonly parent: Menu | null = null) {
		super();
	}

	/** "Only works when menu is not shown yet" (obsidian.d.ts): later items are dropped, as on screen. */
	addItem(cb: (item: MenuItem) => unknown): this {
		if (this.shown) return this;
		const item = new MenuItem(this);
		cb(item);
		this.entries.push(item);
		return this;
	}
	addSeparator(): this {
		if (!this.shown) this.entries.push("separator");
		return this;
	}
	setNoIcon(): this {
		return this;
	}
	setUseNativeMenu(_useNativeMenu: boolean): this {
		return this;
	}
	setParentElement(_el: unknown): this {
		return this;
	}
	showAtMouseEvent(_evt: MouseEvent): this {
		return this.showAtPosition({ x: 0, y: 0 });
	}
	showAtPosition(_position: { x: number; y: number }): this {
		this.shown = true;
		return this;
	}
	hide(): this {
		if (!this.shown) return this;
		this.shown = false;
		for (const cb of this.hideCallbacks) cb();
		return this;
	}
	close(): void {
		this.hide();
	}
	onHide(callback: () => unknown): void {
		this.hideCallbacks.push(callback);
	}
	static forEvent(_evt: MouseEvent): Menu {
		return new Menu();
	}

	/** Stand-in only. */
	isShown(): boolean {
		return this.shown;
	}
	/** Stand-in only: a click closes the whole chain of menus, up to the first. */
	closeAll(): void {
		this.hide();
		this.parent?.closeAll();
	}
	/** Stand-in only: the items (not the separators). */
	items(): MenuItem[] {
		return this.entries.filter((e): e is MenuItem => e !== "separator");
	}
	/** Stand-in only: the item with this title; throws unless there is exactly one. */
	item(title: string): MenuItem {
		const found = this.items().filter((i) => i.title === title);
		if (found.length !== 1) throw new Error(`${found.length} menu items "${title}"; the menu has: ${this.items().map((i) => i.title).join(", ") || "nothing"}`);
		return found[0] as MenuItem;
	}
}
