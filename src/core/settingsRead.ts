/**
 * Reading stored settings into the shape of core/settings.ts, whatever the file holds: every
 * valid field is kept, everything else gets its default, and what could not be kept is reported
 * (core/settingsMigrations.ts brings older versions up to date first).
 */
import { isAnswerFormat } from "./answerFormat";
import { isRecord } from "./record";
import { familyOfModel, getFamily, isEffort, isFamilyId, isOperation, type ApiStyle, type FamilyId, type ReasoningEffort, type SummaryMode, type Verbosity } from "./families";
import type { OutputMode, PromptTemplate } from "./prompt";
import { DEFAULT_BATCH_CONCURRENCY, DEFAULT_MAX_RETRIES, MAX_BATCH_CONCURRENCY, DEFAULT_TIMEOUT_SECONDS, defaultSettings, FIELD_LABELS, newDeployment, OMITTABLE_PARAMS, type AuthMethod, type DeploymentConfig, type OmittableParam, type PluginSettings } from "./settings";

/** Where a reader tells what it could not keep; nothing is reported when undefined. */
export type Report = (message: string) => void;

/** Keys a stored deployment may have besides its fields; `apiKey` is moved out by the loader. */
const DEPLOYMENT_EXTRA_KEYS = new Set(["id", "apiKey"]);
const SETTINGS_KEYS = new Set(["version", "deployments", "defaultDeploymentId", "timeoutSeconds", "maxRetries", "outputFolder", "linkSummaryInSource", "reasoningInNote", "askFormat", "keepPromptsInHistory", "batchConcurrency", "templates"]);
const TEMPLATE_KEYS = new Set(["id", "name", "text", "output", "deploymentId", "format"]);

const isText = (v: unknown): v is string => typeof v === "string";
const isNumOrText = (v: unknown): v is number | string => (typeof v === "number" && Number.isFinite(v)) || typeof v === "string";
const isStyle = (v: unknown): v is ApiStyle => v === "dated" || v === "v1";
const isEffortOrDefault = (v: unknown): v is ReasoningEffort | "" => v === "" || isEffort(v);
const isSummary = (v: unknown): v is SummaryMode => v === "off" || v === "auto" || v === "concise" || v === "detailed";
const isVerbosity = (v: unknown): v is Verbosity | "" => v === "" || v === "low" || v === "medium" || v === "high";
const isBool = (v: unknown): v is boolean => typeof v === "boolean";
const isAuth = (v: unknown): v is AuthMethod => v === "key" || v === "entra";


/** The label a stored deployment goes by in messages about the file. */
function labelOf(r: Record<string, unknown>, fallback: string): string {
	const name = [r.displayName, r.deployment, r.id].find((v): v is string => typeof v === "string" && v.trim() !== "");
	return name ? `Deployment "${name.trim()}"` : fallback;
}

/**
 * The family a stored value names: a family id, else a model name the family table knows
 * (`o1-mini-2024-09-12`, `gpt-5.1`), else none.
 */
export function familyFromStored(value: unknown): FamilyId | undefined {
	if (isFamilyId(value)) return value;
	return typeof value === "string" && value.trim() !== "" ? familyOfModel(value)?.id : undefined;
}

/**
 * Reads a stored deployment, keeping every valid field and filling the rest with defaults.
 * Returns undefined only when the value is not an object at all. A family the table does not
 * know becomes the one its name points to (`o1-mini-2024-09-12` → o1-mini), else o1; `report`
 * hears about that and about every field that had to be reset.
 */
export function readDeployment(raw: unknown, fallbackId: string, report?: Report): DeploymentConfig | undefined {
	if (!isRecord(raw)) return undefined;
	const r = raw;
	const label = labelOf(r, `Deployment ${fallbackId}`);
	// "" is a deployment whose family is not chosen yet (the tab asks for it); anything else unknown is read as a family.
	const family = r.family === "" ? "" : (familyFromStored(r.family) ?? "o1");
	if (family !== "" && !isFamilyId(r.family)) {
		if (r.family === undefined) report?.(`${label} had no model family; it is set to ${getFamily(family).label} until you choose one.`);
		else report?.(`${label}: the model family ${JSON.stringify(r.family)} is unknown to this version; it is set to ${getFamily(family).label} until you choose one.`);
	}
	const base = newDeployment(isText(r.id) && r.id.trim() !== "" ? r.id : fallbackId, family || undefined);
	const reset: string[] = [];
	const pick = <K extends keyof DeploymentConfig>(key: K, ok: (v: unknown) => v is DeploymentConfig[K]): DeploymentConfig[K] => {
		const v = r[key];
		if (ok(v)) return v;
		if (v !== undefined) reset.push(FIELD_LABELS[key as keyof typeof FIELD_LABELS] ?? key);
		return base[key];
	};
	const d: DeploymentConfig = {
		id: base.id,
		displayName: pick("displayName", isText),
		endpoint: pick("endpoint", isText),
		apiStyle: pick("apiStyle", isStyle),
		apiVersion: pick("apiVersion", isText),
		deployment: pick("deployment", isText),
		family,
		secretName: pick("secretName", isText),
		maxCompletionTokens: pick("maxCompletionTokens", isNumOrText),
		operation: pick("operation", isOperation),
		reasoningEffort: pick("reasoningEffort", isEffortOrDefault),
		reasoningSummary: pick("reasoningSummary", isSummary),
		verbosity: pick("verbosity", isVerbosity),
		instructions: pick("instructions", isText),
		markdown: pick("markdown", isBool),
		temperature: pick("temperature", isNumOrText),
	};
	// Entra fields only when stored, so a key deployment's file stays as it was.
	if (isAuth(r.auth)) d.auth = r.auth;
	else if (r.auth !== undefined) reset.push(FIELD_LABELS.auth);
	for (const key of ["tenant", "clientId", "authorityHost"] as const) {
		if (isText(r[key])) d[key] = r[key];
		else if (r[key] !== undefined) reset.push(FIELD_LABELS[key]);
	}
	if (Array.isArray(r.omitParams) && r.omitParams.every((p) => OMITTABLE_PARAMS.some((o) => o === p))) {
		if (r.omitParams.length > 0) d.omitParams = [...new Set(r.omitParams as OmittableParam[])];
	} else if (r.omitParams !== undefined) reset.push(FIELD_LABELS.omitParams);
	if (Array.isArray(r.supportedEfforts) && r.supportedEfforts.length > 0 && r.supportedEfforts.every(isEffort)) d.supportedEfforts = [...new Set(r.supportedEfforts)];
	else if (r.supportedEfforts !== undefined) reset.push(FIELD_LABELS.supportedEfforts);
	if (r.id !== undefined && !(isText(r.id) && r.id.trim() !== "")) reset.push("id");
	if (reset.length > 0) report?.(`${label}: ${reset.join(", ")} ${reset.length === 1 ? "was" : "were"} not readable and went back to the default.`);
	const unknown = Object.keys(r).filter((k) => !(k in FIELD_LABELS) && !DEPLOYMENT_EXTRA_KEYS.has(k));
	if (unknown.length > 0) report?.(`${label}: unknown ${unknown.length === 1 ? "setting" : "settings"} ${unknown.map((k) => JSON.stringify(k)).join(", ")} left out.`);
	return d;
}

function readTemplate(raw: unknown, index: number, report?: Report): PromptTemplate | undefined {
	const r = isRecord(raw) ? raw : {};
	const id = r.id;
	const text = r.text;
	if (!isText(id) || id.trim() === "" || !isText(text)) {
		report?.(`Prompt template ${index + 1} could not be read (it needs an id and a text) and was left out.`);
		return undefined;
	}
	const name = isText(r.name) ? r.name : id;
	const label = `Prompt template "${name.trim() === "" ? id : name}"`;
	let output: OutputMode = "below";
	if (r.output === "replace" || r.output === "below" || r.output === "new-note") output = r.output;
	else report?.(`${label}: the output mode ${JSON.stringify(r.output ?? null)} is unknown; it inserts below the selection now.`);
	if (r.name !== undefined && !isText(r.name)) report?.(`${label}: its name was not readable; it is named after its id now.`);
	if (r.deploymentId !== undefined && r.deploymentId !== null && !isText(r.deploymentId)) report?.(`${label}: its deployment was not readable; it uses the default deployment now.`);
	// Absent in files from before formats: plain, and nothing to report.
	if (r.format !== undefined && !isAnswerFormat(r.format)) report?.(`${label}: the answer format ${JSON.stringify(r.format)} is unknown; it writes plain text now.`);
	const unknown = Object.keys(r).filter((k) => !TEMPLATE_KEYS.has(k));
	if (unknown.length > 0) report?.(`${label}: unknown ${unknown.length === 1 ? "setting" : "settings"} ${unknown.map((k) => JSON.stringify(k)).join(", ")} left out.`);
	const template: PromptTemplate = { id, name, text, output, deploymentId: isText(r.deploymentId) ? r.deploymentId : null };
	if (isAnswerFormat(r.format)) template.format = r.format;
	return template;
}

function intIn(value: unknown, min: number, max: number): value is number {
	return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/** Makes ids unique (a copied entry in a hand-edited file): later duplicates get "-2", "-3", ... */
function uniqueIds<T extends { id: string }>(items: T[], what: (item: T) => string, report?: Report): void {
	const seen = new Set<string>();
	for (const item of items) {
		if (seen.has(item.id)) {
			let n = 2;
			while (seen.has(`${item.id}-${n}`)) n++;
			report?.(`${what(item)} had the same id as another (${JSON.stringify(item.id)}); it is ${JSON.stringify(`${item.id}-${n}`)} now.`);
			item.id = `${item.id}-${n}`;
		}
		seen.add(item.id);
	}
}

/**
 * Reads a settings object of the current version: keeps each valid part, defaults the rest,
 * never throws. Everything that could not be kept as it was is described in `problems` (when
 * given). Older versions and damaged files go through `loadSettings` (settingsMigrations.ts).
 */
export function readSettings(raw: unknown, problems?: string[]): PluginSettings {
	const report: Report | undefined = problems ? (m) => problems.push(m) : undefined;
	const settings = defaultSettings();
	if (!isRecord(raw)) {
		report?.("The settings were not an object; the defaults are used.");
		return settings;
	}
	const r = raw;
	if (Array.isArray(r.deployments)) {
		settings.deployments = [];
		r.deployments.forEach((d, i) => {
			const read = readDeployment(d, `deployment-${i + 1}`, report);
			if (read) settings.deployments.push(read);
			else report?.(`Deployment ${i + 1} was not a deployment (${d === null ? "null" : Array.isArray(d) ? "a list" : typeof d}) and was left out.`);
		});
		uniqueIds(settings.deployments, (d) => `Deployment "${d.displayName || d.deployment || d.id}"`, report);
	} else if (r.deployments !== undefined) {
		report?.("The list of deployments was not readable; no deployment could be kept.");
	}
	const ids = new Set(settings.deployments.map((d) => d.id));
	if (isText(r.defaultDeploymentId) && ids.has(r.defaultDeploymentId)) settings.defaultDeploymentId = r.defaultDeploymentId;
	else if (r.defaultDeploymentId !== undefined && r.defaultDeploymentId !== null) report?.("The default deployment named one that does not exist; the first deployment is used.");

	if (intIn(r.timeoutSeconds, 1, 24 * 3600)) settings.timeoutSeconds = r.timeoutSeconds;
	else if (r.timeoutSeconds !== undefined) report?.(`The request timeout ${JSON.stringify(r.timeoutSeconds)} is not a whole number of seconds from 1 to 86400; it is ${DEFAULT_TIMEOUT_SECONDS} s again.`);
	if (intIn(r.maxRetries, 0, 10)) settings.maxRetries = r.maxRetries;
	else if (r.maxRetries !== undefined) report?.(`Retries ${JSON.stringify(r.maxRetries)} is not a whole number from 0 to 10; it is ${DEFAULT_MAX_RETRIES} again.`);
	if (isText(r.outputFolder)) settings.outputFolder = r.outputFolder;
	else if (r.outputFolder !== undefined) report?.("The folder for new notes was not readable; new notes go to the vault's root.");
	if (typeof r.linkSummaryInSource === "boolean") settings.linkSummaryInSource = r.linkSummaryInSource;
	else if (r.linkSummaryInSource !== undefined) report?.("The setting that links a summary from its source note was not readable; it is off.");
	if (typeof r.reasoningInNote === "boolean") settings.reasoningInNote = r.reasoningInNote;
	else if (r.reasoningInNote !== undefined) report?.("The setting that writes reasoning summaries into the note was not readable; it is off.");
	if (isAnswerFormat(r.askFormat)) settings.askFormat = r.askFormat;
	else if (r.askFormat !== undefined) report?.(`The answer format for questions ${JSON.stringify(r.askFormat)} is unknown; answers are plain text again.`);
	if (typeof r.keepPromptsInHistory === "boolean") settings.keepPromptsInHistory = r.keepPromptsInHistory;
	else if (r.keepPromptsInHistory !== undefined) report?.("The setting that keeps prompts in the request history was not readable; it is off.");
	if (intIn(r.batchConcurrency, 1, MAX_BATCH_CONCURRENCY)) settings.batchConcurrency = r.batchConcurrency;
	else if (r.batchConcurrency !== undefined) report?.(`Notes summarized at once ${JSON.stringify(r.batchConcurrency)} is not a whole number from 1 to ${MAX_BATCH_CONCURRENCY}; it is ${DEFAULT_BATCH_CONCURRENCY} again.`);

	if (Array.isArray(r.templates)) {
		const templates = r.templates.map((t, i) => readTemplate(t, i, report)).filter((t): t is PromptTemplate => t !== undefined);
		uniqueIds(templates, (t) => `Prompt template "${t.name}"`, report);
		for (const t of templates) {
			if (t.deploymentId !== null && !ids.has(t.deploymentId)) {
				report?.(`Prompt template "${t.name}" named a deployment that does not exist; it uses the default deployment now.`);
				t.deploymentId = null;
			}
		}
		if (templates.length > 0) settings.templates = templates;
	} else if (r.templates !== undefined) {
		report?.("The prompt templates were not readable; the default ones are used.");
	}
	const unknown = Object.keys(r).filter((k) => !SETTINGS_KEYS.has(k));
	if (unknown.length > 0) report?.(`Unknown ${unknown.length === 1 ? "setting" : "settings"} ${unknown.map((k) => JSON.stringify(k)).join(", ")} left out.`);
	return settings;
}
