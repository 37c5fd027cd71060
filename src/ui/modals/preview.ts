/**
 * "Preview request": what would be sent, as it would be sent, without sending it. Read-only;
 * Copy puts the (redacted) text on the clipboard.
 */
import { Modal, Notice, type App } from "obsidian";
import type { ModalHost } from "../context";
import { openWhileLoaded } from "./lifetime";

export interface PreviewContent {
	/** Lines above the request: the deployment, the template, the estimate. */
	summary: string[];
	/** The request in HTTP's layout, credentials redacted. */
	request: string;
}

class PreviewModal extends Modal {
	constructor(
		app: App,
		private readonly content: PreviewContent,
		private readonly done: () => void,
	) {
		super(app);
	}

	onOpen(): void {
		this.modalEl.addClass("azure-reasoning-preview");
		this.setTitle("Request preview (not sent)");
		for (const line of this.content.summary) this.contentEl.createEl("p", { text: line });
		this.contentEl.createEl("pre", { cls: "azure-reasoning-request-preview" }).createEl("code", { text: this.content.request });
		const row = this.contentEl.createDiv("modal-button-container");
		row.createEl("button", { text: "Copy" }).addEventListener("click", () => {
			void navigator.clipboard.writeText(this.content.request).then(
				() => new Notice("The request is on the clipboard (key redacted)."),
				() => new Notice("Could not copy to the clipboard."),
			);
		});
		row.createEl("button", { text: "Close", cls: "mod-cta" }).addEventListener("click", () => this.close());
	}

	onClose(): void {
		this.contentEl.empty();
		this.done();
	}
}

/** Shows the preview; resolves when it is closed. */
export function showPreview(host: ModalHost, content: PreviewContent): Promise<void> {
	return new Promise((resolve) => {
		const modal = new PreviewModal(host.app, content, resolve);
		openWhileLoaded(modal, host);
	});
}
