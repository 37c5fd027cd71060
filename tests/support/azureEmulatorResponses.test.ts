// The emulator's Responses API and 2026 families, over real HTTP on loopback, against the facts files.
import { AzureEmulator, defaultAnswer, type EmulatedDeployment, type EmulatedFamily } from './azureEmulator';
import { KEY } from './emulator/errorCases';
import {
	EFFORTS, FACTS, MODEL_TABLE, USER_INPUT, chat, chatV1, nameOf, oai, operationNotSupported, resp,
	respDated, respV1, unknownParam, unsupportedParam, type Req,
} from './emulator/responsesCases';

const DEPLOYMENTS: EmulatedDeployment[] = [
	...MODEL_TABLE.map(([family]) => ({ name: `dep-${family}`, family: family as EmulatedFamily })),
	{ name: 'dep-gpt-5.1-lagging', family: 'gpt-5.1', efforts: ['low', 'medium', 'high'], effortWording: 'invalid-value' },
	{ name: 'dep-o3-approved', family: 'o3', summaryAccess: true },
];

let emu: AzureEmulator;
beforeAll(async () => {
	emu = await AzureEmulator.start({ apiKey: KEY, deployments: DEPLOYMENTS });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.setResponsesAvailable(true);
});

async function send(r: Req): Promise<{ status: number; text: string }> {
	const res = await fetch(emu.url + r.path, { method: 'POST', headers: { 'content-type': 'application/json', ...r.headers }, body: r.raw ?? JSON.stringify(r.body) });
	return { status: res.status, text: await res.text() };
}
const body = async (r: Req) => JSON.parse((await send(r)).text) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
const expectReply = async (r: Req, status: number, expected: unknown) =>
	expect(await send(r)).toEqual({ status, text: typeof expected === 'string' ? expected : JSON.stringify(expected) });
const answerFor = (family: EmulatedFamily, input: unknown = USER_INPUT) => defaultAnswer({ input }, { name: 'x', family });

describe('every model × operation × API style', () => {
	it.each(MODEL_TABLE)('%s (%s): chat %s, responses %s, dated minimum %s', async (family, model, hasChat, hasResponses, min) => {
		const name = nameOf(family);
		// Responses, v1
		const v1 = await send(resp(family));
		if (hasResponses) {
			expect(v1.status).toBe(200);
			expect(JSON.parse(v1.text)).toMatchObject({ object: 'response', status: 'completed', model });
		} else expect(v1).toEqual({ status: 400, text: JSON.stringify(operationNotSupported('responses', name)) });
		// Responses, dated, at max(2025-03-01-preview, the model's minimum)
		const version = min === 'v1-only' || min < '2025-03-01-preview' ? '2025-03-01-preview' : min;
		const dated = await send(respDated(version, { model: `dep-${family}`, input: 'Hello there' }));
		if (!hasResponses || min === 'v1-only') expect(dated).toEqual({ status: 400, text: JSON.stringify(operationNotSupported('responses', name)) });
		else expect({ status: dated.status, model: JSON.parse(dated.text).model }).toEqual({ status: 200, model });
		// Chat completions, v1
		const c = await send(chat(family));
		if (hasChat) expect({ status: c.status, model: JSON.parse(c.text).model }).toEqual({ status: 200, model });
		else expect(c).toEqual({ status: 400, text: JSON.stringify(operationNotSupported('chatCompletion', name)) });
		// Chat completions, dated
		const cd = await send({ path: `/openai/deployments/dep-${family}/chat/completions?api-version=2025-04-01-preview`, headers: { 'api-key': KEY }, body: { messages: [{ role: 'user', content: 'x' }] } });
		expect(cd.status).toBe(hasChat && min !== 'v1-only' ? 200 : 400);
		if (cd.status === 400) expect(cd.text).toBe(JSON.stringify(operationNotSupported('chatCompletion', name)));
		expect(emu.requests.map((r) => [r.operation, r.apiStyle])).toEqual([['responses', 'v1'], ['responses', 'dated'], ['chat-completions', 'v1'], ['chat-completions', 'dated']]);
	});

	it.each(MODEL_TABLE.filter(([f]) => EFFORTS[f] !== null && !['o1-preview', 'o1-mini'].includes(f)))('%s: every effort accepted where the model has the operation, and a wrong one refused', async (family, _m, hasChat, hasResponses) => {
		for (const effort of EFFORTS[family] ?? []) {
			if (hasResponses) expect((await send(resp(family, { reasoning: { effort } }))).status).toBe(200);
			if (hasChat) expect((await send(chat(family, { reasoning_effort: effort }))).status).toBe(200);
		}
		const list = EFFORTS[family] ?? [];
		const quoted = list.length === 1 ? `'${list[0]}'` : `${list.slice(0, -1).map((x) => `'${x}'`).join(', ')}, and '${list[list.length - 1]}'`;
		expect(await body(resp(family, { reasoning: { effort: 'ultra' } }))).toEqual(oai(`Unsupported value: 'ultra' is not supported with the '${family}' model. Supported values are: ${quoted}.`, 'reasoning.effort', 'unsupported_value'));
		if (hasChat) expect(await body(chat(family, { reasoning_effort: 'ultra' }))).toEqual(oai(`Unsupported value: 'reasoning_effort' does not support 'ultra' with this model. Supported values are: ${quoted}.`, 'reasoning_effort', 'unsupported_value'));
	});
});

describe('the facts files\' error bodies, byte for byte', () => {
	it.each([
		['o3-pro on chat completions: OperationNotSupported', chat('o3-pro'), 400, FACTS.o3ProChat],
		['gpt-6-astra max on chat completions (Azure\'s own list)', chat('gpt-6-astra', { reasoning_effort: 'max' }), 400, FACTS.astraMax],
		['gpt-5.1 minimal on Responses', resp('gpt-5.1', { reasoning: { effort: 'minimal' } }), 400, FACTS.gpt51Minimal],
		['Nov-2025 gpt-5.1 (lagging) none on chat completions', chatV1({ model: 'dep-gpt-5.1-lagging', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'none' }), 400, FACTS.gpt51LaggingNone],
		['lagging gpt-5.1 on Responses: the same words, param reasoning.effort', respV1({ model: 'dep-gpt-5.1-lagging', input: 'x', reasoning: { effort: 'none' } }), 400, FACTS.gpt51LaggingNone.replace('"reasoning_effort"', '"reasoning.effort"')],
		['Responses: unknown deployment', respV1({ model: 'nope', input: 'x' }), 404, FACTS.deploymentNotFound],
		['Responses: no key', respV1({ model: 'dep-o3', input: 'x' }, {}), 401, FACTS.unauthorized],
		['Responses dated: Bearer KEY is not accepted', respDated('2025-04-01-preview', { model: 'dep-o3', input: 'x' }, { authorization: `Bearer ${KEY}` }), 401, FACTS.unauthorized],
		['Responses dated: no api-version', respDated(null, { model: 'dep-o3', input: 'x' }), 404, FACTS.notFound],
		['Responses dated: unknown api-version', respDated('2025-13-01-preview', { model: 'dep-o3', input: 'x' }), 400, FACTS.versionNotSupported],
		['Responses dated: before 2025-03-01-preview the path does not exist', respDated('2025-01-01-preview', { model: 'dep-o1', input: 'x' }), 404, FACTS.notFound],
		['Responses v1: a dated api-version', respV1({ model: 'dep-o3', input: 'x' }, undefined, '?api-version=2025-04-01-preview'), 400, FACTS.versionNotSupported],
		['Responses dated: o3 below its minimum', respDated('2025-03-01-preview', { model: 'dep-o3', input: 'x' }), 400, FACTS.o3TooOld],
		['Responses under /deployments/{name}/ (not a route)', { path: '/openai/deployments/dep-o3/responses?api-version=2025-04-01-preview', headers: { 'api-key': KEY }, body: { model: 'dep-o3', input: 'x' } }, 404, FACTS.notFound],
		['Responses: o1 stream true', resp('o1', { stream: true }), 400, FACTS.streamFalseOnly],
		['Responses: o3-pro stream true', resp('o3-pro', { stream: true }), 400, FACTS.streamFalseOnly],
		['Responses: o3 temperature 0.7', resp('o3', { temperature: 0.7 }), 400, FACTS.temperatureOnly1],
		['Responses: o4-mini top_p', resp('o4-mini', { top_p: 0.5 }), 400, FACTS.topP],
		['Responses: o3-mini temperature at all', resp('o3-mini', { temperature: 1 }), 400, FACTS.temperatureAtAll],
	] as const)('%s', async (_n, req, status, text) => {
		await expectReply(req, status, text);
	});

	it('Responses: a filtered prompt (param input, live key names)', async () => {
		emu.script({ filteredPrompt: { category: 'hate', severity: 'high' } });
		const b = await body(resp('gpt-5.1'));
		expect(b).toEqual({ error: {
			message: expect.stringMatching(/^The response was filtered due to the prompt triggering Azure OpenAI's content management policy\./), type: null, param: 'input', code: 'content_filter', status: 400,
			innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { hate: { filtered: true, severity: 'high' }, self_harm: { filtered: false, severity: 'safe' }, sexual: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' }, jailbreak: { filtered: false, detected: false } } },
		} });
	});
});

describe('Microsoft\'s schema and the family rules', () => {
	it.each([
		['messages', { messages: [{ role: 'user', content: 'x' }] }, unknownParam('messages')],
		['max_completion_tokens', { max_completion_tokens: 100 }, unknownParam('max_completion_tokens')],
		['max_tokens', { max_tokens: 100 }, unknownParam('max_tokens')],
		['reasoning_effort', { reasoning_effort: 'low' }, unknownParam('reasoning_effort')],
		['an unknown key inside reasoning', { reasoning: { effort: 'low', budget: 3 } }, unknownParam('reasoning.budget')],
		['max_output_tokens as a string', { max_output_tokens: '100' }, oai("Invalid type for 'max_output_tokens': expected an integer, but got a string instead.", 'max_output_tokens', 'invalid_type')],
		['store as a string', { store: 'false' }, oai("Invalid type for 'store': expected a boolean, but got a string instead.", 'store', 'invalid_type')],
		['reasoning.summary "full"', { reasoning: { summary: 'full' } }, oai("Invalid value: 'full'. Supported values are: 'auto', 'concise', and 'detailed'.", 'reasoning.summary', 'invalid_value')],
		['an unknown include', { include: ['reasoning.everything'] }, expect.objectContaining({ error: expect.objectContaining({ param: 'include[0]', code: 'invalid_value' }) })],
		['text.verbosity "loud"', { text: { verbosity: 'loud' } }, oai("Invalid value: 'loud'. Supported values are: 'low', 'medium', and 'high'.", 'text.verbosity', 'invalid_value')],
		['an input_image part (not emulated)', { input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'x' }] }] }, oai("Invalid value: 'input_image'. Supported values are: 'input_text'.", 'input[0].content[0].type', 'invalid_value')],
		['no input', { input: undefined }, oai("Missing required parameter: 'input'.", 'input', 'missing_required_parameter')],
		['instructions and a developer item', { instructions: 'Be brief', input: [{ role: 'developer', content: 'x' }, ...USER_INPUT] }, oai("Invalid 'input': a request may hold 'instructions', a 'system' or a 'developer' message, only one of them.", 'input', 'invalid_value')],
		['max_output_tokens 15 (OpenAI\'s floor 16)', { max_output_tokens: 15 }, oai("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 15 instead.", 'max_output_tokens', 'integer_below_min_value')],
		['max_output_tokens 128001 on gpt-5.1', { max_output_tokens: 128001 }, oai('max_output_tokens is too large: 128001. This model supports at most 128000 completion tokens, whereas you provided 128001.', 'max_output_tokens', null)],
		['temperature while reasoning low (gpt-5.1)', { temperature: 0.5, reasoning: { effort: 'low' } }, unsupportedParam('temperature')],
		['top_p while reasoning low (gpt-5.1)', { top_p: 0.5, reasoning: { effort: 'low' } }, unsupportedParam('top_p')],
		['stream true (the emulator does not stream)', { stream: true }, oai('The Azure emulator does not stream: send stream false or omit it.', 'stream', 'emulator_no_streaming')],
	] as const)('gpt-5.1 on Responses: %s → 400', async (_n, extra, expected) => {
		const reply = await send(resp('gpt-5.1', extra));
		expect(reply.status).toBe(400);
		expect(JSON.parse(reply.text)).toEqual(expected);
	});

	it.each([
		['gpt-5.1, effort none (its default): temperature and top_p', 'gpt-5.1', { temperature: 0.2, top_p: 0.9 }, 200],
		['gpt-5.1, effort none sent: temperature 2', 'gpt-5.1', { temperature: 2, reasoning: { effort: 'none' } }, 200],
		['gpt-6-astra, effort none: temperature', 'gpt-6-astra', { temperature: 0.7, reasoning: { effort: 'none' } }, 200],
		['gpt-6-astra, default effort (medium): temperature', 'gpt-6-astra', { temperature: 0.7 }, 400],
		['gpt-5.6-sol, default effort (medium): temperature', 'gpt-5.6-sol', { temperature: 0.7 }, 400],
		['gpt-5.1-codex-max (no none): temperature', 'gpt-5.1-codex-max', { temperature: 1 }, 400],
		['gpt-5: text.verbosity low', 'gpt-5', { text: { verbosity: 'low' } }, 200],
		['gpt-5.6-luna: text.verbosity high, format text', 'gpt-5.6-luna', { text: { format: { type: 'text' }, verbosity: 'high' } }, 200],
		['o3: text.verbosity', 'o3', { text: { verbosity: 'low' } }, 400],
		['chat (gpt-4o): reasoning.effort', 'chat', { reasoning: { effort: 'low' } }, 400],
		['gpt-5-chat: temperature 1.5', 'gpt-5-chat', { temperature: 1.5 }, 200],
		['gpt-5-pro: max_output_tokens 128000, instructions', 'gpt-5-pro', { max_output_tokens: 128000, instructions: 'Be brief' }, 200],
		['o3-pro: max_output_tokens 100001', 'o3-pro', { max_output_tokens: 100001 }, 400],
		['store true is recorded, not refused', 'gpt-5.1', { store: true }, 200],
	] as const)('%s → %i', async (_n, family, extra, status) => {
		const reply = await send(resp(family, extra));
		expect({ status: reply.status, text: status === 200 && reply.status !== 200 ? reply.text : '' }).toEqual({ status, text: '' });
	});

	it('gpt-5.1 on chat completions: temperature only with effort none', async () => {
		expect((await send(chat('gpt-5.1', { temperature: 0.3 }))).status).toBe(200);
		await expectReply(chat('gpt-5.1', { temperature: 0.3, reasoning_effort: 'high' }), 400, unsupportedParam('temperature'));
		await expectReply(chat('gpt-5.2', { top_p: 0.3, reasoning_effort: 'xhigh' }), 400, unsupportedParam('top_p'));
	});

	it('records store and the operation', async () => {
		await send(resp('gpt-5.1', { store: true }));
		expect(emu.requests[0]).toMatchObject({ operation: 'responses', apiStyle: 'v1', deployment: 'dep-gpt-5.1', status: 200, body: { store: true } });
	});
});

describe('reasoning summaries', () => {
	it('gpt-5.1 with a summary: the reasoning item carries it, then the message', async () => {
		const b = await body(resp('gpt-5.1', { reasoning: { effort: 'low', summary: 'auto' } }));
		const echo = answerFor('gpt-5.1').replace('Answer from gpt-5.1-2025-11-13: ', '');
		expect(b.output).toEqual([
			{ type: 'reasoning', id: expect.stringMatching(/^rs_[0-9a-f]+$/), summary: [{ type: 'summary_text', text: `Summary (auto) from gpt-5.1-2025-11-13: ${echo}` }] },
			{ type: 'message', id: expect.stringMatching(/^msg_[0-9a-f]+$/), status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: answerFor('gpt-5.1'), annotations: [] }] },
		]);
		expect(b.reasoning).toEqual({ effort: 'low', summary: 'auto' });
	});

	it('no summary asked: the reasoning item has an empty summary; effort none: no reasoning item, no reasoning tokens', async () => {
		expect((await body(resp('gpt-5', { reasoning: { effort: 'low' } }))).output[0]).toMatchObject({ type: 'reasoning', summary: [] });
		const none = await body(resp('gpt-5.1', { reasoning: { summary: 'detailed' } }));
		expect(none.output.map((o: { type: string }) => o.type)).toEqual(['message']);
		expect(none.usage.output_tokens_details.reasoning_tokens).toBe(0);
	});

	it('o3 / o4-mini summaries need summaryAccess; o1 has none; setSummary sets the text', async () => {
		const gated = (m: string) => oai(`Reasoning summaries are not available for the model ${m} on this resource: the reasoning summary feature requires an approved access request.`, 'reasoning.summary', 'unsupported_parameter');
		await expectReply(resp('o3', { reasoning: { summary: 'auto' } }), 400, gated('o3'));
		await expectReply(resp('o4-mini', { reasoning: { summary: 'concise' } }), 400, gated('o4-mini'));
		await expectReply(resp('o1', { reasoning: { summary: 'auto' } }), 400, unsupportedParam('reasoning.summary'));
		emu.setSummary((_b, dep, kind) => `${dep.family} thought (${kind})`);
		const ok = await body(respV1({ model: 'dep-o3-approved', input: 'x', reasoning: { summary: 'concise' } }));
		expect(ok.output[0].summary).toEqual([{ type: 'summary_text', text: 'o3 thought (concise)' }]);
	});
});
