/**
 * What `npm run demo` runs against: the deployment it configures in the plugin, from the
 * AZURE_OPENAI_* variables (a real deployment, or any Azure-compatible endpoint) or from the
 * flags (the built-in emulator). The deployment is checked with the plugin's own
 * validateDeployment before anything starts: an invalid combination (o3-pro on chat
 * completions, gpt-5.1 with effort minimal, gpt-5 on a dated api-version) is refused with the
 * plugin's reasons and sends nothing.
 */
import { DEFAULT_DATED_VERSION } from "../../src/core/apiVersion";
import { DEFAULT_AUTHORITY_HOST } from "../../src/core/entra";
import { EFFORT_SCALE, familyOfModel, FAMILIES, getFamily, isFamilyId, OPERATIONS, OPERATION_LABELS, type FamilyId, type Operation, type ReasoningEffort, type SummaryMode, type Verbosity } from "../../src/core/families";
import { FIELD_LABELS, newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { validateDeployment, type Finding } from "../../src/core/validate";
import type { EmulatedFamily } from "../../tests/support/emulator/types";
import { MODELS_OF_FAMILY, modelOf } from "../../tests/support/familyModels";

/** A configuration the demo will not run; printed as is, exit code 2. */
export class DemoRefusal extends Error {}

/** Every model the built-in emulator serves: one deployment each, named `notes-MODEL`. */
export const EMULATED_MODELS: readonly EmulatedFamily[] = [...new Set(Object.values(MODELS_OF_FAMILY).flat())];

export interface DemoTarget {
	/** false: the built-in emulator (its URL is filled in once it runs). */
	real: boolean;
	/** What the emulator runs for this deployment (built-in emulator only). */
	emulatedModel?: EmulatedFamily;
	/** The deployment as the plugin stores it (endpoint empty until the built-in emulator runs). */
	config: DeploymentConfig;
	/** The key (never printed); with Entra ID, the built-in emulator's key, not given to the plugin. */
	key: string;
	/** Key, or a Microsoft Entra ID sign-in (config.tenant, clientId, authorityHost). */
	auth: "key" | "entra";
	/** The validation's warnings, to print before running. */
	warnings: Finding[];
}

/** The flags that choose a deployment (environment variables stand in for unset ones where noted). */
export interface TargetFlags {
	family?: string;
	api?: string;
	operation?: string;
	effort?: string;
	summary?: string;
	verbosity?: string;
	auth?: string;
}

/** The built-in token emulator's directory and app registration. */
export const EMULATED_TENANT = "contoso.onmicrosoft.com";
export const EMULATED_CLIENT_ID = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";

const SUMMARY_MODES: readonly SummaryMode[] = ["off", "auto", "concise", "detailed"];
const VERBOSITIES: readonly Verbosity[] = ["low", "medium", "high"];
export const DEMO_INSTRUCTIONS = "You are a careful editor. Keep the author's voice.";

/** A family id (`gpt-5.6`) or a model name as Azure writes it (`gpt-5.6-sol`, `gpt-5.1-codex-mini`, `o4-mini-2025-04-16`). */
export function familyOfName(name: string, source: string): FamilyId {
	const n = name.trim().toLowerCase();
	if (isFamilyId(n)) return n;
	const family = familyOfModel(n);
	if (family) return family.id;
	throw new DemoRefusal(`${source} must be a model name as Azure writes it (gpt-5.1, gpt-5.6-sol, gpt-5.1-codex-mini, o3-pro, o4-mini, gpt-4o, …) or one of the plugin's families (${FAMILIES.map((f) => f.id).join(", ")}); got "${name}".`);
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], source: string): T | "" {
	const v = (value ?? "").trim().toLowerCase();
	if (v === "") return "";
	if ((allowed as readonly string[]).includes(v)) return v as T;
	throw new DemoRefusal(`${source} must be one of ${allowed.join(", ")}; got "${value ?? ""}".`);
}

/** The flag when given, else the environment variable. */
const either = (flag: string | undefined, env: string | undefined): string | undefined => (flag !== undefined ? flag : env);

/**
 * The deployment the demo configures. `env` is the process environment: with AZURE_OPENAI_ENDPOINT
 * set, the AZURE_OPENAI_* variables name a real deployment; otherwise the flags choose one of the
 * built-in emulator's. Throws DemoRefusal for a missing variable, an unknown name or an invalid combination.
 */
export function resolveTarget(flags: TargetFlags, env: NodeJS.ProcessEnv): DemoTarget {
	const real = Boolean(env.AZURE_OPENAI_ENDPOINT);
	const auth = pick(either(flags.auth, env.AZURE_OPENAI_AUTH), ["key", "entra"] as const, flags.auth !== undefined ? "--auth" : "AZURE_OPENAI_AUTH") || "key";
	let family: FamilyId;
	let emulatedModel: EmulatedFamily | undefined;
	let api: string;
	let deployment: string;
	let key: string;
	if (real) {
		const needed = ["AZURE_OPENAI_DEPLOYMENT", "AZURE_OPENAI_MODEL_FAMILY", "AZURE_OPENAI_API_VERSION", ...(auth === "entra" ? ["AZURE_OPENAI_TENANT", "AZURE_OPENAI_CLIENT_ID"] : ["AZURE_OPENAI_API_KEY"])];
		const missing = needed.filter((k) => !env[k]);
		if (missing.length > 0) throw new DemoRefusal(`With AZURE_OPENAI_ENDPOINT set, also set ${missing.join(", ")}.`);
		family = familyOfName(env.AZURE_OPENAI_MODEL_FAMILY ?? "", "AZURE_OPENAI_MODEL_FAMILY");
		api = env.AZURE_OPENAI_API_VERSION ?? "";
		deployment = env.AZURE_OPENAI_DEPLOYMENT ?? "";
		key = env.AZURE_OPENAI_API_KEY ?? "";
	} else {
		const name = (flags.family ?? "o1").trim().toLowerCase();
		family = familyOfName(name, "--family");
		emulatedModel = EMULATED_MODELS.find((m) => m === name) ?? modelOf(family);
		// Unset: the newest dated version where the family has a dated API, else v1.
		api = flags.api ?? (getFamily(family).apiStyles.includes("dated") ? DEFAULT_DATED_VERSION : "v1");
		deployment = `notes-${emulatedModel}`;
		key = "demo-key-0123456789abcdef";
	}
	const f = getFamily(family);
	const operation: Operation = pick(either(flags.operation, env.AZURE_OPENAI_API), OPERATIONS, flags.operation !== undefined ? "--operation" : "AZURE_OPENAI_API") || f.operations[0] || "chat-completions";
	const effort: ReasoningEffort | "" = pick(either(flags.effort, env.AZURE_OPENAI_REASONING_EFFORT), EFFORT_SCALE, flags.effort !== undefined ? "--effort" : "AZURE_OPENAI_REASONING_EFFORT");
	const summary = pick(either(flags.summary, env.AZURE_OPENAI_REASONING_SUMMARY), SUMMARY_MODES, flags.summary !== undefined ? "--summary" : "AZURE_OPENAI_REASONING_SUMMARY");
	const verbosity = pick(either(flags.verbosity, env.AZURE_OPENAI_VERBOSITY), VERBOSITIES, flags.verbosity !== undefined ? "--verbosity" : "AZURE_OPENAI_VERBOSITY");
	const isV1 = api.trim().toLowerCase() === "v1";
	const base = newDeployment("demo", family);
	const config: DeploymentConfig = {
		...base,
		displayName: real ? deployment : `Emulated ${emulatedModel ?? family}`,
		endpoint: real ? (env.AZURE_OPENAI_ENDPOINT ?? "") : "",
		apiStyle: isV1 ? "v1" : "dated",
		apiVersion: isV1 ? DEFAULT_DATED_VERSION : api.trim(),
		deployment,
		secretName: "azure-reasoning-demo-key",
		operation,
		reasoningEffort: effort,
		// Unset: the plugin's default for a new deployment, where a summary can be given at all.
		reasoningSummary: summary || (operation === "responses" ? base.reasoningSummary : "off"),
		verbosity,
		instructions: DEMO_INSTRUCTIONS,
		...(auth === "entra"
			? {
					auth: "entra" as const,
					secretName: "",
					tenant: real ? (env.AZURE_OPENAI_TENANT ?? "") : EMULATED_TENANT,
					clientId: real ? (env.AZURE_OPENAI_CLIENT_ID ?? "") : EMULATED_CLIENT_ID,
					// The built-in token emulator's address is known once it runs.
					authorityHost: real ? env.AZURE_OPENAI_AUTHORITY || DEFAULT_AUTHORITY_HOST : "",
				}
			: {}),
	};
	const warnings = check(config);
	return { real, ...(emulatedModel ? { emulatedModel } : {}), config, key, auth, warnings };
}

/** The plugin's own validation; errors refuse the run (before the emulator even starts). */
export function check(config: DeploymentConfig): Finding[] {
	// The built-in emulator's URL is known only once it runs: validate against a loopback address meanwhile.
	const probe = { ...config, endpoint: config.endpoint || "http://127.0.0.1:9", ...(config.auth === "entra" ? { authorityHost: config.authorityHost || "http://127.0.0.1:9" } : {}) };
	const { findings } = validateDeployment(probe, { secretAvailable: true });
	const errors = findings.filter((f) => f.severity === "error");
	if (errors.length > 0) {
		const what = `${config.deployment} (${config.family === "" ? "no model family" : getFamily(config.family).label}) on ${OPERATION_LABELS[config.operation]}, ${config.apiStyle === "v1" ? "v1 API" : `api-version ${config.apiVersion}`}${config.reasoningEffort ? `, reasoning effort ${config.reasoningEffort}` : ""}`;
		throw new DemoRefusal(`The plugin refuses this deployment, so nothing was sent: ${what}.\n${errors.map(describe).join("\n")}`);
	}
	return findings.filter((f) => f.severity === "warning");
}

export function describe(f: Finding): string {
	return `  - ${FIELD_LABELS[f.field]}: ${f.message}${f.fix ? ` (the settings tab offers "${f.fix.label}")` : ""}`;
}

/** One line on what will be sent: family, operation, API, effort, summary. */
export function targetLine(t: DemoTarget): string {
	const c = t.config;
	if (c.family === "") throw new DemoRefusal("The deployment has no model family.");
	const f = getFamily(c.family);
	const effort = c.reasoningEffort || (f.defaultEffort ? `the family's default (${f.defaultEffort})` : "none (the family takes none)");
	const parts = [
		`${c.deployment}: ${f.label}${t.emulatedModel ? ` (emulated ${t.emulatedModel})` : ""}`,
		`operation ${c.operation} (${OPERATION_LABELS[c.operation]})`,
		c.apiStyle === "v1" ? "v1 API" : `api-version ${c.apiVersion}`,
		`reasoning effort ${effort}`,
		`summary ${c.reasoningSummary}`,
		...(c.verbosity ? [`verbosity ${c.verbosity}`] : []),
		c.auth === "entra" ? `Microsoft Entra ID sign-in (tenant ${c.tenant ?? ""}, client ${c.clientId ?? ""}, authority ${c.authorityHost ?? ""})` : "key authentication",
	];
	return parts.join(", ");
}
