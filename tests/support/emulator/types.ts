// Public types of the Azure OpenAI emulator (see ../azureEmulator.ts for the overview).

/** What a deployment really runs. Its rules (rules.ts) apply, whatever the deployment is called. */
export type EmulatedFamily = 'o1-preview' | 'o1-mini' | 'o1' | 'o3-mini' | 'o3' | 'o4-mini' | 'gpt-5' | 'chat';

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
	 * Reasoning tokens every completion "uses". Default 192 for reasoning families, 0 for chat.
	 * A `max_completion_tokens` at or below it exhausts the budget: content "", finish_reason "length".
	 */
	reasoningTokens?: number;
}

export interface EmulatorOptions {
	/** The resource key. Accepted as `api-key: KEY` (both styles) or `Authorization: Bearer KEY` (v1 only). */
	apiKey: string;
	deployments: EmulatedDeployment[];
	/** Microsoft Entra ID tokens, accepted as `Authorization: Bearer T` on both styles. */
	bearerTokens?: string[];
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
	| 'filtered-output' | 'exhaust-budget' | 'no-choices' | 'content' | 'raw' | 'delay';

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
	/** The URL's deployment (dated) or `body.model` (v1), when there is one. */
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
 * filteredPrompt, filteredOutput, exhaustBudget, noChoices, content, then status/body (raw). A fault with
 * only `delayMs` and/or `headers` lets the request be validated and answered normally after the delay.
 * `headers` are added to whatever is answered.
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
	/** 400 content_filter, Azure's live shape (`innererror` / `content_filter_result`). Severity default 'medium'. */
	filteredPrompt?: { category: PromptFilterCategory; severity?: string };
	/** 200, finish_reason content_filter, the category filtered at choice level, content `content` ?? "". */
	filteredOutput?: { category: OutputFilterCategory };
	/** 200, content "", finish_reason length, completion_tokens == reasoning_tokens == the request's max_completion_tokens (else max_tokens, else the deployment's reasoning tokens). */
	exhaustBudget?: boolean;
	/** 200 with `choices: []`. */
	noChoices?: boolean;
	/** 200 compliant completion with this content (finish_reason stop). */
	content?: string;
}

/** Generates the content of a compliant completion. */
export type AnswerFn = (body: any, dep: EmulatedDeployment) => string; // eslint-disable-line @typescript-eslint/no-explicit-any
