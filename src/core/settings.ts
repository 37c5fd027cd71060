/**
 * The settings file's shape. Deployments are stored as the user typed them (so nothing they
 * typed is ever lost, even while it is invalid); `validateDeployment` turns one into a
 * `ReadyDeployment` that the request builder accepts. The key is never here: only the name
 * of the secret that holds it in Obsidian's secret storage.
 */
import { DEFAULT_DATED_VERSION } from "./apiVersion";
import { getFamily, isFamilyId, type ApiStyle, type FamilyId, type ReasoningEffort } from "./families";
import { DEFAULT_TEMPLATES, type PromptTemplate } from "./prompt";

export const SETTINGS_VERSION = 1;

export interface DeploymentConfig {
	/** Stable identity; survives renames. */
	id: string;
	displayName: string;
	endpoint: string;
	apiStyle: ApiStyle;
	/** Used with the dated API style only. */
	apiVersion: string;
	/** The deployment name chosen in Azure (URL path for dated, `model` for v1). */
	deployment: string;
	family: FamilyId;
	/** The name of the secret in Obsidian's secret storage; never the key itself. */
	secretName: string;
	/** As typed: a number, or text the user is still editing. */
	maxCompletionTokens: number | string;
	/** "" sends none (Azure's default applies). */
	reasoningEffort: ReasoningEffort | "";
	instructions: string;
	/** Ask developer-role families for Markdown (`Formatting re-enabled`). */
	markdown: boolean;
	/** Used only by families whose temperature is the user's choice. */
	temperature: number | string;
}

export interface PluginSettings {
	version: number;
	deployments: DeploymentConfig[];
	defaultDeploymentId: string | null;
	/** How long to wait for an answer; reasoning models can think for minutes. */
	timeoutSeconds: number;
	/** Retries after 429 and 5xx answers; 4xx are never retried. */
	maxRetries: number;
	/** Where generated notes go ("" = the vault's root). */
	outputFolder: string;
	templates: PromptTemplate[];
}

export const DEFAULT_TIMEOUT_SECONDS = 600;
export const DEFAULT_MAX_RETRIES = 2;

export function defaultSettings(): PluginSettings {
	return {
		version: SETTINGS_VERSION,
		deployments: [],
		defaultDeploymentId: null,
		timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
		maxRetries: DEFAULT_MAX_RETRIES,
		outputFolder: "",
		templates: DEFAULT_TEMPLATES.map((t) => ({ ...t })),
	};
}

export function newDeployment(id: string, family: FamilyId = "o1"): DeploymentConfig {
	const f = getFamily(family);
	return {
		id,
		displayName: "",
		endpoint: "",
		apiStyle: f.apiStyles.includes("dated") ? "dated" : "v1",
		apiVersion: DEFAULT_DATED_VERSION,
		deployment: "",
		family,
		secretName: "",
		maxCompletionTokens: f.defaultMaxCompletionTokens,
		reasoningEffort: "",
		instructions: "",
		markdown: true,
		temperature: f.temperature.kind === "user" ? f.temperature.default : 1,
	};
}

/** The default deployment, or the first one when the default is unset or gone. */
export function activeDeployment(settings: PluginSettings): DeploymentConfig | undefined {
	return settings.deployments.find((d) => d.id === settings.defaultDeploymentId) ?? settings.deployments[0];
}

function str(value: unknown, fallback: string): string {
	return typeof value === "string" ? value : fallback;
}

function numOrText(value: unknown, fallback: number | string): number | string {
	return typeof value === "number" || typeof value === "string" ? value : fallback;
}

/**
 * Reads a stored deployment, keeping every valid field and filling the rest with defaults.
 * Returns undefined only when the value is not an object at all.
 */
export function readDeployment(raw: unknown, fallbackId: string): DeploymentConfig | undefined {
	if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
	const r = raw as Record<string, unknown>;
	const family: FamilyId = isFamilyId(r.family) ? r.family : "o1";
	const base = newDeployment(str(r.id, fallbackId) || fallbackId, family);
	return {
		id: base.id,
		displayName: str(r.displayName, base.displayName),
		endpoint: str(r.endpoint, base.endpoint),
		apiStyle: r.apiStyle === "dated" || r.apiStyle === "v1" ? r.apiStyle : base.apiStyle,
		apiVersion: str(r.apiVersion, base.apiVersion),
		deployment: str(r.deployment, base.deployment),
		family,
		secretName: str(r.secretName, base.secretName),
		maxCompletionTokens: numOrText(r.maxCompletionTokens, base.maxCompletionTokens),
		reasoningEffort: (["", "minimal", "low", "medium", "high"] as const).find((e) => e === r.reasoningEffort) ?? "",
		instructions: str(r.instructions, base.instructions),
		markdown: typeof r.markdown === "boolean" ? r.markdown : base.markdown,
		temperature: numOrText(r.temperature, base.temperature),
	};
}

function readTemplate(raw: unknown): PromptTemplate | undefined {
	if (typeof raw !== "object" || raw === null) return undefined;
	const r = raw as Record<string, unknown>;
	if (typeof r.id !== "string" || typeof r.text !== "string") return undefined;
	const output = r.output === "replace" || r.output === "below" || r.output === "new-note" ? r.output : "below";
	return {
		id: r.id,
		name: str(r.name, r.id),
		text: r.text,
		output,
		deploymentId: typeof r.deploymentId === "string" ? r.deploymentId : null,
	};
}

function positiveInt(value: unknown, fallback: number, max: number): number {
	return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= max ? value : fallback;
}

/**
 * Reads whatever `loadData()` returned: keeps each valid part, defaults the rest, never throws.
 * (The full schema migration and the user-facing report of a damaged file come with the
 * settings tab; this keeps the shape that several deployments need.)
 */
export function readSettings(raw: unknown): PluginSettings {
	const settings = defaultSettings();
	if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return settings;
	const r = raw as Record<string, unknown>;
	if (Array.isArray(r.deployments)) {
		settings.deployments = r.deployments
			.map((d, i) => readDeployment(d, `deployment-${i + 1}`))
			.filter((d): d is DeploymentConfig => d !== undefined);
	}
	if (typeof r.defaultDeploymentId === "string") settings.defaultDeploymentId = r.defaultDeploymentId;
	settings.timeoutSeconds = positiveInt(r.timeoutSeconds, settings.timeoutSeconds, 24 * 3600) || DEFAULT_TIMEOUT_SECONDS;
	settings.maxRetries = positiveInt(r.maxRetries, settings.maxRetries, 10);
	settings.outputFolder = str(r.outputFolder, settings.outputFolder);
	if (Array.isArray(r.templates)) {
		const templates = r.templates.map(readTemplate).filter((t): t is PromptTemplate => t !== undefined);
		if (templates.length > 0) settings.templates = templates;
	}
	return settings;
}
