/**
 * Prompt templates: the list (add, edit, remove, reorder) and one template's page (name, text
 * with placeholders, output mode, optional deployment). Unknown placeholders are flagged as the
 * text is typed, with a one-click fix when one is a near miss of a real placeholder.
 */
import { debounce, Setting } from "obsidian";
import { isAnswerFormat, type AnswerFormat } from "../../core/answerFormat";
import { PLACEHOLDERS, unknownPlaceholders, type OutputMode, type PromptTemplate } from "../../core/prompt";
import { deploymentTitle } from "./deploymentEditor";
import { findingsContainer, showFindings, type ShownFinding } from "./findings";
import { BACK_TO_OVERVIEW, freshId, TYPING_DEBOUNCE_MS, type SettingsHost } from "./host";

export const OUTPUT_LABELS: Record<OutputMode, string> = { replace: "Replace the selection", below: "Insert below the selection", "new-note": "New note" };

export const FORMAT_LABELS: Record<AnswerFormat, string> = { plain: "Plain text", quote: "Quote", callout: "Callout (model, time, tokens)" };

type TemplateFinding = ShownFinding & { field: "name" | "text"; replace?: { from: string; to: string } };

function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let prev = row[0] ?? 0;
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const here = row[j] ?? 0;
			row[j] = Math.min(here + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
			prev = here;
		}
	}
	return row[b.length] ?? 0;
}

const LIST = PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ");

/** What is wrong with a template, field by field. */
export function templateFindings(t: PromptTemplate): TemplateFinding[] {
	const out: TemplateFinding[] = [];
	if (t.name.trim() === "") out.push({ field: "name", severity: "warning", message: "Give the template a name: the template picker lists templates by name." });
	if (t.text.trim() === "") {
		out.push({ field: "text", severity: "error", message: "The prompt is empty: nothing would be asked." });
		return out;
	}
	for (const name of unknownPlaceholders(t.text)) {
		const near = PLACEHOLDERS.find((p) => distance(name.toLowerCase(), p) <= 2);
		out.push({
			field: "text",
			severity: "warning",
			message: `{{${name}}} is not a placeholder: it is sent as written. The placeholders are ${LIST}.`,
			...(near ? { fix: { label: `Use {{${near}}}` }, replace: { from: name, to: near } } : {}),
		});
	}
	const used = PLACEHOLDERS.filter((p) => new RegExp(`\\{\\{\\s*${p}\\s*\\}\\}`).test(t.text));
	if (used.length === 0) out.push({ field: "text", severity: "warning", message: `The prompt uses none of ${LIST}: nothing from your note is sent.` });
	else if (!used.includes("selection") && !used.includes("note")) out.push({ field: "text", severity: "info", message: "Only the note's title is sent, not its text: add {{selection}} or {{note}} to send the text." });
	return out;
}

/** Applies a finding's fix (a near-miss placeholder replaced); false when it has none. */
function applyTemplateFix(t: PromptTemplate, f: TemplateFinding): boolean {
	if (!f.replace) return false;
	const escaped = f.replace.from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
	t.text = t.text.replace(new RegExp(`\\{\\{\\s*${escaped}\\s*\\}\\}`, "g"), `{{${f.replace.to}}}`);
	return true;
}

export function renderTemplateList(el: HTMLElement, host: SettingsHost, redraw: (focus?: string) => void): void {
	const s = host.settings;
	new Setting(el).setName("Prompt templates").setHeading();
	new Setting(el)
		.setName("Templates")
		.setDesc("Commands offer them in this order. In a prompt, {{selection}} stands for the selected text, {{note}} for the whole note and {{title}} for its title.")
		.addButton((b) =>
			b.setButtonText("Add template").onClick(() => {
				const t: PromptTemplate = { id: freshId("template", s.templates), name: "New template", text: "{{selection}}", output: "below", deploymentId: null };
				s.templates.push(t);
				void host.save();
				host.go({ kind: "template", id: t.id });
			}),
		);
	const move = (i: number, by: number) => {
		const [t] = s.templates.splice(i, 1);
		if (!t) return;
		s.templates.splice(i + by, 0, t);
		void host.save();
		redraw(`${by < 0 ? "up" : "down"}:${t.id}`);
	};
	s.templates.forEach((t, i) => {
		const dep = t.deploymentId ? s.deployments.find((d) => d.id === t.deploymentId) : undefined;
		const row = new Setting(el)
			.setClass("azure-reasoning-template")
			.setName(t.name.trim() || "Unnamed template")
			.setDesc(`${OUTPUT_LABELS[t.output]}${t.format && t.format !== "plain" ? ` · ${FORMAT_LABELS[t.format]}` : ""}${dep ? ` · ${deploymentTitle(dep)}` : ""}`);
		showFindings(findingsContainer(row.infoEl), templateFindings(t), (f) => {
			if (!applyTemplateFix(t, f)) return;
			void host.save();
			redraw();
		});
		row.addButton((b) => {
			b.setIcon("arrow-up").setTooltip(`Move ${t.name} up`).setDisabled(i === 0).onClick(() => move(i, -1));
			b.buttonEl.setAttr("data-focus", `up:${t.id}`);
		})
			.addButton((b) => {
				b.setIcon("arrow-down").setTooltip(`Move ${t.name} down`).setDisabled(i === s.templates.length - 1).onClick(() => move(i, 1));
				b.buttonEl.setAttr("data-focus", `down:${t.id}`);
			})
			.addButton((b) => b.setButtonText("Edit").setTooltip(`Edit template ${t.name}`).onClick(() => host.go({ kind: "template", id: t.id })))
			.addButton((b) =>
				b
					.setButtonText("Remove")
					.setTooltip(s.templates.length === 1 ? "Remove: keep at least one template" : `Remove template ${t.name}`)
					.setDisabled(s.templates.length === 1)
					.onClick(() => {
						s.templates.splice(i, 1);
						void host.save();
						redraw();
					}),
			);
	});
}

export function renderTemplateEditor(el: HTMLElement, host: SettingsHost, t: PromptTemplate): void {
	const s = host.settings;
	new Setting(el).setName(t.name.trim() || "Unnamed template").addButton((b) => b.setButtonText(BACK_TO_OVERVIEW).onClick(() => host.go({ kind: "overview" })));

	const nameRow = new Setting(el).setName("Name").setDesc("How the template picker and the template's command call it.");
	// A full-width box under its name: a prompt is paragraphs, not a word (styles.css).
	const textRow = new Setting(el).setClass("azure-reasoning-wide").setName("Prompt").setDesc(`What is sent. ${LIST} are replaced by the selected text, the whole note and its title.`);
	const containers = { name: findingsContainer(nameRow.infoEl), text: findingsContainer(textRow.infoEl) };
	let textArea: HTMLTextAreaElement | null = null;
	const refresh = () => {
		const all = templateFindings(t);
		for (const field of ["name", "text"] as const) {
			showFindings(
				containers[field],
				all.filter((f) => f.field === field),
				(f) => {
					if (!textArea || !applyTemplateFix(t, f)) return;
					textArea.value = t.text;
					void host.save();
					refresh();
					textArea.focus();
				},
			);
		}
	};
	const commit = debounce(
		() => {
			refresh();
			void host.save();
		},
		TYPING_DEBOUNCE_MS,
		true,
	);
	host.onLeave(() => {
		commit.run();
	});
	nameRow.addText((x) =>
		x.setValue(t.name).onChange((v) => {
			t.name = v;
			commit();
		}),
	);
	textRow.addTextArea((x) => {
		textArea = x.inputEl;
		x.inputEl.rows = 8;
		x.setValue(t.text).onChange((v) => {
			t.text = v;
			commit();
		});
	});
	new Setting(el)
		.setName("Answer goes")
		.setDesc("Where the answer is put.")
		.addDropdown((d) => {
			for (const [mode, label] of Object.entries(OUTPUT_LABELS)) d.addOption(mode, label);
			d.setValue(t.output).onChange((v) => {
				t.output = v === "replace" || v === "new-note" ? v : "below";
				void host.save();
			});
		});
	new Setting(el)
		.setName("Answer format")
		.setDesc("How the answer is written, so that it stands apart from your own text. An answer that replaces the selection is usually plain text.")
		.addDropdown((d) => {
			for (const [format, label] of Object.entries(FORMAT_LABELS)) d.addOption(format, label);
			d.setValue(t.format ?? "plain").onChange((v) => {
				t.format = isAnswerFormat(v) ? v : "plain";
				void host.save();
			});
		});
	new Setting(el)
		.setName("Deployment")
		.setDesc("The deployment this template uses; by default, the default deployment.")
		.addDropdown((d) => {
			d.addOption("", "The default deployment");
			for (const dep of s.deployments) d.addOption(dep.id, deploymentTitle(dep));
			d.setValue(t.deploymentId ?? "").onChange((v) => {
				t.deploymentId = v === "" ? null : v;
				void host.save();
			});
		});
	refresh();
}
