/**
 * "Show reasoning": the reasoning summary of an answer placed in a note, read-only, apart from
 * the answer. Copy puts it on the clipboard.
 */
import { Modal, Notice, type App } from "obsidian";
import type { ModalHost } from "../context";
import { openWhileLoaded } from "./lifetime";

class ReasoningModal extends Modal {
	constructor(
		app: App,
		private readonly heading: string,
		private readonly summary: string,
	) {
		super(app);
	}

	onOpen(): void {
		this.modalEl.addClass("azure-reasoning-reasoning");
		this.setTitle(this.heading);
		this.contentEl.createDiv({ cls: "azure-reasoning-reasoning-text", text: this.summary });
		const row = this.contentEl.createDiv("modal-button-container");
		row.createEl("button", { text: "Copy" }).addEventListener("click", () => {
			void navigator.clipboard.writeText(this.summary).then(
				() => new Notice("The reasoning summary is on the clipboard."),
				() => new Notice("Could not copy to the clipboard."),
			);
		});
		row.createEl("button", { text: "Close", cls: "mod-cta" }).addEventListener("click", () => this.close());
	}

	onClose(): void {
		this.contentEl.empty();
	}
}

export function showReasoning(host: ModalHost, heading: string, summary: string): void {
	const modal = new ReasoningModal(host.app, heading, summary);
	openWhileLoaded(modal, host);
}
