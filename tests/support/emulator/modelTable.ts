// The emulator's model table, written from the facts files (azure-reasoning-api.md §1 for the 2025
// families, azure-responses-api.md §1, §4, §5 for the rest), independent of src/: a mistake in the
// plugin's capability table must be caught here, not mirrored.
import type { EffortWording, EmulatedDeployment, EmulatedFamily, EmulatedOperation } from './types';

export interface FamilyRules {
	/** Default `model` of responses. */
	model: string;
	/** The name in `Model {name} is enabled only for api versions ...` and OperationNotSupported. */
	modelName: string;
	/** Minimum dated api-version; null: any known version; 'v1-only': the dated API refuses it. */
	minDatedVersion: string | null | 'v1-only';
	outputLimit: number;
	/** Context window in tokens: informational (the emulator does not refuse long prompts). */
	contextWindow: number;
	reasoning: boolean;
	/** o1-preview / o1-mini: no system and no developer message. */
	noInstructionRoles: boolean;
	/**
	 * only-1: 1 accepted, other values unsupported_value; rejected: the parameter at all; range: 0..2;
	 * effort-none: temperature and top_p accepted (0..2, 0..1) only when the effort sent, or the default, is `none`,
	 * else unsupported_parameter (facts §5 of azure-responses-api.md).
	 */
	temperature: 'only-1' | 'rejected' | 'range' | 'effort-none';
	/** Allowed values, or how the parameter is refused. */
	reasoningEffort: readonly string[] | 'unknown-parameter' | 'unsupported-parameter';
	/** The effort used when none is sent (decides the temperature rule and reasoning tokens). */
	defaultEffort: string | null;
	/** stream:true answered with the exact unsupported_value (no streaming in the facts), or with the emulator's own 400. */
	stream: 'unsupported-value' | 'emulator';
	operations: readonly EmulatedOperation[];
	/** reasoning.summary: 'yes' accepted; 'gated' only with the deployment's summaryAccess; 'no' unsupported_parameter. */
	summary: 'yes' | 'gated' | 'no';
	/** text.verbosity low/medium/high accepted (gpt-5 families), else unsupported_parameter. */
	verbosity: boolean;
}

const LMH = ['low', 'medium', 'high'] as const;
const NONE_HIGH = ['none', 'low', 'medium', 'high'] as const;
const NONE_XHIGH = ['none', 'low', 'medium', 'high', 'xhigh'] as const;
const NONE_MAX = ['none', 'low', 'medium', 'high', 'xhigh', 'max'] as const;
const CHAT: readonly EmulatedOperation[] = ['chat-completions'];
const BOTH: readonly EmulatedOperation[] = ['chat-completions', 'responses'];
const RESP: readonly EmulatedOperation[] = ['responses'];

/** The 2025 families, unchanged (plus operations, summaries, verbosity, context). */
const FAMILIES_2025 = {
	'o1-preview': { model: 'o1-preview-2024-09-12', modelName: 'o1-preview', minDatedVersion: '2024-12-01-preview', outputLimit: 32768, contextWindow: 128000, reasoning: true, noInstructionRoles: true, temperature: 'only-1', reasoningEffort: 'unknown-parameter', defaultEffort: null, stream: 'unsupported-value', operations: CHAT, summary: 'no', verbosity: false },
	'o1-mini': { model: 'o1-mini-2024-09-12', modelName: 'o1-mini', minDatedVersion: '2024-12-01-preview', outputLimit: 65536, contextWindow: 128000, reasoning: true, noInstructionRoles: true, temperature: 'only-1', reasoningEffort: 'unknown-parameter', defaultEffort: null, stream: 'unsupported-value', operations: CHAT, summary: 'no', verbosity: false },
	// CHOICE (facts silent): o1 and o3-mini have no reasoning summaries (unsupported_parameter).
	o1: { model: 'o1-2024-12-17', modelName: 'o1', minDatedVersion: '2024-12-01-preview', outputLimit: 100000, contextWindow: 200000, reasoning: true, noInstructionRoles: false, temperature: 'rejected', reasoningEffort: LMH, defaultEffort: 'medium', stream: 'unsupported-value', operations: BOTH, summary: 'no', verbosity: false },
	'o3-mini': { model: 'o3-mini-2025-01-31', modelName: 'o3-mini', minDatedVersion: '2024-12-01-preview', outputLimit: 100000, contextWindow: 200000, reasoning: true, noInstructionRoles: false, temperature: 'rejected', reasoningEffort: LMH, defaultEffort: 'medium', stream: 'emulator', operations: BOTH, summary: 'no', verbosity: false },
	// CHOICE: o3 / o4-mini context 200,000 (facts silent; the o-series' published window).
	o3: { model: 'o3-2025-04-16', modelName: 'o3', minDatedVersion: '2025-04-01-preview', outputLimit: 100000, contextWindow: 200000, reasoning: true, noInstructionRoles: false, temperature: 'only-1', reasoningEffort: LMH, defaultEffort: 'medium', stream: 'emulator', operations: BOTH, summary: 'gated', verbosity: false },
	'o4-mini': { model: 'o4-mini-2025-04-16', modelName: 'o4-mini', minDatedVersion: '2025-04-01-preview', outputLimit: 100000, contextWindow: 200000, reasoning: true, noInstructionRoles: false, temperature: 'only-1', reasoningEffort: LMH, defaultEffort: 'medium', stream: 'emulator', operations: BOTH, summary: 'gated', verbosity: false },
	// CHOICE: gpt-5 context 400,000 (facts silent; the brief's figure for gpt-5.x).
	'gpt-5': { model: 'gpt-5-2025-08-07', modelName: 'gpt-5', minDatedVersion: 'v1-only', outputLimit: 128000, contextWindow: 400000, reasoning: true, noInstructionRoles: false, temperature: 'only-1', reasoningEffort: ['minimal', 'low', 'medium', 'high'], defaultEffort: 'medium', stream: 'emulator', operations: BOTH, summary: 'yes', verbosity: true },
	chat: { model: 'gpt-4o-2024-11-20', modelName: 'gpt-4o', minDatedVersion: null, outputLimit: 16384, contextWindow: 128000, reasoning: false, noInstructionRoles: false, temperature: 'range', reasoningEffort: 'unsupported-parameter', defaultEffort: null, stream: 'emulator', operations: BOTH, summary: 'no', verbosity: false },
} as const satisfies Record<string, FamilyRules>;

/** A gpt-5.x / gpt-6 reasoning family: v1 only, 128,000 output, summaries and verbosity. */
function gpt5x(model: string, modelName: string, efforts: readonly string[], defaultEffort: string, operations: readonly EmulatedOperation[], contextWindow = 400000, extra: Partial<FamilyRules> = {}): FamilyRules {
	return {
		model, modelName, minDatedVersion: 'v1-only', outputLimit: 128000, contextWindow, reasoning: true, noInstructionRoles: false,
		temperature: 'effort-none', reasoningEffort: efforts, defaultEffort, stream: 'emulator', operations, summary: 'yes', verbosity: true, ...extra,
	};
}

/**
 * The Responses-era families. Dates from facts §1 where given; INVENTED dates (facts silent) are marked.
 * CHOICES where the facts are silent: output limit 128,000 for every gpt-5.x (the facts' figure for gpt-5 and
 * gpt-5.6); context 400,000 for gpt-5.x, 1,050,000 for gpt-5.6 and gpt-6-astra (facts), 200,000 for o3-pro and
 * codex-mini; default effort `none` for gpt-5.1 (facts) and gpt-5.2 to gpt-5.5 (as gpt-5.1), `medium` for
 * gpt-5.6 (facts), gpt-6-astra, codex and o-series (facts: "before gpt-5.1 default to medium"), `high` for gpt-5-pro.
 */
const FAMILIES_2026: Record<Exclude<EmulatedFamily, keyof typeof FAMILIES_2025>, FamilyRules> = {
	// INVENTED date 2025-06-10. CHOICE: o3-pro does not stream (unsupported_value), temperature refused outright.
	'o3-pro': { model: 'o3-pro-2025-06-10', modelName: 'o3-pro', minDatedVersion: '2025-04-01-preview', outputLimit: 100000, contextWindow: 200000, reasoning: true, noInstructionRoles: false, temperature: 'rejected', reasoningEffort: LMH, defaultEffort: 'medium', stream: 'unsupported-value', operations: RESP, summary: 'gated', verbosity: false },
	// INVENTED date 2025-05-16. CHOICE: temperature refused outright.
	'codex-mini': { model: 'codex-mini-2025-05-16', modelName: 'codex-mini', minDatedVersion: '2025-04-01-preview', outputLimit: 100000, contextWindow: 200000, reasoning: true, noInstructionRoles: false, temperature: 'rejected', reasoningEffort: LMH, defaultEffort: 'medium', stream: 'emulator', operations: RESP, summary: 'gated', verbosity: false },
	// CHOICE: gpt-5-pro does not stream; temperature as gpt-5 (only 1).
	'gpt-5-pro': gpt5x('gpt-5-pro-2025-10-06', 'gpt-5-pro', ['high'], 'high', RESP, 400000, { temperature: 'only-1', stream: 'unsupported-value' }),
	// CHOICE (facts silent): the codex models before codex-max take low/medium/high (no minimal, no none).
	'gpt-5-codex': gpt5x('gpt-5-codex-2025-09-15', 'gpt-5-codex', LMH, 'medium', RESP, 400000, { temperature: 'only-1' }),
	// Non-reasoning chat model (facts §1): no effort at all, temperature 0..2. CHOICE: 16,384 output, 128,000 context.
	'gpt-5-chat': { model: 'gpt-5-chat-2025-08-07', modelName: 'gpt-5-chat', minDatedVersion: 'v1-only', outputLimit: 16384, contextWindow: 128000, reasoning: false, noInstructionRoles: false, temperature: 'range', reasoningEffort: 'unsupported-parameter', defaultEffort: null, stream: 'emulator', operations: BOTH, summary: 'no', verbosity: true },
	'gpt-5.1': gpt5x('gpt-5.1-2025-11-13', 'gpt-5.1', NONE_HIGH, 'none', BOTH),
	// CHOICE (facts silent): gpt-5.1-chat reasons at a fixed `medium` (OpenAI's gpt-5.1-chat-latest), 16,384 output, 128,000 context.
	'gpt-5.1-chat': gpt5x('gpt-5.1-chat-2025-11-13', 'gpt-5.1-chat', ['medium'], 'medium', BOTH, 128000, { outputLimit: 16384 }),
	'gpt-5.1-codex': gpt5x('gpt-5.1-codex-2025-11-13', 'gpt-5.1-codex', LMH, 'medium', RESP),
	'gpt-5.1-codex-mini': gpt5x('gpt-5.1-codex-mini-2025-11-13', 'gpt-5.1-codex-mini', LMH, 'medium', RESP),
	'gpt-5.1-codex-max': gpt5x('gpt-5.1-codex-max-2025-12-04', 'gpt-5.1-codex-max', ['low', 'medium', 'high', 'xhigh'], 'medium', RESP),
	'gpt-5.2': gpt5x('gpt-5.2-2025-12-11', 'gpt-5.2', NONE_XHIGH, 'none', BOTH),
	// Facts §1/§4: later -pro models are Responses only; third-party tables give gpt-5.2-pro none to xhigh. INVENTED date
	// (as gpt-5.2). CHOICE: as gpt-5-pro, no streaming and temperature only 1; default effort medium.
	'gpt-5.2-pro': gpt5x('gpt-5.2-pro-2025-12-11', 'gpt-5.2-pro', NONE_XHIGH, 'medium', RESP, 400000, { temperature: 'only-1', stream: 'unsupported-value' }),
	// Azure serving gpt-5.4 / gpt-5.5 is not known (facts); emulated as gpt-5.2, both operations.
	'gpt-5.4': gpt5x('gpt-5.4-2026-03-05', 'gpt-5.4', NONE_XHIGH, 'none', BOTH),
	'gpt-5.5': gpt5x('gpt-5.5-2026-04-23', 'gpt-5.5', NONE_XHIGH, 'none', BOTH),
	// Chat completions for gpt-5.6 is a CHOICE (facts: verified on Responses only).
	'gpt-5.6-sol': gpt5x('gpt-5.6-sol-2026-07-09', 'gpt-5.6-sol', NONE_MAX, 'medium', BOTH, 1050000),
	'gpt-5.6-terra': gpt5x('gpt-5.6-terra-2026-07-09', 'gpt-5.6-terra', NONE_MAX, 'medium', BOTH, 1050000),
	'gpt-5.6-luna': gpt5x('gpt-5.6-luna-2026-07-09', 'gpt-5.6-luna', NONE_MAX, 'medium', BOTH, 1050000),
	// Azure's own list (facts §1 error body); `none` takes temperature (one report).
	'gpt-6-astra': gpt5x('gpt-6-astra-2026-09-03', 'gpt-6-astra', NONE_XHIGH, 'medium', BOTH, 1050000),
};

/** The family table. */
export const FAMILY_RULES: Readonly<Record<EmulatedFamily, FamilyRules>> = { ...FAMILIES_2025, ...FAMILIES_2026 };

/** Reasoning tokens a completion uses when the deployment does not say. */
export function defaultReasoningTokens(family: EmulatedFamily): number {
	return FAMILY_RULES[family].reasoning ? 192 : 0;
}

/** The efforts a deployment accepts: its own override, else the family's (a refusal mode for families without). */
export function effortsOf(dep: Pick<EmulatedDeployment, 'family' | 'efforts'>): FamilyRules['reasoningEffort'] {
	const e = FAMILY_RULES[dep.family].reasoningEffort;
	return typeof e === 'string' ? e : (dep.efforts ?? e);
}

/** The effort in force: the one sent when it is a string, else the family's default. */
export function effectiveEffort(family: EmulatedFamily, sent: unknown): string | null {
	return typeof sent === 'string' ? sent : FAMILY_RULES[family].defaultEffort;
}

export type { EffortWording };
