/**
 * Findings under a settings field: errors and warnings styled apart (styles.css), each with its
 * one-click fix when there is one. The severity is also written out, so it never rests on colour.
 */
export interface ShownFinding {
	severity: "error" | "warning" | "info";
	message: string;
	/** A one-click fix: its button's label (what it changes is the caller's business). */
	fix?: { label: string };
}

const LABEL: Record<ShownFinding["severity"], string> = { error: "Error", warning: "Warning", info: "Note" };

/** The container for one field's findings, placed under the field's name and description. */
export function findingsContainer(infoEl: HTMLElement): HTMLElement {
	return infoEl.createDiv({ cls: "azure-reasoning-findings", attr: { "aria-live": "polite" } });
}

/**
 * Replaces what `el` shows with `findings`. `onFix` runs with the finding whose fix button was
 * pressed; buttons are real buttons, so they are reached with Tab and pressed with Enter or Space.
 */
export function showFindings<F extends ShownFinding>(el: HTMLElement, findings: readonly F[], onFix: (finding: F) => void): void {
	el.empty();
	for (const f of findings) {
		const row = el.createDiv({ cls: ["azure-reasoning-finding", `is-${f.severity}`] });
		row.createSpan({ cls: "azure-reasoning-finding-label", text: `${LABEL[f.severity]}: ` });
		row.createSpan({ cls: "azure-reasoning-finding-message", text: f.message });
		if (f.fix) {
			const button = row.createEl("button", { cls: "azure-reasoning-fix", text: f.fix.label });
			button.addEventListener("click", () => onFix(f));
		}
	}
}
