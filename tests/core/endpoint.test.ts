import { isAzureHost, isLoopbackHost, parseEndpoint, type EndpointProblem, type ParsedEndpoint } from "../../src/core/endpoint";

type Expected = Pick<ParsedEndpoint, "base" | "host" | "protocol" | "fromUri" | "hadExtra"> | EndpointProblem;

const cases: { name: string; input: string; expected: Expected }[] = [
	{ name: "openai.azure.com resource", input: "https://my-res.openai.azure.com", expected: { base: "https://my-res.openai.azure.com", host: "my-res.openai.azure.com", protocol: "https:", fromUri: {}, hadExtra: false } },
	{ name: "cognitiveservices resource", input: "https://my-res.cognitiveservices.azure.com", expected: { base: "https://my-res.cognitiveservices.azure.com", host: "my-res.cognitiveservices.azure.com", protocol: "https:", fromUri: {}, hadExtra: false } },
	{ name: "AI Foundry services resource", input: "https://my-res.services.ai.azure.com", expected: { base: "https://my-res.services.ai.azure.com", host: "my-res.services.ai.azure.com", protocol: "https:", fromUri: {}, hadExtra: false } },
	{ name: "one trailing slash", input: "https://my-res.openai.azure.com/", expected: { base: "https://my-res.openai.azure.com", host: "my-res.openai.azure.com", protocol: "https:", fromUri: {}, hadExtra: false } },
	{ name: "several trailing slashes and spaces", input: "  https://my-res.openai.azure.com///  ", expected: { base: "https://my-res.openai.azure.com", host: "my-res.openai.azure.com", protocol: "https:", fromUri: {}, hadExtra: false } },
	{ name: "upper-case host", input: "https://My-Res.OpenAI.Azure.com", expected: { base: "https://my-res.openai.azure.com", host: "my-res.openai.azure.com", protocol: "https:", fromUri: {}, hadExtra: false } },
	{ name: "gateway with a path prefix", input: "https://api.example.com/aoai/", expected: { base: "https://api.example.com/aoai", host: "api.example.com", protocol: "https:", fromUri: {}, hadExtra: false } },
	{ name: "gateway with a port and a deep prefix", input: "https://gw.example.com:8443/team/azure-openai", expected: { base: "https://gw.example.com:8443/team/azure-openai", host: "gw.example.com", protocol: "https:", fromUri: {}, hadExtra: false } },
	{ name: "a prefix that merely starts with openai is kept", input: "https://gw.example.com/openai-proxy", expected: { base: "https://gw.example.com/openai-proxy", host: "gw.example.com", protocol: "https:", fromUri: {}, hadExtra: false } },
	{ name: "http loopback with port", input: "http://127.0.0.1:8080", expected: { base: "http://127.0.0.1:8080", host: "127.0.0.1", protocol: "http:", fromUri: {}, hadExtra: false } },
	{ name: "http localhost", input: "http://localhost:3000/", expected: { base: "http://localhost:3000", host: "localhost", protocol: "http:", fromUri: {}, hadExtra: false } },
	{
		name: "pasted dated target URI",
		input: "https://my-res.openai.azure.com/openai/deployments/my-o1/chat/completions?api-version=2024-12-01-preview",
		expected: { base: "https://my-res.openai.azure.com", host: "my-res.openai.azure.com", protocol: "https:", fromUri: { apiStyle: "dated", deployment: "my-o1", apiVersion: "2024-12-01-preview" }, hadExtra: true },
	},
	{
		name: "pasted dated URI through a gateway prefix",
		input: "https://gw.example.com/api/openai/deployments/o3.prod/chat/completions?api-version=2025-04-01-preview",
		expected: { base: "https://gw.example.com/api", host: "gw.example.com", protocol: "https:", fromUri: { apiStyle: "dated", deployment: "o3.prod", apiVersion: "2025-04-01-preview" }, hadExtra: true },
	},
	{
		name: "pasted dated URI without api-version",
		input: "https://my-res.cognitiveservices.azure.com/openai/deployments/gpt4o/chat/completions",
		expected: { base: "https://my-res.cognitiveservices.azure.com", host: "my-res.cognitiveservices.azure.com", protocol: "https:", fromUri: { apiStyle: "dated", deployment: "gpt4o" }, hadExtra: true },
	},
	{
		name: "pasted URI with an encoded deployment name",
		input: "https://my-res.openai.azure.com/openai/deployments/my%2Do1/chat/completions?api-version=2024-10-21",
		expected: { base: "https://my-res.openai.azure.com", host: "my-res.openai.azure.com", protocol: "https:", fromUri: { apiStyle: "dated", deployment: "my-o1", apiVersion: "2024-10-21" }, hadExtra: true },
	},
	{
		name: "pasted v1 URI",
		input: "https://my-res.openai.azure.com/openai/v1/chat/completions",
		expected: { base: "https://my-res.openai.azure.com", host: "my-res.openai.azure.com", protocol: "https:", fromUri: { apiStyle: "v1" }, hadExtra: true },
	},
	{
		name: "pasted v1 base URL",
		input: "https://my-res.services.ai.azure.com/openai/v1/",
		expected: { base: "https://my-res.services.ai.azure.com", host: "my-res.services.ai.azure.com", protocol: "https:", fromUri: { apiStyle: "v1" }, hadExtra: true },
	},
	{
		name: "pasted v1 URI with api-version=preview",
		input: "https://my-res.openai.azure.com/openai/v1/chat/completions?api-version=preview",
		expected: { base: "https://my-res.openai.azure.com", host: "my-res.openai.azure.com", protocol: "https:", fromUri: { apiStyle: "v1" }, hadExtra: true },
	},
	{ name: "just /openai", input: "https://my-res.openai.azure.com/openai", expected: { base: "https://my-res.openai.azure.com", host: "my-res.openai.azure.com", protocol: "https:", fromUri: {}, hadExtra: true } },
	{ name: "no scheme", input: "my-res.openai.azure.com", expected: "no-scheme" },
	{ name: "no scheme with a path", input: "my-res.openai.azure.com/openai/deployments/x/chat/completions", expected: "no-scheme" },
	{ name: "host:port without scheme", input: "localhost:8080", expected: "no-scheme" },
	{ name: "empty", input: "", expected: "empty" },
	{ name: "only spaces", input: "   ", expected: "empty" },
	{ name: "garbage words", input: "not a url", expected: "no-scheme" },
	{ name: "scheme and nothing else", input: "https://", expected: "not-a-url" },
	{ name: "spaces in the host", input: "https://my res.openai.azure.com", expected: "not-a-url" },
	{ name: "ftp", input: "ftp://my-res.openai.azure.com", expected: "bad-scheme" },
];

describe("parseEndpoint", () => {
	test.each(cases)("$name: '$input'", ({ input, expected }) => {
		const parsed = parseEndpoint(input);
		if (typeof expected === "string") {
			expect(parsed).toBe(expected);
			return;
		}
		expect(typeof parsed).toBe("object");
		expect(parsed).toEqual(expected);
	});

	test("the base of any parsed input parses again to itself, with nothing extra", () => {
		for (const c of cases) {
			const parsed = parseEndpoint(c.input);
			if (typeof parsed === "string") continue;
			const again = parseEndpoint(parsed.base);
			expect(again).toEqual({ base: parsed.base, host: parsed.host, protocol: parsed.protocol, fromUri: {}, hadExtra: false });
		}
	});
});

describe("hosts", () => {
	test.each([
		{ name: "openai.azure.com", input: "res.openai.azure.com", expected: true },
		{ name: "cognitiveservices", input: "res.cognitiveservices.azure.com", expected: true },
		{ name: "services.ai", input: "res.services.ai.azure.com", expected: true },
		{ name: "upper case", input: "RES.OPENAI.AZURE.COM", expected: true },
		{ name: "the bare suffix is no resource", input: "openai.azure.com", expected: false },
		{ name: "look-alike", input: "res.openai.azure.com.evil.example", expected: false },
		{ name: "suffix without a dot", input: "evilopenai.azure.com", expected: false },
		{ name: "gateway", input: "api.example.com", expected: false },
		{ name: "OpenAI itself", input: "api.openai.com", expected: false },
	])("isAzureHost $name: $input → $expected", ({ input, expected }) => {
		expect(isAzureHost(input)).toBe(expected);
	});

	test.each([
		{ name: "localhost", input: "localhost", expected: true },
		{ name: "127.0.0.1", input: "127.0.0.1", expected: true },
		{ name: "127.1.2.3", input: "127.1.2.3", expected: true },
		{ name: "bracketed ::1", input: "[::1]", expected: true },
		{ name: "private address is not loopback", input: "192.168.1.10", expected: false },
		{ name: "localhost as a subdomain", input: "localhost.example.com", expected: false },
		{ name: "128.0.0.1", input: "128.0.0.1", expected: false },
	])("isLoopbackHost $name → $expected", ({ input, expected }) => {
		expect(isLoopbackHost(input)).toBe(expected);
	});

	test("http://[::1] parses as loopback", () => {
		const p = parseEndpoint("http://[::1]:8080/");
		if (typeof p === "string") throw new Error(p);
		expect(p.base).toBe("http://[::1]:8080");
		expect(isLoopbackHost(p.host)).toBe(true);
	});
});

test("a pasted address with a malformed escape is read, not thrown on", () => {
	const parsed = parseEndpoint("https://r.openai.azure.com/openai/deployments/%E0%A4%A/chat/completions?api-version=2025-04-01-preview");
	expect(parsed).toMatchObject({ base: "https://r.openai.azure.com", fromUri: { apiStyle: "dated", deployment: "%E0%A4%A", apiVersion: "2025-04-01-preview" } });
});

test("the last endpoint read is remembered: the same input gives the same frozen answer, another input its own", () => {
	const a = "https://res.openai.azure.com/openai/deployments/one/chat/completions?api-version=2024-12-01-preview";
	const b = "https://other.openai.azure.com";
	const first = parseEndpoint(a);
	expect(parseEndpoint(a)).toBe(first);
	expect(parseEndpoint(b)).toMatchObject({ base: b, hadExtra: false, fromUri: {} });
	const again = parseEndpoint(a);
	expect(again).toEqual(first);
	if (typeof again === "string") throw new Error("not parsed");
	expect(again).toMatchObject({ base: "https://res.openai.azure.com", fromUri: { apiStyle: "dated", deployment: "one", apiVersion: "2024-12-01-preview" } });
	expect(Object.isFrozen(again) && Object.isFrozen(again.fromUri)).toBe(true);
	expect(parseEndpoint(" ")).toBe("empty");
});
