/**
 * The batch, `summarize-folder-to-new-notes` on `--folder PATH` (issue 12 §1), as the user runs it:
 * the folder's context menu (the workspace's "file-menu" event with the folder, as the file
 * explorer opens it), "Summarize the notes in this folder", "Start" in the pre-start modal (the
 * demo's user answers it, scripts/demo/user.ts; there is none when every note is up to date:
 * then nothing is asked and nothing is sent), then the batch awaited to its end through the
 * plugin's `services.batches.settled()`. It prints the batch's outcome and the progress view's
 * last lines; the notes created and changed, the requests and the history entries are printed by
 * run.ts. The batch runs on the plugin's own clock (real time: a terminal run); a test puts a
 * virtual one in `services.batches.clock` from its onLoaded hook, as tests/ui/batchHarness.ts does.
 */
import type { ObsidianHost } from "../../tests/support/host";
import { Menu, Modal, type FakeElement } from "../../tests/support/obsidian";
import { DemoRefusal } from "./target";
import type { DemoIo, Outcome } from "./user";

export const FOLDER_COMMAND = "summarize-folder-to-new-notes";
export const FOLDER_MENU_ITEM = "Summarize the notes in this folder";
/** The classes of the batch's modals (src/ui/batch/startModal.ts, progressModal.ts). */
export const START_MODAL_CLASS = "azure-reasoning-batch-start";
const PROGRESS_CLASS = "azure-reasoning-batch";

/** Said when the loaded main.js has no batch command. */
export function notInThisBuild(ids: readonly string[]): string {
	return `${FOLDER_COMMAND} is not in this build of main.js: the batch of issue 12 is not in it. The commands it has: ${ids.join(", ")}.`;
}

interface BatchesApi {
	settled(): Promise<unknown[]>;
}

/** A modal's text as lines: one per paragraph, the buttons left out. */
function lines(el: FakeElement): string[] {
	const out: string[] = [];
	for (const child of el.children) {
		if (child.tagName === "BUTTON" || child.hasClass("modal-button-container")) continue;
		if (child.tagName === "DIV" || child.tagName === "UL") out.push(...lines(child));
		else if (child.textContent.trim() !== "") out.push(child.tagName === "LI" ? `  - ${child.textContent}` : child.textContent);
	}
	return out;
}

/**
 * Runs the batch over `folderPath` (vault-relative, checked to exist; "" for the vault's root) in
 * the loaded main.js, as the user does, and resolves when the batch is over, with its outcome (ok
 * false when any note failed or the batch could not start).
 */
export async function runFolderCommand(host: ObsidianHost, folderPath: string, io: DemoIo): Promise<Outcome> {
	const vault = host.standInApp.vault;
	const folder = folderPath === "" ? vault.getRoot() : vault.getFolderByPath(folderPath);
	if (!folder) throw new DemoRefusal(`--folder "${folderPath}" is not a folder the vault shows.`);
	const batches = (host.plugin as unknown as { services?: { batches?: Partial<BatchesApi> } } | null)?.services?.batches;
	if (typeof batches?.settled !== "function") throw new DemoRefusal(`This build of main.js has ${FOLDER_COMMAND} but no batch to wait for (services.batches.settled).`);
	const menu = new Menu();
	host.standInApp.workspace.trigger("file-menu", menu, folder, "file-explorer");
	menu.showAtPosition({ x: 0, y: 0 });
	io.out(`[the user] right-clicks the folder ${folderPath || "/"}: ${menu.items().map((i) => `"${i.title}"`).join(", ")}; clicks "${FOLDER_MENU_ITEM}"`);
	menu.item(FOLDER_MENU_ITEM).click();
	const outcomes = (await batches.settled()) as (Outcome | undefined)[];
	const outcome = outcomes.at(-1);
	if (!outcome || typeof outcome.ok !== "boolean") return { ok: false, message: "The batch ended without an outcome." };
	io.out(`The batch ended: ${outcome.message ?? ""}`);
	const view = Modal.opened.find((m) => m.modalEl.hasClass(PROGRESS_CLASS));
	io.out(view ? `--- the progress view at the end ---\n${lines(view.contentEl).join("\n")}` : "--- no progress view: nothing was sent ---");
	return outcome;
}
