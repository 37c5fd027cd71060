import { explainFailure, redactSecrets, type Explanation, type Failure } from "../../src/core/errors";
import { readCompletion } from "../../src/core/response";
import type { DeploymentConfig } from "../../src/core/settings";
import { validateDeployment, type Field } from "../../src/core/validate";

const DEP: DeploymentConfig = {
	id: "dep",
	displayName: "My o1",
	endpoint: "https://my-res.openai.azure.com",
	apiStyle: "dated",
	apiVersion: "2024-10-21",
	deployment: "my-o1",
	family: "o1",
	secretName: "azure-key",
	maxCompletionTokens: 25_000,
	reasoningEffort: "",
	operation: "chat-completions",
	reasoningSummary: "off",
	verbosity: "",
	instructions: "",
	markdown: true,
	temperature: 1,
};

function http(status: number, body: unknown, extra: Partial<Extract<Failure, { kind: "http" }>> = {}): Failure {
	return { kind: "http", status, body: typeof body === "string" ? body : JSON.stringify(body), contentType: "application/json", attempts: 1, ...extra };
}

function paramError(message: string, param: string | null, code: string | null): unknown {
	return { error: { message, type: "invalid_request_error", param, code } };
}

const FILTER_SAFE = { filtered: false, severity: "safe" };

/** Every body in the facts file §3, as Azure sends it. */
const AZURE_ERRORS: { name: string; failure: Failure; dep?: DeploymentConfig; setting?: Field; says: RegExp[]; fix?: Partial<DeploymentConfig> }[] = [
	{
		name: "max_tokens",
		failure: http(400, paramError("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", "max_tokens", "unsupported_parameter")),
		setting: "family",
		says: [/max_completion_tokens/],
	},
	{
		name: "system role on o1-preview/o1-mini",
		failure: http(400, paramError("Unsupported value: 'messages[0].role' does not support 'system' with this model.", "messages[0].role", "unsupported_value")),
		dep: { ...DEP, family: "chat" },
		setting: "family",
		says: [/system/, /o1-preview or o1-mini/, /Chat model/],
	},
	{
		name: "developer role on o1-preview/o1-mini",
		failure: http(400, paramError("Unsupported value: 'messages[0].role' does not support 'developer' with this model.", "messages[0].role", "unsupported_value")),
		setting: "family",
		says: [/developer/, /o1-preview or o1-mini/, /o1/],
	},
	{
		name: "temperature 0.7",
		failure: http(400, paramError("Unsupported value: 'temperature' does not support 0.7 with this model. Only the default (1) value is supported.", "temperature", "unsupported_value")),
		dep: { ...DEP, family: "chat" },
		setting: "family",
		says: [/temperature/i, /model family/i],
	},
	{
		name: "temperature at all",
		dep: { ...DEP, apiVersion: "2024-12-01-preview" },
		failure: http(400, paramError("Unsupported parameter: 'temperature' is not supported with this model.", "temperature", "unsupported_parameter")),
		setting: "temperature",
		says: [/temperature/i, /model family/i],
		fix: { omitParams: ["temperature"] },
	},
	{
		name: "top_p",
		dep: { ...DEP, apiVersion: "2024-12-01-preview" },
		failure: http(400, paramError("Unsupported parameter: 'top_p' is not supported with this model.", "top_p", "unsupported_parameter")),
		setting: "temperature",
		fix: { omitParams: ["temperature"] },
		says: [/top_p/, /model family/i],
	},
	{
		name: "stream true",
		failure: http(400, paramError("Unsupported value: 'stream' does not support true with this model. Supported values are: false.", "stream", "unsupported_value")),
		setting: "family",
		says: [/stream/, /model family/i],
	},
	{
		name: "api-version too old for max_completion_tokens",
		failure: http(400, { error: { message: "Unrecognized request argument supplied: max_completion_tokens", type: "invalid_request_error", param: null, code: null } }),
		setting: "apiVersion",
		says: [/2024-10-21/, /2024-12-01-preview/, /API version/i],
		fix: { apiVersion: "2025-04-01-preview" },
	},
	{
		name: "DeploymentNotFound",
		failure: http(404, { error: { code: "DeploymentNotFound", message: "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again." } }),
		setting: "deployment",
		says: [/"my-o1"/, /deployment name/i, /5 minutes/],
	},
	{
		name: "Resource not found",
		failure: http(404, { error: { code: "404", message: "Resource not found" } }),
		setting: "endpoint",
		says: [/404/, /endpoint/i, /api-version/],
	},
	{
		name: "401 invalid key",
		failure: http(401, { error: { code: "401", message: "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource." } }),
		setting: "secretName",
		says: [/key/, /401/],
	},
	{
		name: "enabled only for newer api versions (placeholder left unfilled)",
		failure: http(400, { error: { code: "BadRequest", message: "Model {modelName} is enabled only for api versions 2024-12-01-preview and later" } }),
		setting: "apiVersion",
		says: [/2024-12-01-preview/, /2024-10-21/],
		fix: { apiVersion: "2024-12-01-preview" },
	},
	{
		name: "enabled only for newer api versions (model named)",
		failure: http(400, { error: { code: "BadRequest", message: "Model o3 is enabled only for api versions 2025-04-01-preview and later" } }),
		dep: { ...DEP, family: "o3", apiVersion: "2024-12-01-preview" },
		setting: "apiVersion",
		says: [/2025-04-01-preview/],
		fix: { apiVersion: "2025-04-01-preview" },
	},
	{
		name: "API version not supported",
		failure: http(400, { error: { code: "BadRequest", message: "API version not supported" } }),
		dep: { ...DEP, apiVersion: "2023-01-01" },
		setting: "apiVersion",
		says: [/2023-01-01/, /2025-04-01-preview/, /v1/],
		fix: { apiVersion: "2025-04-01-preview" },
	},
	{
		name: "OperationNotSupported",
		failure: http(400, { error: { code: "OperationNotSupported", message: "The chatCompletion operation does not work with the specified model, text-embedding-3-large. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993." } }),
		setting: "deployment",
		says: [/chat completions/, /deployment/i],
	},
	{
		name: "429 rate limit",
		failure: http(
			429,
			{ error: { code: "429", message: "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-12-01-preview have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 60 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit." } },
			{ retryAfterSeconds: 60, attempts: 3 },
		),
		says: [/rate limit/, /60 s/, /3 tries/, /quota/],
	},
	{
		name: "prompt filtered (live key names)",
		failure: http(400, {
			error: {
				message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
				type: null,
				param: "prompt",
				code: "content_filter",
				status: 400,
				innererror: {
					code: "ResponsibleAIPolicyViolation",
					content_filter_result: { hate: FILTER_SAFE, self_harm: FILTER_SAFE, sexual: FILTER_SAFE, violence: { filtered: true, severity: "medium" }, jailbreak: { filtered: false, detected: false } },
				},
			},
		}),
		says: [/content filter/, /violence \(medium\)/, /Rephrase/],
	},
	{
		name: "prompt filtered (the published spec's key names)",
		failure: http(400, {
			error: {
				message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
				type: null,
				param: "prompt",
				code: "content_filter",
				status: 400,
				inner_error: {
					code: "ResponsibleAIPolicyViolation",
					content_filter_results: { hate: { filtered: true, severity: "high" }, self_harm: { filtered: true, severity: "low" }, sexual: FILTER_SAFE, violence: FILTER_SAFE, jailbreak: { filtered: true, detected: true } },
				},
			},
		}),
		says: [/hate \(high\)/, /self harm \(low\)/, /jailbreak/],
	},
];

function text(e: Explanation): string {
	return `${e.title}\n${e.detail}`;
}

describe("every Azure error body in the facts", () => {
	test.each(AZURE_ERRORS)("$name", ({ failure, dep, setting, says, fix }) => {
		const e = explainFailure(failure, dep ?? DEP);
		expect(e.title.length).toBeGreaterThan(5);
		expect(e.detail.length).toBeGreaterThan(5);
		for (const re of says) expect(text(e)).toMatch(re);
		expect(e.setting).toBe(setting);
		if (fix) expect(e.fix?.patch).toEqual(fix);
		else expect(e.fix).toBeUndefined();
		// a generic fallback is not an explanation
		expect(e.title).not.toMatch(/^Azure rejected the request \(HTTP/);
	});

	test.each(AZURE_ERRORS.filter((c) => c.fix))("the fix for $name makes a deployment Azure accepts (by validation)", ({ failure, dep }) => {
		const d = dep ?? DEP;
		const e = explainFailure(failure, d);
		const after = validateDeployment({ ...d, ...e.fix!.patch }, { secretAvailable: true });
		expect(after.findings.filter((f) => f.severity === "error")).toEqual([]);
	});

	test("without a deployment the explanations still read", () => {
		for (const c of AZURE_ERRORS) {
			const e = explainFailure(c.failure);
			expect(text(e)).not.toMatch(/undefined|null|\[object/);
		}
	});
});

describe("SDK- and transport-level failures", () => {
	const cases: { name: string; failure: Failure; setting?: Field; says: RegExp[] }[] = [
		{ name: "timeout", failure: { kind: "timeout", seconds: 600 }, says: [/600 s/, /timeout/i, /Nothing was changed/] },
		{ name: "cancelled", failure: { kind: "cancelled" }, says: [/Cancelled/, /Nothing was changed/] },
		{ name: "network, retried", failure: { kind: "network", detail: "getaddrinfo ENOTFOUND my-res.openai.azure.com", attempts: 3 }, setting: "endpoint", says: [/ENOTFOUND/, /3 tries/] },
		{ name: "invalid JSON", failure: { kind: "invalid-json", status: 200, bodyStart: "{\"choices\":[" }, setting: "endpoint", says: [/HTTP 200/, /not JSON/] },
		{ name: "HTML page (proxy sign-in)", failure: http(200, "<!DOCTYPE html><html><body>Sign in</body></html>", { contentType: "text/html; charset=utf-8" }), setting: "endpoint", says: [/web page/, /HTTP 200/] },
		{ name: "HTML error page without a content type", failure: http(502, "  <html><body>Bad gateway</body></html>", { contentType: undefined }), setting: "endpoint", says: [/web page/, /502/] },
		{ name: "500 with an empty body", failure: http(500, "", { attempts: 3 }), says: [/server error/, /500/, /3 times/] },
		{ name: "503 with an Azure body", failure: http(503, { error: { code: "ServiceUnavailable", message: "The service is temporarily unable to process your request." } }), says: [/server error/, /503/, /temporarily unable/] },
		{ name: "429 without retry-after", failure: http(429, { error: { code: "429", message: "Rate limit is exceeded." } }), says: [/rate limit/] },
		{ name: "403 network rules", failure: http(403, { error: { code: "403", message: "Public access is disabled. Please configure private endpoint." } }), says: [/403/, /Public access is disabled/] },
		{ name: "unknown 400", failure: http(400, { error: { code: "BadRequest", message: "Something nobody has seen before." } }), setting: "family", says: [/400/, /Something nobody has seen before/] },
		{ name: "non-JSON 418", failure: http(418, "I'm a teapot", { contentType: "text/plain" }), setting: "endpoint", says: [/418/] },
	];
	test.each(cases)("$name", ({ failure, setting, says }) => {
		const e = explainFailure(failure, DEP);
		for (const re of says) expect(text(e)).toMatch(re);
		expect(e.setting).toBe(setting);
	});

	test("429 with retryAfterSeconds rounds up the wait", () => {
		expect(explainFailure(http(429, { error: { code: "429", message: "x" } }, { retryAfterSeconds: 7.2 }), DEP).title).toMatch(/wait 8 s/);
	});
});

describe("no-answer outcomes", () => {
	function budgetOutcome(max: number, usage: unknown) {
		const o = readCompletion({ model: "o1-2024-12-17", choices: [{ finish_reason: "length", message: { role: "assistant", content: "" } }], usage }, max);
		if (o.kind !== "budget-exhausted") throw new Error(o.kind);
		return o;
	}

	test("budget exhausted names N of the M tokens and suggests a larger budget, with a fix", () => {
		const e = explainFailure({ kind: "no-answer", outcome: budgetOutcome(1000, { prompt_tokens: 28, completion_tokens: 1000, total_tokens: 1028, completion_tokens_details: { reasoning_tokens: 1000 } }) }, { ...DEP, maxCompletionTokens: 1000 });
		expect(e.title).toMatch(/1,000 of the 1,000 tokens/);
		expect(e.detail).toMatch(/max completion tokens/i);
		expect(e.setting).toBe("maxCompletionTokens");
		const suggested = e.fix?.patch.maxCompletionTokens;
		expect(typeof suggested).toBe("number");
		expect(suggested as number).toBeGreaterThan(1000);
	});

	test("budget exhausted without reasoning details counts the completion tokens, not 0", () => {
		const e = explainFailure({ kind: "no-answer", outcome: budgetOutcome(4000, { prompt_tokens: 28, completion_tokens: 4000, total_tokens: 4028 }) }, { ...DEP, maxCompletionTokens: 4000 });
		expect(e.title).toMatch(/4,000 of the 4,000 tokens/);
	});

	test("budget exhausted without usage at all names the budget", () => {
		const e = explainFailure({ kind: "no-answer", outcome: budgetOutcome(2000, undefined) }, { ...DEP, maxCompletionTokens: 2000 });
		expect(e.title).toMatch(/of the 2,000 tokens/);
	});

	test.each([
		{ name: "o1-preview at its default", dep: { ...DEP, family: "o1-preview" as const, apiVersion: "2024-12-01-preview", maxCompletionTokens: 16_000 } },
		{ name: "o1-mini", dep: { ...DEP, family: "o1-mini" as const, apiVersion: "2024-12-01-preview", maxCompletionTokens: 30_000 } },
		{ name: "o1 at 40,000", dep: { ...DEP, apiVersion: "2024-12-01-preview", maxCompletionTokens: 40_000 } },
		{ name: "chat", dep: { ...DEP, family: "chat" as const, apiVersion: "2024-12-01-preview", maxCompletionTokens: 8_000 } },
		{ name: "o1 at 1,000", dep: { ...DEP, apiVersion: "2024-12-01-preview", maxCompletionTokens: 1_000 } },
	])("budget fix for $name stays within the family's output limit", ({ dep }) => {
		const max = dep.maxCompletionTokens;
		const e = explainFailure({ kind: "no-answer", outcome: budgetOutcome(max, { completion_tokens: max, completion_tokens_details: { reasoning_tokens: max } }) }, dep);
		expect(e.fix).toBeDefined();
		const after = validateDeployment({ ...dep, ...e.fix!.patch }, { secretAvailable: true });
		expect(after.findings.filter((f) => f.field === "maxCompletionTokens" && f.severity === "error")).toEqual([]);
		expect(e.fix!.patch.maxCompletionTokens as number).toBeGreaterThan(max);
	});

	test("budget exhausted at the family's limit offers no fix that cannot help", () => {
		const dep = { ...DEP, family: "o1-preview" as const, apiVersion: "2024-12-01-preview", maxCompletionTokens: 32_768 };
		const e = explainFailure({ kind: "no-answer", outcome: budgetOutcome(32_768, { completion_tokens: 32_768, completion_tokens_details: { reasoning_tokens: 32_768 } }) }, dep);
		expect(e.title).toMatch(/32,768 of the 32,768 tokens/);
		expect(e.fix).toBeUndefined();
	});

	test("output filtered names the categories", () => {
		const o = readCompletion({ choices: [{ finish_reason: "content_filter", message: { content: null }, content_filter_results: { self_harm: { filtered: true, severity: "medium" } } }] }, 1000);
		if (o.kind === "answer") throw new Error("answer");
		const e = explainFailure({ kind: "no-answer", outcome: o }, DEP);
		expect(e.title).toMatch(/content filter/);
		expect(e.title).toMatch(/self harm/);
	});

	test("refusal quotes the model", () => {
		const o = readCompletion({ choices: [{ finish_reason: "stop", message: { content: null, refusal: "I can't help with that." } }] }, 1000);
		if (o.kind === "answer") throw new Error("answer");
		expect(explainFailure({ kind: "no-answer", outcome: o }).title).toMatch(/I can't help with that\./);
	});

	test("empty names the finish reason", () => {
		const o = readCompletion({ choices: [{ finish_reason: "stop", message: { content: "" } }] }, 1000);
		if (o.kind === "answer") throw new Error("answer");
		expect(explainFailure({ kind: "no-answer", outcome: o }).title).toMatch(/empty.*stop/);
	});

	test("malformed points at the endpoint", () => {
		const o = readCompletion({ nope: true }, 1000);
		if (o.kind === "answer") throw new Error("answer");
		const e = explainFailure({ kind: "no-answer", outcome: o });
		expect(e.title).toMatch(/no choices/);
		expect(e.setting).toBe("endpoint");
	});
});

describe("settings-level failures", () => {
	test("invalid deployment: counts the errors, opens the first, offers its fix", () => {
		const cfg = { ...DEP, apiVersion: "2024-10-21", maxCompletionTokens: 0 };
		const { findings } = validateDeployment(cfg);
		const e = explainFailure({ kind: "invalid-deployment", findings }, cfg);
		expect(e.title).toMatch(/"My o1"/);
		expect(e.title).toMatch(/2 settings/);
		expect(e.setting).toBe("apiVersion");
		expect(e.fix?.patch).toEqual({ apiVersion: "2024-12-01-preview" });
		for (const f of findings) expect(e.detail).toContain(f.message);
	});

	test("invalid deployment with one error and a warning says 'a setting'", () => {
		const cfg = { ...DEP, apiVersion: "2024-12-01-preview", maxCompletionTokens: 100, secretName: "" };
		const { findings } = validateDeployment(cfg);
		expect(findings.map((f) => f.severity).sort()).toEqual(["error", "warning"]);
		const e = explainFailure({ kind: "invalid-deployment", findings }, cfg);
		expect(e.title).toMatch(/has a setting/);
		expect(e.setting).toBe("secretName");
		expect(e.fix).toBeUndefined();
	});

	test("no deployment", () => {
		expect(explainFailure({ kind: "no-deployment" }).detail).toMatch(/settings/);
	});

	test("no key names the secret and the setting", () => {
		const e = explainFailure({ kind: "no-key", secretName: "azure-key" });
		expect(e.title).toMatch(/"azure-key"/);
		expect(e.setting).toBe("secretName");
	});
});

describe("secrets never reach an explanation", () => {
	const KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

	test.each([
		{ name: "empty text", input: { text: "", secrets: [KEY] }, expected: "" },
		{ name: "one occurrence", input: { text: `key=${KEY}`, secrets: [KEY] }, expected: "key=[redacted]" },
		{ name: "several occurrences", input: { text: `${KEY} and ${KEY}`, secrets: [KEY] }, expected: "[redacted] and [redacted]" },
		{ name: "several secrets", input: { text: `${KEY} tok-9999`, secrets: [KEY, "tok-9999"] }, expected: "[redacted] [redacted]" },
		{ name: "null, undefined and short secrets are ignored", input: { text: "abc key", secrets: [null, undefined, "", "abc"] }, expected: "abc key" },
		{ name: "regex characters are literal", input: { text: "a.b*c+d a.b*c+d", secrets: ["a.b*c+d"] }, expected: "[redacted] [redacted]" },
		{ name: "$ patterns are literal", input: { text: "x $&$1 y", secrets: ["$&$1"] }, expected: "x [redacted] y" },
	])("redactSecrets: $name", ({ input, expected }) => {
		expect(redactSecrets(input.text, input.secrets)).toBe(expected);
	});

	const leaky: { name: string; failure: Failure }[] = [
		{ name: "401 echoing the key", failure: http(401, { error: { code: "401", message: `Access denied for key ${KEY}.` } }) },
		{ name: "403 echoing the key", failure: http(403, { error: { code: "403", message: `Key ${KEY} is not allowed from this network.` } }) },
		{ name: "unknown 400 echoing the key", failure: http(400, { error: { code: "Weird", message: `Header api-key: ${KEY} rejected` } }) },
		{ name: "unsupported parameter echoing the key", failure: http(400, paramError(`Unsupported parameter: '${KEY}' is not supported with this model.`, "x", "unsupported_parameter")) },
		{ name: "500 echoing the key", failure: http(500, { error: { code: "InternalServerError", message: `Failed for ${KEY}` } }) },
		{ name: "network detail with the key", failure: { kind: "network", detail: `connect failed https://x/?api-key=${KEY}`, attempts: 1 } },
		{ name: "refusal quoting the key", failure: { kind: "no-answer", outcome: { kind: "refusal", completion: { text: "", finishReason: "stop", model: "", usage: null, outputFiltered: [], refusal: `I won't repeat ${KEY}`, reasoningSummary: null } } } },
	];
	test.each(leaky)("$name: redacted explanation holds no key", ({ failure }) => {
		const e = explainFailure(failure, DEP);
		const all = JSON.stringify(e);
		const redacted = redactSecrets(all, [KEY]);
		expect(redacted).not.toContain(KEY);
		// and redaction is what removed it: the raw explanation carried it (otherwise the case proves nothing)
		if (all.includes(KEY)) expect(redacted).toContain("[redacted]");
	});

	test("the fixed explanations (401, DeploymentNotFound, filters) do not echo the body's message at all", () => {
		for (const failure of [
			http(401, { error: { code: "401", message: `Access denied ${KEY}` } }),
			http(404, { error: { code: "DeploymentNotFound", message: `No deployment ${KEY}` } }),
			http(400, { error: { code: "content_filter", message: `filtered ${KEY}`, innererror: { content_filter_result: { violence: { filtered: true, severity: "low" } } } } }),
		]) {
			expect(JSON.stringify(explainFailure(failure, DEP))).not.toContain(KEY);
		}
	});
});
