/**
 * The BUILT main.js on Obsidian mobile: in a realm without `process`, `Buffer`, Node's `require` or
 * the test runner (tests/support/mobileRealm.ts), commands run end to end against the strict
 * emulator, with a key and with a Microsoft Entra ID sign-in. The settings tab on mobile:
 * tests/ui/settingsMobileBundle.test.ts.
 */
import { entraSecretName } from "../../src/azure/entraClient";
import { PROGRESS_DELAY_MS } from "../../src/ui/progress";
import { EntraEmulator } from "../support/entraEmulator";
import { BEFORE, SELECTED, deployment, useHarness, userMessage } from "../ui/commandsHarness";

const TENANT = "contoso.onmicrosoft.com";
const CLIENT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const ISSUED: string[] = [];
const h = useHarness({ bearerTokens: ISSUED });

function expectQuietSuccess(): void {
	expect(h.host.uncaught()).toEqual([]);
	expect(h.host.consoleLines()).toEqual([]);
}

test("key deployment: the answer replaces the selection byte for byte; progress is a notice, there is no status bar", async () => {
	expect.hasAssertions();
	await h.start({ loader: "mobile main.js", fakeClock: true });
	h.emu.script({ delayMs: 1_000, content: "We ship on Friday.\n\tIndented – ünïcode" });
	const running = h.run("run-prompt-on-selection", { choose: "Improve the writing" });
	await h.requestsArrived(1);
	await h.advance(PROGRESS_DELAY_MS);
	expect(h.host.notices()).toHaveLength(1);
	await h.advance(1_000);
	const outcome = await running;
	expect(outcome.ok).toBe(true);
	expect(h.read()).toBe(BEFORE.replace(SELECTED, "We ship on Friday.\n\tIndented – ünïcode"));
	expect(userMessage(h.emu.requests[0])).toContain(SELECTED);
	expect(h.emu.requests[0]).toMatchObject({ auth: "api-key", status: 200, secretLeaks: [] });
	expect(h.host.notices()[0]).toMatch(/^Thinking: Improve the writing, Meeting, on Test/);
	expect(h.statusItems()).toEqual([]);
	expectQuietSuccess();
});

describe("Microsoft Entra ID", () => {
	let entra: EntraEmulator;
	beforeEach(async () => {
		ISSUED.length = 0;
		entra = await EntraEmulator.start({ tenant: TENANT, clientId: CLIENT, accessTokens: ISSUED });
	});
	afterEach(() => entra.close());

	test.each(["dated", "v1"] as const)("%s API: the refresh token becomes a bearer token, the answer lands, a 401 refreshes once", async (apiStyle) => {
		expect.hasAssertions();
		const refreshToken = entra.mintRefreshToken();
		ISSUED.length = 0;
		const style = apiStyle === "v1" ? { apiStyle: "v1", family: "gpt-5", deployment: "dep-gpt5", apiVersion: "" } : {};
		await h.start({ loader: "mobile main.js", deployments: [deployment({ auth: "entra", secretName: "", tenant: TENANT, clientId: CLIENT, authorityHost: entra.url, ...style })], secrets: { [entraSecretName("d1")]: refreshToken } });
		h.emu.script({ status: 401, body: { error: { code: "401", message: "Access token has expired or is not yet valid." } } });
		h.emu.setAnswer(() => "Friday may be too soon.");
		const outcome = await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		expect(outcome.ok).toBe(true);
		expect(h.emu.requests.map((r) => [r.auth, r.apiStyle, r.status])).toEqual([["bearer-token", apiStyle, 401], ["bearer-token", apiStyle, 200]]);
		expect(entra.requests.filter((r) => r.form.grant_type === "refresh_token")).toHaveLength(2);
		expect(h.read()).toContain("Friday may be too soon.");
		expect(h.visibleText()).not.toContain(refreshToken);
		expectQuietSuccess();
	});
});
