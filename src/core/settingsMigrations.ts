/**
 * Loading the settings file, whatever it holds: the current version, an older one (migrated), a
 * newer one (what this version understands is kept), or a damaged one (every readable part kept).
 * Pure: reading the file, keeping a copy of a damaged one, moving keys into secret storage and
 * telling the user belong to the UI layer (src/ui/settings/settingsFile.ts).
 *
 * Versions:
 * - 0: the shape before `version` existed: one flat deployment,
 *   `{ endpoint, apiKey?, deployment, apiVersion, model }` (`model` as typed: a family or a model
 *   name such as `o1-mini-2024-09-12`; `apiVersion` may be `v1`); the key in plain text.
 * - 1: `{ version: 1, deployments: [...], defaultDeploymentId, timeoutSeconds, maxRetries,
 *   outputFolder, templates }`; each deployment names a secret (`secretName`), never a key.
 * - 2: each deployment records its operation (`chat-completions` or `responses`), its reasoning
 *   summary mode and verbosity; `reasoningInNote` joins the general settings. A version-1
 *   deployment sent to chat completions with no summary, so that is what it keeps.
 */
import { salvageJson } from "./jsonSalvage";
import { isRecord } from "./record";
import { SETTINGS_VERSION, type PluginSettings } from "./settings";
import { familyFromStored, readSettings } from "./settingsRead";

/** A key found in plain text in the file. The UI layer puts it into secret storage and sets the deployment's `secretName`. */
export interface PlaintextKey {
	deploymentId: string;
	apiKey: string;
	/** The secret to store it under unless that name holds another key: the deployment's own secret name, else one made from the endpoint's resource name. */
	secretName: string;
}

export interface LoadResult {
	/** Never holds a key. */
	settings: PluginSettings;
	/** What could not be kept as it was, one sentence each; empty for a sound file. A non-empty list means: keep a copy of the original. */
	problems: string[];
	/** The version the file was migrated from, when it was older than SETTINGS_VERSION. */
	migratedFrom?: number;
	plaintextKeys: PlaintextKey[];
}

type Data = Record<string, unknown>;

interface Migration {
	from: number;
	migrate(data: Data, report: (message: string) => void): Data;
}

const V0_KEYS = ["endpoint", "apiKey", "deployment", "apiVersion", "model"] as const;

const text = (v: unknown): string => (typeof v === "string" ? v : "");

/** Version 0 → 1: the one flat deployment becomes the first (and default) of a list. */
function v0ToV1(data: Data, report: (message: string) => void): Data {
	const unknown = Object.keys(data).filter((k) => k !== "version" && !(V0_KEYS as readonly string[]).includes(k));
	if (unknown.length > 0) report(`Old ${unknown.length === 1 ? "setting" : "settings"} ${unknown.map((k) => JSON.stringify(k)).join(", ")} ${unknown.length === 1 ? "has" : "have"} no place in this version and ${unknown.length === 1 ? "was" : "were"} left out.`);
	const hasAny = V0_KEYS.some((k) => text(data[k]).trim() !== "");
	if (!hasAny) return { version: 1 };
	const apiVersion = text(data.apiVersion).trim();
	const isV1 = /^(v1|preview)$/i.test(apiVersion);
	const deployment: Data = {
		id: "deployment-1",
		displayName: text(data.deployment).trim(),
		endpoint: text(data.endpoint),
		deployment: text(data.deployment),
		apiStyle: isV1 ? "v1" : "dated",
	};
	if (apiVersion !== "" && !isV1) deployment.apiVersion = apiVersion;
	// A model name the family table knows becomes its family; anything else is reported by readDeployment.
	const family = familyFromStored(data.model);
	if (family) deployment.family = family;
	else if (data.model !== undefined && text(data.model).trim() !== "") deployment.family = data.model;
	if (typeof data.apiKey === "string") deployment.apiKey = data.apiKey;
	return { version: 1, deployments: [deployment], defaultDeploymentId: "deployment-1" };
}

/** Version 1 → 2: every deployment keeps what it did: chat completions, no reasoning summary, no verbosity. */
function v1ToV2(data: Data): Data {
	if (!Array.isArray(data.deployments)) return { ...data, version: 2 };
	const deployments = data.deployments.map((d: unknown) => (isRecord(d) ? { operation: "chat-completions", reasoningSummary: "off", verbosity: "", ...d } : d));
	return { ...data, version: 2, deployments };
}

/** In order; each takes a file of version `from` to `from + 1`. */
const MIGRATIONS: readonly Migration[] = [
	{ from: 0, migrate: v0ToV1 },
	{ from: 1, migrate: v1ToV2 },
];

/** The version a settings object was written in; reports a `version` that cannot be one. */
function versionOf(data: Data, report: (message: string) => void): number {
	const v = data.version;
	if (typeof v === "number" && Number.isInteger(v) && v >= 0) {
		if (v > SETTINGS_VERSION) {
			report(`The settings file was written by a newer version of the plugin (settings version ${v}); what this version understands was kept.`);
			return SETTINGS_VERSION;
		}
		return v;
	}
	if (v !== undefined) report(`The settings file's version ${JSON.stringify(v)} is not readable; it was read by its shape.`);
	const looksV0 = !("deployments" in data) && V0_KEYS.some((k) => k in data);
	return looksV0 ? 0 : SETTINGS_VERSION;
}

/** A secret name Obsidian accepts (lowercase letters, digits, dashes), from the endpoint's resource name. */
export function secretNameFor(endpoint: string): string {
	let host = "";
	try {
		host = new URL(endpoint.trim()).hostname;
	} catch {
		host = "";
	}
	const resource = host.split(".")[0] ?? "";
	const slug = resource.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
	return slug === "" || /^\d+$/.test(slug) ? "azure-openai-key" : `azure-${slug}`;
}

const SECRET_ID = /^[a-z0-9-]+$/;

/**
 * Loads what `loadData()` (or JSON.parse of the file) gave: null or undefined when there is no
 * file. Never throws; the result never holds a key.
 */
export function loadSettings(raw: unknown): LoadResult {
	const problems: string[] = [];
	const report = (m: string) => problems.push(m);
	if (raw === null || raw === undefined) return { settings: readSettings({}), problems, plaintextKeys: [] };
	if (!isRecord(raw)) {
		report(`The settings file holds ${Array.isArray(raw) ? "a list" : `a ${typeof raw}`}, not settings; the defaults are used.`);
		return { settings: readSettings({}), problems, plaintextKeys: [] };
	}
	const from = versionOf(raw, report);
	let data: Data = raw;
	for (const m of MIGRATIONS) if (m.from >= from) data = m.migrate(data, report);
	const { version: _version, ...current } = data;
	const settings = readSettings(current, problems);

	const plaintextKeys: PlaintextKey[] = [];
	const stored = Array.isArray(current.deployments) ? current.deployments.filter(isRecord) : [];
	stored.forEach((rec, i) => {
		const dep = settings.deployments[i];
		if (!dep || typeof rec.apiKey !== "string" || rec.apiKey.trim() === "") return;
		const own = dep.secretName.trim();
		plaintextKeys.push({ deploymentId: dep.id, apiKey: rec.apiKey.trim(), secretName: SECRET_ID.test(own) ? own : secretNameFor(dep.endpoint) });
	});
	return { settings, problems, plaintextKeys, ...(from < SETTINGS_VERSION ? { migratedFrom: from } : {}) };
}

/** Loads the settings file's text (null: there is none), reading what it can from damaged JSON. */
export function loadSettingsText(fileText: string | null): LoadResult {
	if (fileText === null) return loadSettings(null);
	let parsed: unknown;
	try {
		parsed = JSON.parse(fileText) as unknown;
	} catch {
		const salvaged = salvageJson(fileText);
		if (!salvaged) {
			const result = loadSettings(null);
			result.problems.unshift("The settings file is not JSON at all and could not be read; the defaults are used.");
			return result;
		}
		const result = loadSettings(salvaged.value);
		result.problems.unshift(`The settings file is damaged: it stops being valid JSON at character ${salvaged.stoppedAt + 1} (it may have been cut off). Everything readable before that was kept.`);
		return result;
	}
	return loadSettings(parsed);
}

/**
 * The file's text with every plain-text key replaced, for the copy kept beside a damaged file:
 * the keys found (`keys`) wherever they appear, and any `"apiKey": "..."` value, even one cut off.
 */
export function redactPlaintextKeys(fileText: string, keys: readonly string[]): string {
	const moved = "[moved to secret storage]";
	let out = fileText;
	for (const k of keys) if (k.length >= 4) out = out.split(k).join(moved);
	return out.replace(/("apiKey"\s*:\s*")((?:[^"\\]|\\.)*)("?)/g, (_m, open: string, value: string, close: string) => `${open}${value === moved ? moved : "[removed]"}${close}`);
}
