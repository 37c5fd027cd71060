/**
 * The plugin's items in Obsidian's context menus, where the text is. Each runs the same code as
 * its command (the same request, the same placement, the same notices), through the one wrapper.
 *
 * - The editor's menu, when text is selected: "Run prompt" with the templates as a submenu on
 *   desktop (on mobile, where submenus do not open, and wherever Obsidian has no submenus, one
 *   "Run prompt…" item opens the template picker, as the command does); "Ask about selection";
 *   "Summarize selection to new note". Nothing without a selection: the menu stays short.
 * - A Markdown file's menu (file explorer, tab header, the note's "more options", a link):
 *   "Summarize to new note", for a note that need not be open.
 * - A folder's menu: "Summarize the notes in this folder" (the batch), kept among the runs a
 *   caller can wait for (BatchService.settled).
 *
 * All in one section of their own, with icons and sentence case (Obsidian's guidelines), from
 * one handler per menu.
 */
import { Platform, TFile, TFolder, type Editor, type MarkdownFileInfo, type MarkdownView, type Menu, type MenuItem, type Plugin, type TAbstractFile } from "obsidian";
import type { OutputMode } from "../core/prompt";
import { summarizeFolder } from "./batch/summarizeFolder";
import { askAboutSelection, runTemplateCommand } from "./commands/inNote";
import { guarded } from "./commands/notify";
import { summarize, summarizeFile } from "./commands/summarize";
import { runTemplateById } from "./commands/templateCommands";
import type { PluginContext } from "./context";

/** The section the plugin's items go in (`MenuItem.setSection`). */
export const MENU_SECTION = "azure-reasoning";

const OUTPUT_ICONS: Record<OutputMode, string> = { replace: "replace", below: "corner-down-left", "new-note": "file-plus" };

/** Where the menus are registered: the plugin (Obsidian detaches the handlers on unload). */
export type MenuRegistry = Pick<Plugin, "registerEvent">;

/** `setSubmenu` is not in obsidian.d.ts: desktop Obsidian has it; on mobile submenus do not open. */
type SubmenuItem = MenuItem & { setSubmenu?: () => Menu };

function submenuOf(item: MenuItem): Menu | null {
	if (Platform.isMobile) return null;
	const set = (item as SubmenuItem).setSubmenu;
	return typeof set === "function" ? set.call(item) : null;
}

function addSelectionItems(ctx: PluginContext, menu: Menu, editor: Editor, view: MarkdownView | MarkdownFileInfo): void {
	if (!editor.somethingSelected()) return;
	menu.addItem((item) => {
		item.setTitle("Run prompt").setIcon("sparkles").setSection(MENU_SECTION);
		const submenu = submenuOf(item);
		if (!submenu) {
			item.setTitle("Run prompt…").onClick(() => guarded("Run prompt on selection", () => runTemplateCommand(ctx, editor, view, null)));
			return;
		}
		for (const t of ctx.settings.templates) {
			const name = t.name.trim() || t.id;
			submenu.addItem((sub) =>
				sub
					.setTitle(name)
					.setIcon(OUTPUT_ICONS[t.output])
					.onClick(() => guarded(name, () => runTemplateById(ctx, editor, view, t.id))),
			);
		}
	});
	menu.addItem((item) =>
		item
			.setTitle("Ask about selection")
			.setIcon("message-circle")
			.setSection(MENU_SECTION)
			.onClick(() => guarded("Ask about selection", () => askAboutSelection(ctx, editor, view))),
	);
	menu.addItem((item) =>
		item
			.setTitle("Summarize selection to new note")
			.setIcon("file-text")
			.setSection(MENU_SECTION)
			.onClick(() => guarded("Summarize selection to new note", () => summarize(ctx, editor, view, "selection"))),
	);
}

export const FOLDER_MENU_TITLE = "Summarize the notes in this folder";

function addFileItems(ctx: PluginContext, menu: Menu, file: TAbstractFile): void {
	if (file instanceof TFolder) {
		menu.addItem((item) =>
			item
				.setTitle(FOLDER_MENU_TITLE)
				.setIcon("files")
				.setSection(MENU_SECTION)
				.onClick(() => void ctx.services.batches.track(guarded(FOLDER_MENU_TITLE, () => summarizeFolder(ctx, file)))),
		);
		return;
	}
	if (!(file instanceof TFile) || file.extension !== "md") return;
	menu.addItem((item) =>
		item
			.setTitle("Summarize to new note")
			.setIcon("file-text")
			.setSection(MENU_SECTION)
			.onClick(() => guarded("Summarize to new note", () => summarizeFile(ctx, file))),
	);
}

/** Adds the plugin's items to the editor's and the files' context menus, for as long as the plugin is loaded. */
export function registerMenus(plugin: MenuRegistry, ctx: PluginContext): void {
	const { workspace } = ctx.app;
	plugin.registerEvent(workspace.on("editor-menu", (menu, editor, view) => addSelectionItems(ctx, menu, editor, view)));
	plugin.registerEvent(workspace.on("file-menu", (menu, file) => addFileItems(ctx, menu, file)));
}
