/**
 * The deployment page's header: where the deployment stands, in one line that is the page's only
 * live region (announced when it changes, not on every pause in typing), then the problems, each
 * a link to its field. The line follows the last test while the settings are still the ones it
 * tested: "Ready" is not said after the test found the wrong model family or failed.
 */
import { FIELD_LABELS, type DeploymentConfig } from "../../core/settings";
import type { Field, ValidationResult } from "../../core/validate";
import type { ShownFinding } from "./findings";
import type { ReportFinding } from "./testButton";

export interface PageProblem {
	/** The field to go to; "test" for what the test found about no field in particular. */
	field: Field | "test";
	severity: ShownFinding["severity"];
	message: string;
}

/** "Ready", "Ready, 1 warning", "2 problems to fix": for the list and the page's header. */
export function statusText(result: ValidationResult): string {
	const errors = result.findings.filter((f) => f.severity === "error").length;
	const warnings = result.findings.length - errors;
	if (errors > 0) return `${errors} ${errors === 1 ? "problem" : "problems"} to fix`;
	return warnings > 0 ? `Ready, ${warnings} ${warnings === 1 ? "warning" : "warnings"}` : "Ready";
}

/** The name a deployment goes by in the tab. */
export function deploymentTitle(cfg: DeploymentConfig): string {
	return cfg.displayName.trim() || cfg.deployment.trim() || "Unnamed deployment";
}

const SEVERITY: Record<ShownFinding["severity"], string> = { error: "Error", warning: "Warning", required: "Required", info: "Note" };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The header's line. */
export function pageStatusText(result: ValidationResult, problems: readonly PageProblem[], test: readonly PageProblem[]): string {
	const errors = problems.filter((p) => p.severity === "error").length;
	const required = problems.filter((p) => p.severity === "required").length;
	const warnings = problems.filter((p) => p.severity === "warning").length;
	const fill = plural(required, "required field", "required fields");
	if (errors > 0) return `${plural(errors, "problem", "problems")} to fix${required > 0 ? ` and ${fill} to fill in` : ""} before commands can use it.`;
	if (required > 0) return `${fill} to fill in before commands can use it.`;
	if (!result.ready) return "Not ready: commands cannot use it yet.";
	if (test.some((p) => p.severity === "error")) return "The test failed: commands would fail the same way until it is fixed.";
	if (test.length > 0) return `Ready, but the test found ${plural(test.length, "problem", "problems")}.`;
	return warnings > 0 ? `Ready, ${plural(warnings, "warning", "warnings")}: commands can use it.` : "Ready: commands can use it.";
}

function fieldName(field: Field | "test"): string {
	if (field === "test") return "Test";
	const label = FIELD_LABELS[field];
	return label.charAt(0).toUpperCase() + label.slice(1);
}

/** The header's status line (in the header row's description) and the list of problems (below the row, the page's full width). */
export function pageStatusElements(page: HTMLElement, header: { descEl: HTMLElement; settingEl: HTMLElement }): { line: HTMLElement; list: HTMLElement } {
	const line = header.descEl.createDiv({ cls: "azure-reasoning-page-status", attr: { role: "status" } });
	const list = page.createEl("ul", { cls: "azure-reasoning-problems", attr: { "aria-label": "Problems" } });
	header.settingEl.insertAdjacentElement("afterend", list);
	return { line, list };
}

/** Draws (or updates) the header's line and its list of problems. */
export function drawPageStatus({ line, list }: { line: HTMLElement; list: HTMLElement }, result: ValidationResult, problems: readonly PageProblem[], report: readonly ReportFinding[] | null, reveal: (field: Field | "test") => void): void {
	// While the settings have errors, the test sent nothing for their sake: they are listed already.
	const test: PageProblem[] = (result.ready ? (report ?? []) : []).filter((f) => f.severity === "error" || f.severity === "warning").map((f) => ({ field: f.field ?? "test", severity: f.severity, message: f.message }));
	const text = pageStatusText(result, problems, test);
	// Only a change is announced: the same line set again would be read again by some screen readers.
	if (line.textContent !== text) line.setText(text);
	list.empty();
	for (const p of [...problems.filter((x) => x.severity !== "info"), ...test]) {
		const item = list.createEl("li", { cls: `is-${p.severity}` });
		item.createSpan({ cls: "azure-reasoning-finding-label", text: `${SEVERITY[p.severity]}: ` });
		const link = item.createEl("a", { cls: "azure-reasoning-problem-link", text: fieldName(p.field), attr: { href: "#" } });
		link.addEventListener("click", (ev) => {
			ev.preventDefault();
			reveal(p.field);
		});
		// A required field is named only: what it needs is said under the field.
		if (p.severity !== "required") item.appendText(`: ${p.message}`);
	}
}
