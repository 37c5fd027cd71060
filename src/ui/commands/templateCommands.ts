/**
 * One command per prompt template, `template-<id>`, named after the template. Kept in step with
 * the settings by `TemplateCommands.sync` (owned by the services; every save calls it): a new
 * template gets its command, a renamed one is registered again under its new name (same id), a
 * removed one loses it. The command looks its template up when it runs, so an edited text needs
 * no new registration.
 */
import type { Editor, MarkdownFileInfo, MarkdownView, Plugin } from "obsidian";
import type { PluginContext } from "../context";
import { guarded, tell, type CommandOutcome } from "./notify";
import { runTemplateCommand } from "./inNote";

export const TEMPLATE_COMMAND_PREFIX = "template-";

/** The command id for a template id: lower case, and only letters, digits, "-" and "_". */
export function templateCommandId(templateId: string): string {
	const slug = templateId
		.toLowerCase()
		.replace(/[^a-z0-9_-]+/g, "-")
		.replace(/^-+|-+$/g, "");
	return `${TEMPLATE_COMMAND_PREFIX}${slug || "unnamed"}`;
}

/** Runs the template with this id, looked up when it runs (the command and the editor menu). */
export function runTemplateById(ctx: PluginContext, editor: Editor, view: MarkdownView | MarkdownFileInfo, templateId: string): Promise<CommandOutcome> {
	const template = ctx.settings.templates.find((t) => t.id === templateId);
	if (!template) return Promise.resolve(tell(false, "This prompt template no longer exists."));
	return runTemplateCommand(ctx, editor, view, template);
}

/** Where the commands are registered: the plugin (Obsidian removes them on unload). */
export type CommandRegistry = Pick<Plugin, "addCommand" | "removeCommand">;

/** The plugin's template commands: command id → the name it was registered with. */
export class TemplateCommands {
	private readonly registered = new Map<string, string>();

	constructor(
		private readonly plugin: CommandRegistry,
		private readonly ctx: PluginContext,
	) {}

	/** Registers, renames and removes commands until there is one per template. */
	sync(): void {
		const { plugin, ctx, registered } = this;
		const wanted = new Map<string, { templateId: string; name: string }>();
		for (const t of ctx.settings.templates) {
			const id = templateCommandId(t.id);
			if (!wanted.has(id)) wanted.set(id, { templateId: t.id, name: t.name.trim() || t.id });
		}
		for (const [id, name] of registered) {
			if (wanted.get(id)?.name !== name) {
				plugin.removeCommand(id);
				registered.delete(id);
			}
		}
		for (const [id, { templateId, name }] of wanted) {
			if (registered.has(id)) continue;
			plugin.addCommand({
				id,
				name,
				editorCallback: (editor, view) => guarded(name, () => runTemplateById(ctx, editor, view, templateId)),
			});
			registered.set(id, name);
		}
	}

	/** Forgets them (Obsidian removes the commands themselves on unload). */
	dispose(): void {
		this.registered.clear();
	}
}
