import { AzureEmulator, defaultAnswer, type EmulatedDeployment, type EmulatedFamily } from './azureEmulator';
import {
	ACCEPTED, BODY_SHAPE, KEY, MIN_VERSION, REASONING_RULES, ROUTING_AND_AUTH, TOKEN, VERSIONS_AND_DEPLOYMENTS, dated, to, v1,
	type Case, type Req,
} from './emulator/errorCases';

type Family2025 = Extract<EmulatedFamily, 'o1-preview' | 'o1-mini' | 'o1' | 'o3-mini' | 'o3' | 'o4-mini' | 'gpt-5' | 'chat'>;
const FAMILIES: Family2025[] = ['o1-preview', 'o1-mini', 'o1', 'o3-mini', 'o3', 'o4-mini', 'gpt-5', 'chat'];
const MODELS: Record<Family2025, string> = {
	'o1-preview': 'o1-preview-2024-09-12', 'o1-mini': 'o1-mini-2024-09-12', o1: 'o1-2024-12-17', 'o3-mini': 'o3-mini-2025-01-31',
	o3: 'o3-2025-04-16', 'o4-mini': 'o4-mini-2025-04-16', 'gpt-5': 'gpt-5-2025-08-07', chat: 'gpt-4o-2024-11-20',
};
const DEPLOYMENTS: EmulatedDeployment[] = [
	...FAMILIES.map((family) => ({ name: `dep-${family}`, family })),
	{ name: 'gpt-4o-prod', family: 'o1' }, // the name lies: the family rules
	{ name: 'dep-cheap', family: 'o3-mini', reasoningTokens: 10, model: 'o3-mini-custom' },
];
const SAFE = { filtered: false, severity: 'safe' };
const UNDETECTED = { filtered: false, detected: false };
const PROMPT_FILTER = [{ prompt_index: 0, content_filter_results: { hate: SAFE, jailbreak: UNDETECTED, self_harm: SAFE, sexual: SAFE, violence: SAFE } }];
const CHOICE_FILTER = { hate: SAFE, protected_material_code: UNDETECTED, protected_material_text: UNDETECTED, self_harm: SAFE, sexual: SAFE, violence: SAFE };

let azure: AzureEmulator;
beforeAll(async () => {
	azure = await AzureEmulator.start({ apiKey: KEY, deployments: DEPLOYMENTS, bearerTokens: [TOKEN] });
});
afterAll(() => azure.close());
beforeEach(() => azure.reset());

interface Reply { status: number; text: string; headers: Headers }

async function send(r: Req): Promise<Reply> {
	const method = r.method ?? 'POST';
	const res = await fetch(azure.url + r.path, {
		method,
		headers: { 'content-type': 'application/json', ...r.headers },
		body: method === 'GET' ? undefined : (r.raw ?? JSON.stringify(r.body)),
	});
	return { status: res.status, text: await res.text(), headers: res.headers };
}

const json = (r: Reply) => JSON.parse(r.text) as any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The exact success body of facts §4 (id, created and fingerprint vary). */
function success(model: string, content: string, usage: { prompt: number; completion: number; reasoning: number }, finish = 'stop') {
	return {
		id: expect.stringMatching(/^chatcmpl-[A-Za-z0-9_-]+$/), object: 'chat.completion', created: expect.any(Number), model,
		system_fingerprint: expect.stringMatching(/^fp_[0-9a-f]{10}$/), service_tier: null, prompt_filter_results: PROMPT_FILTER,
		choices: [{ index: 0, finish_reason: finish, logprobs: null, message: { role: 'assistant', content, refusal: null }, content_filter_results: CHOICE_FILTER }],
		usage: {
			prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion,
			prompt_tokens_details: { audio_tokens: null, cached_tokens: 0 },
			completion_tokens_details: { audio_tokens: null, reasoning_tokens: usage.reasoning },
		},
	};
}

describe.each([
	['routing and auth', ROUTING_AND_AUTH],
	['api-versions and deployments', VERSIONS_AND_DEPLOYMENTS],
	['body shape', BODY_SHAPE],
	['family rules', REASONING_RULES],
])('errors: %s', (_group, cases: Case[]) => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const reply = await send(c.request);
		expect({ status: reply.status, body: reply.text }).toEqual({ status: c.expectStatus, body: JSON.stringify(c.expectBody) });
		expect(reply.headers.get('content-type')).toBe('application/json');
		expect(reply.headers.get('apim-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		expect(reply.headers.get('x-request-id')).toBe(reply.headers.get('apim-request-id'));
		expect(azure.requests).toHaveLength(1);
		expect(azure.requests[0]).toMatchObject({ status: c.expectStatus, responseBody: JSON.stringify(c.expectBody) });
	});
});

describe('accepted requests', () => {
	it.each(ACCEPTED.map((c) => [c.name, c] as const))('%s → 200', async (_name, c) => {
		const reply = await send(c.request);
		expect({ status: reply.status, error: reply.status === 200 ? undefined : reply.text }).toEqual({ status: 200, error: undefined });
		expect(json(reply).choices[0].finish_reason).toBe('stop');
	});

	const styles = FAMILIES.flatMap((f) => [
		...(f === 'gpt-5' ? [] : [[f, 'dated'] as const]),
		[f, 'v1'] as const,
	]);
	it.each(styles)('%s over the %s API: the exact success shape', async (family, style) => {
		const body = { messages: [{ role: 'user', content: 'Hello there\nsecond line' }] };
		const reply = await send(style === 'dated' ? dated(`dep-${family}`, MIN_VERSION[family] ?? '', body) : v1({ model: `dep-${family}`, ...body }));
		expect(reply.status).toBe(200);
		expect(reply.headers.get('content-type')).toBe('application/json');
		const content = `Answer from ${MODELS[family]}: Hello there [${'x'.repeat(8)}]`.replace(/x{8}/, json(reply).choices[0].message.content.slice(-9, -1));
		expect(content).toMatch(/\[[0-9a-f]{8}\]$/);
		expect(content).toBe(defaultAnswer(body, { name: 'any', family }));
		const reasoning = family === 'chat' ? 0 : 192;
		expect(json(reply)).toEqual(success(MODELS[family], content, { prompt: 6, reasoning, completion: reasoning + Math.ceil(content.length / 4) }));
		expect(azure.requests[0]).toMatchObject({ apiStyle: style, deployment: `dep-${family}`, status: 200 });
	});

	it('uses a deployment\'s own model and reasoning tokens', async () => {
		const reply = await send(v1({ model: 'dep-cheap', messages: [{ role: 'user', content: 'abcd' }], max_completion_tokens: 100 }));
		const content = defaultAnswer({ messages: [{ role: 'user', content: 'abcd' }] }, DEPLOYMENTS[DEPLOYMENTS.length - 1]!);
		expect(content.startsWith('Answer from o3-mini-custom: abcd [')).toBe(true);
		expect(json(reply)).toEqual(success('o3-mini-custom', content, { prompt: 1, reasoning: 10, completion: 10 + Math.ceil(content.length / 4) }));
	});

	it('defaultAnswer echoes the first line of the last user message, cut to 80 characters', () => {
		const dep: EmulatedDeployment = { name: 'd', family: 'o1' };
		const long = 'y'.repeat(100);
		expect(defaultAnswer({ messages: [{ role: 'user', content: 'old' }, { role: 'user', content: `${long}\nmore` }] }, dep))
			.toMatch(new RegExp(`^Answer from o1-2024-12-17: ${'y'.repeat(80)}… \\[[0-9a-f]{8}\\]$`));
		expect(defaultAnswer({ messages: [{ role: 'developer', content: 'x' }] }, dep)).toBe('Answer from o1-2024-12-17: (no user message)');
		expect(defaultAnswer({ messages: [{ role: 'user', content: 'a' }] }, dep)).not.toBe(defaultAnswer({ messages: [{ role: 'user', content: 'b' }] }, dep));
	});

	it('setAnswer sets the content; reset restores the default', async () => {
		azure.setAnswer((body, dep) => `# ${dep.family}: ${body.messages.length} messages`);
		expect(json(await send(to('o3'))).choices[0].message.content).toBe('# o3: 1 messages');
		azure.reset();
		expect(json(await send(to('o3'))).choices[0].message.content).toMatch(/^Answer from o3-2025-04-16: Hello there/);
	});

	it('addDeployment adds (or replaces) a deployment', async () => {
		expect((await send(dated('late', '2024-12-01-preview'))).status).toBe(404);
		azure.addDeployment({ name: 'late', family: 'o1-mini', model: 'o1-mini-late' });
		expect(json(await send(dated('late', '2024-12-01-preview'))).model).toBe('o1-mini-late');
	});
});

describe('token budget', () => {
	const ask = (extra: Record<string, unknown>, family = 'o1') => send(to(family, extra));

	it.each([100, 192])('max_completion_tokens %i ≤ reasoning tokens: empty content, finish length', async (max) => {
		expect(json(await ask({ max_completion_tokens: max }))).toEqual(success(MODELS.o1, '', { prompt: 3, reasoning: max, completion: max }, 'length'));
	});

	it('a budget just above the reasoning cuts the content', async () => {
		const full = defaultAnswer({ messages: [{ role: 'user', content: 'Hello there' }] }, { name: 'x', family: 'o1' });
		expect(json(await ask({ max_completion_tokens: 194 }))).toEqual(success(MODELS.o1, full.slice(0, 8), { prompt: 3, reasoning: 192, completion: 194 }, 'length'));
	});

	it('chat max_tokens cuts the content too (no reasoning)', async () => {
		const full = defaultAnswer({ messages: [{ role: 'user', content: 'Hello there' }] }, { name: 'x', family: 'chat' });
		expect(json(await ask({ max_tokens: 2 }, 'chat'))).toEqual(success(MODELS.chat, full.slice(0, 8), { prompt: 3, reasoning: 0, completion: 2 }, 'length'));
	});
});

describe('scripted faults', () => {
	const okO1 = () => send(to('o1'));

	it('content: bypasses validation, is recorded, then the queue is empty', async () => {
		azure.script({ content: 'Scripted **answer**' });
		const reply = await send(to('o1', { max_tokens: 5, temperature: 0.3 }));
		expect(json(reply)).toEqual(success(MODELS.o1, 'Scripted **answer**', { prompt: 3, reasoning: 192, completion: 192 + 5 }));
		expect(azure.requests[0]).toMatchObject({ fault: 'content', status: 200, deployment: 'dep-o1' });
		expect(azure.pendingFaults).toBe(0);
		expect((await send(to('o1', { max_tokens: 5 }))).status).toBe(400);
	});

	it('match, times and FIFO order', async () => {
		azure.script({ match: (r) => r.deployment === 'dep-o3', times: 2, content: 'A' }, { content: 'B' });
		expect(json(await send(to('o3'))).choices[0].message.content).toBe('A');
		expect(json(await okO1()).choices[0].message.content).toBe('B');
		expect(json(await okO1()).choices[0].message.content).toMatch(/^Answer from/);
		expect(json(await send(to('o3'))).choices[0].message.content).toBe('A');
		expect(azure.pendingFaults).toBe(0);
		expect(azure.requests.map((r) => r.fault)).toEqual(['content', 'content', undefined, 'content']);
	});

	it('delay alone: waits, then validates as usual; headers are added', async () => {
		azure.script({ delayMs: 150, headers: { 'x-emulated': 'yes' } });
		const t0 = Date.now();
		const reply = await send(to('o1', { temperature: 0.5 }));
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		expect(reply.status).toBe(400);
		expect(json(reply).error.code).toBe('unsupported_parameter');
		expect(reply.headers.get('x-emulated')).toBe('yes');
		expect(azure.requests[0]!.fault).toBe('delay');
	});

	it('drop before-response: the client gets a connection error', async () => {
		azure.script({ drop: 'before-response' });
		await expect(okO1()).rejects.toThrow();
		expect(azure.requests[0]).toMatchObject({ fault: 'drop-before-response', status: 0, responseBody: '' });
		expect((await okO1()).status).toBe(200);
	});

	it('drop mid-body: headers arrive, reading the body fails', async () => {
		azure.script({ drop: 'mid-body' });
		const res = await fetch(`${azure.url}${to('o1').path}`, { method: 'POST', headers: { 'api-key': KEY }, body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }) });
		expect(res.status).toBe(200);
		await expect(res.text()).rejects.toThrow();
		const rec = azure.requests[0]!;
		expect(rec.fault).toBe('drop-mid-body');
		expect(rec.responseBody.startsWith('{"id":"chatcmpl-')).toBe(true);
		expect(() => JSON.parse(rec.responseBody)).toThrow();
	});

	it('html: a proxy page, 502 by default or the status given', async () => {
		azure.script({ html: true }, { html: true, status: 504 });
		const a = await okO1();
		expect(a.status).toBe(502);
		expect(a.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(a.text).toContain('<title>502 Bad Gateway</title>');
		const b = await okO1();
		expect(b.status).toBe(504);
		expect(b.text).toContain('504 Gateway Time-out');
	});

	it('invalidJson: 200 with a truncated JSON body', async () => {
		azure.script({ invalidJson: true });
		const reply = await okO1();
		expect(reply.status).toBe(200);
		expect(reply.headers.get('content-type')).toBe('application/json');
		expect(reply.text.startsWith('{"id":"chatcmpl-')).toBe(true);
		expect(() => JSON.parse(reply.text)).toThrow();
	});

	const limitBody = (version: string, s: number) => JSON.stringify({ error: { code: '429', message: `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${version} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${s} seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.` } });
	it.each([
		['defaults', {}, '60', '60000', 60],
		['ms only', { retryAfterMs: 1500 }, '2', '1500', 2],
		['seconds only', { retryAfterSeconds: 5 }, '5', '5000', 5],
		['seconds, no ms header', { retryAfterSeconds: 7, retryAfterMs: null }, '7', null, 7],
		['ms, no seconds header', { retryAfterSeconds: null, retryAfterMs: 250 }, null, '250', 1],
	])('rateLimit (%s): 429, exact body, retry headers', async (_n, rateLimit, after, afterMs, s) => {
		azure.script({ rateLimit });
		const reply = await okO1();
		expect(reply.status).toBe(429);
		expect(reply.text).toBe(limitBody('2024-12-01-preview', s));
		expect(reply.headers.get('retry-after')).toBe(after);
		expect(reply.headers.get('retry-after-ms')).toBe(afterMs);
	});

	it('rateLimit on v1 names the version "v1"', async () => {
		azure.script({ rateLimit: { retryAfterSeconds: 3 } });
		expect((await send(to('gpt-5'))).text).toBe(limitBody('v1', 3));
	});

	const filtered = (flag: string, value: object) => ({
		error: {
			message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
			type: null, param: 'prompt', code: 'content_filter', status: 400,
			innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE, jailbreak: UNDETECTED, [flag]: value } },
		},
	});
	it.each([
		[{ category: 'violence' as const }, 'violence', { filtered: true, severity: 'medium' }],
		[{ category: 'self_harm' as const, severity: 'high' }, 'self_harm', { filtered: true, severity: 'high' }],
		[{ category: 'jailbreak' as const }, 'jailbreak', { filtered: true, detected: true }],
	])('filteredPrompt %o: 400 with the live key names', async (filteredPrompt, flag, value) => {
		azure.script({ filteredPrompt });
		const reply = await okO1();
		expect(reply.status).toBe(400);
		expect(reply.text).toBe(JSON.stringify(filtered(flag, value)));
	});

	it.each([
		['protected_material_code', '', { filtered: true, detected: true }],
		['hate', 'Partial answ', { filtered: true, severity: 'medium' }],
	] as const)('filteredOutput %s: 200, finish content_filter, choice flagged', async (category, content, flag) => {
		azure.script(content ? { filteredOutput: { category }, content } : { filteredOutput: { category } });
		const body = json(await okO1());
		expect(body.choices[0]).toEqual({
			index: 0, finish_reason: 'content_filter', logprobs: null, message: { role: 'assistant', content, refusal: null },
			content_filter_results: { ...CHOICE_FILTER, [category]: flag },
		});
		expect(azure.requests[0]!.fault).toBe('filtered-output');
	});

	it('exhaustBudget: empty content, completion == reasoning == max_completion_tokens', async () => {
		azure.script({ exhaustBudget: true }, { exhaustBudget: true });
		expect(json(await send(to('o3-mini', { max_completion_tokens: 500 })))).toEqual(success(MODELS['o3-mini'], '', { prompt: 3, reasoning: 500, completion: 500 }, 'length'));
		expect(json(await send(to('o3-mini')))).toEqual(success(MODELS['o3-mini'], '', { prompt: 3, reasoning: 192, completion: 192 }, 'length'));
	});

	it('noChoices: 200 with choices []', async () => {
		azure.script({ noChoices: true });
		const body = json(await okO1());
		expect(body.choices).toEqual([]);
		expect(body.model).toBe(MODELS.o1);
	});

	it('raw: any status, body and headers', async () => {
		azure.script({ status: 500, body: { error: { code: 'InternalServerError', message: 'boom' } } }, { status: 503, body: 'busy', headers: { 'content-type': 'text/plain' } });
		const a = await okO1();
		expect([a.status, a.text]).toEqual([500, '{"error":{"code":"InternalServerError","message":"boom"}}']);
		const b = await okO1();
		expect([b.status, b.text, b.headers.get('content-type')]).toEqual([503, 'busy', 'text/plain']);
		expect(azure.requests.map((r) => [r.fault, r.status])).toEqual([['raw', 500], ['raw', 503]]);
	});
});

describe('recording', () => {
	it('records every field, with the api key redacted', async () => {
		const body = { messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 1000 };
		await send({ ...dated('dep-o1', '2024-12-01-preview', body), headers: { 'api-key': KEY, 'x-ms-useragent': 'AzureReasoning/0.1' } });
		const rec = azure.requests[0]!;
		expect(rec).toMatchObject({
			method: 'POST', path: '/openai/deployments/dep-o1/chat/completions', query: { 'api-version': '2024-12-01-preview' },
			rawBody: JSON.stringify(body), body, apiStyle: 'dated', deployment: 'dep-o1', apiVersion: '2024-12-01-preview',
			auth: 'api-key', secretLeaks: [], status: 200,
		});
		expect(rec.headers).toMatchObject({ 'api-key': '[redacted]', 'content-type': 'application/json', 'x-ms-useragent': 'AzureReasoning/0.1' });
		expect(JSON.parse(rec.responseBody).choices[0].message.content).toMatch(/^Answer from o1-2024-12-17: Hi/);
	});

	it.each([
		['api-key', { 'api-key': KEY }, '[redacted]'],
		['bearer-key', { authorization: `Bearer ${KEY}` }, 'Bearer [redacted]'],
		['bearer-token', { authorization: `Bearer ${TOKEN}` }, 'Bearer [redacted]'],
		['wrong', { authorization: `Basic ${KEY}` }, '[redacted]'],
		['none', {}, undefined],
	])('auth kind %s, secret never recorded', async (kind, headers, shown) => {
		await send(v1({ model: 'dep-o1', messages: [{ role: 'user', content: 'Hi' }] }, headers));
		const rec = azure.requests[0]!;
		expect(rec.auth).toBe(kind);
		expect(rec.headers['api-key'] ?? rec.headers.authorization).toBe(shown);
		expect(JSON.stringify(azure.requests)).not.toContain(KEY);
		expect(JSON.stringify(azure.requests)).not.toContain(TOKEN);
	});

	it('reports and scrubs a key leaked into the query, the body or another header; the answer never echoes it', async () => {
		const reply = await send({
			path: `/openai/deployments/dep-o1/chat/completions?api-version=2024-12-01-preview&key=${KEY}`,
			headers: { 'api-key': KEY, 'x-debug': `key=${KEY}` },
			body: { messages: [{ role: 'user', content: `my key is ${KEY}` }], [KEY]: 1 },
		});
		expect(reply.text).toBe(JSON.stringify({ error: { message: 'Unrecognized request argument supplied: [redacted]', type: 'invalid_request_error', param: null, code: null } }));
		const rec = azure.requests[0]!;
		expect(rec.secretLeaks.sort()).toEqual(['body', 'header:x-debug', 'query']);
		expect(rec.query.key).toBe('[redacted]');
		expect((rec.body as { messages: Array<{ content: string }> }).messages[0]!.content).toBe('my key is [redacted]');
		expect(JSON.stringify(rec)).not.toContain(KEY);
	});

	it('records v1 requests with the deployment from body.model, and unknown paths', async () => {
		await send(v1({ model: 'dep-gpt-5', messages: [{ role: 'user', content: 'Hi' }] }, { authorization: `Bearer ${KEY}` }, '?api-version=preview'));
		await send({ method: 'GET', path: '/openai/models?api-version=2024-10-21', headers: { 'api-key': KEY } });
		expect(azure.requests.map((r) => [r.apiStyle, r.deployment, r.apiVersion, r.auth, r.status])).toEqual([
			['v1', 'dep-gpt-5', 'preview', 'bearer-key', 200],
			['unknown', undefined, '2024-10-21', 'api-key', 404],
		]);
	});

	it('reset empties the same requests array and the fault queue', async () => {
		const list = azure.requests;
		azure.script({ content: 'x' });
		await send(to('o1'));
		azure.script({ content: 'y' });
		azure.reset();
		expect(list).toBe(azure.requests);
		expect(azure.requests).toHaveLength(0);
		expect(azure.pendingFaults).toBe(0);
	});
});

describe('close()', () => {
	const count = (name: string) => process.getActiveResourcesInfo().filter((r) => r === name).length;

	it('with a delayed fault pending: the client fails, no server, socket or timer is left', async () => {
		const baseline = { servers: count('TCPServerWrap'), sockets: count('TCPSocketWrap') };
		const timers = count('Timeout'); // jest's own timers come and go: the count must not grow
		const emu = await AzureEmulator.start({ apiKey: KEY, deployments: [{ name: 'd', family: 'o1' }] });
		try {
			emu.script({ delayMs: 60_000, content: 'never' });
			const pending = fetch(`${emu.url}/openai/deployments/d/chat/completions?api-version=2024-12-01-preview`, {
				method: 'POST', headers: { 'api-key': KEY }, body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }),
			}).then(() => 'answered', (e: unknown) => e);
			while (emu.requests.length === 0) await new Promise((r) => setImmediate(r));
			expect(emu.pendingDelays).toBe(1);
			await emu.close();
			expect(emu.pendingDelays).toBe(0);
			expect(await pending).toMatchObject({ name: 'TypeError', message: 'fetch failed' }); // undici's error, from another realm
			expect(emu.requests[0]).toMatchObject({ status: 0, responseBody: '' });
			await new Promise((r) => setImmediate(r));
			// Keep-alive sockets of the shared emulator may close meanwhile: nothing may be added.
			expect(count('TCPServerWrap')).toBe(baseline.servers);
			expect(count('TCPSocketWrap')).toBeLessThanOrEqual(baseline.sockets);
			expect(count('Timeout')).toBeLessThanOrEqual(timers);
		} finally {
			await emu.close(); // idempotent
		}
	});
});
