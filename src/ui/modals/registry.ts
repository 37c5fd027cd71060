/**
 * The plugin's open modals, so that unloading the plugin closes them (a modal left open would
 * act for a plugin that is gone). Closing one resolves its promise as "no choice".
 */
import type { Modal } from "obsidian";

const open = new Set<Modal>();

/** Remembers the modal until it closes. Call before `open()`. */
export function trackModal(modal: Modal): void {
	open.add(modal);
	const previous = modal.onClose.bind(modal);
	modal.onClose = () => {
		open.delete(modal);
		previous();
	};
}

export function closeAllModals(): void {
	for (const m of [...open]) m.close();
}
