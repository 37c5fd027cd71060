import {
	accountOfToken, DEFAULT_AUTHORITY_HOST, DEVICE_CODE_GRANT, ENTRA_SCOPE, classifyPoll, classifyRefresh, clientIdProblem, deviceCodeRequest,
	needsRefresh, parseAuthorityHost, readDeviceCodeResponse, refreshRequest, tenantProblem, tokenPollRequest,
} from "../../src/core/entra";
import { entraMessage } from "../../src/core/entraWords";

const CFG = { authorityHost: "", tenant: "contoso.onmicrosoft.com", clientId: " 0a1b2c3d-4e5f-6789-abcd-ef0123456789 " };
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));
const err = (error: string, description = "AADSTS70016: something.\r\nTrace ID: 1") => JSON.stringify({ error, error_description: description });

describe("requests", () => {
	test("device code: POST {authority}/{tenant}/oauth2/v2.0/devicecode with client_id and the scope", () => {
		const r = deviceCodeRequest(CFG);
		expect(r.url).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/devicecode");
		expect(form(r.body)).toEqual({ client_id: "0a1b2c3d-4e5f-6789-abcd-ef0123456789", scope: "https://cognitiveservices.azure.com/.default offline_access" });
	});
	test("poll: the device-code grant type, the client id and the device code", () => {
		const r = tokenPollRequest({ ...CFG, authorityHost: "https://login.microsoftonline.us/" }, "DC&=1");
		expect(r.url).toBe("https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token");
		expect(form(r.body)).toEqual({ grant_type: DEVICE_CODE_GRANT, client_id: "0a1b2c3d-4e5f-6789-abcd-ef0123456789", device_code: "DC&=1" });
	});
	test("refresh: the refresh_token grant with the same scope", () => {
		expect(form(refreshRequest(CFG, "rt-1").body)).toEqual({ grant_type: "refresh_token", client_id: "0a1b2c3d-4e5f-6789-abcd-ef0123456789", refresh_token: "rt-1", scope: ENTRA_SCOPE });
	});
	test("a loopback authority over http is allowed (tests)", () => {
		expect(deviceCodeRequest({ ...CFG, authorityHost: "http://127.0.0.1:4321" }).url).toBe("http://127.0.0.1:4321/contoso.onmicrosoft.com/oauth2/v2.0/devicecode");
	});
});

describe("settings checks", () => {
	test.each([
		["", false], ["72f988bf-86f1-41af-91ab-2d7cd011db47", true], ["contoso.onmicrosoft.com", true], ["contoso.de", true],
		["contoso", false], ["https://contoso.com", false], ["a b.com", false],
	])("tenant %j ok=%s", (t, ok) => expect(tenantProblem(t) === null).toBe(ok));
	test.each([["", false], ["0a1b2c3d-4e5f-6789-abcd-ef0123456789", true], ["0a1b2c3d4e5f6789abcdef0123456789", false], ["my-app", false]])("client id %j ok=%s", (c, ok) => expect(clientIdProblem(c) === null).toBe(ok));
	test.each([
		["", DEFAULT_AUTHORITY_HOST], ["https://login.microsoftonline.us", "https://login.microsoftonline.us"], ["https://login.chinacloudapi.cn/", "https://login.chinacloudapi.cn"],
		["http://localhost:8080", "http://localhost:8080"], ["http://[::1]:9", "http://[::1]:9"],
	])("authority %j → %s", (v, origin) => expect(parseAuthorityHost(v)).toEqual({ ok: true, origin }));
	test.each(["http://login.microsoftonline.com", "login.microsoftonline.com", "https://login.microsoftonline.com/common", "https://u:p@login.microsoftonline.com", "ftp://x.y"])("authority %j is refused", (v) => {
		const r = parseAuthorityHost(v);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.message).toMatch(/https/);
	});
});

describe("device code response", () => {
	test("reads the code, the address, the life and the interval", () => {
		const r = readDeviceCodeResponse(200, JSON.stringify({ device_code: "dc", user_code: "ABC", verification_uri: "https://microsoft.com/devicelogin", expires_in: 900, interval: 7 }));
		expect(r).toEqual({ ok: true, code: { deviceCode: "dc", userCode: "ABC", verificationUri: "https://microsoft.com/devicelogin", expiresInS: 900, intervalS: 7 } });
	});
	test("no interval → 5 s (RFC 8628 §3.2)", () => {
		const r = readDeviceCodeResponse(200, JSON.stringify({ device_code: "dc", user_code: "ABC", verification_uri: "https://x", expires_in: "900" }));
		expect(r.ok && r.code.intervalS).toBe(5);
	});
	test("an error answer keeps the first line of Microsoft's description", () => {
		expect(readDeviceCodeResponse(400, err("unauthorized_client"))).toEqual({ ok: false, error: { error: "unauthorized_client", description: "AADSTS70016: something." } });
	});
	test("HTML or an incomplete answer is an error", () => {
		expect(readDeviceCodeResponse(502, "<html>").ok).toBe(false);
		expect(readDeviceCodeResponse(200, JSON.stringify({ device_code: "dc" })).ok).toBe(false);
	});
});

describe("polling (RFC 8628 §3.5)", () => {
	test("authorization_pending: keep polling", () => expect(classifyPoll(400, err("authorization_pending"), 5, 0)).toEqual({ kind: "pending" }));
	test("slow_down: the interval grows by 5 s", () => {
		expect(classifyPoll(400, err("slow_down"), 5, 0)).toEqual({ kind: "slow-down", intervalS: 10 });
		expect(classifyPoll(400, err("slow_down"), 10, 0)).toEqual({ kind: "slow-down", intervalS: 15 });
	});
	test("expired_token", () => expect(classifyPoll(400, err("expired_token"), 5, 0)).toEqual({ kind: "expired" }));
	test("access_denied and Microsoft's authorization_declined", () => {
		expect(classifyPoll(400, err("access_denied"), 5, 0)).toEqual({ kind: "denied" });
		expect(classifyPoll(400, err("authorization_declined"), 5, 0)).toEqual({ kind: "denied" });
	});
	test("another error", () => expect(classifyPoll(400, err("invalid_grant", "bad code"), 5, 0)).toEqual({ kind: "error", error: { error: "invalid_grant", description: "bad code" } }));
	test("success: tokens with their expiry", () => {
		const r = classifyPoll(200, JSON.stringify({ token_type: "Bearer", access_token: "at", refresh_token: "rt", expires_in: 3599 }), 5, 1000);
		expect(r).toEqual({ kind: "success", tokens: { accessToken: "at", refreshToken: "rt", expiresAt: 1000 + 3_599_000 } });
	});
	test("a 200 without a bearer token is an error", () => {
		expect(classifyPoll(200, JSON.stringify({ token_type: "pop", access_token: "at" }), 5, 0).kind).toBe("error");
		expect(classifyPoll(200, "{}", 5, 0).kind).toBe("error");
	});
});

describe("refresh", () => {
	test("invalid_grant means revoked", () => expect(classifyRefresh(400, err("invalid_grant"), 0).kind).toBe("revoked"));
	test("success without a new refresh token keeps null", () => {
		expect(classifyRefresh(200, JSON.stringify({ token_type: "Bearer", access_token: "at", expires_in: 60 }), 0)).toEqual({ kind: "success", tokens: { accessToken: "at", refreshToken: null, expiresAt: 60_000 } });
	});
	test("a server error stays an error", () => expect(classifyRefresh(503, "", 0).kind).toBe("error"));
	test.each([
		[null, 0, true],
		[{ expiresAt: 10 * 60_000 }, 0, false],
		[{ expiresAt: 10 * 60_000 }, 5 * 60_000 - 1, false],
		[{ expiresAt: 10 * 60_000 }, 5 * 60_000, true],
		[{ expiresAt: 10 * 60_000 }, 11 * 60_000, true],
	])("needsRefresh(%j, %d) = %s", (t, now, expected) => expect(needsRefresh(t, now)).toBe(expected));
});

describe("messages", () => {
	test.each([
		[{ kind: "expired" as const }, /expired.*Start again/],
		[{ kind: "denied" as const }, /declined/],
		[{ kind: "slow-down" as const, intervalS: 10 }, /every 10 s/],
		[{ kind: "pending" as const }, /Waiting/],
		[{ kind: "revoked" as const, error: { error: "invalid_grant", description: "AADSTS700082: expired." } }, /Sign in again.*AADSTS700082/],
		[{ kind: "unauthorized" as const }, /Sign in again.*Cognitive Services OpenAI User/],
		[{ kind: "signed-out" as const }, /nobody is signed in/],
		[{ kind: "error" as const, error: { error: "server_error", description: "" } }, /\(server_error\)/],
	])("%j", (outcome, re) => expect(entraMessage(outcome)).toMatch(re));
});

describe("accountOfToken", () => {
	const jwt = (claims: object) => `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;
	test.each([
		[jwt({ upn: "ada@contoso.com", preferred_username: "x" }), "ada@contoso.com"],
		[jwt({ preferred_username: "zoë@contoso.com" }), "zoë@contoso.com"],
		[jwt({ unique_name: "live.com#ada@outlook.com" }), "live.com#ada@outlook.com"],
		[jwt({ oid: "1" }), null],
		["not-a-jwt", null],
		["a.%%%.c", null],
	])("%s → %s", (token, who) => expect(accountOfToken(token)).toBe(who));
});

test("the tenant may be \"organizations\" (multi-tenant apps), but not the personal-account authorities", () => {
	expect(tenantProblem("organizations")).toBeNull();
	expect(tenantProblem("common")).toMatch(/Personal Microsoft accounts cannot use Azure OpenAI/);
	expect(tenantProblem("consumers")).toMatch(/Personal Microsoft accounts cannot use Azure OpenAI/);
});
