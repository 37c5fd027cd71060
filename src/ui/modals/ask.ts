/**
 * "Ask about selection": a free instruction about the selected text. Ask (or Ctrl/Cmd+Enter)
 * sends it; an empty instruction sends nothing. Resolves with the instruction, or null.
 */
import { Modal, type App } from "obsidian";
import type { ModalHost } from "../context";
import { openWhileLoaded } from "./lifetime";

class AskModal extends Modal {
	private answered = false;

	constructor(
		app: App,
		private readonly selectionPreview: string,
		private readonly done: (instruction: string | null) => void,
	) {
		super(app);
	}

	onOpen(): void {
		this.modalEl.addClass("azure-reasoning-ask");
		this.setTitle("Ask about the selection");
		this.contentEl.createEl("p", { cls: "azure-reasoning-ask-about", text: this.selectionPreview });
		const input = this.contentEl.createEl("textarea", { cls: "azure-reasoning-ask-input", attr: { rows: 4, placeholder: "What should the model do with this text?", "aria-label": "Instruction" } });
		input.value = "";
		const hint = this.contentEl.createDiv({ cls: "setting-item-description", text: "The answer goes below the selection. Ctrl+Enter (Cmd+Enter) asks." });
		const row = this.contentEl.createDiv("modal-button-container");
		const submit = () => {
			const text = input.value.trim();
			if (text === "") {
				hint.setText("Type an instruction first.");
				return;
			}
			this.answered = true;
			this.close();
			this.done(text);
		};
		row.createEl("button", { text: "Ask", cls: "mod-cta" }).addEventListener("click", submit);
		row.createEl("button", { text: "Cancel" }).addEventListener("click", () => this.close());
		input.addEventListener("keydown", (ev: KeyboardEvent) => {
			if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
				ev.preventDefault();
				submit();
			}
		});
		input.focus();
	}

	onClose(): void {
		this.contentEl.empty();
		if (!this.answered) this.done(null);
	}
}

/** The first 200 characters of the selection, on one line, for the modal to show what is asked about. */
export function selectionPreview(selection: string): string {
	const flat = selection.replace(/\s+/g, " ").trim();
	return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

export function askInstruction(host: ModalHost, selection: string): Promise<string | null> {
	return new Promise((resolve) => {
		const modal = new AskModal(host.app, selectionPreview(selection), resolve);
		openWhileLoaded(modal, host);
	});
}
