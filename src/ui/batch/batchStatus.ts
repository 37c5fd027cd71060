/**
 * A batch's progress while its view is closed: a status-bar item (click: the view again) on
 * desktop, a notice on mobile, where there is no status bar (a tap dismisses it: it comes back only
 * when the batch pauses, resumes, is cancelled or a note fails); at the end, a notice with the
 * outcome and a way back to the view (its failures).
 */
import { Notice, Platform, type Plugin } from "obsidian";
import { showNotice } from "../commands/notify";
import { statusLine } from "./progressText";
import type { BatchSession } from "./session";

export class BatchStatus {
	private item: HTMLElement | null = null;
	private notice: Notice | null = null;
	private ticker: number | null = null;
	/** On mobile: what the notice last showed (state and failures), and what it showed when the user tapped it away. */
	private shownKey = "";
	private dismissedKey: string | null = null;

	constructor(
		private readonly plugin: Plugin,
		private readonly reopen: () => void,
	) {}

	show(session: BatchSession): void {
		const text = statusLine(session.folderLabel, session.snapshot());
		if (Platform.isMobile) {
			const line = `${text}. Run "Summarize folder to new notes" again to see it.`;
			const s = session.snapshot();
			const key = `${s.state}:${s.failed}`;
			if (this.notice && !this.notice.messageEl.isConnected) this.dismissedKey ??= this.shownKey;
			// The end is told by finished(), once the index is written.
			const over = s.state === "finished" || s.state === "cancelled";
			if (this.dismissedKey !== null && (this.dismissedKey === key || over)) return this.tick(session);
			if (this.dismissedKey !== null || !this.notice) {
				this.dismissedKey = null;
				this.notice = new Notice(line, 0);
			} else this.notice.setMessage(line);
			this.shownKey = key;
		} else {
			if (!this.item) {
				this.item = this.plugin.addStatusBarItem();
				this.item.addClass("azure-reasoning-status", "mod-clickable");
				this.item.setAttribute("aria-label", "Batch of summaries: click to show its progress");
				// Goes with the item (hide, or the plugin's unload).
				this.item.addEventListener("click", () => this.reopen());
			}
			this.item.setText(text);
		}
		this.tick(session);
	}

	private tick(session: BatchSession): void {
		// Cleared by hide() (the batch ended or its view came back) and by dispose on unload.
		this.ticker ??= window.setInterval(() => session.notify(), 1000);
	}

	hide(): void {
		if (this.ticker !== null) window.clearInterval(this.ticker);
		this.ticker = null;
		this.item?.remove();
		this.item = null;
		this.notice?.hide();
		this.notice = null;
		this.dismissedKey = null;
	}

	/** The batch ended: when its view is not showing, say how it ended. */
	finished(session: BatchSession, viewShown: boolean): void {
		const wasShown = this.item !== null || this.notice !== null;
		this.hide();
		if (viewShown || !wasShown) return;
		const s = session.snapshot();
		const how = s.state === "cancelled" ? "cancelled" : "done";
		showNotice(`Summaries of ${session.folderLabel} ${how}: ${s.done} written, ${s.skipped} skipped, ${s.failed} failed.`, s.failed > 0 ? 0 : 12_000, [{ label: "Show", run: () => session.openProgress() }]);
	}
}
