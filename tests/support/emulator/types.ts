// Public types of the Azure OpenAI emulator (see ../azureEmulator.ts for the overview).
//
// The Responses operation (azure-responses-api.md), beside chat completions:
// - v1: `POST /openai/v1/responses` (api-version absent, `v1` or `preview`); dated: `POST /openai/responses?api-version=V`
//   with V ≥ 2025-03-01-preview (an older known version: 404 Resource not found) and ≥ the family's minimum.
//   The deployment is `body.model` on both (the openai SDK's AzureOpenAI does not move /responses under /deployments/).
// - Checked in order: path, responsesAvailable (404), auth (as chat completions), api-version, JSON, `model`
//   (400 missing / 404 DeploymentNotFound), the family's operations (400 OperationNotSupported), the dated
//   minimum, Microsoft's AzureCreateResponse schema (schema/azure-create-response.json; unknown keys and the
//   chat spellings `messages`, `max_completion_tokens`, `max_tokens`, `reasoning_effort` → 400
//   `Unknown parameter: 'KEY'.`, code unknown_parameter), then the family's rules: stream, reasoning.effort,
//   reasoning.summary, text.verbosity (gpt-5 families: low/medium/high; elsewhere unsupported_parameter),
//   temperature / top_p, max_output_tokens (16 … the output limit). `store` is recorded, never refused.
// - 200 answer (AzureResponse): id `resp_…`, object "response", created_at, status, model, output
//   [reasoning item `rs_…` (reasoning families, effort not none; `summary` filled only when asked and
//   allowed), message item `msg_…` with one `output_text` part], usage {input_tokens, input_tokens_details
//   {cached_tokens: 0}, output_tokens, output_tokens_details {reasoning_tokens}, total_tokens},
//   incomplete_details null (or {reason}), plus the request's echoed settings. input_tokens = ceil(chars of
//   instructions + input texts / 4). A budget at or below the reasoning tokens: incomplete, no message item;
//   below reasoning + answer: incomplete with the answer cut to (budget - reasoning) * 4 characters.
// AzureEmulator also has `setResponsesAvailable(b)` and `setSummary(fn)` (reset() restores the default summary).

/**
 * What a deployment really runs. Its rules (rules.ts / modelTable.ts) apply, whatever the deployment is called.
 * The 2025 families (o1-preview … gpt-5, chat = gpt-4o) serve chat completions as before; the others follow
 * azure-responses-api.md (operations §1, efforts §4, temperature §5). In short:
 * - Responses only (chat completions → 400 OperationNotSupported naming the model): o3-pro, codex-mini,
 *   gpt-5-pro, gpt-5-codex, gpt-5.1-codex, gpt-5.1-codex-mini, gpt-5.1-codex-max.
 * - Chat completions only (Responses → 400 OperationNotSupported, "responses operation"): o1-preview, o1-mini.
 * - Both: every other family.
 * - Dated api-versions: gpt-5* and gpt-6* families are v1 only (dated → 400 OperationNotSupported);
 *   o3, o4-mini, o3-pro, codex-mini need 2025-04-01-preview; the dated Responses path needs 2025-03-01-preview.
 * Efforts (chat `reasoning_effort`, Responses `reasoning.effort`), default in brackets:
 * o-series, o3-pro, codex-mini: low/[medium]/high · gpt-5: minimal/low/[medium]/high · gpt-5-pro: [high] ·
 * gpt-5-codex, gpt-5.1-codex, gpt-5.1-codex-mini: low/[medium]/high · gpt-5.1-codex-max: low/[medium]/high/xhigh ·
 * gpt-5.1: [none]/low/medium/high · gpt-5.2, gpt-5.4, gpt-5.5: [none]/low/medium/high/xhigh ·
 * gpt-5.6-*: none/low/[medium]/high/xhigh/max · gpt-6-astra: none/low/[medium]/high/xhigh (Azure's own list) ·
 * gpt-5.1-chat: [medium] only · gpt-5-chat, chat: no effort at all (unsupported_parameter).
 * gpt-5.1 and later (incl. gpt-6-astra): temperature / top_p accepted only when the effort (sent or default) is `none`.
 * See FAMILY_RULES for model strings, output limits and context windows.
 */
export type EmulatedFamily =
	| 'o1-preview' | 'o1-mini' | 'o1' | 'o3-mini' | 'o3' | 'o4-mini' | 'gpt-5' | 'chat'
	| 'o3-pro' | 'codex-mini' | 'gpt-5-pro' | 'gpt-5-codex' | 'gpt-5-chat'
	| 'gpt-5.1' | 'gpt-5.1-chat' | 'gpt-5.1-codex' | 'gpt-5.1-codex-mini' | 'gpt-5.1-codex-max'
	| 'gpt-5.2' | 'gpt-5.2-pro' | 'gpt-5.4' | 'gpt-5.5' | 'gpt-5.6-sol' | 'gpt-5.6-terra' | 'gpt-5.6-luna' | 'gpt-6-astra';

/** The two operations the emulator serves. */
export type EmulatedOperation = 'chat-completions' | 'responses';

/**
 * How an effort outside the supported list is refused (facts §4 quotes three wordings, two codes):
 * - `param`: `Unsupported value: 'PARAM' does not support 'X' with this model. Supported values are: …` (unsupported_value);
 * - `model`: `Unsupported value: 'X' is not supported with the 'MODEL' model. Supported values are: …` (unsupported_value);
 * - `invalid-value`: `Invalid value: 'X'. Supported values are: …` (invalid_value; Azure's Nov-2025 gpt-5.1 answer).
 * PARAM is `reasoning_effort` on chat completions, `reasoning.effort` on Responses.
 */
export type EffortWording = 'param' | 'model' | 'invalid-value';

export interface EmulatedDeployment {
	/** The deployment name: in the URL (dated API) or `body.model` (v1 API). Matched exactly (case-sensitive). */
	name: string;
	/** What the deployment REALLY runs; its rules apply. */
	family: EmulatedFamily;
	/**
	 * The response's `model` field. Default per family: o1-preview-2024-09-12, o1-mini-2024-09-12,
	 * o1-2024-12-17, o3-mini-2025-01-31, o3-2025-04-16, o4-mini-2025-04-16, gpt-5-2025-08-07,
	 * chat: gpt-4o-2024-11-20.
	 */
	model?: string;
	/**
	 * Reasoning tokens every completion "uses". Default 192 for reasoning families, 0 for chat, gpt-5-chat,
	 * and 0 whenever the effort (sent or the family's default) is `none`.
	 * A `max_completion_tokens` / `max_output_tokens` at or below it exhausts the budget (chat: content "",
	 * finish_reason "length"; Responses: status incomplete, max_output_tokens, no message item).
	 */
	reasoningTokens?: number;
	/**
	 * The efforts this deployment really accepts, overriding the family's list (Azure has lagged OpenAI).
	 * e.g. Azure's Nov-2025 gpt-5.1: `{ family: 'gpt-5.1', efforts: ['low', 'medium', 'high'], effortWording: 'invalid-value' }`.
	 * The family's default effort still applies when none is sent.
	 */
	efforts?: readonly string[];
	/**
	 * Wording of an effort refusal. Default: `param` on chat completions, `model` on Responses
	 * (the form reported with param `reasoning.effort`). Applies to both operations when set.
	 */
	effortWording?: EffortWording;
	/**
	 * The resource is approved for the reasoning summary feature of o3 / o4-mini / o3-pro / codex-mini
	 * (default false: a `reasoning.summary` for them is answered 400, param `reasoning.summary`,
	 * code unsupported_parameter, invented text). gpt-5 family summaries never need it.
	 */
	summaryAccess?: boolean;
}

export interface EmulatorOptions {
	/** The resource key. Accepted as `api-key: KEY` (both styles) or `Authorization: Bearer KEY` (v1 only). */
	apiKey: string;
	deployments: EmulatedDeployment[];
	/** Microsoft Entra ID tokens, accepted as `Authorization: Bearer T` on both styles. */
	bearerTokens?: string[];
	/**
	 * Whether the resource's region serves the Responses API (default true). false: both Responses paths
	 * answer 404 `{"error":{"code":"404","message":"Resource not found"}}` before auth (as a wrong path does).
	 * Changeable later with `setResponsesAvailable`.
	 */
	responsesAvailable?: boolean;
}

/**
 * How the request authenticated:
 * - `api-key`: header `api-key` equal to the key;
 * - `bearer-key`: `Authorization: Bearer KEY` (accepted on v1 only; dated answers 401);
 * - `bearer-token`: `Authorization: Bearer T` with T in `bearerTokens`;
 * - `none`: neither header;
 * - `wrong`: a header with another value or scheme.
 * An `api-key` header, when present, decides alone (a wrong one is `wrong` even beside a good Bearer).
 */
export type AuthKind = 'api-key' | 'bearer-key' | 'bearer-token' | 'none' | 'wrong';

/** Which fault answered a request (RecordedRequest.fault). `delay` = only delayed, then validated normally. */
export type FaultKind =
	| 'drop-before-response' | 'drop-mid-body' | 'html' | 'invalid-json' | 'rate-limit' | 'filtered-prompt'
	| 'filtered-output' | 'exhaust-budget' | 'cut-off' | 'no-choices' | 'content' | 'raw' | 'delay';

export interface RecordedRequest {
	method: string;
	/** The raw path, without the query string (not normalised: `//openai/...` stays as sent). */
	path: string;
	query: Record<string, string>;
	/**
	 * Lower-cased request headers. `api-key` is recorded as `[redacted]`, `authorization` as
	 * `Bearer [redacted]` (or `[redacted]` for another scheme); see `auth` for what they held.
	 */
	headers: Record<string, string>;
	/** The body as received (any secret scrubbed, see `secretLeaks`). */
	rawBody: string;
	/** `rawBody` parsed as JSON, or undefined when it is not JSON. */
	body: unknown;
	apiStyle: 'dated' | 'v1' | 'unknown';
	/**
	 * Which operation the path names: `chat-completions` (`/openai/deployments/{d}/chat/completions`,
	 * `/openai/v1/chat/completions`), `responses` (`/openai/responses`, `/openai/v1/responses`), else `unknown`.
	 */
	operation: EmulatedOperation | 'unknown';
	/** The URL's deployment (dated chat completions) or `body.model` (v1, and Responses on both styles), when there is one. */
	deployment?: string;
	/** The `api-version` query parameter, when there is one. */
	apiVersion?: string;
	auth: AuthKind;
	/**
	 * Places other than its own auth header where the API key or a bearer token (of 8+ characters)
	 * appeared: 'path', 'query', 'body', 'header:NAME'. They are scrubbed to `[redacted]` in this record.
	 */
	secretLeaks: string[];
	/** The HTTP status answered; 0 while not answered yet, or when the socket was dropped before a response. */
	status: number;
	/** The body answered ('' while not answered; for a mid-body drop, the half that was written). */
	responseBody: string;
	/** The scripted fault that answered, if any. */
	fault?: FaultKind;
}

/** Categories of a filtered prompt (HTTP 400 content_filter). */
export type PromptFilterCategory = 'hate' | 'self_harm' | 'sexual' | 'violence' | 'jailbreak';
/** Categories of a filtered completion (HTTP 200, finish_reason content_filter). */
export type OutputFilterCategory =
	| 'hate' | 'self_harm' | 'sexual' | 'violence' | 'protected_material_text' | 'protected_material_code';

/**
 * A scripted answer, used once (or `times` times) for the next matching request(s). Faults are matched
 * FIFO after the request is recorded and bypass validation (they model what Azure or a proxy sent).
 * When one fault sets several answers, the first in this order wins: drop, html, invalidJson, rateLimit,
 * filteredPrompt, filteredOutput, exhaustBudget, cutOff, noChoices, content, then status/body (raw). A fault with
 * only `delayMs` and/or `headers` lets the request be validated and answered normally after the delay.
 * `headers` are added to whatever is answered.
 * Every fault works on both operations; a Responses request (RecordedRequest.operation 'responses') gets
 * the Responses form noted on each field. Match on `operation` to aim a fault at one of them.
 */
export interface Fault {
	/** Which requests it applies to (default: any). Sees the record with status 0 (not answered yet). */
	match?: (req: RecordedRequest) => boolean;
	/** How many matching requests it answers (default 1; Infinity for all). */
	times?: number;
	/** Wait before answering (combine with any of the below). close() cancels a pending wait. */
	delayMs?: number;
	/** A raw answer: status default 200, body a string (sent as is) or an object (JSON), content-type application/json unless `headers` says otherwise. */
	status?: number;
	headers?: Record<string, string>;
	body?: string | object;
	/** Destroy the socket before sending anything, or after writing the status, headers and half the body. */
	drop?: 'before-response' | 'mid-body';
	/** A proxy's HTML error page (status default 502, content-type text/html). */
	html?: boolean;
	/** 200 with a truncated (invalid) JSON body. */
	invalidJson?: boolean;
	/**
	 * 429 with Azure's rate-limit body and `retry-after` / `retry-after-ms` headers. Defaults: seconds =
	 * ceil(ms/1000) when only ms is given, else 60; ms = seconds*1000 when only seconds are given.
	 * `null` omits that header.
	 */
	rateLimit?: { retryAfterSeconds?: number | null; retryAfterMs?: number | null };
	/**
	 * 400 content_filter, Azure's live shape (`innererror` / `content_filter_result`). Severity default 'medium'.
	 * Param `prompt` on chat completions, `input` on Responses (facts §6).
	 */
	filteredPrompt?: { category: PromptFilterCategory; severity?: string };
	/**
	 * Chat: 200, finish_reason content_filter, the category filtered at choice level, content `content` ?? "".
	 * Responses: 200, status "incomplete", incomplete_details {reason: "content_filter"}, the reasoning item,
	 * and a message item (status incomplete) with `content` only when `content` is a non-empty string.
	 */
	filteredOutput?: { category: OutputFilterCategory };
	/**
	 * Chat: 200, content "", finish_reason length, completion_tokens == reasoning_tokens == the request's
	 * max_completion_tokens (else max_tokens, else the deployment's reasoning tokens).
	 * Responses: 200, status "incomplete", incomplete_details {reason: "max_output_tokens"}, output = the
	 * reasoning item only (no message item), output_tokens == reasoning_tokens == max_output_tokens (else the
	 * deployment's reasoning tokens).
	 */
	exhaustBudget?: boolean;
	/**
	 * A cut-off answer: the first half (by characters, rounded down) of the answer (`content` ?? the answer function's).
	 * Chat: 200, finish_reason length. Responses: 200, status "incomplete", reason "max_output_tokens", the
	 * reasoning item and a message item (status incomplete) holding the partial text.
	 * Tokens: reasoning + ceil(partial chars / 4).
	 */
	cutOff?: boolean;
	/** Chat: 200 with `choices: []`. Responses: 200, status completed, `output: []`. */
	noChoices?: boolean;
	/** 200 compliant answer with this content (chat: finish_reason stop; Responses: status completed). */
	content?: string;
}

/**
 * Generates the content of a compliant completion. `body` is the request body: `messages` on chat
 * completions, `input` / `instructions` on Responses (check `operation`).
 */
export type AnswerFn = (body: any, dep: EmulatedDeployment, operation: EmulatedOperation) => string; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Generates a reasoning summary (Responses only, when `reasoning.summary` is asked for and allowed).
 * Default: defaultSummary in responses.ts, `Summary (KIND) from MODEL: FIRST_LINE [DIGEST]`.
 */
export type SummaryFn = (body: any, dep: EmulatedDeployment, kind: 'auto' | 'concise' | 'detailed') => string; // eslint-disable-line @typescript-eslint/no-explicit-any
