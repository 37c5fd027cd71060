// Scripted fault answers, for both operations (see Fault in types.ts).
import {
	budgetedCompletion, cutOffCompletion, exhaustedCompletion, filteredPromptBody, htmlErrorPage, noChoicesCompletion,
	plainCompletion, rateLimitBody,
} from './responses';
import { budgetedResponse, responseFaults, summaryKind } from './responsesBodies';
import type { AnswerFn, EmulatedDeployment, Fault, FaultKind, RecordedRequest, SummaryFn } from './types';

export interface Answer {
	status: number;
	body: string;
	headers: Record<string, string>;
}

export const json = (status: number, body: object): Answer => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

export function faultKind(f: Fault): FaultKind {
	if (f.drop) return f.drop === 'mid-body' ? 'drop-mid-body' : 'drop-before-response';
	if (f.html) return 'html';
	if (f.invalidJson) return 'invalid-json';
	if (f.rateLimit) return 'rate-limit';
	if (f.filteredPrompt) return 'filtered-prompt';
	if (f.filteredOutput) return 'filtered-output';
	if (f.exhaustBudget) return 'exhaust-budget';
	if (f.cutOff) return 'cut-off';
	if (f.noChoices) return 'no-choices';
	if (f.content !== undefined) return 'content';
	if (f.status !== undefined || f.body !== undefined) return 'raw';
	return 'delay';
}

/** The compliant 200 body of either operation (the summary only when one was asked for). */
export function compliantBody(rec: RecordedRequest, body: unknown, dep: EmulatedDeployment, answer: AnswerFn, summary: SummaryFn): object {
	if (rec.operation !== 'responses') return budgetedCompletion(body, dep, answer(body, dep, 'chat-completions'));
	const kind = summaryKind(body);
	return budgetedResponse(body, dep, answer(body, dep, 'responses'), kind ? summary(body, dep, kind) : undefined);
}

export function faultAnswer(f: Fault, kind: FaultKind, rec: RecordedRequest, body: unknown, dep: EmulatedDeployment, answer: AnswerFn, summary: SummaryFn): Answer {
	const responses = rec.operation === 'responses';
	const compliant = () => JSON.stringify(compliantBody(rec, body, dep, answer, summary));
	const text = () => f.content ?? answer(body, dep, responses ? 'responses' : 'chat-completions');
	switch (kind) {
		case 'drop-mid-body':
			return { status: f.status ?? 200, body: typeof f.body === 'string' ? f.body : f.body ? JSON.stringify(f.body) : compliant(), headers: { 'content-type': 'application/json' } };
		case 'html':
			return { status: f.status ?? 502, body: htmlErrorPage(f.status ?? 502), headers: { 'content-type': 'text/html; charset=utf-8' } };
		case 'invalid-json': {
			const full = compliant();
			return { status: 200, body: full.slice(0, Math.floor(full.length / 2)), headers: { 'content-type': 'application/json' } };
		}
		case 'rate-limit': {
			const { retryAfterSeconds, retryAfterMs } = f.rateLimit ?? {};
			const seconds = retryAfterSeconds === undefined ? (typeof retryAfterMs === 'number' ? Math.ceil(retryAfterMs / 1000) : 60) : retryAfterSeconds;
			const ms = retryAfterMs === undefined ? (typeof seconds === 'number' ? seconds * 1000 : null) : retryAfterMs;
			const a = json(429, rateLimitBody(rec.apiStyle === 'dated' ? (rec.apiVersion ?? '') : 'v1', seconds ?? Math.ceil((ms ?? 60000) / 1000), responses ? 'Responses_Create' : undefined));
			if (seconds !== null) a.headers['retry-after'] = String(seconds);
			if (ms !== null) a.headers['retry-after-ms'] = String(ms);
			return a;
		}
		case 'filtered-prompt':
			return json(400, filteredPromptBody(f.filteredPrompt?.category ?? 'violence', f.filteredPrompt?.severity, responses ? 'input' : 'prompt'));
		case 'filtered-output':
			return json(200, responses ? responseFaults.filtered(body, dep, f.content ?? '') : plainCompletion(body, dep, f.content ?? '', f.filteredOutput?.category ?? 'violence'));
		case 'exhaust-budget':
			return json(200, responses ? responseFaults.exhausted(body, dep) : exhaustedCompletion(body, dep));
		case 'cut-off':
			return json(200, responses ? responseFaults.cutOff(body, dep, text()) : cutOffCompletion(body, dep, text()));
		case 'no-choices':
			return json(200, responses ? responseFaults.empty(body, dep) : noChoicesCompletion(body, dep));
		case 'content':
			return json(200, responses ? responseFaults.content(body, dep, f.content ?? '') : plainCompletion(body, dep, f.content ?? ''));
		default: // raw
			return { status: f.status ?? 200, body: typeof f.body === 'string' ? f.body : f.body ? JSON.stringify(f.body) : '', headers: { 'content-type': 'application/json' } };
	}
}
