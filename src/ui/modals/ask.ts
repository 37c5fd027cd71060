/**
 * "Ask about selection": a free instruction about the selected text, in a box with a visible
 * label. Ask (or Ctrl+Enter, Cmd+Enter on a Mac: the hint names the platform's key) sends it; an
 * empty instruction sends nothing. Resolves with the instruction, or null.
 */
import { Modal, Platform, type App } from "obsidian";
import type { ModalHost } from "../context";
import { openWhileLoaded } from "./lifetime";

let nextId = 1;

/** Where the answer goes, and the key that asks on this platform (none on a phone: no keyboard to press it on). */
export function askHint(): string {
	const where = "The answer goes below the selection.";
	if (Platform.isPhone) return where;
	return `${where} ${Platform.isMacOS || Platform.isIosApp ? "Cmd" : "Ctrl"}+Enter asks.`;
}

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
		const id = `azure-reasoning-ask-${nextId++}`;
		this.contentEl.createEl("label", { cls: "azure-reasoning-ask-label", text: "What should the model do with this text?", attr: { for: id } });
		const input = this.contentEl.createEl("textarea", { cls: "azure-reasoning-ask-input", attr: { id, rows: 4, placeholder: "For example: list the risks, or turn it into a table" } });
		input.value = "";
		const hint = this.contentEl.createDiv({ cls: "setting-item-description", text: askHint() });
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
