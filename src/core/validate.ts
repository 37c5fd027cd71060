/**
 * Deployment validation against the model-family table. Returns findings for the settings
 * tab (shown under each field as the user types) and, when there is no error, the
 * `ReadyDeployment` that the request builder takes: a deployment with an error cannot be sent.
 */
import { formatCount } from "./count";
import { errorAt, missingAt, warningAt } from "./finding";
import { DEFAULT_DATED_VERSION, KNOWN_DATED_VERSIONS, isAtLeast, parseApiVersion } from "./apiVersion";
import { DEFAULT_AUTHORITY_HOST, clientIdProblem, parseAuthorityHost, tenantProblem, type EntraConfig } from "./entra";
import { getFamily, isFamilyId, minDatedVersion, OPERATION_LABELS, type ApiStyle, type ModelFamily, type Operation, type ReasoningEffort, type SummaryMode, type Verbosity } from "./families";
import type { OmittableParam } from "./settings";
import { checkDeploymentName, checkEndpoint } from "./validateEndpoint";
import { checkEffort, checkOperation, checkSummary, checkTemperature, checkVerbosity, deploymentFamily, checkOmitted } from "./validateOptions";
import type { DeploymentConfig } from "./settings";

export type Field = keyof Omit<DeploymentConfig, "id">;

export interface Fix {
	/** Button text, e.g. "Use 2024-12-01-preview". */
	label: string;
	/** The fields to set when the user takes the fix. */
	patch: Partial<DeploymentConfig>;
}

export interface Finding {
	field: Field;
	severity: "error" | "warning";
	message: string;
	fix?: Fix;
	/** The field is empty and must be filled in: the tab shows it as a neutral "Required" until the field is touched. */
	missing?: true;
}

/** A deployment that passed validation: what the request builder and the client take. */
export interface ReadyDeployment {
	id: string;
	displayName: string;
	family: ModelFamily;
	apiStyle: ApiStyle;
	/** Dated style only. */
	apiVersion: string | null;
	/** Normalized: scheme, host and any gateway prefix, no trailing slash. */
	endpoint: string;
	deployment: string;
	secretName: string;
	/** Microsoft Entra ID sign-in; absent for key authentication. */
	entra?: EntraConfig;
	operation: Operation;
	/** The budget for reasoning and answer together (`max_completion_tokens` / `max_output_tokens`). */
	maxCompletionTokens: number;
	/** null: the family's default (sent explicitly on the Responses API, not at all on chat completions). */
	reasoningEffort: ReasoningEffort | null;
	/** null: no summary asked for. */
	reasoningSummary: SummaryMode | null;
	verbosity: Verbosity | null;
	instructions: string;
	markdown: boolean;
	/** Only for families whose temperature is the user's choice (for some, only with effort none). */
	temperature: number | null;
	/** Parameters Azure refused for this deployment: never sent. */
	omit: readonly OmittableParam[];
}

export interface ValidationContext {
	/** Whether the named secret holds a key; undefined when unknown (pure tests). */
	secretAvailable?: boolean;
}

export interface ValidationResult {
	findings: Finding[];
	ready: ReadyDeployment | null;
}

/** Reasoning and answer share max_completion_tokens; below this, reasoning may leave nothing. */
export const SMALL_BUDGET = 5_000;
const fmt = formatCount;

function checkApiStyleAndVersion(cfg: DeploymentConfig, family: ModelFamily, operation: Operation, out: Finding[]): string | null {
	if (!family.apiStyles.includes(cfg.apiStyle)) {
		const other = family.apiStyles[0] ?? "v1";
		out.push(errorAt("apiStyle", `${family.label} works only with the ${other === "v1" ? "v1 API" : "dated API"}.`, { label: other === "v1" ? "Use the v1 API" : "Use the dated API", patch: { apiStyle: other } }));
		return null;
	}
	if (cfg.apiStyle === "v1") return null;
	const minimum = minDatedVersion(family, operation) ?? DEFAULT_DATED_VERSION;
	const suggestion = { label: `Use ${minimum}`, patch: { apiVersion: minimum } };
	const text = cfg.apiVersion.trim();
	if (text === "") {
		out.push(missingAt("apiVersion", `Choose an api-version: ${family.label} needs ${minimum} or newer.`, suggestion));
		return null;
	}
	const parsed = parseApiVersion(text);
	if (!parsed) {
		out.push(errorAt("apiVersion", `"${text}" is not an api-version. They look like 2024-12-01-preview or 2024-10-21.`, suggestion));
		return null;
	}
	if (parsed.kind === "v1") {
		out.push(errorAt("apiVersion", "v1 is an API style, not a dated api-version.", { label: "Use the v1 API", patch: { apiStyle: "v1" } }));
		return null;
	}
	if (!isAtLeast(text, minimum)) {
		const on = operation === "responses" ? ` on ${OPERATION_LABELS.responses}` : "";
		out.push(errorAt("apiVersion", `${family.label} needs api-version ${minimum} or newer${on}; Azure rejects ${text} for it.`, suggestion));
		return null;
	}
	if (!KNOWN_DATED_VERSIONS.includes(text)) {
		out.push(warningAt("apiVersion", `${text} is not a version this plugin knows (newest known: ${DEFAULT_DATED_VERSION}). If Azure answers "API version not supported", choose a listed one.`));
	}
	return text;
}

/** The Responses API refuses a smaller `max_output_tokens` (OpenAI's floor; Microsoft's schema gives none). */
export const MIN_OUTPUT_TOKENS_RESPONSES = 16;

function checkMaxTokens(cfg: DeploymentConfig, family: ModelFamily, operation: Operation | null, out: Finding[]): number | null {
	const raw = cfg.maxCompletionTokens;
	const value = typeof raw === "number" ? raw : raw.trim() === "" ? NaN : Number(raw.replace(/[_,\s]/g, ""));
	// Made only for a finding: formatting numbers costs more than the rest of the check.
	const fallback = () => ({ label: `Use ${fmt(family.defaultMaxCompletionTokens)}`, patch: { maxCompletionTokens: family.defaultMaxCompletionTokens } });
	if (!Number.isInteger(value) || value <= 0) {
		out.push(errorAt("maxCompletionTokens", "Max completion tokens must be a whole number above 0.", fallback()));
		return null;
	}
	if (operation === "responses" && value < MIN_OUTPUT_TOKENS_RESPONSES) {
		out.push(errorAt("maxCompletionTokens", `The Responses API takes at least ${MIN_OUTPUT_TOKENS_RESPONSES} output tokens.`, fallback()));
		return null;
	}
	if (value > family.maxOutputTokens) {
		out.push(errorAt("maxCompletionTokens", `${family.label} writes at most ${fmt(family.maxOutputTokens)} tokens; Azure rejects a larger budget.`, { label: `Use ${fmt(family.maxOutputTokens)}`, patch: { maxCompletionTokens: family.maxOutputTokens } }));
		return null;
	}
	if (family.reasoning && value < SMALL_BUDGET) {
		out.push(warningAt("maxCompletionTokens", `Reasoning tokens count against this budget too, and a hard question can take thousands of them: with ${fmt(value)}, reasoning may use it all and leave an empty answer.`, fallback()));
	}
	return value;
}

/** The key's secret, or the Entra ID sign-in's tenant, client id and authority host. */
function checkAuth(cfg: DeploymentConfig, ctx: ValidationContext, out: Finding[]): EntraConfig | null {
	if (cfg.auth === "entra") {
		const tenant = tenantProblem(cfg.tenant ?? "");
		if (tenant) out.push((cfg.tenant ?? "").trim() === "" ? missingAt("tenant", tenant) : errorAt("tenant", tenant));
		const clientId = clientIdProblem(cfg.clientId ?? "");
		if (clientId) out.push((cfg.clientId ?? "").trim() === "" ? missingAt("clientId", clientId) : errorAt("clientId", clientId));
		const host = parseAuthorityHost(cfg.authorityHost ?? "");
		if (!host.ok) out.push(errorAt("authorityHost", `${host.message} Microsoft's global cloud is ${DEFAULT_AUTHORITY_HOST}.`, { label: "Use the global cloud", patch: { authorityHost: DEFAULT_AUTHORITY_HOST } }));
		if (tenant || clientId || !host.ok) return null;
		return { authorityHost: host.origin, tenant: (cfg.tenant ?? "").trim(), clientId: (cfg.clientId ?? "").trim() };
	}
	if (cfg.secretName.trim() === "") {
		out.push(missingAt("secretName", "Choose the secret that holds this resource's key (Keys and Endpoint in the Azure portal)."));
	} else if (ctx.secretAvailable === false) {
		out.push(errorAt("secretName", `The secret "${cfg.secretName}" is empty or missing on this device: set it again.`));
	}
	return null;
}

export function validateDeployment(cfg: DeploymentConfig, ctx: ValidationContext = {}): ValidationResult {
	const findings: Finding[] = [];
	if (!isFamilyId(cfg.family)) {
		// What does not depend on the family is still checked: a deployment being set up sees all it lacks.
		findings.push(missingAt("family", "Choose the model family that this deployment runs: the model you deployed, as the portal's list of deployments shows it."));
		checkDeploymentName(cfg, checkEndpoint(cfg, findings), findings);
		checkAuth(cfg, ctx, findings);
		return { findings, ready: null };
	}
	// Azure's own list of efforts, once it gave one for this deployment, corrects the table's guess.
	const family = deploymentFamily(cfg) ?? getFamily(cfg.family);
	const endpoint = checkEndpoint(cfg, findings);
	checkDeploymentName(cfg, endpoint, findings);
	const operation = checkOperation(cfg, family, findings);
	const apiVersion = checkApiStyleAndVersion(cfg, family, operation ?? family.operations[0] ?? "chat-completions", findings);
	const maxCompletionTokens = checkMaxTokens(cfg, family, operation, findings);
	const reasoningEffort = checkEffort(cfg, family, findings);
	const temperature = checkTemperature(cfg, family, reasoningEffort, findings);
	const reasoningSummary = checkSummary(cfg, family, operation, findings);
	const verbosity = checkVerbosity(cfg, family, operation, findings);
	checkOmitted(cfg, findings);
	if (cfg.instructions.trim() !== "" && family.instructionsRole === "none") {
		findings.push(warningAt("instructions", `${family.label} takes no system or developer message: these instructions will be put at the top of your message, marked as instructions.`));
	}
	const entra = checkAuth(cfg, ctx, findings);

	if (findings.some((f) => f.severity === "error") || !endpoint || maxCompletionTokens === null || operation === null) return { findings, ready: null };
	return {
		findings,
		ready: {
			id: cfg.id,
			displayName: cfg.displayName.trim() || cfg.deployment,
			family,
			apiStyle: cfg.apiStyle,
			apiVersion: cfg.apiStyle === "dated" ? apiVersion : null,
			endpoint: endpoint.base,
			deployment: cfg.deployment,
			secretName: cfg.secretName.trim(),
			...(entra ? { entra } : {}),
			operation,
			maxCompletionTokens,
			reasoningEffort,
			reasoningSummary,
			verbosity,
			instructions: cfg.instructions,
			markdown: cfg.markdown,
			temperature,
			omit: cfg.omitParams ?? [],
		},
	};
}
