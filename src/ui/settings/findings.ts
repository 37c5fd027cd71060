/**
 * Findings under a settings field: errors and warnings styled apart (styles.css), each with its
 * one-click fix when there is one. The severity is also written out, so it never rests on colour.
 *
 * No findings container is a live region: they are redrawn after each pause in typing, and a
 * screen reader would reread every one of them. Each is instead the accessible description of its
 * field's control (aria-describedby), read when the user is at the field; the page's status line
 * is the one live region that announces a change (deploymentEditor.ts).
 */
import { fixName } from "../../core/fixName";
import type { DeploymentConfig } from "../../core/settings";

export interface ShownFinding {
	/** "required": a required field left empty, shown as a neutral note until the field is touched. */
	severity: "error" | "warning" | "info" | "required";
	message: string;
	/** A one-click fix: its button's label, and what it sets (for the button's accessible name). */
	fix?: { label: string; patch?: Partial<DeploymentConfig> };
}

const LABEL: Record<ShownFinding["severity"], string> = { error: "Error", warning: "Warning", info: "Note", required: "Required" };

let nextId = 1;

/** Joins `id` to the element's accessible description (keeping what describes it already). */
export function describeWith(control: HTMLElement, id: string): void {
	const ids = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((x) => x !== "");
	if (!ids.includes(id)) control.setAttribute("aria-describedby", [...ids, id].join(" "));
}

/**
 * The container for one field's findings, placed under the field's name and description. With
 * `control`, the findings describe that control (aria-describedby).
 */
export function findingsContainer(infoEl: HTMLElement, control?: HTMLElement | null): HTMLElement {
	const el = infoEl.createDiv({ cls: "azure-reasoning-findings", attr: { id: `azure-reasoning-findings-${nextId++}` } });
	if (control) describeWith(control, el.id);
	return el;
}

/** What is drawn in each container: an unchanged list is not drawn again (nothing flickers, focus stays on its fix). */
const drawn = new WeakMap<HTMLElement, string>();

/**
 * Replaces what `el` shows with `findings`. `onFix` runs with the finding whose fix button was
 * pressed; buttons are real buttons, so they are reached with Tab and pressed with Enter or Space.
 */
export function showFindings<F extends ShownFinding>(el: HTMLElement, findings: readonly F[], onFix: (finding: F) => void): void {
	const key = JSON.stringify(findings.map((f) => [f.severity, f.message, f.fix ?? null]));
	if (drawn.get(el) === key) return;
	drawn.set(el, key);
	el.empty();
	for (const f of findings) {
		const row = el.createDiv({ cls: ["azure-reasoning-finding", `is-${f.severity}`] });
		row.createSpan({ cls: "azure-reasoning-finding-label", text: `${LABEL[f.severity]}: ` });
		row.createSpan({ cls: "azure-reasoning-finding-message", text: f.message });
		if (f.fix) {
			const button = row.createEl("button", { cls: "azure-reasoning-fix", text: f.fix.label });
			const name = fixName(f.fix);
			if (name !== f.fix.label) button.setAttribute("aria-label", name);
			button.addEventListener("click", () => onFix(f));
		}
	}
}
