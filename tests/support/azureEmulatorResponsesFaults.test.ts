// The Responses answer shape, budgets, faults on both operations, responsesAvailable, and the openai SDK's own URLs.
import OpenAI, { AzureOpenAI } from 'openai';
import { AzureEmulator, defaultAnswer } from './azureEmulator';
import { KEY } from './emulator/errorCases';
import { FACTS, USER_INPUT, chat, resp, respDated, type Req } from './emulator/responsesCases';

let emu: AzureEmulator;
beforeAll(async () => {
	emu = await AzureEmulator.start({ apiKey: KEY, deployments: [{ name: 'dep-gpt-5.1', family: 'gpt-5.1' }, { name: 'dep-o3', family: 'o3' }, { name: 'dep-o3-pro', family: 'o3-pro' }, { name: 'dep-chat', family: 'chat' }] });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

async function send(r: Req): Promise<{ status: number; text: string }> {
	const res = await fetch(emu.url + r.path, { method: 'POST', headers: { 'content-type': 'application/json', ...r.headers }, body: JSON.stringify(r.body) });
	return { status: res.status, text: await res.text() };
}
const body = async (r: Req) => JSON.parse((await send(r)).text) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
const O3 = 'o3-2025-04-16';
const answer = (input: unknown = USER_INPUT) => defaultAnswer({ input }, { name: 'x', family: 'o3' });
const tokens = (s: string) => Math.ceil(s.length / 4);

describe('the AzureResponse shape', () => {
	it('o3, effort high, instructions: every field', async () => {
		const text = answer();
		expect(text).toMatch(/^Answer from o3-2025-04-16: Hello there \[[0-9a-f]{8}\]$/);
		const b = await body(resp('o3', { instructions: 'Be brief', reasoning: { effort: 'high' }, max_output_tokens: 4000 }));
		expect(b).toEqual({
			id: expect.stringMatching(/^resp_[0-9a-f]{48}$/), object: 'response', created_at: expect.any(Number), status: 'completed', background: false,
			error: null, incomplete_details: null, instructions: 'Be brief', max_output_tokens: 4000, model: O3,
			output: [
				{ type: 'reasoning', id: expect.stringMatching(/^rs_/), summary: [] },
				{ type: 'message', id: expect.stringMatching(/^msg_/), status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] },
			],
			parallel_tool_calls: true, previous_response_id: null, reasoning: { effort: 'high', summary: null }, store: false, temperature: 1,
			text: { format: { type: 'text' } }, tool_choice: 'auto', tools: [], top_p: 1, truncation: 'disabled',
			// input: ceil(("Be brief" + "Hello there") / 4) = ceil(19 / 4) = 5
			usage: { input_tokens: 5, input_tokens_details: { cached_tokens: 0 }, output_tokens: 192 + tokens(text), output_tokens_details: { reasoning_tokens: 192 }, total_tokens: 5 + 192 + tokens(text) },
			user: null, metadata: {},
		});
	});

	it('a budget at or below the reasoning tokens: incomplete, no message item; just above: the answer cut', async () => {
		const empty = await body(resp('o3', { max_output_tokens: 150 }));
		expect(empty).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: { output_tokens: 150, output_tokens_details: { reasoning_tokens: 150 } } });
		expect(empty.output.map((o: { type: string }) => o.type)).toEqual(['reasoning']);
		const cut = await body(resp('o3', { max_output_tokens: 194 }));
		expect(cut).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: { output_tokens: 194 } });
		expect(cut.output[1]).toMatchObject({ type: 'message', status: 'incomplete', content: [{ text: answer().slice(0, 8) }] });
	});
});

describe('faults on the Responses API', () => {
	it('exhaustBudget: incomplete max_output_tokens, reasoning only, output == reasoning == the budget', async () => {
		emu.script({ exhaustBudget: true });
		const b = await body(resp('gpt-5.1', { max_output_tokens: 5000 }));
		expect(b).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: { output_tokens: 5000, output_tokens_details: { reasoning_tokens: 5000 } } });
		expect(b.output).toEqual([{ type: 'reasoning', id: expect.stringMatching(/^rs_/), summary: [] }]);
		expect(emu.requests[0]).toMatchObject({ fault: 'exhaust-budget', operation: 'responses' });
	});

	it('cutOff: incomplete max_output_tokens with half the answer, on both operations', async () => {
		emu.script({ cutOff: true, content: 'abcdefghij' }, { cutOff: true });
		const b = await body(resp('o3'));
		expect(b).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: { output_tokens: 192 + 2, output_tokens_details: { reasoning_tokens: 192 } } });
		expect(b.output.map((o: { type: string }) => o.type)).toEqual(['reasoning', 'message']);
		expect(b.output[1]).toMatchObject({ status: 'incomplete', content: [{ type: 'output_text', text: 'abcde', annotations: [] }] });
		const c = await body(chat('o3'));
		const full = defaultAnswer({ messages: [{ role: 'user', content: 'Hello there' }] }, { name: 'x', family: 'o3' });
		expect(c.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: full.slice(0, Math.floor(full.length / 2)) } });
		expect(emu.requests.map((r) => r.fault)).toEqual(['cut-off', 'cut-off']);
	});

	it('filteredOutput: incomplete content_filter; a message item only with content', async () => {
		emu.script({ filteredOutput: { category: 'violence' } }, { filteredOutput: { category: 'hate' }, content: 'Partial' });
		const a = await body(resp('o3'));
		expect(a).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } });
		expect(a.output.map((o: { type: string }) => o.type)).toEqual(['reasoning']);
		const b = await body(resp('o3'));
		expect(b.output[1]).toMatchObject({ type: 'message', status: 'incomplete', content: [{ text: 'Partial' }] });
	});

	it('noChoices: completed with no output; content: that text; rateLimit: Responses_Create', async () => {
		emu.script({ noChoices: true }, { content: 'Scripted' }, { rateLimit: { retryAfterSeconds: 3 } });
		expect(await body(resp('o3'))).toMatchObject({ status: 'completed', output: [], usage: { output_tokens: 0 } });
		expect((await body(resp('o3'))).output[1].content[0].text).toBe('Scripted');
		const limited = await send(resp('o3'));
		expect(limited.status).toBe(429);
		expect(JSON.parse(limited.text).error.message).toMatch(/^Requests to the Responses_Create Operation under Azure OpenAI API version v1 have exceeded/);
	});

	it('invalidJson and drop mid-body cut a Responses body; html is the proxy page', async () => {
		emu.script({ invalidJson: true }, { html: true });
		const bad = await send(resp('o3'));
		expect(bad.text.startsWith('{"id":"resp_')).toBe(true);
		expect(() => JSON.parse(bad.text)).toThrow();
		expect((await send(resp('o3'))).status).toBe(502);
	});
});

describe('responsesAvailable: false (a region without the Responses API)', () => {
	it('404 Resource not found on both Responses paths, before auth; chat completions still served', async () => {
		const region = await AzureEmulator.start({ apiKey: KEY, deployments: [{ name: 'dep-o3', family: 'o3' }], responsesAvailable: false });
		try {
			const post = (r: Req) => fetch(region.url + r.path, { method: 'POST', headers: { 'content-type': 'application/json', ...r.headers }, body: JSON.stringify(r.body) }).then(async (x) => ({ status: x.status, text: await x.text() }));
			expect(await post(resp('o3'))).toEqual({ status: 404, text: FACTS.notFound });
			expect(await post(respDated('2025-04-01-preview', { model: 'dep-o3', input: 'x' }, {}))).toEqual({ status: 404, text: FACTS.notFound });
			expect((await post(chat('o3'))).status).toBe(200);
			region.setResponsesAvailable(true);
			expect((await post(resp('o3'))).status).toBe(200);
		} finally {
			await region.close();
		}
	});
});

describe('the openai SDK reaches the Responses routes', () => {
	const common = { apiKey: KEY, fetch: globalThis.fetch, maxRetries: 0, dangerouslyAllowBrowser: true };

	it('AzureOpenAI (dated): POST /openai/responses?api-version=…, deployment in body.model, api-key', async () => {
		const client = new AzureOpenAI({ ...common, endpoint: emu.url, apiVersion: '2025-04-01-preview' });
		const r = await client.responses.create({ model: 'dep-o3', input: 'Hello there', store: false, reasoning: { effort: 'low' }, max_output_tokens: 4000 });
		expect(r.output_text).toBe(answer('Hello there'));
		expect(emu.requests[0]).toMatchObject({ path: '/openai/responses', apiVersion: '2025-04-01-preview', apiStyle: 'dated', operation: 'responses', auth: 'api-key', deployment: 'dep-o3' });
	});

	it('OpenAI with baseURL …/openai/v1: POST /openai/v1/responses with Bearer KEY', async () => {
		const client = new OpenAI({ ...common, baseURL: `${emu.url}/openai/v1` });
		const r = await client.responses.create({ model: 'dep-gpt-5.1', input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hello there' }] }], reasoning: { effort: 'medium', summary: 'auto' }, store: false });
		expect(r.model).toBe('gpt-5.1-2025-11-13');
		expect(r.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text' }] });
		expect(emu.requests[0]).toMatchObject({ path: '/openai/v1/responses', apiStyle: 'v1', auth: 'bearer-key' });
	});

	it('the SDK surfaces OperationNotSupported and unsupported_value as BadRequestError', async () => {
		const v1 = new OpenAI({ ...common, baseURL: `${emu.url}/openai/v1` });
		await expect(v1.chat.completions.create({ model: 'dep-o3-pro', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 400, code: 'OperationNotSupported' });
		await expect(v1.responses.create({ model: 'dep-gpt-5.1', input: 'x', reasoning: { effort: 'minimal' } })).rejects.toMatchObject({ status: 400, code: 'unsupported_value', param: 'reasoning.effort' });
	});

	it('AzureOpenAI with a `deployment` option still sends /openai/responses (only chat and the like move under /deployments/)', async () => {
		const client = new AzureOpenAI({ ...common, endpoint: emu.url, apiVersion: '2025-04-01-preview', deployment: 'dep-o3' });
		expect((await client.responses.create({ model: 'dep-o3', input: 'x', store: false })).model).toBe(O3);
		expect(emu.requests[0]).toMatchObject({ path: '/openai/responses', operation: 'responses', deployment: 'dep-o3' });
	});

	it('a Responses request under /openai/deployments/{name}/ is no route: 404', async () => {
		expect(await send({ path: '/openai/deployments/dep-o3/responses?api-version=2025-04-01-preview', headers: { 'api-key': KEY }, body: { model: 'dep-o3', input: 'x' } })).toEqual({ status: 404, text: FACTS.notFound });
		expect(emu.requests[0]).toMatchObject({ operation: 'unknown', apiStyle: 'unknown' });
	});
});
