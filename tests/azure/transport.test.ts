import { postText, type SeenResponse, type RequestUrlFn, type RequestUrlParamLike } from "../../src/azure/transport";

function fakeRequestUrl(answer: { status: number; headers?: Record<string, string>; text: string }, calls: RequestUrlParamLike[] = []): RequestUrlFn {
	return async (param) => {
		calls.push(param);
		return { status: answer.status, headers: answer.headers ?? {}, text: answer.text };
	};
}

describe("postText", () => {
	test("POSTs exactly the headers and body given, with throw:false so 4xx/5xx bodies come back", async () => {
		const calls: RequestUrlParamLike[] = [];
		await postText(fakeRequestUrl({ status: 200, text: "{}" }, calls), "https://r.openai.azure.com/x?api-version=v", { "api-key": "k", "content-type": "application/json" }, '{"a":1}');
		expect(calls).toEqual([
			{ url: "https://r.openai.azure.com/x?api-version=v", method: "POST", headers: { "api-key": "k", "content-type": "application/json" }, body: '{"a":1}', throw: false },
		]);
	});

	test("returns the answer's status, lower-cased headers and text, whatever the status", async () => {
		const seen = await postText(fakeRequestUrl({ status: 429, headers: { "Retry-After": "7", "Content-Type": "application/json" }, text: '{"error":{}}' }), "https://h/x", {}, "{}");
		expect(seen).toEqual({ status: 429, headers: { "retry-after": "7", "content-type": "application/json" }, body: '{"error":{}}' });
	});

	test("an already aborted signal rejects with AbortError before any request", async () => {
		const calls: RequestUrlParamLike[] = [];
		const c = new AbortController();
		c.abort();
		await expect(postText(fakeRequestUrl({ status: 200, text: "{}" }, calls), "https://h/x", {}, "{}", { signal: c.signal })).rejects.toMatchObject({ name: "AbortError" });
		expect(calls).toHaveLength(0);
	});

	test("aborting while requestUrl runs rejects at once; the late answer goes only to onLateResponse", async () => {
		let release: (v: { status: number; headers: Record<string, string>; text: string }) => void = () => undefined;
		const slow: RequestUrlFn = () => new Promise((resolve) => (release = resolve));
		const c = new AbortController();
		const late: SeenResponse[] = [];
		const p = postText(slow, "https://h/x", {}, "{}", { signal: c.signal, onLateResponse: (r) => late.push(r) });
		c.abort();
		await expect(p).rejects.toMatchObject({ name: "AbortError" });
		release({ status: 200, headers: { "X-A": "1" }, text: "late" });
		await new Promise((r) => setImmediate(r));
		expect(late).toEqual([{ status: 200, headers: { "x-a": "1" }, body: "late" }]);
	});

	test("an answer without an abort is not reported as late", async () => {
		const late: SeenResponse[] = [];
		await postText(fakeRequestUrl({ status: 200, text: "{}" }), "https://h/x", {}, "{}", { signal: new AbortController().signal, onLateResponse: (r) => late.push(r) });
		expect(late).toEqual([]);
	});

	test("a network failure rejects with an Error", async () => {
		const broken: RequestUrlFn = async () => {
			throw new Error("net::ERR_CONNECTION_RESET");
		};
		await expect(postText(broken, "https://h/x", {}, "{}")).rejects.toThrow("net::ERR_CONNECTION_RESET");
	});
});
