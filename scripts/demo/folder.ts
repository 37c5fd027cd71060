/**
 * The batch, `summarize-folder-to-new-notes` on `--folder PATH` (issue 12 §1), as the demo will run
 * it: the folder's context menu, "Summarize the notes in this folder", "Start" in the pre-start
 * modal, then the batch awaited to its end. The batch is being built on another branch; until it
 * is merged, main.js registers no such command and the demo says so (exit code 2) rather than
 * pretend. runFolderCommand is the one function its integration fills in.
 */
import type { ObsidianHost } from "../../tests/support/host";
import { DemoRefusal } from "./target";
import type { DemoIo, Outcome } from "./user";

export const FOLDER_COMMAND = "summarize-folder-to-new-notes";
export const FOLDER_MENU_ITEM = "Summarize the notes in this folder";

/** Said when the loaded main.js has no batch command. */
export function notInThisBuild(ids: readonly string[]): string {
	return `${FOLDER_COMMAND} is not in this build of main.js: the batch of issue 12 is not merged yet. The commands it has: ${ids.join(", ")}.`;
}

/**
 * Runs the batch over `folderPath` (vault-relative, checked to exist) in the loaded main.js, as the
 * user does, and resolves when the batch is over, with its outcome (ok false when any note failed).
 *
 * TO FILL IN with the batch's merge, and nothing else in the demo needs to change:
 * 1. open the folder's context menu (the workspace's "file-menu" event, with the TFolder at
 *    `folderPath`) and click the item titled FOLDER_MENU_ITEM;
 * 2. answer the pre-start modal with "Start" (a `{ click: "Start" }` step in playTheUser,
 *    scripts/demo/user.ts, under the modal's class), after printing its counts and estimate;
 * 3. await the batch's end (the command's returned promise, or the batch's own), print its
 *    done / skipped / failed counts through `io`, and return its outcome.
 * The demo prints the notes created and changed, the requests and the history entries itself.
 */
export async function runFolderCommand(_host: ObsidianHost, folderPath: string, _io: DemoIo): Promise<Outcome> {
	throw new DemoRefusal(`This demo cannot run ${FOLDER_COMMAND} on "${folderPath}" yet: scripts/demo/folder.ts's runFolderCommand is filled in when the batch is merged.`);
}
