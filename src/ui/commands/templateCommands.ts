/**
 * One command per prompt template, `template-<id>`, named after the template. Kept in step with
 * the settings by `syncTemplateCommands`: a new template gets its command, a renamed one is
 * registered again under its new name (same id), a removed one loses it. The command looks its
 * template up when it runs, so an edited text needs no new registration.
 */
import type AzureReasoningPlugin from "../../main";
import { guarded, tell } from "./notify";
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

/** The registered template commands of each loaded plugin: command id → the name it was registered with. */
const registered = new WeakMap<AzureReasoningPlugin, Map<string, string>>();

export function syncTemplateCommands(plugin: AzureReasoningPlugin): void {
	const mine = registered.get(plugin) ?? new Map<string, string>();
	registered.set(plugin, mine);
	const wanted = new Map<string, { templateId: string; name: string }>();
	for (const t of plugin.settings.templates) {
		const id = templateCommandId(t.id);
		if (!wanted.has(id)) wanted.set(id, { templateId: t.id, name: t.name.trim() || t.id });
	}
	for (const [id, name] of mine) {
		if (wanted.get(id)?.name !== name) {
			plugin.removeCommand(id);
			mine.delete(id);
		}
	}
	for (const [id, { templateId, name }] of wanted) {
		if (mine.has(id)) continue;
		plugin.addCommand({
			id,
			name,
			editorCallback: (editor, ctx) =>
				guarded(name, () => {
					const template = plugin.settings.templates.find((t) => t.id === templateId);
					if (!template) return tell(false, "This prompt template no longer exists.");
					return runTemplateCommand(plugin, editor, ctx, template);
				}),
		});
		mine.set(id, name);
	}
}

/** Forgets the plugin's template commands (Obsidian removes the commands themselves on unload). */
export function forgetTemplateCommands(plugin: AzureReasoningPlugin): void {
	registered.delete(plugin);
}
