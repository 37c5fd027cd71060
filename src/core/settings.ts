/**
 * The settings file's shape. Deployments are stored as the user typed them (so nothing they
 * typed is ever lost, even while it is invalid); `validateDeployment` turns one into a
 * `ReadyDeployment` that the request builder accepts. The key is never here: only the name
 * of the secret that holds it in Obsidian's secret storage. Reading what is stored, whatever
 * it holds: core/settingsRead.ts.
 */
import { DEFAULT_DATED_VERSION } from "./apiVersion";
import { getFamily, isFamilyId, type ApiStyle, type FamilyId, type Operation, type ReasoningEffort, type SummaryMode, type Verbosity } from "./families";
import type { AnswerFormat } from "./answerFormat";
import { DEFAULT_TEMPLATES, type PromptTemplate } from "./prompt";

export const SETTINGS_VERSION = 2;

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
	/** "": not chosen yet (a deployment being set up); validation asks for one, nothing is sent. */
	family: FamilyId | "";
	/** How requests authenticate: the resource's key (the default when absent), or a Microsoft Entra ID sign-in. */
	auth?: AuthMethod;
	/** The name of the secret in Obsidian's secret storage; never the key itself. Key auth only. */
	secretName: string;
	/** Entra ID only: the directory (tenant) id or domain, the app registration's client id, the sign-in host. */
	tenant?: string;
	clientId?: string;
	authorityHost?: string;
	/** As typed: a number, or text the user is still editing. */
	maxCompletionTokens: number | string;
	/** Which of Azure's operations requests use. Absent in version-1 files (they all used chat completions). */
	operation: Operation;
	/** "": the family's default (chat completions: nothing sent, Azure's default applies; Responses API: that default sent explicitly). */
	reasoningEffort: ReasoningEffort | "";
	/** Reasoning summaries (Responses API only, where the family gives them). */
	reasoningSummary: SummaryMode;
	/** `text.verbosity` on the Responses API ("" sends none). */
	verbosity: Verbosity | "";
	/**
	 * Parameters Azure refused for this deployment and the user chose to stop sending (a one-click
	 * fix from Azure's own `unsupported_parameter` answer): the table's rules, corrected by Azure.
	 * Absent when empty, so older files stay as they were.
	 */
	omitParams?: OmittableParam[];
	/** The reasoning efforts Azure said this deployment supports (from its own error body); they take the place of the table's list. Absent until then. */
	supportedEfforts?: ReasoningEffort[];
	instructions: string;
	/** Ask developer-role families for Markdown (`Formatting re-enabled`). */
	markdown: boolean;
	/** Used only by families whose temperature is the user's choice. */
	temperature: number | string;
}

export type AuthMethod = "key" | "entra";

/** What a deployment can stop sending when Azure refuses it. */
export type OmittableParam = "temperature" | "reasoningEffort" | "reasoningSummary" | "verbosity";
export const OMITTABLE_PARAMS: readonly OmittableParam[] = ["temperature", "reasoningEffort", "reasoningSummary", "verbosity"];

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
	/** After a summary is written, add a link to it at the end of the source note. */
	linkSummaryInSource: boolean;
	/** Write a reasoning summary as a folded callout just above an answer inserted below the selection (never for "replace"). */
	reasoningInNote: boolean;
	/** How "Ask about selection" writes its answer below the selection (core/answerFormat.ts). */
	askFormat: AnswerFormat;
	/** Keep the prompt as sent (note text included) in the request history; off: the history holds no note text. */
	keepPromptsInHistory: boolean;
	/** How many notes a batch of summaries sends at once (halved while Azure answers 429). */
	batchConcurrency: number;
	templates: PromptTemplate[];
}

/** What each deployment field is called in the settings tab (and in messages about the file). */
export const FIELD_LABELS: Record<keyof Omit<DeploymentConfig, "id">, string> = {
	displayName: "display name",
	endpoint: "endpoint",
	apiStyle: "API style",
	apiVersion: "API version",
	deployment: "deployment name",
	family: "model family",
	auth: "authentication",
	secretName: "key",
	tenant: "tenant",
	clientId: "application (client) ID",
	authorityHost: "sign-in authority",
	maxCompletionTokens: "max completion tokens",
	operation: "API operation",
	reasoningEffort: "reasoning effort",
	reasoningSummary: "reasoning summary",
	verbosity: "verbosity",
	omitParams: "parameters not sent",
	supportedEfforts: "reasoning efforts Azure supports",
	instructions: "instructions",
	markdown: "Markdown output",
	temperature: "temperature",
};

export const DEFAULT_TIMEOUT_SECONDS = 600;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_BATCH_CONCURRENCY = 2;
export const MAX_BATCH_CONCURRENCY = 8;

export function defaultSettings(): PluginSettings {
	return {
		version: SETTINGS_VERSION,
		deployments: [],
		defaultDeploymentId: null,
		timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
		maxRetries: DEFAULT_MAX_RETRIES,
		outputFolder: "",
		linkSummaryInSource: false,
		reasoningInNote: false,
		askFormat: "plain",
		keepPromptsInHistory: false,
		batchConcurrency: DEFAULT_BATCH_CONCURRENCY,
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
		operation: f.operations[0] ?? "chat-completions",
		reasoningEffort: "",
		// Summaries are what users of reasoning models ask for most; on where the family gives them freely.
		reasoningSummary: f.summaries === "yes" ? "auto" : "off",
		verbosity: "",
		instructions: "",
		markdown: true,
		temperature: f.temperature.kind === "user" ? f.temperature.default : 1,
	};
}

/** A deployment being set up: no model family until the user chooses one (never silently o1). */
export function blankDeployment(id: string): DeploymentConfig {
	return { ...newDeployment(id), family: "" };
}

/**
 * The user picked another family: what still holds the old family's default (the operation,
 * the summary mode) takes the new family's, so a deployment made as o1 and switched to gpt-5.1
 * starts on the Responses API as a new gpt-5.1 deployment would. A value the user chose stays.
 * What Azure said about the old model (`supportedEfforts`, `omitParams`) goes: it was about
 * another model.
 */
export function switchFamily(cfg: DeploymentConfig, to: FamilyId): void {
	const before = isFamilyId(cfg.family) ? newDeployment(cfg.id, cfg.family) : undefined;
	const after = newDeployment(cfg.id, to);
	if (cfg.family === "") {
		// The first choice: what still holds the blank deployment's placeholder, or what the family cannot
		// take, gets the family's default; a value set already (the v1 API from the endpoint's parts) stays.
		const f = getFamily(to), blank = blankDeployment(cfg.id);
		const fits = { apiStyle: f.apiStyles.includes(cfg.apiStyle), maxCompletionTokens: Number(cfg.maxCompletionTokens) <= f.maxOutputTokens, temperature: "min" in f.temperature };
		type K = keyof typeof fits;
		for (const k in fits) if (!fits[k as K] || cfg[k as K] === blank[k as K]) Object.assign(cfg, { [k]: after[k as K] });
	}
	cfg.family = to;
	if (!before || cfg.operation === before.operation) cfg.operation = after.operation;
	if (!before || cfg.reasoningSummary === before.reasoningSummary) cfg.reasoningSummary = after.reasoningSummary;
	delete cfg.supportedEfforts;
	delete cfg.omitParams;
}

/** The default deployment, or the first one when the default is unset or gone. */
export function activeDeployment(settings: PluginSettings): DeploymentConfig | undefined {
	return settings.deployments.find((d) => d.id === settings.defaultDeploymentId) ?? settings.deployments[0];
}
