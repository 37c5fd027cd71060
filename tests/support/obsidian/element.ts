// A tiny stand-in for the HTMLElement helpers Obsidian adds (createEl, setText, addClass, empty, ...),
// enough for status bar items, ribbon icons and notices in Node. Not a DOM: no layout, no querySelector.

export interface FakeElementOptions {
	cls?: string | string[];
	text?: string;
	attr?: Record<string, string | number | boolean | null>;
	title?: string;
	/** As obsidian.d.ts's DomElementInfo (a link's address). */
	href?: string;
}

type Listener = (ev: unknown) => unknown;

export class FakeElement {
	readonly tagName: string;
	parentElement: FakeElement | null = null;
	/** Stand-in only: set on elements that stand for the document's body (their subtree is on the page). */
	isPageRoot = false;
	readonly children: FakeElement[] = [];
	readonly classList = new Set<string>();
	readonly attributes = new Map<string, string>();
	private ownText = "";
	private listeners = new Map<string, Set<Listener>>();

	constructor(tag = "div", o?: FakeElementOptions | string) {
		this.tagName = tag.toUpperCase();
		const opts = typeof o === "string" ? { cls: o } : (o ?? {});
		const cls = opts.cls === undefined ? [] : Array.isArray(opts.cls) ? opts.cls : [opts.cls];
		this.addClass(...cls.flatMap((c) => c.split(/\s+/)).filter(Boolean));
		if (opts.text !== undefined) this.ownText = opts.text;
		if (opts.title !== undefined) this.setAttr("title", opts.title);
		if (opts.href !== undefined) this.setAttr("href", opts.href);
		for (const [k, v] of Object.entries(opts.attr ?? {})) this.setAttr(k, v);
	}

	get textContent(): string {
		return this.ownText + this.children.map((c) => c.textContent).join("");
	}
	set textContent(text: string) {
		this.setText(text);
	}
	get className(): string {
		return [...this.classList].join(" ");
	}

	setText(text: string | { textContent: string | null }): void {
		this.empty();
		this.ownText = typeof text === "string" ? text : (text.textContent ?? "");
	}
	getText(): string {
		return this.textContent;
	}
	empty(): void {
		for (const c of [...this.children]) c.remove();
		this.ownText = "";
	}
	createEl(tag: string, o?: FakeElementOptions | string, callback?: (el: FakeElement) => void): FakeElement {
		const el = new FakeElement(tag, o);
		el.parentElement = this;
		this.children.push(el);
		callback?.(el);
		return el;
	}
	createDiv(o?: FakeElementOptions | string, callback?: (el: FakeElement) => void): FakeElement {
		return this.createEl("div", o, callback);
	}
	createSpan(o?: FakeElementOptions | string, callback?: (el: FakeElement) => void): FakeElement {
		return this.createEl("span", o, callback);
	}
	remove(): void {
		const p = this.parentElement;
		if (!p) return;
		const i = p.children.indexOf(this);
		if (i >= 0) p.children.splice(i, 1);
		this.parentElement = null;
	}
	detach(): void {
		this.remove();
	}

	addClass(...classes: string[]): void {
		for (const c of classes) this.classList.add(c);
	}
	removeClass(...classes: string[]): void {
		for (const c of classes) this.classList.delete(c);
	}
	toggleClass(classes: string | string[], value: boolean): void {
		for (const c of Array.isArray(classes) ? classes : [classes]) {
			if (value) this.classList.add(c);
			else this.classList.delete(c);
		}
	}
	hasClass(cls: string): boolean {
		return this.classList.has(cls);
	}
	setAttr(name: string, value: string | number | boolean | null): void {
		if (value === null) this.attributes.delete(name);
		else this.attributes.set(name, String(value));
	}
	getAttr(name: string): string | null {
		return this.attributes.get(name) ?? null;
	}
	setAttribute(name: string, value: string): void {
		this.setAttr(name, value);
	}
	getAttribute(name: string): string | null {
		return this.getAttr(name);
	}

	/** As in the DOM: whether the element is on the page (under a page root). */
	get isConnected(): boolean {
		return this.parentElement ? this.parentElement.isConnected : this.isPageRoot;
	}

	addEventListener(type: string, listener: Listener): void {
		const set = this.listeners.get(type) ?? new Set<Listener>();
		set.add(listener);
		this.listeners.set(type, set);
	}
	removeEventListener(type: string, listener: Listener): void {
		this.listeners.get(type)?.delete(listener);
	}
	onClickEvent(listener: (ev: unknown) => unknown): void {
		this.addEventListener("click", listener);
	}
	/** Test helper: runs the listeners of `type` with a minimal event object, then its ancestors' (events bubble, as in the DOM). */
	dispatch(type: string, ev: Record<string, unknown> = {}): void {
		this.bubble(type, { type, target: this, ...ev });
	}
	private bubble(type: string, event: Record<string, unknown>): void {
		for (const l of [...(this.listeners.get(type) ?? [])]) l({ ...event, currentTarget: this });
		this.parentElement?.bubble(type, event);
	}
	/** Test helper: how many listeners of `type` are attached (to check clean-up). */
	listenerCount(type: string): number {
		return this.listeners.get(type)?.size ?? 0;
	}
	click(): void {
		this.dispatch("click");
	}
}
