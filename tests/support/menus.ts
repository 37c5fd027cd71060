/**
 * Opening Obsidian's context menus in the stand-in host as Obsidian does: a new Menu, the
 * workspace's 'editor-menu' or 'file-menu' event (each plugin adds its items), then the menu
 * shown (items added later are dropped). The menus are read and clicked through
 * tests/support/obsidian/menu.ts.
 */
import type { ObsidianHost } from "./host";
import { Menu, TFile } from "./obsidian";

/** The menu on a right-click in the active editor (Obsidian shows it for an editor in source mode only). */
export function openEditorMenu(host: ObsidianHost): Menu {
	const view = host.standInApp.workspace.activeEditor;
	if (!view) throw new Error("No note is open in an active editor: there is no editor menu to open");
	const menu = new Menu();
	host.standInApp.workspace.trigger("editor-menu", menu, view.editor, view);
	return menu.showAtPosition({ x: 0, y: 0 });
}

/** The menu on a right-click on a file (source: "file-explorer", "tab-header", "more-options", "link-context-menu"…). */
export function openFileMenu(host: ObsidianHost, path: string, source = "file-explorer"): Menu {
	const file = host.standInApp.vault.getAbstractFileByPath(path);
	if (!file) throw new Error(`There is no "${path}" in the vault`);
	const menu = new Menu();
	const leaf = source === "tab-header" || source === "more-options" ? host.standInApp.workspace.getLeavesOfType("markdown").find((l) => (l.view as { file?: TFile | null }).file === file) : undefined;
	host.standInApp.workspace.trigger("file-menu", menu, file, source, leaf);
	return menu.showAtPosition({ x: 0, y: 0 });
}
