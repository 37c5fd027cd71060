/** "Summarize the notes in this folder" in a folder's context menu (the file explorer's). */
import { TFolder, type Menu, type Plugin, type TAbstractFile } from "obsidian";
import type { PluginContext } from "../context";
import { guarded } from "../commands/notify";
import { summarizeFolder } from "./summarizeFolder";

export const FOLDER_MENU_TITLE = "Summarize the notes in this folder";

export function registerFolderMenu(plugin: Plugin, ctx: PluginContext): void {
	plugin.registerEvent(
		ctx.app.workspace.on("file-menu", (menu: Menu, file: TAbstractFile) => {
			if (!(file instanceof TFolder)) return;
			menu.addItem((item) =>
				item
					.setTitle(FOLDER_MENU_TITLE)
					.setIcon("files")
					.onClick(() => void ctx.services.batches.track(guarded(FOLDER_MENU_TITLE, () => summarizeFolder(ctx, file)))),
			);
		}),
	);
}
