// requestUrl does real HTTP against a throwaway server on loopback.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as vm from "node:vm";
import { requestUrl } from "obsidian";
import { requestUrlLog, resetObsidianStandIn } from "./index";

let server: http.Server;
let base: string;
const received: { method?: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = [];

beforeAll(async () => {
	server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on("data", (c: Buffer) => chunks.push(c));
		req.on("end", () => {
			received.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
			if (req.url === "/reset") {
				req.socket.destroy();
				return;
			}
			if (req.url === "/missing") {
				res.writeHead(404, { "Content-Type": "application/json", "Retry-After": "3" });
				res.end(JSON.stringify({ error: { code: "DeploymentNotFound" } }));
				return;
			}
			if (req.url === "/not-json") {
				res.writeHead(200, { "Content-Type": "text/plain" });
				res.end("<html>oops</html>");
				return;
			}
			res.writeHead(200, { "Content-Type": "application/json", "X-Request-Id": "abc-123" });
			res.end(JSON.stringify({ ok: true, method: req.method, body: Buffer.concat(chunks).toString("utf8") }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	received.length = 0;
	resetObsidianStandIn();
});

test("a GET by URL string: status, lower-cased headers, text, json and arrayBuffer; the call is logged", async () => {
	const res = await requestUrl(`${base}/hello`);
	expect(res.status).toBe(200);
	expect(res.headers["x-request-id"]).toBe("abc-123");
	expect(res.headers["X-Request-Id"]).toBeUndefined();
	expect(res.json).toEqual({ ok: true, method: "GET", body: "" });
	expect(JSON.parse(res.text)).toEqual(res.json);
	expect(res.arrayBuffer).toBeInstanceOf(ArrayBuffer);
	expect(new TextDecoder().decode(res.arrayBuffer)).toBe(res.text);
	expect(requestUrlLog).toEqual([{ url: `${base}/hello`, method: "GET", headers: {} }]);
});

test("a POST sends method, headers, contentType and a string body; the promise has .json", async () => {
	const json: unknown = await requestUrl({
		url: `${base}/post`,
		method: "POST",
		headers: { "api-key": "k-1", "Content-Type": "text/plain" },
		contentType: "application/json",
		body: JSON.stringify({ a: 1 }),
	}).json;
	expect(json).toEqual({ ok: true, method: "POST", body: '{"a":1}' });
	const got = received[0];
	expect(got?.headers["api-key"]).toBe("k-1");
	expect(got?.headers["content-type"]).toBe("application/json");
	expect(got?.headers["content-length"]).toBe("7");
	expect(requestUrlLog).toEqual([{ url: `${base}/post`, method: "POST", headers: { "api-key": "[redacted]", "Content-Type": "text/plain" }, body: '{"a":1}' }]);
});

test("an ArrayBuffer body is sent byte for byte; a typed array is refused like a type error", async () => {
	const bytes = new Uint8Array([0x68, 0xc3, 0xa9, 0x00, 0xff]);
	await requestUrl({ url: `${base}/bytes`, method: "PUT", body: bytes.slice().buffer });
	expect([...(received[0]?.body ?? [])]).toEqual([...bytes]);
	await expect(requestUrl({ url: `${base}/bytes`, method: "PUT", body: bytes as unknown as ArrayBuffer })).rejects.toThrow(TypeError);
});

test("an ArrayBuffer made in another realm (main.js on the stand-in's mobile) is an ArrayBuffer too", async () => {
	const foreign = vm.runInNewContext("new Uint8Array([1, 2, 255]).buffer") as ArrayBuffer;
	expect(foreign instanceof ArrayBuffer).toBe(false);
	await requestUrl({ url: `${base}/bytes`, method: "PUT", body: foreign });
	expect([...(received[0]?.body ?? [])]).toEqual([1, 2, 255]);
});

test("status >= 400 rejects by default with an Error carrying .status, like Obsidian", async () => {
	const err = (await requestUrl(`${base}/missing`).then(
		() => null,
		(e: unknown) => e,
	)) as Error & { status?: number; headers?: Record<string, string> };
	expect(err).toBeInstanceOf(Error);
	expect(err.message).toBe("Request failed, status 404");
	expect(err.status).toBe(404);
	expect(err.headers?.["retry-after"]).toBe("3");
});

test("with throw: false a 404 resolves and its body can be read", async () => {
	const res = await requestUrl({ url: `${base}/missing`, throw: false });
	expect(res.status).toBe(404);
	expect(res.json).toEqual({ error: { code: "DeploymentNotFound" } });
});

test("json is parsed when read: invalid JSON throws there (and .json rejects), text still works", async () => {
	const res = await requestUrl(`${base}/not-json`);
	expect(res.text).toBe("<html>oops</html>");
	expect(() => res.json as unknown).toThrow(SyntaxError);
	await expect(requestUrl(`${base}/not-json`).json).rejects.toThrow(SyntaxError);
});

test("a connection reset rejects with a net:: error that keeps node's code", async () => {
	const err = (await requestUrl(`${base}/reset`).then(
		() => null,
		(e: unknown) => e,
	)) as Error & { code?: string };
	expect(err).toBeInstanceOf(Error);
	expect(err.message).toBe("net::ERR_CONNECTION_RESET");
	expect(err.code).toBe("ECONNRESET");
});

test("a refused connection rejects too (nothing listens on the port)", async () => {
	const closed = http.createServer();
	await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
	const port = (closed.address() as AddressInfo).port;
	await new Promise<void>((resolve) => closed.close(() => resolve()));
	await expect(requestUrl(`http://127.0.0.1:${port}/`)).rejects.toThrow("net::ERR_CONNECTION_REFUSED");
});
