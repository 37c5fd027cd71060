/**
 * "Preview request": what would be sent, without sending it. Read first: the summary, then the
 * instructions and the prompt as readable text (wrapped, as the model reads them); the request
 * itself (address, headers, JSON body, credentials redacted) is folded away under a <details>.
 * Read-only; Copy puts the raw request on the clipboard; the buttons stay below a short modal.
 */
import { Modal, Notice, type App } from "obsidian";
import type { ModalHost } from "../context";
import { openWhileLoaded } from "./lifetime";

export interface PreviewContent {
	/** Lines above the request: the deployment, the template, the estimate. */
	summary: string[];
	/** What the model reads, as text: the instructions (when sent apart) and the prompt. */
	parts: { label: string; text: string }[];
	/** The request in HTTP's layout, credentials redacted. */
	request: string;
}

/** The readable parts of a built request: its instructions (when sent apart) and the prompt, the last part. */
export function promptSections(promptParts: readonly { content: string }[]): PreviewContent["parts"] {
	const prompt = promptParts.at(-1)?.content ?? "";
	const instructions = promptParts.length > 1 ? promptParts.slice(0, -1).map((p) => p.content).join("\n\n") : "";
	return [...(instructions ? [{ label: "Instructions", text: instructions }] : []), { label: "Prompt", text: prompt }];
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
		for (const part of this.content.parts) {
			this.contentEl.createDiv({ cls: "azure-reasoning-preview-label", text: part.label });
			this.contentEl.createDiv({ cls: "azure-reasoning-preview-text", text: part.text });
		}
		const raw = this.contentEl.createEl("details", { cls: "azure-reasoning-preview-raw" });
		raw.createEl("summary", { text: "The request as sent: address, headers and JSON (key redacted)" });
		raw.createEl("pre", { cls: "azure-reasoning-request-preview" }).createEl("code", { text: this.content.request });
		const row = this.contentEl.createDiv("modal-button-container");
		row.createEl("button", { text: "Copy request" }).addEventListener("click", () => {
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
