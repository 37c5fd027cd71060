/**
 * "Test deployment": one small compliant request through exactly the path commands take
 * (runPrompt: validation, the request builder, the client over requestUrl), then what answered:
 * the latency, the real model (the response's `model`), the reasoning tokens, and whether the
 * declared family fits that model, with a one-click switch when it does not. Failures get the
 * commands' own explanations.
 */
import { Setting } from "obsidian";
import { runPrompt, type TokenSource } from "../../azure/runPrompt";
import type { RequestUrlFn } from "../../azure/transport";
import type { Explanation } from "../../core/errors";
import { familySwitchPatch } from "../../core/familySwitch";
import { familyOfModel, getFamily, isFamilyId, type FamilyId } from "../../core/families";
import type { DeploymentConfig } from "../../core/settings";
import { validateDeployment, type Field, type Fix } from "../../core/validate";
import { showFindings, type ShownFinding } from "./findings";

export const TEST_PROMPT = "Reply with OK.";
/** Reasoning counts against the budget: a test with a tiny one would fail for that alone. */
export const MIN_TEST_BUDGET = 2_000;

export type TestReport =
	| { ok: true; latencyMs: number; model: string; reasoningTokens: number | null; answer: string; actualFamily: FamilyId | null }
	| { ok: false; explanation: Explanation; sent: boolean };

export interface TestInput {
	config: DeploymentConfig;
	apiKey: string | null;
	timeoutMs: number;
	maxRetries: number;
	requestUrl: RequestUrlFn;
	/** The Entra ID session of a deployment that signs in instead of using a key. */
	entra?: TokenSource;
}

/** Sends the test request. Never throws; the key never appears in what it returns. */
export async function testDeployment(input: TestInput): Promise<TestReport> {
	const { ready } = validateDeployment(input.config, { secretAvailable: input.apiKey !== null && input.apiKey !== "" });
	// The deployment's own budget, but never so small that reasoning alone could use it up.
	const budget = ready ? Math.min(ready.family.maxOutputTokens, Math.max(ready.maxCompletionTokens, MIN_TEST_BUDGET)) : input.config.maxCompletionTokens;
	const result = await runPrompt({
		config: { ...input.config, maxCompletionTokens: budget },
		apiKey: input.apiKey,
		...(input.entra ? { entra: input.entra } : {}),
		prompt: TEST_PROMPT,
		timeoutMs: input.timeoutMs,
		maxRetries: input.maxRetries,
		requestUrl: input.requestUrl,
	});
	if (!result.ok) return { ok: false, explanation: result.explanation, sent: result.sent };
	const c = result.completion;
	return {
		ok: true,
		latencyMs: result.elapsedMs,
		model: c.model,
		reasoningTokens: c.usage ? c.usage.reasoningTokens : null,
		answer: c.text,
		actualFamily: familyOfModel(c.model)?.id ?? null,
	};
}

/** What the report says, as findings (the same look as the fields' findings). */
export type ReportFinding = ShownFinding & { fix?: Fix; field?: Field };

export function describeReport(report: TestReport, config: DeploymentConfig): { summary: string; findings: ReportFinding[] } {
	const declared = config.family;
	if (!report.ok) {
		const e = report.explanation;
		return {
			summary: report.sent ? "The test request failed." : "Nothing was sent.",
			findings: [{ severity: "error", message: `${e.title} ${e.detail}`, ...(e.fix ? { fix: e.fix } : {}), ...(e.setting ? { field: e.setting } : {}) }],
		};
	}
	const seconds = (report.latencyMs / 1000).toFixed(1);
	const reasoning = report.reasoningTokens === null ? "it did not report reasoning tokens" : `${report.reasoningTokens.toLocaleString("en-US")} reasoning tokens`;
	const answer = report.answer.length > 80 ? `${report.answer.slice(0, 80)}…` : report.answer;
	const summary = `Answered in ${seconds} s by ${report.model || "an unnamed model"}, with ${reasoning}. It said: ${answer}`;
	const declaredLabel = isFamilyId(declared) ? getFamily(declared).label : "not chosen";
	if (report.actualFamily === null) {
		return { summary, findings: [{ severity: "warning", message: `The plugin does not know the model ${report.model || "(none named)"}: check that the model family (${declaredLabel}) follows its rules.` }] };
	}
	if (report.actualFamily !== declared) {
		const actual = getFamily(report.actualFamily);
		// A family that lacks the deployment's operation switches it too, or the fix would leave an error behind.
		// Everything the real family would refuse moves with it, so the switch leaves nothing to fix.
		const patch = familySwitchPatch(config, actual.id);
		return {
			summary,
			findings: [
				{
					severity: "warning",
					message: `This deployment runs ${actual.label}, but its model family is set to ${declaredLabel}: requests follow the wrong family's rules.`,
					fix: { label: `Use ${actual.label}`, patch },
					field: "family",
				},
			],
		};
	}
	return { summary, findings: [{ severity: "info", message: `That is the model family chosen (${declaredLabel}).` }] };
}

export interface TestPanelHost {
	config(): DeploymentConfig;
	readSecret(name: string): string | null;
	timeoutMs(): number;
	maxRetries(): number;
	readonly requestUrl: RequestUrlFn;
	/** The deployment's Entra ID session, when it signs in with Entra ID. */
	entra?(): TokenSource | undefined;
	/** Before sending: save what was typed. */
	flush(): void;
	/** A fix from the report (switch the family, or an explanation's fix): apply, save, draw again. */
	applyFix(fix: Fix, field: Field): void;
	/** The test was pressed (every problem is shown from now on), then it ended: the page's status follows. */
	onRun?(): void;
	onResult?(): void;
}

function entraOf(host: TestPanelHost): { entra?: TokenSource } {
	const entra = host.entra?.();
	return entra ? { entra } : {};
}

/** The button and its result; keeps the last result across redraws of the editor. */
export class TestPanel {
	private running = false;
	private last: TestReport | null = null;
	private resultEl: HTMLElement | null = null;
	private button: HTMLButtonElement | null = null;
	/** The button's row, where a problem about the test as a whole is linked to. */
	rowEl: HTMLElement | null = null;
	/** The settings the last report is about; once they change, the report no longer says anything about them. */
	private tested: string | null = null;

	constructor(private readonly host: TestPanelHost) {}

	/** The last report's findings, while the settings are still those it tested. */
	current(): ReportFinding[] | null {
		if (!this.last || this.tested !== JSON.stringify(this.host.config())) return null;
		return describeReport(this.last, this.host.config()).findings;
	}

	/** The last test answered, from the family chosen, for the settings as they are. */
	passed(): boolean {
		return this.last?.ok === true && this.last.actualFamily === this.host.config().family && this.current() !== null;
	}

	render(el: HTMLElement, label = "Test deployment"): void {
		const row = new Setting(el)
			.setName(label)
			.setDesc(`Sends one short request ("${TEST_PROMPT}") the way commands do, and shows which model answered.`)
			.addButton((b) => {
				this.button = b.buttonEl;
				b.setButtonText(this.running ? "Testing…" : "Test deployment")
					.setDisabled(this.running)
					.onClick(() => void this.run());
			});
		this.rowEl = row.settingEl;
		this.resultEl = row.infoEl.createDiv({ cls: "azure-reasoning-test-result", attr: { "aria-live": "polite" } });
		this.showResult();
	}

	async run(): Promise<void> {
		if (this.running) return;
		this.host.flush();
		this.running = true;
		this.last = null;
		this.host.onRun?.();
		this.setButton();
		this.showResult();
		const cfg = this.host.config();
		this.tested = JSON.stringify(cfg);
		const name = cfg.secretName.trim();
		try {
			this.last = await testDeployment({
				config: cfg,
				apiKey: name === "" ? null : this.host.readSecret(name),
				timeoutMs: this.host.timeoutMs(),
				maxRetries: this.host.maxRetries(),
				requestUrl: this.host.requestUrl,
				...entraOf(this.host),
			});
		} finally {
			this.running = false;
			this.setButton();
			this.showResult();
			this.host.onResult?.();
		}
	}

	private setButton(): void {
		if (!this.button) return;
		this.button.disabled = this.running;
		this.button.setText(this.running ? "Testing…" : "Test deployment");
	}

	private showResult(): void {
		const el = this.resultEl;
		if (!el) return;
		el.empty();
		if (this.running) {
			el.createDiv({ cls: "azure-reasoning-test-summary", text: "Waiting for the answer; reasoning models can take a while." });
			return;
		}
		if (!this.last) return;
		const { summary, findings } = describeReport(this.last, this.host.config());
		el.createDiv({ cls: "azure-reasoning-test-summary", text: summary });
		const list = el.createDiv("azure-reasoning-findings");
		showFindings(list, findings, (f) => {
			if (!f.fix) return;
			// A failure's fix makes its report obsolete; a family switch keeps it (it then matches).
			if (this.last && !this.last.ok) this.last = null;
			// A switch makes the settings what the test found: the report holds for them (set before the page redraws).
			else this.tested = JSON.stringify({ ...this.host.config(), ...f.fix.patch });
			this.host.applyFix(f.fix, f.field ?? "family");
		});
	}
}
