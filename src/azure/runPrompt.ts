/**
 * One prompt, start to end, below the UI: validate the deployment (send nothing on any
 * error), build the compliant request, send it, and read the completion. Every way it can end
 * comes back as a value with the user's explanation; nothing here throws for a failure.
 */
import { explainFailure, redactSecrets, type Explanation, type Failure } from "../core/errors";
import { buildRequest, type BuiltRequest } from "../core/request";
import { readAnswer, type Completion } from "../core/response";
import type { DeploymentConfig } from "../core/settings";
import { validateDeployment, type ReadyDeployment } from "../core/validate";
import { entraMessage } from "../core/entraWords";
import { sendRequest, type SendResult } from "./client";
import type { TokenResult } from "./entraClient";
import type { RequestUrlFn } from "./transport";

export interface RunInput {
	config: DeploymentConfig | undefined;
	/** The key from secret storage; null when the secret is missing or empty. */
	apiKey: string | null;
	/** The deployment's Entra ID session, for deployments that sign in instead of using a key. */
	entra?: TokenSource;
	prompt: string;
	/**
	 * What `prepare` gave for this same config, key and prompt, when the caller already ran it
	 * (a command validates once, before its context check): not validated or built again.
	 */
	prepared?: Prepared;
	timeoutMs: number;
	maxRetries: number;
	requestUrl: RequestUrlFn;
	signal?: AbortSignal;
	onRetry?: (info: { attempt: number; waitMs: number; status: number | null }) => void;
	/** The deployment's own max completion tokens, when `config` holds a smaller one for this request. */
	ownBudget?: number;
	/** A whole answer that arrived after the timeout had already ended the call. */
	onLateAnswer?: (completion: Completion) => void;
}

/** Where Entra ID access tokens come from (azure/entraClient.ts's EntraSession). */
export interface TokenSource {
	accessToken(): Promise<TokenResult>;
	refresh(): Promise<TokenResult>;
}

export type RunResult =
	| { ok: true; completion: Completion; built: BuiltRequest; deployment: ReadyDeployment; attempts: number; elapsedMs: number }
	| { ok: false; failure: Failure; explanation: Explanation; built: BuiltRequest | null; sent: boolean; elapsedMs: number };

function explain(failure: Failure, input: RunInput, tokens: readonly string[] = []): Explanation {
	const e = explainFailure(failure, input.config, input.ownBudget);
	const r = (s: string) => redactSecrets(s, [input.apiKey, ...tokens]);
	return { ...e, title: r(e.title), detail: r(e.detail) };
}

/** A request ready to send: built from the deployment that passed validation. */
export interface Prepared {
	ok: true;
	built: BuiltRequest;
	deployment: ReadyDeployment;
}

/** Validation and building only: what would be sent, or why nothing can be. */
export function prepare(input: Pick<RunInput, "config" | "apiKey" | "prompt">): Prepared | { ok: false; failure: Failure } {
	if (!input.config) return { ok: false, failure: { kind: "no-deployment" } };
	const keyAuth = input.config.auth !== "entra";
	const { findings, ready } = validateDeployment(input.config, keyAuth ? { secretAvailable: input.apiKey !== null && input.apiKey !== "" } : {});
	if (!ready) {
		const onlyKey = findings.filter((f) => f.severity === "error").every((f) => f.field === "secretName");
		if (keyAuth && onlyKey && input.config.secretName.trim() !== "") return { ok: false, failure: { kind: "no-key", secretName: input.config.secretName } };
		return { ok: false, failure: { kind: "invalid-deployment", findings } };
	}
	return { ok: true, built: buildRequest(ready, input.prompt), deployment: ready };
}

export async function runPrompt(input: RunInput): Promise<RunResult> {
	const started = Date.now();
	const prepared = input.prepared ?? prepare(input);
	if (!prepared.ok) return { ok: false, failure: prepared.failure, explanation: explain(prepared.failure, input), built: null, sent: false, elapsedMs: 0 };
	const { built, deployment } = prepared;
	const tokens: string[] = [];
	const send = (bearerToken?: string) =>
		sendRequest(deployment, built, {
			requestUrl: input.requestUrl,
			apiKey: input.apiKey ?? "",
			...(bearerToken !== undefined ? { bearerToken } : {}),
			timeoutMs: input.timeoutMs,
			maxRetries: input.maxRetries,
			...(input.signal ? { signal: input.signal } : {}),
			...(input.onRetry ? { onRetry: input.onRetry } : {}),
			...(input.onLateAnswer
				? {
						onLateAnswer: (json: unknown) => {
							const late = readAnswer(json, built.operation, built.maxOutputTokens);
							if (late.kind === "answer") input.onLateAnswer?.(late.completion);
						},
					}
				: {}),
		});
	const delivery = deployment.entra ? await sendWithEntra(input.entra, send, tokens) : { sent: await send() };
	const elapsedMs = Date.now() - started;
	if ("notSent" in delivery) return { ok: false, failure: delivery.notSent, explanation: explain(delivery.notSent, input, tokens), built, sent: false, elapsedMs };
	const sent = delivery.sent;
	if (!sent.ok) return { ok: false, failure: sent.failure, explanation: explain(sent.failure, input, tokens), built, sent: true, elapsedMs };
	const outcome = readAnswer(sent.json, built.operation, built.maxOutputTokens);
	if (outcome.kind !== "answer") {
		const failure: Failure = { kind: "no-answer", outcome };
		return { ok: false, failure, explanation: explain(failure, input), built, sent: true, elapsedMs };
	}
	return { ok: true, completion: outcome.completion, built, deployment, attempts: sent.attempts, elapsedMs };
}

/**
 * Sends with an Entra ID access token (refreshed first when near expiry). A 401 leads to one
 * refresh and one retry; a second 401 asks the user to sign in again. `notSent`: no token, so
 * nothing went out. `used` collects the tokens sent, for redaction.
 */
async function sendWithEntra(source: TokenSource | undefined, send: (token: string) => Promise<SendResult>, used: string[]): Promise<{ sent: SendResult } | { notSent: Failure }> {
	if (!source) return { notSent: { kind: "entra", message: entraMessage({ kind: "signed-out" }) } };
	const first = await source.accessToken();
	if (!first.ok) return { notSent: { kind: "entra", message: first.message } };
	used.push(first.token);
	const sent = await send(first.token);
	if (sent.ok || sent.failure.kind !== "http" || sent.failure.status !== 401) return { sent };
	const again = await source.refresh();
	if (!again.ok) return { sent: { ...sent, failure: { kind: "entra", message: again.message } } };
	used.push(again.token);
	const retried = await send(again.token);
	if (retried.ok || retried.failure.kind !== "http" || retried.failure.status !== 401) return { sent: retried };
	return { sent: { ...retried, failure: { kind: "entra", message: entraMessage({ kind: "unauthorized" }) } } };
}
