/**
 * One prompt, start to end, below the UI: validate the deployment (send nothing on any
 * error), build the compliant request, send it, and read the completion. Every way it can end
 * comes back as a value with the user's explanation; nothing here throws for a failure.
 */
import { explainFailure, redactSecrets, type Explanation, type Failure } from "../core/errors";
import { buildRequest, type BuiltRequest } from "../core/request";
import { readCompletion, type Completion } from "../core/response";
import type { DeploymentConfig } from "../core/settings";
import { validateDeployment, type ReadyDeployment } from "../core/validate";
import { sendChat } from "./client";
import type { RequestUrlFn } from "./transport";

export interface RunInput {
	config: DeploymentConfig | undefined;
	/** The key from secret storage; null when the secret is missing or empty. */
	apiKey: string | null;
	prompt: string;
	timeoutMs: number;
	maxRetries: number;
	requestUrl: RequestUrlFn;
	signal?: AbortSignal;
	onRetry?: (info: { attempt: number; waitMs: number; status: number | null }) => void;
}

export type RunResult =
	| { ok: true; completion: Completion; built: BuiltRequest; deployment: ReadyDeployment; attempts: number; elapsedMs: number }
	| { ok: false; failure: Failure; explanation: Explanation; built: BuiltRequest | null; sent: boolean; elapsedMs: number };

function explain(failure: Failure, input: RunInput): Explanation {
	const e = explainFailure(failure, input.config);
	const r = (s: string) => redactSecrets(s, [input.apiKey]);
	return { ...e, title: r(e.title), detail: r(e.detail) };
}

/** Validation and building only: what would be sent, or why nothing can be. */
export function prepare(input: Pick<RunInput, "config" | "apiKey" | "prompt">): { ok: true; built: BuiltRequest; deployment: ReadyDeployment } | { ok: false; failure: Failure } {
	if (!input.config) return { ok: false, failure: { kind: "no-deployment" } };
	const { findings, ready } = validateDeployment(input.config, { secretAvailable: input.apiKey !== null && input.apiKey !== "" });
	if (!ready) {
		const onlyKey = findings.filter((f) => f.severity === "error").every((f) => f.field === "secretName");
		if (onlyKey && input.config.secretName.trim() !== "") return { ok: false, failure: { kind: "no-key", secretName: input.config.secretName } };
		return { ok: false, failure: { kind: "invalid-deployment", findings } };
	}
	return { ok: true, built: buildRequest(ready, input.prompt), deployment: ready };
}

export async function runPrompt(input: RunInput): Promise<RunResult> {
	const started = Date.now();
	const prepared = prepare(input);
	if (!prepared.ok) return { ok: false, failure: prepared.failure, explanation: explain(prepared.failure, input), built: null, sent: false, elapsedMs: 0 };
	const { built, deployment } = prepared;
	const sent = await sendChat(deployment, built, {
		requestUrl: input.requestUrl,
		apiKey: input.apiKey ?? "",
		timeoutMs: input.timeoutMs,
		maxRetries: input.maxRetries,
		...(input.signal ? { signal: input.signal } : {}),
		...(input.onRetry ? { onRetry: input.onRetry } : {}),
	});
	const elapsedMs = Date.now() - started;
	if (!sent.ok) return { ok: false, failure: sent.failure, explanation: explain(sent.failure, input), built, sent: true, elapsedMs };
	const outcome = readCompletion(sent.json, built.body.max_completion_tokens);
	if (outcome.kind !== "answer") {
		const failure: Failure = { kind: "no-answer", outcome };
		return { ok: false, failure, explanation: explain(failure, input), built, sent: true, elapsedMs };
	}
	return { ok: true, completion: outcome.completion, built, deployment, attempts: sent.attempts, elapsedMs };
}
