/**
 * Validation of what the Responses API and the later families add: the operation, reasoning
 * summaries, verbosity, temperature only with effort none, Azure's own list of efforts, and the
 * Responses API's floor on max_output_tokens. Each finding with its one-click fix, and the fix
 * clears it.
 */
import type { FamilyId } from "../../src/core/families";
import { buildRequest } from "../../src/core/request";
import { newDeployment, switchFamily, type DeploymentConfig } from "../../src/core/settings";
import { validateDeployment, type Field } from "../../src/core/validate";

function dep(family: FamilyId, over: Partial<DeploymentConfig> = {}): DeploymentConfig {
	return { ...newDeployment("d", family), endpoint: "https://r.openai.azure.com", deployment: "my-dep", secretName: "k", apiStyle: "v1", apiVersion: "", ...over };
}

const CASES: { name: string; cfg: DeploymentConfig; field: Field; severity: "error" | "warning"; message: RegExp; fix: Partial<DeploymentConfig> }[] = [
	{ name: "o3-pro on chat completions", cfg: dep("o3-pro", { operation: "chat-completions" }), field: "operation", severity: "error", message: /only on the Responses API.*OperationNotSupported/, fix: { operation: "responses" } },
	{ name: "gpt-5-pro on chat completions", cfg: dep("gpt-5-pro", { operation: "chat-completions" }), field: "operation", severity: "error", message: /only on the Responses API/, fix: { operation: "responses" } },
	{ name: "o1-mini on the Responses API", cfg: dep("o1-mini", { operation: "responses" }), field: "operation", severity: "error", message: /no Responses API/, fix: { operation: "chat-completions" } },
	{ name: "o1 with a summary", cfg: dep("o1", { reasoningSummary: "auto" }), field: "reasoningSummary", severity: "warning", message: /gives no reasoning summary/, fix: { reasoningSummary: "off" } },
	{ name: "gpt-5.1 summary on chat completions", cfg: dep("gpt-5.1", { operation: "chat-completions", reasoningSummary: "auto" }), field: "reasoningSummary", severity: "warning", message: /only with the Responses API/, fix: { operation: "responses" } },
	{ name: "o3 summary (approval)", cfg: dep("o3", { operation: "responses", reasoningSummary: "auto" }), field: "reasoningSummary", severity: "warning", message: /Microsoft's approval/, fix: { reasoningSummary: "off" } },
	{ name: "verbosity on a codex model", cfg: dep("gpt-5-codex", { verbosity: "low" }), field: "verbosity", severity: "warning", message: /takes no verbosity/, fix: { verbosity: "" } },
	{ name: "verbosity on chat completions", cfg: dep("gpt-5.1", { operation: "chat-completions", reasoningSummary: "off", verbosity: "low" }), field: "verbosity", severity: "warning", message: /only on the Responses API/, fix: { operation: "responses" } },
	{ name: "temperature with effort high on gpt-5.2", cfg: dep("gpt-5.2", { reasoningEffort: "high", temperature: 0.2 }), field: "temperature", severity: "warning", message: /only with reasoning effort none/, fix: { reasoningEffort: "none" } },
	{ name: "temperature with gpt-5.6's default effort (medium)", cfg: dep("gpt-5.6", { temperature: 0.2 }), field: "temperature", severity: "warning", message: /with medium it is not sent/, fix: { reasoningEffort: "none" } },
	{ name: "max on gpt-6-astra (Azure's list has no max)", cfg: dep("gpt-6-astra", { reasoningEffort: "max" }), field: "reasoningEffort", severity: "error", message: /none, low, medium, high, xhigh; not max/, fix: { reasoningEffort: "xhigh" } },
	{ name: "minimal on gpt-5.1", cfg: dep("gpt-5.1", { reasoningEffort: "minimal" }), field: "reasoningEffort", severity: "error", message: /not minimal/, fix: { reasoningEffort: "low" } },
	{ name: "none on gpt-5.1-codex-max", cfg: dep("gpt-5.1-codex-max", { reasoningEffort: "none" }), field: "reasoningEffort", severity: "error", message: /low, medium, high, xhigh; not none/, fix: { reasoningEffort: "low" } },
	{ name: "an effort outside Azure's own list for this deployment", cfg: dep("gpt-5.1", { reasoningEffort: "none", supportedEfforts: ["low", "medium", "high"] }), field: "reasoningEffort", severity: "error", message: /low, medium, high; not none/, fix: { reasoningEffort: "low" } },
	{ name: "a budget under the Responses API's floor", cfg: dep("gpt-5", { maxCompletionTokens: 8 }), field: "maxCompletionTokens", severity: "error", message: /at least 16/, fix: { maxCompletionTokens: 25_000 } },
	{ name: "a dated api-version too old for the Responses API", cfg: dep("o1", { apiStyle: "dated", apiVersion: "2024-12-01-preview", operation: "responses" }), field: "apiVersion", severity: "error", message: /2025-03-01-preview or newer on the Responses API/, fix: { apiVersion: "2025-03-01-preview" } },
];

describe.each(CASES)("$name", ({ cfg, field, severity, message, fix }) => {
	test("the finding, its fix, and the fix clears it", () => {
		const { findings } = validateDeployment(cfg, { secretAvailable: true });
		const f = findings.find((x) => x.field === field);
		expect(f).toMatchObject({ severity, message: expect.stringMatching(message) });
		expect(f?.fix?.patch).toEqual(fix);
		const after = validateDeployment({ ...cfg, ...fix }, { secretAvailable: true });
		expect(after.findings.filter((x) => x.field === field && x.severity === severity && message.test(x.message))).toEqual([]);
	});
});

test("every family's new deployment is valid once its connection is filled in, on its default operation", () => {
	for (const family of ["o1", "o3", "o3-pro", "codex-mini", "gpt-5", "gpt-5-pro", "gpt-5-codex", "gpt-5.1-codex-max", "gpt-5.1", "gpt-5.2", "gpt-5.2-pro", "gpt-5.6", "gpt-6-astra", "gpt-5-chat", "chat"] as FamilyId[]) {
		const cfg = dep(family, family.startsWith("o") || family === "codex-mini" || family === "chat" ? { apiStyle: "dated", apiVersion: "2025-04-01-preview" } : {});
		const { findings, ready } = validateDeployment(cfg, { secretAvailable: true });
		expect({ family, errors: findings.filter((f) => f.severity === "error") }).toEqual({ family, errors: [] });
		expect(ready?.operation).toBe(cfg.operation);
	}
});

describe("Azure's corrections to the table, kept with the deployment", () => {
	test("Azure's list of efforts moves a refused default into it: gpt-5.1 without none defaults to low, sends it, and takes no temperature", () => {
		const cfg = dep("gpt-5.1", { supportedEfforts: ["low", "medium", "high"], reasoningSummary: "off", temperature: 0.3 });
		const { ready, findings } = validateDeployment(cfg, { secretAvailable: true });
		expect(ready?.family.defaultEffort).toBe("low");
		expect(findings.find((f) => f.field === "temperature")?.message).toMatch(/with low it is not sent/);
		expect(buildRequest(ready!, "Hi").body).toMatchObject({ reasoning: { effort: "low" } });
		expect(buildRequest(ready!, "Hi").body).not.toHaveProperty("temperature");
	});

	test("a parameter Azure refused is said under its field, with the way back", () => {
		const cfg = dep("gpt-5.6", { omitParams: ["reasoningEffort", "temperature"], reasoningEffort: "high" });
		const { findings } = validateDeployment(cfg, { secretAvailable: true });
		const effort = findings.find((f) => f.field === "reasoningEffort");
		expect(effort).toMatchObject({ severity: "warning", message: expect.stringMatching(/^Not sent: Azure refused the reasoning effort/) });
		expect(effort?.fix?.patch).toEqual({ omitParams: ["temperature"] });
		const back = { ...cfg, ...findings.find((f) => f.field === "temperature")!.fix!.patch };
		expect(back.omitParams).toEqual(["reasoningEffort"]);
	});

	test("choosing another family forgets what Azure said about the old model", () => {
		const cfg = dep("gpt-5.1", { supportedEfforts: ["low", "medium", "high"], omitParams: ["temperature"] });
		switchFamily(cfg, "gpt-5.6");
		expect(cfg.supportedEfforts).toBeUndefined();
		expect(cfg.omitParams).toBeUndefined();
		expect(validateDeployment({ ...cfg, reasoningEffort: "max" }, { secretAvailable: true }).findings.filter((f) => f.severity === "error")).toEqual([]);
	});
});
