/**
 * Before a batch sends anything: how many notes, how many are up to date (skipped), the
 * estimated prompt tokens, where the summaries go, and the notes too large for the deployment
 * (listed, never sent); then Start or Cancel. Resolves true for Start.
 */
import { Modal } from "obsidian";
import type { BatchPlan } from "../../core/batchPlan";
import { formatCount } from "../../core/count";
import type { ModalHost } from "../context";
import { openWhileLoaded } from "../modals/lifetime";

export interface StartInfo {
	plan: BatchPlan;
	/** "Work", or "the vault". */
	folderLabel: string;
	/** The deployment's name and family, for "too large for …". */
	deploymentLabel: string;
	familyLabel: string;
	concurrency: number;
}

/** The lines the modal shows, for the notice on a phone and for tests: numbers first. */
export function startLines(info: StartInfo): string[] {
	const { plan } = info;
	const notes = plan.todo.length + plan.upToDate.length + plan.tooLarge.length + plan.empty.length;
	const changed = plan.todo.filter((t) => t.replaces || t.kept.length > 0).length;
	const beside = plan.todo.filter((t) => t.kept.length > 0).length;
	const edited = beside > 0 ? `; ${beside} of their summaries you edited: kept as they are, the new ${beside === 1 ? "one goes" : "ones go"} beside them` : "";
	const skippedEmpty = plan.empty.length > 0 ? `, ${plan.empty.length} empty (skipped)` : "";
	const tooLarge = plan.tooLarge.length > 0 ? `, ${plan.tooLarge.length} too large (not sent)` : "";
	return [
		`${notes} ${notes === 1 ? "note" : "notes"}: ${plan.todo.length} to summarize${changed > 0 ? ` (${changed} changed since their summary${edited})` : ""}, ${plan.upToDate.length} up to date (skipped)${skippedEmpty}${tooLarge}.`,
		`Estimated prompt tokens: about ${formatCount(plan.promptTokens)} (an estimate; the answers and their reasoning come on top).`,
		`On ${info.deploymentLabel}, ${info.concurrency} at a time. The summaries go to ${plan.mirror}/, with an index note.`,
	];
}

class StartModal extends Modal {
	private answered = false;

	constructor(
		host: ModalHost,
		private readonly info: StartInfo,
		private readonly done: (start: boolean) => void,
	) {
		super(host.app);
	}

	onOpen(): void {
		const { plan } = this.info;
		this.modalEl.addClass("azure-reasoning-batch-start");
		this.setTitle(`Summarize the notes in ${this.info.folderLabel}`);
		for (const text of startLines(this.info)) this.contentEl.createEl("p", { text });
		if (plan.tooLarge.length > 0) {
			this.contentEl.createEl("p", { text: `Too large for ${this.info.familyLabel}'s context window, not sent:` });
			const list = this.contentEl.createEl("ul", { cls: "azure-reasoning-batch-too-large" });
			for (const t of plan.tooLarge) {
				const li = list.createEl("li");
				li.createSpan({ text: t.sourcePath, cls: "azure-reasoning-batch-path" });
				li.createSpan({ text: ` (about ${formatCount(t.promptTokens)} tokens; ${formatCount(t.available)} fit)` });
			}
		}
		const row = this.contentEl.createDiv("modal-button-container");
		const button = (text: string, start: boolean, cta: boolean) => {
			const b = row.createEl("button", { text, cls: cta ? "mod-cta" : [] });
			b.addEventListener("click", () => {
				this.answered = true;
				this.close();
				this.done(start);
			});
		};
		button("Start", true, true);
		button("Cancel", false, false);
	}

	onClose(): void {
		this.contentEl.empty();
		if (!this.answered) this.done(false);
	}
}

export function askStart(host: ModalHost, info: StartInfo): Promise<boolean> {
	return new Promise((resolve) => openWhileLoaded(new StartModal(host, info, resolve), host));
}
