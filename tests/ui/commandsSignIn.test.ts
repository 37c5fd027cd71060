/**
 * "Sign in with Microsoft" from the command palette, from the sources and from main.js, against
 * the loopback token emulator: the modal shows the address and the code, a status line for each
 * poll (pending, slow_down), then who signed in; the refresh token goes to secret storage only, and
 * the next request is sent with the issued access token. A declined or expired sign-in is explained; with no
 * Entra ID deployment a notice says so. The fake clock moves the polling on: nothing waits on time.
 */
import { entraSecretName } from "../../src/azure/entraClient";
import { entraMessage } from "../../src/core/entraWords";
import { EntraEmulator } from "../support/entraEmulator";
import { Modal, findEls, modalWatchers, type FakeElement } from "../support/obsidian";
import { LOADERS, deployment, useHarness } from "./commandsHarness";

const TENANT = "contoso.onmicrosoft.com";
const CLIENT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const INTERVAL_S = 5;
const ISSUED: string[] = [];
const h = useHarness({ bearerTokens: ISSUED });
let entra: EntraEmulator;
/** Every text the modal's status line was given, in order (a spy on the stand-in's element). */
let statuses: string[];

beforeEach(async () => {
	ISSUED.length = 0;
	statuses = [];
	entra = await EntraEmulator.start({ tenant: TENANT, clientId: CLIENT, interval: INTERVAL_S, accessTokens: ISSUED, account: "grace@contoso.onmicrosoft.com" });
});
afterEach(() => entra.close());

const entraDeployment = (over: Record<string, unknown> = {}) => deployment({ auth: "entra", secretName: "", tenant: TENANT, clientId: CLIENT, authorityHost: entra.url, ...over });
const modal = () => Modal.opened.at(-1);
const els = (cls: string): FakeElement[] => {
	const m = modal();
	return m ? findEls(m.modalEl as unknown as FakeElement, (e) => e.hasClass(cls)) : [];
};
const buttons = () => (modal() ? findEls(modal()?.modalEl as unknown as FakeElement, (e) => e.tagName.toLowerCase() === "button").map((b) => b.textContent) : []);

/** Until `check` holds: yields to I/O (setImmediate, not faked); the real-time bound only fails a stuck test. */
async function until(check: () => boolean, what: string): Promise<void> {
	const give = Date.now() + 5_000; // Date is faked, but only advance() moves it
	for (let i = 0; !check(); i++) {
		if (i > 200_000 || Date.now() > give) throw new Error(`Never: ${what} (statuses: ${statuses.join(" | ")})`);
		await new Promise((r) => setImmediate(r));
	}
}

async function start(loader: (typeof LOADERS)[number], deployments = [entraDeployment()], settings: Record<string, unknown> = {}): Promise<void> {
	await h.start({ loader, deployments, secrets: {}, fakeClock: true, settings });
	modalWatchers.push((m) => {
		const status = findEls(m.modalEl as unknown as FakeElement, (e) => e.hasClass("azure-reasoning-entra-status"))[0];
		if (!status) return;
		const setText = status.setText.bind(status);
		status.setText = (text) => {
			statuses.push(typeof text === "string" ? text : String(text.textContent));
			setText(text);
		};
	});
}

/** Moves the clock by the interval the plugin waits, then waits for its poll to be answered and shown. */
async function poll(waitS: number, shown: number): Promise<void> {
	await h.advance(waitS * 1000);
	await until(() => statuses.length >= shown, `status ${shown}`);
}

describe.each(LOADERS)("plugin from %s", (loader) => {
	test("the address, the code, each waiting state, then signed in; the token in secret storage only, and used", async () => {
		await start(loader);
		entra.scriptPolls("authorization_pending", "slow_down", "success");
		const running = h.run("sign-in-with-microsoft");
		await until(() => els("azure-reasoning-entra-code").length > 0, "the code");
		expect(els("azure-reasoning-entra-code")[0]?.textContent).toBe("ABCD1EFG");
		const link = modal() ? findEls(modal()?.modalEl as unknown as FakeElement, (e) => e.tagName.toLowerCase() === "a")[0] : undefined;
		expect(link?.getAttr("href")).toBe("https://microsoft.com/devicelogin");
		expect(buttons()).toEqual(["Copy code", "Cancel"]);
		expect(statuses.at(-1)).toMatch(/^Waiting for you to sign in \(the code is valid for \d+ minutes\)…$/);
		const before = statuses.length;
		await poll(INTERVAL_S, before + 1);
		expect(statuses.at(-1)).toBe("Waiting for you to sign in in the browser…");
		await poll(INTERVAL_S, before + 2);
		expect(statuses.at(-1)).toBe(`Still waiting; the sign-in service asked to check less often (every ${INTERVAL_S + 5} s).`);
		await h.advance(INTERVAL_S * 1000); // not yet: the plugin now waits 5 s more (RFC 8628 §3.5)
		expect(entra.requests).toHaveLength(3);
		await h.advance(5_000);
		const outcome = await running;
		expect(outcome).toMatchObject({ ok: true, message: "Signed in as grace@contoso.onmicrosoft.com." });
		expect(statuses.at(-1)).toBe("Signed in as grace@contoso.onmicrosoft.com.");
		expect(h.lastNotice()).toBe("Signed in as grace@contoso.onmicrosoft.com.");
		expect(buttons()).toEqual(["Close"]);
		expect(entra.issuedRefreshTokens).toHaveLength(1);
		expect(h.host.standInApp.secretStorage.getSecret(entraSecretName("d1"))).toBe(entra.issuedRefreshTokens[0]);
		// The next request goes with the access token the sign-in got, without asking again.
		h.emu.setAnswer(() => "Friday may be too soon.");
		expect((await h.run("ask-about-selection", { type: "Risks?", click: "Ask" })).ok).toBe(true);
		expect(h.emu.requests[0]).toMatchObject({ auth: "bearer-token", status: 200 });
		expect(entra.requests.filter((r) => r.form.grant_type === "refresh_token")).toHaveLength(0);
		await h.plugin.saveSettings();
		const seen = [h.visibleText(), ...statuses].join("\n");
		for (const token of [...entra.issuedRefreshTokens, ...ISSUED]) expect(seen).not.toContain(token);
		expect(ISSUED.length).toBeGreaterThan(0);
	});

	test.each([
		["authorization_declined", "denied"],
		["expired_token", "expired"],
	] as const)("%s: the plugin's explanation in the modal; nothing is stored", async (answer, kind) => {
		await start(loader);
		entra.scriptPolls("authorization_pending", answer);
		const running = h.run("sign-in-with-microsoft");
		await until(() => els("azure-reasoning-entra-code").length > 0, "the code");
		await poll(INTERVAL_S, statuses.length + 1);
		await h.advance(INTERVAL_S * 1000);
		const outcome = await running;
		expect(outcome).toMatchObject({ ok: false, message: entraMessage({ kind }) });
		expect(statuses.at(-1)).toBe(entraMessage({ kind }));
		expect(els("azure-reasoning-entra-status")[0]?.hasClass("is-error")).toBe(true);
		expect(buttons()).toEqual(["Close"]);
		expect(h.host.standInApp.secretStorage.getSecret(entraSecretName("d1"))).toBeNull();
	});

	test("Cancel stops the polling: no further request, not signed in", async () => {
		await start(loader);
		const running = h.run("sign-in-with-microsoft");
		await until(() => els("azure-reasoning-entra-code").length > 0, "the code");
		const cancel = findEls(modal()?.modalEl as unknown as FakeElement, (e) => e.textContent === "Cancel" && e.tagName.toLowerCase() === "button")[0];
		cancel?.dispatch("click");
		expect(await running).toMatchObject({ ok: false, message: "Sign-in cancelled. Not signed in." });
		await h.advance(INTERVAL_S * 1000);
		expect(entra.requests).toHaveLength(1);
		expect(Modal.opened).toHaveLength(0);
	});

	test("the default deployment uses a key: a picker of those that sign in with Microsoft", async () => {
		await start(loader, [deployment(), entraDeployment({ id: "d2", displayName: "Work" })]);
		entra.scriptPolls("success");
		const running = h.run("sign-in-with-microsoft", { choose: "Work" });
		await until(() => els("azure-reasoning-entra-code").length > 0, "the code");
		await h.advance(INTERVAL_S * 1000);
		expect(await running).toMatchObject({ ok: true });
		expect(h.host.standInApp.secretStorage.getSecret(entraSecretName("d2"))).toBe(entra.issuedRefreshTokens[0]);
	});

	test("no deployment signs in with Microsoft: a notice says so, and nothing is asked", async () => {
		await start(loader, [deployment()]);
		const outcome = await h.run("sign-in-with-microsoft");
		expect(outcome.ok).toBe(false);
		expect(h.lastNotice()).toMatch(/No deployment signs in with Microsoft/);
		expect(entra.requests).toHaveLength(0);
		expect(Modal.opened).toHaveLength(0);
	});
});
