/**
 * A question with a few answers as buttons (e.g. the prompt is too large: send the selection
 * only, or cancel). Resolves with the answer's value, or null when the modal was closed.
 */
import { Modal, type App } from "obsidian";
import type { ModalHost } from "../context";
import { openWhileLoaded } from "./lifetime";

export interface ChoiceButton<V> {
	label: string;
	value: V;
	/** The button to press to go ahead (shown as the main one). */
	cta?: boolean;
}

export interface ChoiceOptions<V> {
	title: string;
	paragraphs: string[];
	buttons: ChoiceButton<V>[];
	cls: string;
}

class ChoiceModal<V> extends Modal {
	private answered = false;

	constructor(
		app: App,
		private readonly opts: ChoiceOptions<V>,
		private readonly done: (value: V | null) => void,
	) {
		super(app);
	}

	onOpen(): void {
		const { title, paragraphs, buttons, cls } = this.opts;
		this.modalEl.addClass("azure-reasoning-choice", cls);
		this.setTitle(title);
		for (const text of paragraphs) this.contentEl.createEl("p", { text });
		const row = this.contentEl.createDiv("modal-button-container");
		for (const b of buttons) {
			const button = row.createEl("button", { text: b.label, cls: b.cta ? "mod-cta" : [] });
			button.addEventListener("click", () => {
				this.answered = true;
				this.close();
				this.done(b.value);
			});
		}
	}

	onClose(): void {
		this.contentEl.empty();
		if (!this.answered) this.done(null);
	}
}

export function askChoice<V>(host: ModalHost, opts: ChoiceOptions<V>): Promise<V | null> {
	return new Promise((resolve) => {
		const modal = new ChoiceModal(host.app, opts, resolve);
		openWhileLoaded(modal, host);
	});
}
