/**
 * Explaining failures: every error Azure (or something in between) can answer, and every
 * way a request can fail without an answer, becomes a message that says what went wrong and
 * which setting to change, to what. Messages never hold the key: callers pass the text
 * through `redactSecrets` as a last line of defence, and nothing here reads headers that
 * could carry it.
 */
import { DEFAULT_DATED_VERSION } from "./apiVersion";
import { filterHits, type CompletionOutcome } from "./response";
import type { Field, Finding, Fix } from "./validate";
import type { DeploymentConfig } from "./settings";
import { getFamily, isFamilyId } from "./families";
import { explainRefusal } from "./azureWords";

export type Failure =
	| { kind: "http"; status: number; body: string; contentType?: string; retryAfterSeconds?: number; attempts: number }
	| { kind: "timeout"; seconds: number }
	| { kind: "cancelled" }
	| { kind: "network"; detail: string; attempts: number }
	| { kind: "invalid-json"; status: number; bodyStart: string }
	| { kind: "no-answer"; outcome: Exclude<CompletionOutcome, { kind: "answer" }> }
	| { kind: "invalid-deployment"; findings: Finding[] }
	| { kind: "no-deployment" }
	| { kind: "no-key"; secretName: string }
	/** Entra ID: no sign-in, a refused or failed refresh, or a 401 after one refresh and retry. `message` is entra.ts's. */
	| { kind: "entra"; message: string };

/** The longest server-asked wait (`retry-after`) the plugin waits out, for one command or a batch; beyond it the request fails, saying why. */
export const MAX_RETRY_WAIT_MS = 60_000;

export interface Explanation {
	/** One short sentence: what happened. */
	title: string;
	/** What to do about it. */
	detail: string;
	/** The setting to open, when changing one is the way out. */
	setting?: Field;
	fix?: Fix;
}

interface AzureErrorBody {
	code: string | null;
	message: string;
	param: string | null;
	type: string | null;
	innerError: Record<string, unknown> | null;
}

function parseErrorBody(body: string): AzureErrorBody | null {
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		return null;
	}
	const err = typeof json === "object" && json !== null ? (json as Record<string, unknown>).error : undefined;
	if (typeof err !== "object" || err === null) return null;
	const e = err as Record<string, unknown>;
	const inner = e.innererror ?? e.inner_error;
	return {
		code: typeof e.code === "string" ? e.code : typeof e.code === "number" ? String(e.code) : null,
		message: typeof e.message === "string" ? e.message : "",
		param: typeof e.param === "string" ? e.param : null,
		type: typeof e.type === "string" ? e.type : null,
		innerError: typeof inner === "object" && inner !== null ? (inner as Record<string, unknown>) : null,
	};
}

function familyLabel(dep: DeploymentConfig | undefined): string {
	return dep && isFamilyId(dep.family) ? getFamily(dep.family).label : "the chosen family";
}

const FAMILY_HINT = "Set the model family to the model this deployment really runs (the Test deployment button tells you).";

function explainParameterError(e: AzureErrorBody, dep: DeploymentConfig | undefined): Explanation | null {
	const fam = familyLabel(dep);
	const msg = e.message;
	if (/^Unrecognized request argument supplied: max_completion_tokens/.test(msg)) {
		return {
			title: `Azure does not know max_completion_tokens at api-version ${dep?.apiVersion ?? "(unknown)"}: that version is too old for reasoning models.`,
			detail: `Set the API version to ${DEFAULT_DATED_VERSION} (or at least 2024-12-01-preview), or use the v1 API.`,
			setting: "apiVersion",
			fix: { label: `Use ${DEFAULT_DATED_VERSION}`, patch: { apiVersion: DEFAULT_DATED_VERSION } },
		};
	}
	if (e.param === "max_tokens") {
		return { title: "Azure rejected max_tokens: reasoning models take max_completion_tokens instead.", detail: `This plugin never sends max_tokens, so something between you and Azure (a gateway or proxy) rewrote the request. ${FAMILY_HINT}`, setting: "family" };
	}
	const role = /does not support '(system|developer)'/.exec(msg);
	if (role) {
		return { title: `This deployment rejects a ${role[1]} message: it runs o1-preview or o1-mini, which take neither.`, detail: `The model family is set to ${fam}. Set it to o1-preview or o1-mini; your instructions are then put into your message instead.`, setting: "family" };
	}
	if (e.param === "temperature") {
		return { title: "This deployment rejects the temperature this plugin sent for the chosen family.", detail: `The model family is set to ${fam}, but the deployment runs a model with other rules. ${FAMILY_HINT}`, setting: "family" };
	}
	if (e.param === "stream") {
		return { title: "This deployment does not stream.", detail: `The plugin never streams to reasoning models; the model family is set to ${fam}. ${FAMILY_HINT}`, setting: "family" };
	}
	if (e.param === "reasoning_effort" || /'reasoning_effort'/.test(msg)) {
		if (e.code === "unsupported_value") return { title: "This deployment does not take the chosen reasoning effort.", detail: "Choose another reasoning effort; the model family's menu lists the ones it takes.", setting: "reasoningEffort" };
		return { title: "This deployment takes no reasoning effort: it probably runs o1-mini or o1-preview.", detail: `The model family is set to ${fam}. ${FAMILY_HINT}`, setting: "family" };
	}
	const tooLarge = /max_completion_tokens is too large: (\d+)\. This model supports at most (\d+)/.exec(msg);
	if (tooLarge?.[2]) {
		const max = Number(tooLarge[2]);
		return { title: `This deployment writes at most ${max.toLocaleString("en-US")} tokens.`, detail: `Lower max completion tokens to ${max.toLocaleString("en-US")} or less (and check the model family: ${fam}).`, setting: "maxCompletionTokens", fix: { label: `Use ${max}`, patch: { maxCompletionTokens: max } } };
	}
	if (/^Unsupported (parameter|value)/.test(msg) || /^Unrecognized request argument/.test(msg)) {
		return { title: `This deployment rejected part of the request: ${msg}`, detail: `The model family is set to ${fam}. ${FAMILY_HINT}`, setting: "family" };
	}
	return null;
}

function explainPromptFilter(e: AzureErrorBody): Explanation {
	const results = e.innerError?.content_filter_result ?? e.innerError?.content_filter_results;
	const hits = filterHits(results).map((h) => (h.severity ? `${h.category.replace(/_/g, " ")} (${h.severity})` : h.category.replace(/_/g, " ")));
	const which = hits.length > 0 ? hits.join(", ") : "unspecified";
	return { title: `Azure's content filter blocked the prompt: ${which}.`, detail: "Nothing was changed. Rephrase the prompt or select other text; the filter's settings are in Azure AI Foundry → Guardrails + controls." };
}

function explainHttp(f: Extract<Failure, { kind: "http" }>, dep: DeploymentConfig | undefined): Explanation {
	const e = parseErrorBody(f.body);
	const looksHtml = /html/i.test(f.contentType ?? "") || /^\s*</.test(f.body);
	if (!e) {
		if (looksHtml) {
			return { title: `The endpoint answered with a web page (HTTP ${f.status}), not Azure's API.`, detail: "A proxy, firewall, sign-in page or wrong address is in the way. Check the endpoint: it should look like https://my-resource.openai.azure.com.", setting: "endpoint" };
		}
		if (f.status >= 500) return { title: `Azure had a server error (HTTP ${f.status})${f.attempts > 1 ? ` ${f.attempts} times in a row` : ""}.`, detail: "This is on Azure's side. Try again in a few minutes; the Azure status page tells when a region has trouble." };
		return { title: `The endpoint answered HTTP ${f.status} without an Azure error.`, detail: "Check the endpoint and the API style.", setting: "endpoint" };
	}
	if (e.code === "content_filter") return explainPromptFilter(e);
	if (f.status === 400 || e.type === "invalid_request_error") {
		const p = explainRefusal(e, dep) ?? explainParameterError(e, dep);
		if (p) return p;
	}
	if (e.code === "DeploymentNotFound") {
		return { title: `Azure has no deployment named "${dep?.deployment ?? ""}" at this endpoint.`, detail: "Check the deployment name (Azure AI Foundry → Deployments: the name you chose, not the model's) and that the endpoint is that resource's. A deployment created in the last 5 minutes may not be ready yet.", setting: "deployment" };
	}
	if (f.status === 401) {
		return { title: "Azure refused the key (HTTP 401).", detail: "Check that the secret holds a current key of this resource (Azure portal → Keys and Endpoint) and that the endpoint is the same resource's.", setting: "secretName" };
	}
	if (f.status === 403) {
		return { title: "Azure denied access (HTTP 403).", detail: `The resource's network rules or permissions do not allow this request${e.message ? `: ${e.message}` : ""}. Ask its administrator, or check the resource's firewall settings.` };
	}
	const enabledOnly = /enabled only for api versions (\S+) and later/.exec(e.message);
	if (enabledOnly?.[1]) {
		const min = enabledOnly[1];
		return { title: `The deployment's model needs api-version ${min} or newer; this deployment uses ${dep?.apiVersion ?? "an older one"}.`, detail: `Set the API version to ${min} or newer, or use the v1 API.`, setting: "apiVersion", fix: { label: `Use ${min}`, patch: { apiVersion: min } } };
	}
	if (/API version not supported/i.test(e.message)) {
		return { title: `Azure does not support api-version ${dep?.apiVersion ?? ""}.`, detail: `Choose a listed version (the newest is ${DEFAULT_DATED_VERSION}) or use the v1 API.`, setting: "apiVersion", fix: { label: `Use ${DEFAULT_DATED_VERSION}`, patch: { apiVersion: DEFAULT_DATED_VERSION } } };
	}
	if (f.status === 404 && dep?.operation === "responses" && e.code !== "DeploymentNotFound") {
		const canSwitch = isFamilyId(dep.family) && getFamily(dep.family).operations.includes("chat-completions");
		return {
			title: "Azure found no Responses API at this address (HTTP 404).",
			detail: `The resource's region may not offer the Responses API yet${canSwitch ? ": use chat completions instead" : ""}; otherwise check the endpoint (just https://my-resource.openai.azure.com, with no path)${dep.apiStyle === "dated" ? " and the api-version (2025-03-01-preview or later)" : ""}.`,
			setting: "operation",
			...(canSwitch ? { fix: { label: "Use chat completions", patch: { operation: "chat-completions" as const } } } : {}),
		};
	}
	if (f.status === 404) {
		return { title: "Azure found nothing at this address (HTTP 404).", detail: `Check the endpoint (just https://my-resource.openai.azure.com, with no path) and the API style${dep?.apiStyle === "dated" ? " and api-version" : ""}.`, setting: "endpoint" };
	}
	if (f.status === 429) {
		const wait = f.retryAfterSeconds !== undefined ? ` Azure asked to wait ${Math.ceil(f.retryAfterSeconds)} s.` : "";
		return { title: `The deployment's rate limit was hit${f.attempts > 1 ? ` (${f.attempts} tries)` : ""}.${wait}`, detail: "Run the command again in a minute, or raise the deployment's tokens-per-minute quota in Azure AI Foundry. Retries are a setting." };
	}
	if (f.status >= 500) {
		return { title: `Azure had a server error (HTTP ${f.status})${f.attempts > 1 ? ` ${f.attempts} times in a row` : ""}.`, detail: `Try again in a few minutes.${e.message ? ` Azure said: ${e.message}` : ""}` };
	}
	return { title: `Azure rejected the request (HTTP ${f.status}): ${e.message || "no reason given"}`, detail: `Check the deployment's settings; the model family is set to ${familyLabel(dep)}.`, setting: "family" };
}

function explainNoAnswer(outcome: Extract<Failure, { kind: "no-answer" }>["outcome"], dep: DeploymentConfig | undefined, own = 0): Explanation {
	switch (outcome.kind) {
		case "budget-exhausted": {
			const c = outcome.completion;
			// readUsage reports a missing count as 0: fall back to the completion tokens, then the budget.
			const used = c.usage?.reasoningTokens || c.usage?.completionTokens || outcome.maxCompletionTokens;
			const f = (n: number) => n.toLocaleString("en-US");
			// Never suggest more than the family writes: validation would reject the fix.
			const limit = dep && isFamilyId(dep.family) ? getFamily(dep.family).maxOutputTokens : Infinity;
			const suggest = Math.min(Math.max(outcome.maxCompletionTokens * 4, 25_000), limit);
			const title = `No answer: reasoning used ${f(used)} of the ${f(outcome.maxCompletionTokens)} tokens allowed, and none were left to write it.`;
			// A smaller budget chosen for this request only (the prompt too large): no fix may lower the deployment's own.
			if (own > outcome.maxCompletionTokens) return { title, detail: `The smaller budget chosen for this request only was used up; to send it with the deployment's budget (${f(own)}), select less text. Nothing was changed.` };
			if (suggest <= outcome.maxCompletionTokens) {
				return { title, detail: `Max completion tokens is already at the most ${familyLabel(dep)} writes; lower the reasoning effort or ask a smaller question. Nothing was changed.`, setting: "maxCompletionTokens" };
			}
			return { title, detail: `Raise max completion tokens (to about ${f(suggest)}), or lower the reasoning effort. Nothing was changed.`, setting: "maxCompletionTokens", fix: { label: `Use ${f(suggest)}`, patch: { maxCompletionTokens: suggest } } };
		}
		case "output-filtered": {
			const hits = outcome.completion.outputFiltered.map((h) => h.category.replace(/_/g, " "));
			return { title: `Azure's content filter withheld the answer: ${hits.length > 0 ? hits.join(", ") : "unspecified"}.`, detail: "Nothing was changed. Rephrase the prompt or select other text." };
		}
		case "refusal":
			return { title: `The model declined to answer: ${outcome.completion.refusal ?? ""}`, detail: "Nothing was changed. Rephrase the prompt." };
		case "empty":
			return { title: `The model returned an empty answer (finish reason: ${outcome.completion.finishReason ?? "none"}).`, detail: "Nothing was changed. Run the command again, or rephrase the prompt." };
		case "malformed":
			return { title: `The answer could not be read: ${outcome.detail}.`, detail: "Nothing was changed. If this repeats, check that the endpoint is Azure OpenAI's and not a proxy that changes answers.", setting: "endpoint" };
	}
}

/** `own`: the deployment's own max completion tokens, when this request was sent with a smaller one. */
export function explainFailure(failure: Failure, dep?: DeploymentConfig, own?: number): Explanation {
	switch (failure.kind) {
		case "http":
			return explainHttp(failure, dep);
		case "timeout":
			return { title: `No answer after ${failure.seconds} s (the timeout).`, detail: "Reasoning models can think for minutes: raise the request timeout in the settings, or lower the reasoning effort. Nothing was changed; if the answer still arrives, it is kept in a new note." };
		case "cancelled":
			return { title: "Cancelled.", detail: "Nothing was changed; an answer that still arrives is not used, as you asked." };
		case "network":
			return { title: `Could not reach the endpoint${failure.attempts > 1 ? ` (${failure.attempts} tries)` : ""}: ${failure.detail}.`, detail: "Check your connection and the endpoint's address.", setting: "endpoint" };
		case "invalid-json":
			return { title: `The endpoint answered HTTP ${failure.status} with something that is not JSON.`, detail: "A proxy or wrong endpoint may be in the way: check the endpoint. Nothing was changed.", setting: "endpoint" };
		case "no-answer":
			return explainNoAnswer(failure.outcome, dep, own);
		case "invalid-deployment": {
			const errors = failure.findings.filter((f) => f.severity === "error");
			const first = errors[0];
			return { title: `The deployment "${dep?.displayName || dep?.deployment || "(unnamed)"}" has ${errors.length === 1 ? "a setting" : `${errors.length} settings`} to fix before anything is sent.`, detail: errors.map((f) => f.message).join(" "), ...(first ? { setting: first.field } : {}), ...(first?.fix ? { fix: first.fix } : {}) };
		}
		case "no-deployment":
			return { title: "No deployment is set up yet.", detail: "Add one in the plugin's settings: endpoint, deployment name, model family and key." };
		case "no-key":
			return { title: `The secret "${failure.secretName}" holds no key on this device.`, detail: "Set the key again in the deployment's settings (secrets are stored per device).", setting: "secretName" };
		case "entra":
			return { title: failure.message, detail: "The note is unchanged.", setting: "auth" };
	}
}

/** Replaces every occurrence of each secret (of 4+ characters) with `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
	let out = text;
	for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[redacted]");
	return out;
}
