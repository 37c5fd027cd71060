/**
 * One deployment's page: its fields, each with its findings right under it (validated as the
 * user types, after a pause), one-click fixes, and the test button. Everything typed is saved,
 * valid or not; validation only decides whether the deployment can be used.
 */
import { debounce, Setting, type App, type Debouncer } from "obsidian";
import { KNOWN_DATED_VERSIONS } from "../../core/apiVersion";
import { deploymentFamily } from "../../core/validateOptions";
import type { DeploymentConfig } from "../../core/settings";
import { validateDeployment, type Field, type Fix, type ValidationResult } from "../../core/validate";
import type { EntraSession } from "../../azure/entraClient";
import { connectionFields, modelFields } from "./deploymentFields";
import { entraFields, type AuthEditor, type SignInState } from "./entraFields";
import { findingsContainer, showFindings, type ShownFinding } from "./findings";
import { labelControls } from "./labels";
import { BACK_TO_OVERVIEW, TYPING_DEBOUNCE_MS, type SettingsHost } from "./host";
import { TestPanel } from "./testButton";

/** A validation finding, or a note (what a paste filled in), under a field. */
type FieldFinding = ShownFinding & { field: Field; fix?: Fix };

interface Row {
	findingsEl: HTMLElement;
	focusEl: HTMLElement | null;
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

export class DeploymentEditor implements AuthEditor {
	customVersion: boolean;
	private rows = new Map<Field, Row>();
	private readonly commit: Debouncer<[], void>;
	private readonly test: TestPanel;
	private statusEl: HTMLElement | null = null;
	private pasteNote: string | null = null;
	private redrawSignIn: (() => void) | null = null;

	constructor(
		private readonly host: SettingsHost,
		private readonly el: HTMLElement,
		readonly cfg: DeploymentConfig,
	) {
		this.customVersion = !KNOWN_DATED_VERSIONS.includes(cfg.apiVersion);
		this.commit = debounce(() => this.validateAndSave(), TYPING_DEBOUNCE_MS, true);
		host.onLeave(() => {
			this.commit.run();
		});
		this.test = new TestPanel({
			config: () => this.cfg,
			readSecret: (name) => host.readSecret(name),
			timeoutMs: () => host.settings.timeoutSeconds * 1000,
			maxRetries: () => host.settings.maxRetries,
			requestUrl: host.requestUrl,
			entra: () => host.entraSession?.(this.cfg),
			flush: () => {
				this.commit.run();
			},
			applyFix: (fix, field) => this.applyFix(fix, field),
		});
	}

	get app(): App {
		return this.host.app;
	}

	entraSession(): EntraSession | undefined {
		return this.host.entraSession?.(this.cfg);
	}

	get signIns(): WeakMap<EntraSession, SignInState> {
		return this.host.signIns;
	}

	/** Draws the page; `focus` names a field to put the keyboard focus on. */
	render(focus?: string): void {
		this.el.empty();
		this.rows.clear();
		// The table's rules as they hold for this deployment (Azure's own list of efforts, once it gave one).
		const family = deploymentFamily(this.cfg);
		const header = new Setting(this.el).setName(deploymentTitle(this.cfg)).addButton((b) =>
			b.setButtonText(BACK_TO_OVERVIEW).onClick(() => this.host.go({ kind: "overview" })),
		);
		this.statusEl = header.descEl;
		new Setting(this.el).setName("Connection").setHeading();
		connectionFields(this.el, this, family);
		this.redrawSignIn = this.cfg.auth === "entra" ? entraFields(this.el, this) : null;
		new Setting(this.el).setName("Model").setHeading();
		modelFields(this.el, this, family);
		new Setting(this.el).setName("Test").setHeading();
		this.test.render(this.el);
		this.refresh();
		labelControls(this.el);
		if (focus) this.focus(focus);
	}

	register(field: Field, setting: Setting, focusEl: HTMLElement | null): void {
		const existing = this.rows.get(field);
		if (existing) {
			// A second control for the same field (the custom api-version box) takes the focus.
			existing.focusEl = focusEl ?? existing.focusEl;
			return;
		}
		this.rows.set(field, { findingsEl: findingsContainer(setting.infoEl), focusEl });
	}

	typed(): void {
		if (this.pasteNote !== null) {
			this.pasteNote = null;
		}
		this.commit();
	}

	chosen(field: Field): void {
		this.commit.cancel();
		void this.host.save();
		this.render(field);
	}

	pastedUri(patch: Partial<DeploymentConfig>, note: string): void {
		this.apply(patch);
		this.pasteNote = note;
		void this.host.save();
		this.render("endpoint");
	}

	/** Runs what typing scheduled now (leaving the page, the test button). */
	flush(): void {
		this.commit.run();
	}

	applyFix(fix: Fix, field: Field): void {
		this.commit.cancel();
		this.apply(fix.patch);
		void this.host.save();
		const target = Object.keys(fix.patch).find((k): k is Field => this.rows.has(k as Field)) ?? field;
		this.render(target);
	}

	private apply(patch: Partial<DeploymentConfig>): void {
		Object.assign(this.cfg, patch);
		if (patch.apiVersion !== undefined) this.customVersion = !KNOWN_DATED_VERSIONS.includes(patch.apiVersion);
	}

	private validateAndSave(): void {
		this.refresh();
		void this.host.save();
	}

	private focus(field: string): void {
		const row = this.rows.get(field as Field) ?? this.rows.get("family");
		row?.focusEl?.focus();
	}

	/** Validates what is in the fields now and shows each finding under its field. */
	refresh(): void {
		const name = this.cfg.secretName.trim();
		const result = validateDeployment(this.cfg, name === "" ? {} : { secretAvailable: Boolean(this.host.readSecret(name)) });
		const shown = new Map<Row, FieldFinding[]>();
		for (const row of this.rows.values()) shown.set(row, []);
		// A finding about a field that is not shown (reasoning effort on a family without one) goes under the family.
		const fallback = this.rows.get("family");
		for (const f of result.findings) {
			const row = this.rows.get(f.field) ?? fallback;
			if (row) shown.get(row)?.push(f);
		}
		const endpointRow = this.rows.get("endpoint");
		if (this.pasteNote !== null && endpointRow) shown.get(endpointRow)?.push({ field: "endpoint", severity: "info", message: this.pasteNote });
		for (const [row, list] of shown) {
			showFindings(row.findingsEl, list, (f) => {
				if (f.fix) this.applyFix(f.fix, f.field);
			});
		}
		this.redrawSignIn?.();
		if (this.statusEl) this.statusEl.setText(result.ready ? `${statusText(result)}: commands can use it.` : `${statusText(result)} before commands can use it.`);
	}
}
