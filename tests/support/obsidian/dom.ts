// Obsidian's helpers on DOM nodes (obsidian.d.ts, `declare global`): createEl, createDiv, setText,
// addClass, empty, show/hide, onClickEvent and the global createEl/createDiv/createFragment, installed
// on jsdom's prototypes when a document exists. Only what plugin code calls; semantics as Obsidian's.
type Attrs = Record<string, string | number | boolean | null>;

interface ElementInfo {
	cls?: string | string[];
	text?: string | DocumentFragment;
	attr?: Attrs;
	title?: string;
	parent?: Node;
	value?: string;
	type?: string;
	prepend?: boolean;
	placeholder?: string;
	href?: string;
}

function splitClasses(cls: string | string[] | undefined): string[] {
	if (cls === undefined) return [];
	return (Array.isArray(cls) ? cls : [cls]).flatMap((c) => c.split(/\s+/)).filter(Boolean);
}

function setAttr(el: Element, name: string, value: string | number | boolean | null): void {
	if (value === null) el.removeAttribute(name);
	else el.setAttribute(name, String(value));
}

function setText(el: Node, text: string | DocumentFragment): void {
	if (typeof text === "string") el.textContent = text;
	else {
		el.textContent = "";
		el.appendChild(text);
	}
}

function build<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, o?: ElementInfo | string, callback?: (el: HTMLElementTagNameMap[K]) => void, parent?: Node): HTMLElementTagNameMap[K] {
	const info: ElementInfo = typeof o === "string" ? { cls: o } : (o ?? {});
	const el = doc.createElement(tag);
	const classes = splitClasses(info.cls);
	if (classes.length > 0) el.classList.add(...classes);
	if (info.text !== undefined) setText(el, info.text);
	for (const [k, v] of Object.entries(info.attr ?? {})) setAttr(el, k, v);
	if (info.title !== undefined) el.title = info.title;
	if (info.value !== undefined && "value" in el) (el as HTMLInputElement).value = info.value;
	if (info.type !== undefined) el.setAttribute("type", info.type);
	if (info.placeholder !== undefined) el.setAttribute("placeholder", info.placeholder);
	if (info.href !== undefined) el.setAttribute("href", info.href);
	const into = info.parent ?? parent;
	if (into) {
		if (info.prepend) into.insertBefore(el, into.firstChild);
		else into.appendChild(el);
	}
	callback?.(el);
	return el;
}

let installed = false;

/** Installs the helpers once; a no-op without a document (Node tests use FakeElement instead). */
export function installDomHelpers(): void {
	if (installed || typeof document === "undefined") return;
	installed = true;
	const doc = document;
	const node = Node.prototype as unknown as Record<string, unknown>;
	const element = Element.prototype as unknown as Record<string, unknown>;
	const html = HTMLElement.prototype as unknown as Record<string, unknown>;

	node.createEl = function (this: Node, tag: keyof HTMLElementTagNameMap, o?: ElementInfo | string, cb?: (el: HTMLElement) => void) {
		return build(doc, tag, o, cb, this);
	};
	node.createDiv = function (this: Node, o?: ElementInfo | string, cb?: (el: HTMLDivElement) => void) {
		return build(doc, "div", o, cb, this);
	};
	node.createSpan = function (this: Node, o?: ElementInfo | string, cb?: (el: HTMLSpanElement) => void) {
		return build(doc, "span", o, cb, this);
	};
	// SVG elements, in the SVG namespace (Obsidian's createSvg: cls, attr and parent as createEl).
	node.createSvg = function (this: Node, tag: keyof SVGElementTagNameMap, o?: ElementInfo | string, cb?: (el: SVGElement) => void) {
		const info: ElementInfo = typeof o === "string" ? { cls: o } : (o ?? {});
		const el = doc.createElementNS("http://www.w3.org/2000/svg", tag);
		const classes = splitClasses(info.cls);
		if (classes.length > 0) el.classList.add(...classes);
		for (const [k, v] of Object.entries(info.attr ?? {})) setAttr(el, k, v);
		(info.parent ?? this).appendChild(el);
		cb?.(el);
		return el;
	};
	node.empty = function (this: Node) {
		while (this.firstChild) this.removeChild(this.firstChild);
	};
	node.detach = function (this: Node) {
		this.parentNode?.removeChild(this);
	};
	node.appendText = function (this: Node, val: string) {
		this.appendChild(doc.createTextNode(val));
	};

	element.getText = function (this: Element) {
		return this.textContent ?? "";
	};
	element.setText = function (this: Element, val: string | DocumentFragment) {
		setText(this, val);
	};
	element.addClass = function (this: Element, ...classes: string[]) {
		this.classList.add(...splitClasses(classes));
	};
	element.addClasses = function (this: Element, classes: string[]) {
		this.classList.add(...splitClasses(classes));
	};
	element.removeClass = function (this: Element, ...classes: string[]) {
		this.classList.remove(...splitClasses(classes));
	};
	element.toggleClass = function (this: Element, classes: string | string[], value: boolean) {
		for (const c of splitClasses(classes)) this.classList.toggle(c, value);
	};
	element.hasClass = function (this: Element, cls: string) {
		return this.classList.contains(cls);
	};
	element.setAttr = function (this: Element, name: string, value: string | number | boolean | null) {
		setAttr(this, name, value);
	};
	element.setAttrs = function (this: Element, obj: Attrs) {
		for (const [k, v] of Object.entries(obj)) setAttr(this, k, v);
	};
	element.getAttr = function (this: Element, name: string) {
		return this.getAttribute(name);
	};

	html.show = function (this: HTMLElement) {
		this.style.removeProperty("display");
	};
	html.hide = function (this: HTMLElement) {
		this.style.display = "none";
	};
	html.toggle = function (this: HTMLElement, show: boolean) {
		if (show) this.style.removeProperty("display");
		else this.style.display = "none";
	};
	html.isShown = function (this: HTMLElement) {
		if (this.style.display === "none") return false;
		return this.parentElement ? this.parentElement.isShown() : true;
	};
	html.onClickEvent = function (this: HTMLElement, listener: (ev: MouseEvent) => unknown, options?: boolean | AddEventListenerOptions) {
		this.addEventListener("click", listener, options);
	};

	const g = globalThis as unknown as Record<string, unknown>;
	g.createEl = (tag: keyof HTMLElementTagNameMap, o?: ElementInfo | string, cb?: (el: HTMLElement) => void) => build(doc, tag, o, cb);
	g.createDiv = (o?: ElementInfo | string, cb?: (el: HTMLDivElement) => void) => build(doc, "div", o, cb);
	g.createSpan = (o?: ElementInfo | string, cb?: (el: HTMLSpanElement) => void) => build(doc, "span", o, cb);
	g.createFragment = (cb?: (el: DocumentFragment) => void) => {
		const fragment = doc.createDocumentFragment();
		cb?.(fragment);
		return fragment;
	};
}
