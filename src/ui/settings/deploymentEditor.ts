/**
 * One deployment's page: its fields, each with its findings right under it (validated as the
 * user types, after a pause), one-click fixes, and the test button. Everything typed is saved,
 * valid or not; validation only decides whether the deployment can be used.
 *
 * An empty required field says "Required" as a neutral note until it is touched (typed into,
 * chosen, left) or Test is pressed; then it is an error like any other. The header says where the
 * page stands (its one live region) and lists the problems, each a link to its field. Rare fields
 * sit under Advanced, folded until one of them has something to say.
 */
import { debounce, Setting, type App, type Debouncer } from "obsidian";
import { KNOWN_DATED_VERSIONS } from "../../core/apiVersion";
import { deploymentFamily } from "../../core/validateOptions";
import type { DeploymentConfig } from "../../core/settings";
import { validateDeployment, type Field, type Fix } from "../../core/validate";
import type { EntraSession } from "../../azure/entraClient";
import { apiFields, deploymentNameField, displayNameField, endpointField, familyField, markdownField, modelFields } from "./deploymentFields";
import { authMethodField, authorityField, entraFields, type AuthEditor, type SignInState } from "./entraFields";
import { findingsContainer, showFindings, type ShownFinding } from "./findings";
import { keyFields } from "./keyField";
import { labelControls } from "./labels";
import { BACK_TO_OVERVIEW, TYPING_DEBOUNCE_MS, type SettingsHost } from "./host";
import { FoldedSection } from "./foldedSection";
import { deploymentTitle, drawPageStatus, pageStatusElements, type PageProblem } from "./pageStatus";
import { setupPage, type SetupHooks } from "./firstRun";
import { TestPanel } from "./testButton";

/** A validation finding, or a note (what a paste filled in), under a field. */
type FieldFinding = ShownFinding & { field: Field; fix?: Fix };

interface Row {
	setting: Setting;
	findingsEl: HTMLElement;
	focusEl: HTMLElement | null;
	advanced: boolean;
}

// The list and the templates take these from here.
export { deploymentTitle, statusText } from "./pageStatus";

export class DeploymentEditor implements AuthEditor {
	customVersion: boolean;
	private rows = new Map<Field, Row>();
	private readonly commit: Debouncer<[], void>;
	readonly test: TestPanel;
	private header: { line: HTMLElement; list: HTMLElement } | null = null;
	private readonly advanced = new FoldedSection();
	private pasteNote: string | null = null;
	private redrawSignIn: (() => void) | null = null;
	/** Fields the user has typed into, chosen or left: their "Required" turns into an error. */
	private readonly touched = new Set<Field>();
	/** Test was pressed: every problem is shown as it is. */
	private revealAll = false;

	constructor(
		private readonly host: SettingsHost,
		private readonly el: HTMLElement,
		readonly cfg: DeploymentConfig,
		/** The first-run page: the five steps only (firstRun.ts). */
		private readonly setup?: SetupHooks,
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
			onRun: () => {
				this.revealAll = true;
				void this.refresh();
			},
			onResult: () => {
				if (this.setup) this.render();
				else this.refresh();
			},
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
		this.advanced.clear();
		this.header = null;
		this.redrawSignIn = null;
		// The table's rules as they hold for this deployment (Azure's own list of efforts, once it gave one).
		const family = deploymentFamily(this.cfg);
		if (this.setup) setupPage(this.el, this, family, this.setup);
		else this.renderPage(family);
		const problems = this.refresh();
		// Advanced opens by itself when one of its fields has an error or a warning to show.
		if (problems.some((p) => (p.severity === "error" || p.severity === "warning") && p.field !== "test" && this.rows.get(p.field)?.advanced)) this.advanced.set(true);
		labelControls(this.el);
		if (focus) this.focus(focus);
	}

	private renderPage(family: ReturnType<typeof deploymentFamily>): void {
		const el = this.el;
		const header = new Setting(el).setName(deploymentTitle(this.cfg)).addButton((b) =>
			b.setButtonText(BACK_TO_OVERVIEW).onClick(() => this.host.go({ kind: "overview" })),
		);
		this.header = pageStatusElements(el, header);
		new Setting(el).setName("Connection").setHeading();
		endpointField(el, this);
		deploymentNameField(el, this);
		familyField(el, this, family);
		authMethodField(el, this);
		if (this.cfg.auth === "entra") this.redrawSignIn = entraFields(el, this);
		else keyFields(el, this);
		displayNameField(el, this);
		new Setting(el).setName("Model").setHeading();
		if (family) modelFields(el, this, family);
		else new Setting(el).setDesc("Choose the model family above: what can be set here depends on it.");
		new Setting(el).setName("Test").setHeading();
		this.test.render(el);
		this.renderAdvanced(family);
	}

	/** API style and version, Markdown output, the sign-in authority: the family's defaults suit nearly everyone. */
	private renderAdvanced(family: ReturnType<typeof deploymentFamily>): void {
		const desc = "The API style and version, Markdown output, and the sign-in authority: the model family's defaults suit nearly every deployment.";
		const body = this.advanced.draw(this.el, "Advanced", desc, `azure-reasoning-advanced-${this.cfg.id}`);
		apiFields(body, this, family);
		if (family) markdownField(body, this, family);
		if (this.cfg.auth === "entra") authorityField(body, this);
	}

	register(field: Field, setting: Setting, focusEl: HTMLElement | null): void {
		const existing = this.rows.get(field);
		if (existing) {
			existing.focusEl = focusEl ?? existing.focusEl;
			return;
		}
		const advanced = this.advanced.contains(setting.settingEl);
		this.rows.set(field, { setting, findingsEl: findingsContainer(setting.infoEl, focusEl), focusEl, advanced });
		focusEl?.addEventListener("input", () => this.touched.add(field));
		focusEl?.addEventListener("focusout", () => {
			if (this.touched.has(field)) return;
			this.touched.add(field);
			this.refresh();
		});
	}

	typed(): void {
		this.pasteNote = null;
		this.commit();
	}

	chosen(field: Field): void {
		this.touched.add(field);
		this.commit.cancel();
		this.save();
		this.render(field);
	}

	set(field: Field, patch: Partial<DeploymentConfig>): void {
		this.apply(patch);
		this.chosen(field);
	}

	pastedUri(patch: Partial<DeploymentConfig>, note: string): void {
		this.apply(patch);
		this.touched.add("endpoint");
		this.pasteNote = note;
		this.save();
		this.render("endpoint");
	}

	/** Runs what typing scheduled now (leaving the page, the test button). */
	flush(): void {
		this.commit.run();
	}

	applyFix(fix: Fix, field: Field): void {
		this.commit.cancel();
		this.apply(fix.patch);
		this.save();
		const target = Object.keys(fix.patch).find((k): k is Field => this.rows.has(k as Field)) ?? field;
		this.render(target);
	}

	private apply(patch: Partial<DeploymentConfig>): void {
		Object.assign(this.cfg, patch);
		if (patch.apiVersion !== undefined) this.customVersion = !KNOWN_DATED_VERSIONS.includes(patch.apiVersion);
	}

	private save(): void {
		this.setup?.adopt();
		void this.host.save();
	}

	private validateAndSave(): void {
		this.refresh();
		this.save();
	}

	private focus(field: string): void {
		const row = this.rows.get(field as Field) ?? this.rows.get("family");
		if (row?.advanced) this.advanced.set(true);
		row?.focusEl?.focus();
	}

	/** A problem's link: opens Advanced when the field is there, then focuses the field and scrolls to it. */
	reveal(field: Field | "test"): void {
		const target = field === "test" ? null : (this.rows.get(field) ?? this.rows.get("family"));
		const rowEl = target?.setting.settingEl ?? this.test.rowEl;
		if (!rowEl) return;
		if (target) this.focus(field);
		if (!target?.focusEl) {
			rowEl.tabIndex = -1;
			rowEl.focus();
		}
		rowEl.scrollIntoView({ block: "center" });
	}

	/** Validates what is in the fields now and shows each finding under its field; returns what the header lists. */
	refresh(): PageProblem[] {
		const name = this.cfg.secretName.trim();
		const result = validateDeployment(this.cfg, name === "" ? {} : { secretAvailable: Boolean(this.host.readSecret(name)) });
		const shown = new Map<Row, FieldFinding[]>();
		for (const row of this.rows.values()) shown.set(row, []);
		// A finding about a field that is not shown (reasoning effort on a family without one) goes under the family.
		const fallback = this.rows.get("family");
		const problems: PageProblem[] = [];
		for (const f of result.findings) {
			const required = f.missing === true && !this.revealAll && !this.touched.has(f.field);
			const finding: FieldFinding = { ...f, severity: required ? "required" : f.severity };
			const row = this.rows.get(f.field) ?? fallback;
			if (row) shown.get(row)?.push(finding);
			problems.push({ field: this.rows.has(f.field) ? f.field : "family", severity: finding.severity, message: f.message });
		}
		// The header lists them in the page's order.
		const order = [...this.rows.keys()] as (Field | "test")[];
		problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
		const endpointRow = this.rows.get("endpoint");
		if (this.pasteNote !== null && endpointRow) shown.get(endpointRow)?.push({ field: "endpoint", severity: "info", message: this.pasteNote });
		for (const [row, list] of shown) {
			showFindings(row.findingsEl, list, (f) => {
				if (f.fix) this.applyFix(f.fix, f.field);
			});
		}
		this.redrawSignIn?.();
		if (this.header) drawPageStatus(this.header, result, problems, this.test.current(), (field) => this.reveal(field));
		return problems;
	}
}
