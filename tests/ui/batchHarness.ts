/**
 * What the batch tests share, beside the command harness: a vault of notes in folders, a virtual
 * clock for the batch (its retry-after waits and backoffs cost no real time, and are recorded), a
 * recorder in place of the request history, and the progress view found among the open modals
 * (a folder's context menu: tests/support/menus.ts).
 */
import type { HistoryEntry } from "../../src/core/historyEntry";
import { findEls, Modal, modalWatchers } from "../support/obsidian";
import type { Harness } from "./commandsHarness";
import { userMessage } from "./commandsHarness";

export const BATCH = "summarize-folder-to-new-notes";

/** The answer the emulator gives: names the note the prompt was about and quotes its last line, so each summary can be traced to its source. */
export function answerNaming(): (body: unknown) => string {
	return (body) => {
		const text = userMessage({ body } as never);
		const title = /Summarize the note "([^"]+)"/.exec(text)?.[1] ?? "?";
		const note = text.slice(text.indexOf("\n\n") + 2);
		const last = note.split("\n").filter((l) => l.trim() !== "").at(-1) ?? "";
		return `Gist of ${title}: ${last}`;
	};
}

export interface BatchProbe {
	slept: number[];
	history: HistoryEntry[];
	/** The text of each batch start modal shown. */
	startTexts: string[];
}

/** Puts the virtual clock and the history recorder into the loaded plugin (sources or main.js). */
export function probe(h: Harness): BatchProbe {
	const p: BatchProbe = { slept: [], history: [], startTexts: [] };
	let t = 1_000_000;
	const services = h.plugin.services as unknown as { batches: { clock: unknown }; history: unknown };
	services.batches.clock = {
		now: () => t,
		sleep: async (ms: number) => {
			p.slept.push(ms);
			t += ms;
			await new Promise((r) => setImmediate(r));
		},
	};
	services.history = { record: (e: HistoryEntry) => void p.history.push(e) };
	modalWatchers.push((m) => {
		if (m.modalEl.hasClass("azure-reasoning-batch-start")) p.startTexts.push(m.contentEl.textContent);
	});
	return p;
}

/** The progress view, when it is open. */
export function progressView(): Modal | undefined {
	return Modal.opened.find((m) => m.modalEl.hasClass("azure-reasoning-batch"));
}

export function progressText(): string {
	return progressView()?.contentEl.textContent ?? "";
}

export function bar(): { value: unknown } | undefined {
	const view = progressView();
	return view ? (findEls(view.contentEl, (el) => el.tagName === "PROGRESS")[0] as unknown as { value: unknown }) : undefined;
}

/** The notes under `folder` (the summaries' folder), sorted. */
export function notesUnder(h: Harness, folder: string): string[] {
	return h.notes().filter((p) => p.startsWith(`${folder}/`));
}
