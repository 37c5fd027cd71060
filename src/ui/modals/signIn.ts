/**
 * "Sign in with Microsoft": the device-code sign-in in a modal, as the settings tab shows it: the
 * address as a link, the code with a copy button, a status line for each waiting state, then who
 * signed in. Closing it (Cancel, Escape, the plugin's unload) stops the polling. Tokens are never shown.
 */
import { Modal, Notice, type App } from "obsidian";
import type { DeviceCode } from "../../core/entra";

export class SignInModal extends Modal {
	/** Aborted when the modal closes: the sign-in stops polling. */
	readonly stop = new AbortController();
	private codeEl: HTMLElement | null = null;
	private statusEl: HTMLElement | null = null;
	private buttonsEl: HTMLElement | null = null;

	constructor(
		app: App,
		private readonly deploymentLabel: string,
	) {
		super(app);
	}

	onOpen(): void {
		this.modalEl.addClass("azure-reasoning-sign-in");
		this.setTitle("Sign in with Microsoft");
		this.contentEl.createEl("p", { text: `For the deployment ${this.deploymentLabel}.` });
		this.codeEl = this.contentEl.createDiv({ cls: "azure-reasoning-entra" });
		this.statusEl = this.contentEl.createDiv({ cls: "azure-reasoning-entra-status", attr: { "aria-live": "polite" } });
		this.buttonsEl = this.contentEl.createDiv("modal-button-container");
		this.button("Cancel", false);
	}

	/** The address and the code to enter there. */
	showCode(code: DeviceCode): void {
		const el = this.codeEl;
		if (!el) return;
		el.empty();
		el.createDiv({ text: "Open the address below, enter this code, and sign in with your work account:" });
		el.createEl("a", { text: code.verificationUri, href: code.verificationUri });
		el.createDiv({ cls: "azure-reasoning-entra-code", text: code.userCode });
		this.buttonsEl?.empty();
		const copy = this.buttonsEl?.createEl("button", { text: "Copy code", cls: "mod-cta" });
		copy?.addEventListener("click", () => {
			void navigator.clipboard.writeText(code.userCode).then(
				() => new Notice("The sign-in code is on the clipboard."),
				() => new Notice("Could not copy to the clipboard."),
			);
		});
		this.button("Cancel", false);
	}

	/** The status line: a waiting state, or how the sign-in ended. */
	setStatus(text: string, isError = false): void {
		this.statusEl?.setText(text);
		this.statusEl?.toggleClass("is-error", isError);
	}

	/** The end: the outcome in the status line, the code gone, and one button to close. */
	finish(text: string, ok: boolean): void {
		this.codeEl?.empty();
		this.setStatus(text, !ok);
		this.buttonsEl?.empty();
		this.button("Close", true);
	}

	private button(text: string, cta: boolean): void {
		const b = this.buttonsEl?.createEl("button", { text, cls: cta ? "mod-cta" : [] });
		b?.addEventListener("click", () => this.close());
	}

	onClose(): void {
		this.stop.abort();
		this.contentEl.empty();
	}
}
