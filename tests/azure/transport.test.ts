import { requestUrlFetch, type ResponseHooks, type SeenResponse, type RequestUrlFn, type RequestUrlParamLike } from "../../src/azure/transport";

function fakeRequestUrl(answer: { status: number; headers?: Record<string, string>; text: string }, calls: RequestUrlParamLike[] = []): RequestUrlFn {
	return async (param) => {
		calls.push(param);
		return { status: answer.status, headers: answer.headers ?? {}, text: answer.text };
	};
}

describe("requestUrlFetch", () => {
	test("passes method, headers and the string body, with throw:false so 4xx/5xx bodies come back", async () => {
		const calls: RequestUrlParamLike[] = [];
		const f = requestUrlFetch(fakeRequestUrl({ status: 200, text: "{}" }, calls));
		await f("https://r.openai.azure.com/x?api-version=v", { method: "POST", headers: new Headers({ "api-key": "k", "Content-Type": "application/json" }), body: '{"a":1}' });
		expect(calls).toEqual([
			{ url: "https://r.openai.azure.com/x?api-version=v", method: "POST", headers: { "api-key": "k", "content-type": "application/json" }, body: '{"a":1}', throw: false },
		]);
	});

	test("turns the answer into a Response with status, lower-cased headers and text, and reports it", async () => {
		const seen: SeenResponse[] = [];
		const f = requestUrlFetch(fakeRequestUrl({ status: 429, headers: { "Retry-After": "7", "Content-Type": "application/json" }, text: '{"error":{}}' }));
		const capture: ResponseHooks = { onAzureResponse: (r) => seen.push(r) };
		const res = await f("https://h/x", { method: "POST", body: "{}", ...capture } as RequestInit);
		expect(res.status).toBe(429);
		expect(res.headers.get("retry-after")).toBe("7");
		expect(await res.text()).toBe('{"error":{}}');
		expect(seen).toEqual([{ status: 429, headers: { "retry-after": "7", "content-type": "application/json" }, body: '{"error":{}}' }]);
	});

	test("request headers given as a record are filtered the same way as a Headers", async () => {
		const calls: RequestUrlParamLike[] = [];
		const f = requestUrlFetch(fakeRequestUrl({ status: 200, text: "{}" }, calls));
		await f("https://h/x", { method: "POST", headers: { "API-Key": "k", "X-From-Environment": "1" }, body: "{}" });
		expect(calls[0]?.headers).toEqual({ "api-key": "k" });
	});

	test("an answer header that a Headers cannot hold is left out; the others and the body are kept", async () => {
		const seen: SeenResponse[] = [];
		const f = requestUrlFetch(fakeRequestUrl({ status: 200, headers: { "bad name": "x", "Retry-After": "3" }, text: "{}" }));
		const res = await f("https://h/x", { method: "POST", body: "{}", onAzureResponse: (r: SeenResponse) => seen.push(r) } as RequestInit);
		expect(res.headers.get("retry-after")).toBe("3");
		expect([...res.headers.keys()]).not.toContain("bad name");
		expect(await res.text()).toBe("{}");
		expect(seen[0]?.headers).toEqual({ "bad name": "x", "retry-after": "3" });
	});

	test("a 204 answer has no body", async () => {
		const res = await requestUrlFetch(fakeRequestUrl({ status: 204, text: "" }))("https://h/x");
		expect(res.status).toBe(204);
		expect(await res.text()).toBe("");
	});

	test("an already aborted signal rejects with AbortError before any request", async () => {
		const calls: RequestUrlParamLike[] = [];
		const c = new AbortController();
		c.abort();
		await expect(requestUrlFetch(fakeRequestUrl({ status: 200, text: "{}" }, calls))("https://h/x", { signal: c.signal })).rejects.toMatchObject({ name: "AbortError" });
		expect(calls).toHaveLength(0);
	});

	test("aborting while requestUrl runs rejects at once; the late answer goes only to onLateResponse", async () => {
		let release: (v: { status: number; headers: Record<string, string>; text: string }) => void = () => undefined;
		const seen: SeenResponse[] = [];
		const slow: RequestUrlFn = () => new Promise((resolve) => (release = resolve));
		const c = new AbortController();
		const late: SeenResponse[] = [];
		const capture: ResponseHooks = { onAzureResponse: (r) => seen.push(r), onLateResponse: (r) => late.push(r) };
		const p = requestUrlFetch(slow)("https://h/x", { signal: c.signal, ...capture } as RequestInit);
		c.abort();
		await expect(p).rejects.toMatchObject({ name: "AbortError" });
		release({ status: 200, headers: { "X-A": "1" }, text: "late" });
		await new Promise((r) => setImmediate(r));
		expect(seen).toEqual([]);
		expect(late).toEqual([{ status: 200, headers: { "x-a": "1" }, body: "late" }]);
	});

	test("a network failure rejects with an Error", async () => {
		const broken: RequestUrlFn = async () => {
			throw new Error("net::ERR_CONNECTION_RESET");
		};
		await expect(requestUrlFetch(broken)("https://h/x")).rejects.toThrow("net::ERR_CONNECTION_RESET");
	});

	test("refuses non-string bodies instead of sending them wrongly", async () => {
		await expect(requestUrlFetch(fakeRequestUrl({ status: 200, text: "" }))("https://h/x", { method: "POST", body: new Uint8Array([1]) })).rejects.toThrow(TypeError);
	});
});
