// The `obsidian` module for the page rendered in Chromium (aliased by the esbuild build in
// ../build.ts): the jsdom stand-in's DOM helpers and settings UI (../../support/obsidian), plus
// DOM-backed Modal, SuggestModal and Notice laid out as Obsidian 1.x lays them out, and a
// requestUrl that Node performs (real HTTP to the loopback emulators, see ../run.ts).
// Where unsure, no kinder than Obsidian: no icons are drawn (an icon-only button shows nothing
// but its accessible name), and nothing here adds a label the plugin did not set.
import type { RequestUrlParam, RequestUrlResponse, RequestUrlResponsePromise } from "obsidian";
import { installDomHelpers } from "../../support/obsidian/dom";
import { debounce } from "../../support/obsidian/events";
import { normalizePath } from "../../support/obsidian/functions";

installDomHelpers();

export { debounce, normalizePath };
export { BaseComponent, ButtonComponent, DropdownComponent, ExtraButtonComponent, PluginSettingTab, SecretComponent, Setting, TextAreaComponent, TextComponent, ToggleComponent, ValueComponent } from "../../support/obsidian/settingUi";

/** Mutable so that a screen can be drawn as on a phone (the progress notice). */
export const Platform = { isDesktop: true, isMobile: false, isDesktopApp: true, isMobileApp: false, isIosApp: false, isAndroidApp: false, isPhone: false, isTablet: false, isMacOS: false, isWin: false, isLinux: true, isSafari: false, resourcePathPrefix: "app://local/" };

/** No icons: the icon's id is kept as an attribute, as the jsdom stand-in does. */
export function setIcon(parent: HTMLElement, iconId: string): void {
	parent.setAttr("data-icon", iconId);
}

type Bridge = (param: RequestUrlParam) => Promise<{ status: number; headers: Record<string, string>; text: string; error?: string }>;

/** Obsidian's requestUrl, performed by Node (page.exposeFunction in ../run.ts): no CORS, as in Obsidian. */
export function requestUrl(request: RequestUrlParam | string): RequestUrlResponsePromise {
	const param: RequestUrlParam = typeof request === "string" ? { url: request } : request;
	const bridge = (window as unknown as { standInRequestUrl?: Bridge }).standInRequestUrl;
	const promise = (async (): Promise<RequestUrlResponse> => {
		if (!bridge) throw new Error("net::ERR_FAILED (no requestUrl bridge)");
		const r = await bridge({ ...param, throw: false });
		if (r.error !== undefined) throw new Error(r.error);
		if (r.status >= 400 && param.throw !== false) throw Object.assign(new Error(`Request failed, status ${r.status}`), { status: r.status, headers: r.headers });
		const arrayBuffer = new TextEncoder().encode(r.text).buffer;
		return { status: r.status, headers: r.headers, arrayBuffer, text: r.text, get json(): unknown { return JSON.parse(r.text) as unknown; } };
	})() as RequestUrlResponsePromise;
	for (const key of ["arrayBuffer", "json", "text"] as const) Object.defineProperty(promise, key, { get: () => promise.then((r) => r[key]) });
	return promise;
}

/** Obsidian's modal: .modal-container > .modal-bg + .modal > .modal-close-button, .modal-header > .modal-title, .modal-content. */
export class Modal {
	app: unknown;
	containerEl: HTMLElement = createDiv("modal-container mod-dim");
	modalEl: HTMLElement;
	titleEl: HTMLElement;
	contentEl: HTMLElement;
	shouldRestoreSelection = true;
	private closeCallback: (() => unknown) | null = null;

	constructor(app: unknown) {
		this.app = app;
		this.containerEl.createDiv("modal-bg");
		this.modalEl = this.containerEl.createDiv("modal");
		// Obsidian's own close button is a div (clickable-icon) with no label; not a plugin control.
		this.modalEl.createDiv("modal-close-button").addEventListener("click", () => this.close());
		this.titleEl = this.modalEl.createDiv("modal-header").createDiv("modal-title");
		this.contentEl = this.modalEl.createDiv("modal-content");
	}
	open(): void {
		document.body.appendChild(this.containerEl);
		void this.onOpen();
	}
	close(): void {
		if (!this.containerEl.parentNode) return;
		this.containerEl.detach();
		this.onClose();
		this.closeCallback?.();
	}
	onOpen(): Promise<void> | void {}
	onClose(): void {}
	setTitle(title: string): this {
		this.titleEl.setText(title);
		return this;
	}
	setContent(content: string | DocumentFragment): this {
		this.contentEl.setText(content);
		return this;
	}
	setCloseCallback(callback: () => unknown): this {
		this.closeCallback = callback;
		return this;
	}
}

/** Obsidian's suggester: .modal.prompt > .prompt-input-container > input.prompt-input, .prompt-results > .suggestion-item. */
export abstract class SuggestModal<T> extends Modal {
	limit = 100;
	emptyStateText = "No results found.";
	inputEl: HTMLInputElement;
	resultContainerEl: HTMLElement;

	constructor(app: unknown) {
		super(app);
		this.modalEl.empty();
		this.modalEl.addClass("prompt");
		// Obsidian's input has a placeholder and no label; it is Obsidian's, not the plugin's (see ../checks.ts).
		this.inputEl = this.modalEl.createDiv("prompt-input-container").createEl("input", { cls: "prompt-input", type: "text" });
		this.resultContainerEl = this.modalEl.createDiv("prompt-results");
		this.inputEl.addEventListener("input", () => void this.updateSuggestions());
	}
	override open(): void {
		super.open();
		void this.updateSuggestions();
	}
	setPlaceholder(placeholder: string): void {
		this.inputEl.setAttr("placeholder", placeholder);
	}
	setInstructions(_instructions: { command: string; purpose: string }[]): void {}
	onNoSuggestion(): void {}
	selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void {
		this.close();
		this.onChooseSuggestion(value, evt);
	}
	selectActiveSuggestion(_evt: MouseEvent | KeyboardEvent): void {}
	abstract getSuggestions(query: string): T[] | Promise<T[]>;
	abstract renderSuggestion(value: T, el: HTMLElement): void;
	abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;

	private async updateSuggestions(): Promise<void> {
		const items = (await this.getSuggestions(this.inputEl.value)).slice(0, this.limit);
		this.resultContainerEl.empty();
		if (items.length === 0) {
			this.resultContainerEl.createDiv({ cls: "suggestion-empty", text: this.emptyStateText });
			this.onNoSuggestion();
		}
		items.forEach((item, i) => {
			const el = this.resultContainerEl.createDiv(i === 0 ? "suggestion-item is-selected" : "suggestion-item");
			this.renderSuggestion(item, el);
			el.addEventListener("click", (ev) => this.selectSuggestion(item, ev));
		});
	}
}

function noticeContainer(): HTMLElement {
	return document.body.querySelector<HTMLElement>(":scope > .notice-container") ?? document.body.createDiv("notice-container");
}

/** Obsidian's notice: .notice-container > .notice > .notice-message; duration 0 stays until hidden (or tapped). */
export class Notice {
	noticeEl: HTMLElement;
	containerEl: HTMLElement;
	messageEl: HTMLElement;

	constructor(message: string | DocumentFragment, _duration?: number) {
		this.containerEl = noticeContainer();
		this.noticeEl = this.containerEl.createDiv("notice");
		this.messageEl = this.noticeEl.createDiv("notice-message");
		this.messageEl.setText(message);
		this.noticeEl.addEventListener("click", () => this.hide());
	}
	setMessage(message: string | DocumentFragment): this {
		this.messageEl.setText(message);
		return this;
	}
	hide(): void {
		this.noticeEl.detach();
	}
}

/** Types only in the page: the plugin's classes extend Plugin, but the page never loads main.ts. */
export class Plugin {}
export class MarkdownView {}
