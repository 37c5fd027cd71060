/**
 * Opening a modal for as long as the plugin lives: unloading the plugin closes it (a modal left
 * open would act for a plugin that is gone), which resolves its promise as "no choice".
 */
import type { Modal } from "obsidian";
import type { ModalHost } from "../context";

/** Opens `modal`; the end of the plugin's lifetime (its unload) closes it. */
export function openWhileLoaded(modal: Modal, { services: { lifetime } }: ModalHost): void {
	const close = () => modal.close();
	const previous = modal.onClose.bind(modal);
	modal.onClose = () => {
		lifetime.removeEventListener("abort", close);
		previous();
	};
	lifetime.addEventListener("abort", close, { once: true });
	modal.open();
	if (lifetime.aborted) modal.close();
}
