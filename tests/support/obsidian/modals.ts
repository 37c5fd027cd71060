// Modal and SuggestModal in Node, with the signatures of obsidian.d.ts, plus a way for tests (and
// `npm run demo`) to play the user: `modalScript` holds what the user does with each modal that opens,
// in order. Nothing is chosen unless a step says so: a modal with no step left stays open (see
// `Modal.opened`), as it would in front of a user who has not answered yet.
//
// A step acts on a later macrotask (the user is never faster than the code that opened the modal),
// through the modal's own DOM and methods: a suggestion is found among what `getSuggestions` returned
// as `renderSuggestion` rendered it and handed over by `selectSuggestion` (close, then choose, in
// Obsidian's order); text goes into the modal's textarea or input, and a button is clicked by its label.
import type { App } from "./app";
import { FakeElement, type FakeElementOptions } from "./element";

/** What the user does with one modal. */
export type ModalStep =
	/** A SuggestModal: type `query` (default ""), pick the first suggestion whose rendered text matches. */
	| { choose: string | RegExp; query?: string }
	/** A Modal: type `type` into its first textarea (else input), if given, then click the button labelled `click`. */
	| { type?: string; click: string }
	/** Escape: close without choosing. */
	| { escape: true };

/** Stand-in only: the user's next steps, first first. Consumed as modals open. */
export const modalScript: ModalStep[] = [];

/** Stand-in only: what went wrong while playing a step (a step that did not fit its modal). Tests assert it stays empty. */
export const modalErrors: string[] = [];

/** Stand-in only: called with each modal after it opened and before a step is played (the demo prints them). */
export const modalWatchers: ((modal: Modal) => void)[] = [];

/** Stand-in only: forget the steps, the errors and the watchers, and close what is open. */
export function resetModals(): void {
	modalScript.length = 0;
	modalErrors.length = 0;
	modalWatchers.length = 0;
	for (const m of [...Modal.opened]) m.close();
}

/**
 * The elements inside a modal: FakeElements that can also be form fields (a `value`, focus), since
 * modals are where a plugin asks for input. Everything created under one is one too.
 */
export class ModalElement extends FakeElement {
	value = "";
	/** Stand-in only: true after focus(), until blur(). */
	focused = false;

	override createEl(tag: string, o?: FakeElementOptions | string, callback?: (el: FakeElement) => void): ModalElement {
		const el = new ModalElement(tag, o);
		el.parentElement = this;
		this.children.push(el);
		callback?.(el);
		return el;
	}
	override createDiv(o?: FakeElementOptions | string, callback?: (el: FakeElement) => void): ModalElement {
		return this.createEl("div", o, callback);
	}
	override createSpan(o?: FakeElementOptions | string, callback?: (el: FakeElement) => void): ModalElement {
		return this.createEl("span", o, callback);
	}
	focus(): void {
		this.focused = true;
	}
	blur(): void {
		this.focused = false;
	}
}

/** Stand-in only: every element under `root` (itself included) that satisfies `test`, in document order. */
export function findEls(root: FakeElement, test: (el: FakeElement) => boolean): FakeElement[] {
	const out: FakeElement[] = [];
	const walk = (el: FakeElement) => {
		if (test(el)) out.push(el);
		el.children.forEach(walk);
	};
	walk(root);
	return out;
}

/** Stand-in only: what typing does: the field's value changes, then an "input" event. */
export function typeInto(el: FakeElement, text: string): void {
	if (!(el instanceof ModalElement)) throw new Error(`Cannot type into a ${el.tagName} outside a modal`);
	el.value = text;
	el.dispatch("input");
}

export class Modal {
	/** Stand-in only: the modals open right now, oldest first. */
	static readonly opened: Modal[] = [];

	app: App;
	containerEl = new ModalElement("div", "modal-container");
	modalEl = this.containerEl.createDiv("modal");
	titleEl = this.modalEl.createDiv("modal-title");
	contentEl = this.modalEl.createDiv("modal-content");
	shouldRestoreSelection = true;
	/** Stand-in only. */
	isOpen = false;
	private closeCallback: (() => unknown) | null = null;

	constructor(app: App) {
		this.app = app;
	}
	open(): void {
		if (this.isOpen) return;
		this.isOpen = true;
		Modal.opened.push(this);
		void this.onOpen();
		for (const watch of modalWatchers) watch(this);
		const step = modalScript.shift();
		// The user acts in a later task; setImmediate, not setTimeout, so that a test's fake clock does not hold the user back.
		if (step) setImmediate(() => void playStep(this, step));
	}
	close(): void {
		if (!this.isOpen) return;
		this.isOpen = false;
		Modal.opened.splice(Modal.opened.indexOf(this), 1);
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

	/** Stand-in only: the modal's buttons' labels, in order. */
	buttonLabels(): string[] {
		return findEls(this.modalEl, (el) => el.tagName === "BUTTON").map((b) => b.textContent);
	}
	/** Stand-in only: clicks the button with exactly this label; throws when there is none. */
	clickButton(label: string): void {
		const button = findEls(this.modalEl, (el) => el.tagName === "BUTTON" && el.textContent === label)[0];
		if (!button) throw new Error(`No button "${label}" in the modal "${this.titleEl.textContent}"; it has: ${this.buttonLabels().join(", ") || "none"}`);
		button.click();
	}
	/** Stand-in only: types into the modal's first textarea, else its first input; throws when there is none. */
	type(text: string): void {
		const field = findEls(this.modalEl, (el) => el.tagName === "TEXTAREA")[0] ?? findEls(this.contentEl, (el) => el.tagName === "INPUT")[0];
		if (!field) throw new Error(`No textarea or input in the modal "${this.titleEl.textContent}"`);
		typeInto(field, text);
	}
}

export interface ShownSuggestion<T> {
	item: T;
	el: FakeElement;
	text: string;
}

export abstract class SuggestModal<T> extends Modal {
	limit = 100;
	emptyStateText = "No results found.";
	inputEl = this.modalEl.createEl("input", "prompt-input");
	resultContainerEl = this.modalEl.createDiv("prompt-results");

	setPlaceholder(placeholder: string): void {
		this.inputEl.setAttr("placeholder", placeholder);
	}
	setInstructions(_instructions: { command: string; purpose: string }[]): void {}
	onNoSuggestion(): void {}
	/** Closes, then hands the choice over, as Obsidian does. */
	selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void {
		this.close();
		this.onChooseSuggestion(value, evt);
	}
	/** Enter: the first suggestion shown (the stand-in has no arrow keys), or nothing when there is none. */
	selectActiveSuggestion(evt: MouseEvent | KeyboardEvent): void {
		void this.shownSuggestions().then((shown) => {
			const first = shown[0];
			if (first) this.selectSuggestion(first.item, evt);
		});
	}
	abstract getSuggestions(query: string): T[] | Promise<T[]>;
	abstract renderSuggestion(value: T, el: FakeElement): void;
	abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;

	/** Stand-in only: what the list shows for the query in `inputEl`, each rendered by `renderSuggestion` (at most `limit`). */
	async shownSuggestions(): Promise<ShownSuggestion<T>[]> {
		const items = (await this.getSuggestions(this.inputEl.value)).slice(0, this.limit);
		this.resultContainerEl.empty();
		if (items.length === 0) {
			this.resultContainerEl.createDiv({ cls: "suggestion-empty", text: this.emptyStateText });
			this.onNoSuggestion();
		}
		return items.map((item) => {
			const el = this.resultContainerEl.createDiv("suggestion-item");
			this.renderSuggestion(item, el);
			return { item, el, text: el.textContent };
		});
	}
	/** Stand-in only: types `query`, then picks the first suggestion whose text matches `match`; throws when none does. */
	async choose(match: string | RegExp, query = ""): Promise<T> {
		typeInto(this.inputEl, query);
		const shown = await this.shownSuggestions();
		const hit = shown.find((s) => (typeof match === "string" ? s.text.includes(match) : match.test(s.text)));
		if (!hit) throw new Error(`No suggestion matches ${String(match)} for "${query}"; shown: ${shown.map((s) => JSON.stringify(s.text)).join(", ") || "none"}`);
		this.selectSuggestion(hit.item, { type: "click" } as unknown as MouseEvent);
		return hit.item;
	}
}

async function playStep(modal: Modal, step: ModalStep): Promise<void> {
	if (!modal.isOpen) return;
	try {
		if ("escape" in step) {
			modal.close();
		} else if ("choose" in step) {
			if (!(modal instanceof SuggestModal)) throw new Error(`A step chooses ${String(step.choose)}, but the modal "${modal.titleEl.textContent}" is not a SuggestModal`);
			await modal.choose(step.choose, step.query);
		} else {
			if (step.type !== undefined) modal.type(step.type);
			modal.clickButton(step.click);
		}
	} catch (e) {
		modalErrors.push(e instanceof Error ? e.message : String(e));
		modal.close();
	}
}
