/**
 * A suggest modal as a promise: the chosen item, or null when the user closed it. Obsidian
 * closes the modal before it hands the choice over (`selectSuggestion`: close, then
 * `onChooseSuggestion`), so a close is only taken as "no choice" once that call has returned.
 */
import { SuggestModal, type App } from "obsidian";
import type { ModalHost } from "../context";
import { openWhileLoaded } from "./lifetime";

export interface PickerOptions<T> {
	items: readonly T[];
	/** The suggestion's title. */
	title: (item: T) => string;
	/** A second line under the title. */
	note?: (item: T) => string;
	placeholder: string;
	/** Extra class on the modal, so each picker can be styled (and told apart). */
	cls: string;
}

/** True when every word of the query appears in the text (case-insensitive). */
export function matchesQuery(text: string, query: string): boolean {
	const hay = text.toLowerCase();
	return query
		.toLowerCase()
		.split(/\s+/)
		.filter((w) => w !== "")
		.every((w) => hay.includes(w));
}

class PickerModal<T> extends SuggestModal<T> {
	private chosen = false;

	constructor(
		app: App,
		private readonly opts: PickerOptions<T>,
		private readonly done: (item: T | null) => void,
	) {
		super(app);
		this.setPlaceholder(opts.placeholder);
		this.modalEl.addClass("azure-reasoning-picker", opts.cls);
	}

	getSuggestions(query: string): T[] {
		const { items, title, note } = this.opts;
		return items.filter((item) => matchesQuery(`${title(item)} ${note?.(item) ?? ""}`, query));
	}

	renderSuggestion(item: T, el: HTMLElement): void {
		el.createDiv({ cls: "suggestion-title", text: this.opts.title(item) });
		const note = this.opts.note?.(item);
		if (note) el.createDiv({ cls: "suggestion-note", text: note });
	}

	onChooseSuggestion(item: T): void {
		this.chosen = true;
		this.done(item);
	}

	onClose(): void {
		window.setTimeout(() => {
			if (!this.chosen) this.done(null);
		}, 0);
	}
}

export function pick<T>(host: ModalHost, opts: PickerOptions<T>): Promise<T | null> {
	return new Promise((resolve) => {
		const modal = new PickerModal(host.app, opts, resolve);
		openWhileLoaded(modal, host);
	});
}
