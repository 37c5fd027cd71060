/**
 * Validation of a deployment's family options: the operation, reasoning effort, temperature,
 * reasoning summary and verbosity, against the family table. Each check reports its findings
 * (with a one-click fix where one exists) and returns what may be sent.
 */
import { errorAt, warningAt } from "./finding";
import { EFFORT_SCALE, getFamily, isFamilyId, OPERATION_LABELS, type ModelFamily, type Operation, type ReasoningEffort, type SummaryMode, type Verbosity } from "./families";
import { FIELD_LABELS, type DeploymentConfig } from "./settings";
import type { Finding } from "./validate";

export function checkOperation(cfg: DeploymentConfig, family: ModelFamily, out: Finding[]): Operation | null {
	if (family.operations.includes(cfg.operation)) return cfg.operation;
	const other = family.operations[0] ?? "chat-completions";
	const why =
		cfg.operation === "chat-completions"
			? `${family.label} answers only on the Responses API: Azure refuses chat completions for it (OperationNotSupported).`
			: `${family.label} has no Responses API on Azure: it answers only on chat completions.`;
	out.push(errorAt("operation", why, { label: other === "responses" ? "Use the Responses API" : "Use chat completions", patch: { operation: other } }));
	return null;
}

/**
 * The family's rules as they hold for this deployment: the table's, with Azure's own list of
 * efforts (once it gave one) in place of the table's, and the default effort moved into that list
 * when Azure refused the table's default (gpt-5.1's `none` on Azure in late 2025). Undefined when
 * no family is chosen.
 */
export function deploymentFamily(cfg: Pick<DeploymentConfig, "family" | "supportedEfforts">): ModelFamily | undefined {
	if (!isFamilyId(cfg.family)) return undefined;
	const table = getFamily(cfg.family);
	const listed = cfg.supportedEfforts;
	if (!listed || listed.length === 0 || table.reasoningEfforts.length === 0) return table;
	const def = table.defaultEffort !== null && listed.includes(table.defaultEffort) ? table.defaultEffort : (nearestEffort(table.defaultEffort ?? "medium", listed) ?? null);
	return { ...table, reasoningEfforts: listed, defaultEffort: def };
}

/** The allowed effort nearest to `wanted` on Azure's scale (ties go to more reasoning). */
export function nearestEffort(wanted: string, allowed: readonly ReasoningEffort[]): ReasoningEffort | undefined {
	const at = EFFORT_SCALE.indexOf(wanted as ReasoningEffort);
	if (at < 0) return allowed.includes("medium") ? "medium" : allowed[0];
	let best: ReasoningEffort | undefined;
	let bestDistance = Infinity;
	for (const e of allowed) {
		const d = Math.abs(EFFORT_SCALE.indexOf(e) - at);
		if (d < bestDistance || (d === bestDistance && EFFORT_SCALE.indexOf(e) > at)) {
			best = e;
			bestDistance = d;
		}
	}
	return best;
}

/** The chosen effort, or null for the family's default ("") or none at all. */
export function checkEffort(cfg: DeploymentConfig, family: ModelFamily, out: Finding[]): ReasoningEffort | null {
	const effort = cfg.reasoningEffort;
	if (effort === "") return null;
	if (family.reasoningEfforts.length === 0) {
		out.push(warningAt("reasoningEffort", `${family.label} takes no reasoning effort; it will not be sent.`, { label: "Clear it", patch: { reasoningEffort: "" } }));
		return null;
	}
	if (!family.reasoningEfforts.includes(effort)) {
		const near = nearestEffort(effort, family.reasoningEfforts);
		out.push(errorAt("reasoningEffort", `${family.label} takes reasoning effort ${family.reasoningEfforts.join(", ")}; not ${effort}.`, near ? { label: `Use ${near}`, patch: { reasoningEffort: near } } : undefined));
		return null;
	}
	return effort;
}

/** The effort a request will carry: the chosen one, else the family's default. */
export function effectiveEffort(chosen: ReasoningEffort | null, family: ModelFamily): ReasoningEffort | null {
	return chosen ?? family.defaultEffort;
}

export function checkTemperature(cfg: DeploymentConfig, family: ModelFamily, effort: ReasoningEffort | null, out: Finding[]): number | null {
	const rule = family.temperature;
	if (rule.kind !== "user" && rule.kind !== "with-effort-none") return null;
	const value = typeof cfg.temperature === "number" ? cfg.temperature : cfg.temperature.trim() === "" ? NaN : Number(cfg.temperature);
	if (!Number.isFinite(value) || value < rule.min || value > rule.max) {
		out.push(errorAt("temperature", `Temperature must be a number from ${rule.min} to ${rule.max}.`, { label: `Use ${rule.default}`, patch: { temperature: rule.default } }));
		return null;
	}
	const current = effectiveEffort(effort, family);
	if (rule.kind === "with-effort-none" && current !== "none" && value !== rule.default) {
		out.push(warningAt("temperature", `${family.label} takes a temperature only with reasoning effort none; with ${current ?? "its default"} it is not sent.`, { label: "Use effort none", patch: { reasoningEffort: "none" } }));
	}
	return value;
}

/** The summary mode to ask for, or null when none is (off, or not possible here). */
export function checkSummary(cfg: DeploymentConfig, family: ModelFamily, operation: Operation | null, out: Finding[]): SummaryMode | null {
	const mode = cfg.reasoningSummary;
	if (mode === "off") return null;
	const off = { label: "Turn summaries off", patch: { reasoningSummary: "off" as const } };
	if (family.summaries === "no") {
		out.push(warningAt("reasoningSummary", `${family.label} gives no reasoning summary; none will be asked for.`, off));
		return null;
	}
	if (operation === "chat-completions") {
		const fix = family.operations.includes("responses") ? { label: "Use the Responses API", patch: { operation: "responses" as const } } : off;
		out.push(warningAt("reasoningSummary", `Reasoning summaries come only with the Responses API; this deployment uses ${OPERATION_LABELS["chat-completions"]}, so none will be asked for.`, fix));
		return null;
	}
	if (family.summaries === "approval") {
		out.push(warningAt("reasoningSummary", `${family.label}'s reasoning summaries need Microsoft's approval for your resource (the "reasoning summary" access request); without it Azure refuses every request that asks for one.`, off));
	}
	return mode;
}

export function checkVerbosity(cfg: DeploymentConfig, family: ModelFamily, operation: Operation | null, out: Finding[]): Verbosity | null {
	const v = cfg.verbosity;
	if (v === "") return null;
	const clear = { label: "Clear it", patch: { verbosity: "" as const } };
	if (!family.verbosity) {
		out.push(warningAt("verbosity", `${family.label} takes no verbosity; it will not be sent.`, clear));
		return null;
	}
	if (operation === "chat-completions") {
		out.push(warningAt("verbosity", "Verbosity is sent only on the Responses API; this deployment uses chat completions.", { label: "Use the Responses API", patch: { operation: "responses" } }));
		return null;
	}
	return v;
}

/** What Azure refused for this deployment is not sent: said under its field, with the way back. */
export function checkOmitted(cfg: DeploymentConfig, out: Finding[]): void {
	const omitted = cfg.omitParams ?? [];
	for (const param of omitted) {
		const rest = omitted.filter((p) => p !== param);
		out.push({
			field: param,
			severity: "warning",
			message: `Not sent: Azure refused the ${FIELD_LABELS[param]} for this deployment, so Azure's own default applies.`,
			fix: { label: "Send it again", patch: { omitParams: rest.length > 0 ? rest : undefined } },
		});
	}
}
