/**
 * The Responses API in core: golden request bodies, reading `AzureResponse` answers, and every
 * error body of azure-responses-api.md turned into its explanation and one-click fix (the fix
 * then passes validation). Written from the facts file, not from the code.
 */
import { explainFailure, type Failure } from "../../src/core/errors";
import { buildRequest } from "../../src/core/request";
import { readResponses } from "../../src/core/response";
import { newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { supportedValues } from "../../src/core/azureWords";
import { validateDeployment } from "../../src/core/validate";
import type { FamilyId } from "../../src/core/families";

function dep(family: FamilyId, over: Partial<DeploymentConfig> = {}): DeploymentConfig {
	return { ...newDeployment("d", family), endpoint: "https://r.openai.azure.com", deployment: "my-dep", secretName: "k", apiStyle: "v1", apiVersion: "", ...over };
}
function ready(cfg: DeploymentConfig) {
	const r = validateDeployment(cfg, { secretAvailable: true });
	if (!r.ready) throw new Error(JSON.stringify(r.findings));
	return r.ready;
}

describe("golden Responses requests", () => {
	test("gpt-5.1 on v1: instructions, input, max_output_tokens, the effort sent explicitly (its default, none), store false", () => {
		const built = buildRequest(ready(dep("gpt-5.1", { instructions: "Be brief.", reasoningSummary: "off" })), "Hi");
		expect({ url: built.url, body: built.body }).toEqual({
			url: "https://r.openai.azure.com/openai/v1/responses",
			body: { model: "my-dep", input: "Hi", instructions: "Formatting re-enabled\n\nBe brief.", max_output_tokens: 25_000, reasoning: { effort: "none" }, store: false },
		});
	});

	test("o3-pro on a dated api-version: the deployment is the body's model, the URL has no /deployments/", () => {
		const built = buildRequest(ready(dep("o3-pro", { apiStyle: "dated", apiVersion: "2025-04-01-preview", markdown: false, reasoningEffort: "high" })), "Hi");
		expect({ url: built.url, body: built.body }).toEqual({
			url: "https://r.openai.azure.com/openai/responses?api-version=2025-04-01-preview",
			body: { model: "my-dep", input: "Hi", max_output_tokens: 25_000, reasoning: { effort: "high" }, store: false },
		});
	});

	test("gpt-5.6 with summary, verbosity and temperature at effort none", () => {
		const built = buildRequest(ready(dep("gpt-5.6", { reasoningEffort: "none", reasoningSummary: "detailed", verbosity: "low", temperature: 0.3, markdown: false })), "Hi");
		expect(built.body).toEqual({ model: "my-dep", input: "Hi", max_output_tokens: 25_000, reasoning: { effort: "none", summary: "detailed" }, text: { verbosity: "low" }, temperature: 0.3, store: false });
	});

	test("the same temperature is not sent with any other effort", () => {
		expect(buildRequest(ready(dep("gpt-5.6", { reasoningEffort: "high", temperature: 0.3 })), "Hi").body).not.toHaveProperty("temperature");
	});

	test("what Azure refused for the deployment is never sent", () => {
		const body = buildRequest(ready(dep("gpt-5.6", { reasoningEffort: "none", reasoningSummary: "auto", verbosity: "low", temperature: 0.3, omitParams: ["temperature", "reasoningEffort", "reasoningSummary", "verbosity"] })), "Hi").body;
		expect(body).not.toHaveProperty("temperature");
		expect(body).not.toHaveProperty("reasoning");
		expect(body).not.toHaveProperty("text");
	});

	test("a chat model on the Responses API: its instructions as `instructions`, no effort, no developer message in input", () => {
		const built = buildRequest(ready(dep("chat", { instructions: "You are terse.", operation: "responses", temperature: 0.5, maxCompletionTokens: 4_000 })), "Hi");
		expect(built.body).toEqual({ model: "my-dep", input: "Hi", instructions: "You are terse.", max_output_tokens: 4_000, temperature: 0.5, store: false });
	});
});

describe("reading an AzureResponse", () => {
	const message = (text: string) => ({ type: "message", id: "msg_1", status: "completed", role: "assistant", content: [{ type: "output_text", text, annotations: [] }] });
	const reasoning = (...texts: string[]) => ({ type: "reasoning", id: "rs_1", summary: texts.map((text) => ({ type: "summary_text", text })) });
	const usage = { input_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens: 300, output_tokens_details: { reasoning_tokens: 256 }, total_tokens: 320 };

	test("completed: the answer, the summary apart from it, the usage, the real model", () => {
		const r = readResponses({ id: "resp_1", object: "response", status: "completed", model: "gpt-5.1-2025-11-13", output: [reasoning("First.", "Then."), message("Answer.")], usage, incomplete_details: null }, 1000);
		expect(r).toEqual({
			kind: "answer",
			completion: { text: "Answer.", finishReason: "stop", model: "gpt-5.1-2025-11-13", usage: { promptTokens: 20, completionTokens: 300, reasoningTokens: 256, totalTokens: 320 }, outputFiltered: [], refusal: null, reasoningSummary: "First.\n\nThen." },
		});
	});

	test("incomplete, max_output_tokens, reasoning only: the budget was used up (the blank answer)", () => {
		const r = readResponses({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, model: "o3", output: [reasoning()], usage: { ...usage, output_tokens: 1000, output_tokens_details: { reasoning_tokens: 1000 } } }, 1000);
		expect(r.kind).toBe("budget-exhausted");
	});

	test("incomplete, max_output_tokens, with part of an answer: an answer cut off (finish reason length)", () => {
		const r = readResponses({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, model: "o3", output: [reasoning(), message("Half")], usage }, 1000);
		expect(r.kind === "answer" && r.completion.finishReason).toBe("length");
	});

	test("incomplete, content_filter: withheld", () => {
		expect(readResponses({ status: "incomplete", incomplete_details: { reason: "content_filter" }, output: [reasoning()], usage }, 1000).kind).toBe("output-filtered");
	});

	test("a refusal part", () => {
		const r = readResponses({ status: "completed", output: [{ type: "message", content: [{ type: "refusal", refusal: "I can't help with that." }] }] }, 1000);
		expect(r.kind === "refusal" && r.completion.refusal).toBe("I can't help with that.");
	});

	test("failed, no output, not an object", () => {
		expect(readResponses({ status: "failed", error: { message: "boom" }, output: [] }, 10)).toEqual({ kind: "malformed", detail: "Azure reported that the response failed: boom" });
		expect(readResponses({ status: "completed" }, 10).kind).toBe("malformed");
		expect(readResponses("x", 10).kind).toBe("malformed");
		expect(readResponses({ status: "completed", output: [] }, 10).kind).toBe("empty");
	});
});

describe("supportedValues reads the quoted list, whatever the wording", () => {
	test.each([
		["Unsupported value: 'minimal' is not supported with the 'gpt-5.1' model. Supported values are: 'none', 'low', 'medium', and 'high'.", ["none", "low", "medium", "high"]],
		["Unsupported value: 'reasoning_effort' does not support 'max' with this model. Supported values are: 'none', 'low', 'medium', 'high', and 'xhigh'.", ["none", "low", "medium", "high", "xhigh"]],
		["Invalid value: 'none'. Supported values are: 'low', 'medium', and 'high'.", ["low", "medium", "high"]],
		["Unsupported value: 'stream' does not support true with this model. Supported values are: false.", ["false"]],
		["Unsupported parameter: 'temperature' is not supported with this model.", []],
	])("%s", (message, values) => {
		expect(supportedValues(message)).toEqual(values);
	});
});

const http = (body: unknown, status = 400): Failure => ({ kind: "http", status, body: JSON.stringify(body), contentType: "application/json", attempts: 1 });
const paramError = (message: string, param: string | null, code: string | null) => ({ error: { message, type: "invalid_request_error", param, code } });

/** Every error body in azure-responses-api.md, on the deployment that would get it. */
const BODIES: { name: string; dep: DeploymentConfig; failure: Failure; says: RegExp; patch: Partial<DeploymentConfig> | null }[] = [
	{
		name: "OperationNotSupported for o3-pro on chat completions (§1)",
		dep: dep("gpt-5", { operation: "chat-completions" }),
		failure: http({ error: { code: "OperationNotSupported", message: "The chatCompletion operation does not work with the specified model, o3-pro. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993." } }),
		says: /refused chat completions for the model o3-pro.*Responses API/,
		// gpt-5's default summary (auto) becomes o3-pro's (off: its summaries need approval).
		patch: { operation: "responses", family: "o3-pro", reasoningSummary: "off" },
	},
	{
		name: "OperationNotSupported on a dated o3 deployment that really runs gpt-5.1-codex-mini: the switch also moves the API style and effort",
		dep: dep("o3", { operation: "chat-completions", apiStyle: "dated", apiVersion: "2025-04-01-preview", reasoningEffort: "high" }),
		failure: http({ error: { code: "OperationNotSupported", message: "The chatCompletion operation does not work with the specified model, gpt-5.1-codex-mini. Please choose different model and try again." } }),
		says: /refused chat completions for the model gpt-5\.1-codex-mini.*GPT-5 codex/,
		patch: { family: "gpt-5-codex", operation: "responses", apiStyle: "v1", reasoningSummary: "auto" },
	},
	{
		name: "gpt-6-astra refusing max on chat completions (§1)",
		dep: dep("gpt-6-astra", { operation: "chat-completions", reasoningEffort: "xhigh" }),
		failure: http(paramError("Unsupported value: 'reasoning_effort' does not support 'max' with this model. Supported values are: 'none', 'low', 'medium', 'high', and 'xhigh'.", "reasoning_effort", "unsupported_value")),
		says: /Azure supports none, low, medium, high, xhigh here/,
		patch: { reasoningEffort: "xhigh", supportedEfforts: ["none", "low", "medium", "high", "xhigh"] },
	},
	{
		name: "gpt-5.1 refusing minimal on the Responses API (§4)",
		// A deployment that asked for minimal (the table would not let it; a hand-edited file could): the nearest listed is low (ties go to more reasoning).
		dep: dep("gpt-5.1", { reasoningEffort: "minimal" }),
		failure: http(paramError("Unsupported value: 'minimal' is not supported with the 'gpt-5.1' model. Supported values are: 'none', 'low', 'medium', and 'high'.", "reasoning.effort", "unsupported_value")),
		says: /reasoning effort.*'minimal' is not supported/,
		patch: { reasoningEffort: "low", supportedEfforts: ["none", "low", "medium", "high"] },
	},
	{
		name: "Azure's November 2025 gpt-5.1 refusing none, code invalid_value (§4)",
		dep: dep("gpt-5.1", { reasoningEffort: "none" }),
		failure: http(paramError("Invalid value: 'none'. Supported values are: 'low', 'medium', and 'high'.", "reasoning_effort", "invalid_value")),
		says: /Use low, the nearest/,
		patch: { reasoningEffort: "low", supportedEfforts: ["low", "medium", "high"] },
	},
	{
		name: "a reasoning summary the resource is not approved for (§7; text not known: read by param)",
		dep: dep("o4-mini", { operation: "responses", reasoningSummary: "auto", apiStyle: "dated", apiVersion: "2025-04-01-preview" }),
		failure: http(paramError("Reasoning summaries are not available for this model on this resource.", "reasoning.summary", "unsupported_parameter")),
		says: /approv/,
		patch: { reasoningSummary: "off" },
	},
	{
		name: "a region without the Responses API: 404 on the Responses path (§1)",
		dep: dep("gpt-5.1"),
		failure: http({ error: { code: "404", message: "Resource not found" } }, 404),
		says: /no Responses API at this address/,
		patch: { operation: "chat-completions" },
	},
];

describe.each(BODIES)("$name", ({ dep: d, failure, says, patch }) => {
	test("explained, with the fix that follows from Azure's words", () => {
		const e = explainFailure(failure, d);
		expect(`${e.title} ${e.detail}`).toMatch(says);
		expect(e.fix?.patch ?? null).toEqual(patch);
	});

	test("the fix leaves a deployment without errors", () => {
		const e = explainFailure(failure, d);
		const after = validateDeployment({ ...d, ...e.fix!.patch }, { secretAvailable: true });
		expect(after.findings.filter((f) => f.severity === "error")).toEqual([]);
	});
});
