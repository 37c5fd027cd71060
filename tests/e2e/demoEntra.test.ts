/**
 * `npm run demo` with a Microsoft Entra ID sign-in (issue 14), against the token emulator and the
 * Azure emulator run as a separate process: the device code and the address printed as the settings
 * tab shows them (main.js's own "Sign in with Microsoft" command, its modal watched), two pending polls and one slow_down (the waits the plugin asked for are recorded
 * by an injected sleep: nothing waits on the clock), who signed in, the built main.js's Bearer
 * requests with --repeat reusing its cached access token; a declined sign-in, a wrong app
 * registration (AADSTS) and Azure's 401 and 403 explained with exit code 1; no token in any output or file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { entraMessage } from "../../src/core/entraWords";
import { runDemo, type DemoOptions } from "../../scripts/demo/run";
import type { RecordedRequest } from "../support/emulator/types";
import { EmulatorProcess } from "../support/emulatorProcess";

const TENANT = "fabrikam.onmicrosoft.com";
const CLIENT = "11111111-2222-3333-4444-555555555555";
const INTERVAL_S = 2;
let azure: EmulatorProcess;

beforeAll(async () => {
	azure = await EmulatorProcess.start({ apiKey: "entra-demo-key-0123456789", deployments: [{ name: "notes-gpt-5.1", family: "gpt-5.1" }] }, { tenant: TENANT, clientId: CLIENT, interval: INTERVAL_S, account: "grace@fabrikam.onmicrosoft.com" });
});
afterAll(() => azure.close());
beforeEach(() => azure.reset());

function entraEnv(over: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		AZURE_OPENAI_ENDPOINT: azure.url, AZURE_OPENAI_AUTH: "entra", AZURE_OPENAI_TENANT: TENANT, AZURE_OPENAI_CLIENT_ID: CLIENT, AZURE_OPENAI_AUTHORITY: azure.entraUrl ?? "",
		AZURE_OPENAI_DEPLOYMENT: "notes-gpt-5.1", AZURE_OPENAI_MODEL_FAMILY: "gpt-5.1", AZURE_OPENAI_API_VERSION: "v1", ...over,
	};
}

/** Every file under dir, as text. */
function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name), "utf8"));
}

async function demo(env: NodeJS.ProcessEnv, flags: DemoOptions = {}) {
	let out = "";
	let err = "";
	const waits: number[] = [];
	let files: string[] = [];
	const entraBefore = (await azure.entraRequests()).length;
	const code = await runDemo({ "no-build": true, ...flags }, env, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, {
		sleep: (ms) => {
			waits.push(ms);
			return Promise.resolve();
		},
		onVault: (dir) => (files = filesUnder(dir)),
	});
	const entra = (await azure.entraRequests()).slice(entraBefore);
	return { code, out, err, waits, files, requests: await azure.requests(), entra, grants: entra.map((r) => r.form.grant_type ?? r.path.split("/").pop()) };
}

async function expectNoTokenIn(texts: string[]): Promise<void> {
	const tokens = await azure.entraTokens();
	expect(tokens.length).toBeGreaterThan(0);
	for (const token of tokens) for (const text of texts) expect(text).not.toContain(token);
}

test("device code, two pending polls, one slow_down, then signed in; --repeat 2 sends two Bearer requests with the access token main.js signed in with; the answers land", async () => {
	await azure.entraPolls("authorization_pending", "authorization_pending", "slow_down", "success");
	const r = await demo(entraEnv(), { repeat: "2" });
	expect(r.err).toBe("");
	expect(r.code).toBe(0);
	// As the settings tab shows them: the address, the code, each waiting state, who signed in.
	expect(r.out).toContain("Open the address below, enter this code, and sign in with your work account:\n  https://microsoft.com/devicelogin\n  code: ABCD");
	expect(r.out.match(/Waiting for you to sign in in the browser…/g)).toHaveLength(2);
	expect(r.out).toContain(`Still waiting; the sign-in service asked to check less often (every ${INTERVAL_S + 5} s).`);
	expect(r.out).toContain("Signed in as grace@fabrikam.onmicrosoft.com.");
	// The interval, then 5 s more after slow_down (RFC 8628 §3.5), as asked of the injected sleep.
	expect(r.waits).toEqual([INTERVAL_S, INTERVAL_S, INTERVAL_S, INTERVAL_S + 5].map((s) => s * 1000));
	// The sign-in's requests only: main.js signed in itself, so both runs send the access token it keeps in memory (no refresh).
	expect(r.grants).toEqual(["devicecode", ...Array(4).fill("urn:ietf:params:oauth:grant-type:device_code")]);
	expect(r.requests).toHaveLength(2);
	for (const sent of r.requests) {
		expect(sent).toMatchObject({ auth: "bearer-token", operation: "responses", status: 200, secretLeaks: [] });
		expect(sent.headers["api-key"]).toBeUndefined();
	}
	const answer = (JSON.parse((r.requests[1] as RecordedRequest).responseBody) as { output: { type: string; content?: { text: string }[] }[] }).output.find((o) => o.type === "message")?.content?.[0]?.text;
	expect(answer).toBeTruthy();
	expect(r.out.split("--- note after ---\n")[1]).toContain(answer);
	expect(r.out).toContain("(run 2 of 2)");
	expect(r.files.length).toBeGreaterThan(1);
	await expectNoTokenIn([r.out, r.err, ...r.files]);
});

test("a declined sign-in: the plugin's explanation, exit code 1, nothing sent to Azure", async () => {
	await azure.entraPolls("authorization_pending", "authorization_declined");
	const r = await demo(entraEnv());
	expect(r.code).toBe(1);
	expect(r.err).toContain(`Sign-in failed: ${entraMessage({ kind: "denied" })}`);
	expect(r.out).not.toContain("Signed in");
	expect(r.requests).toEqual([]);
});

test("an app registration the directory does not know: the AADSTS answer explained, exit code 1, nothing sent to Azure", async () => {
	const r = await demo(entraEnv({ AZURE_OPENAI_CLIENT_ID: "99999999-2222-3333-4444-555555555555" }));
	expect(r.code).toBe(1);
	expect(r.err).toMatch(/Sign-in failed: Could not start the sign-in\. Check the tenant and the application \(client\) ID, and that the app registration allows public client flows\. Microsoft said: AADSTS\d+: Application with identifier '99999999-2222-3333-4444-555555555555' was not found/);
	expect(r.grants).toEqual(["devicecode"]);
	expect(r.requests).toEqual([]);
});

test.each([
	{ status: 401, times: 2, code: "PermissionDenied", said: "Azure refused the sign-in token even after renewing it." },
	{ status: 403, times: 1, code: "PermissionDenied", said: "Azure denied access (HTTP 403)." },
])("signed in, but Azure answers $status: the plugin's explanation, exit code 1", async ({ status, times, code, said }) => {
	await azure.entraPolls("success");
	await azure.script({ status, times, body: { error: { code, message: "Principal does not have access to API/Operation." } } });
	const r = await demo(entraEnv());
	expect(r.out).toContain("Signed in as grace@fabrikam.onmicrosoft.com.");
	expect(r.code).toBe(1);
	expect(r.err).toContain("The command failed:");
	expect(r.err + r.out).toContain(said);
	expect(r.requests.map((q) => q.status)).toEqual(Array(times).fill(status));
	await expectNoTokenIn([r.out, r.err, ...r.files]);
});

test("--auth entra with the built-in emulators: the same flow against the project's token emulator, in a process of its own", async () => {
	const r = await demo({}, { auth: "entra", family: "o4-mini" });
	expect(r.err).toBe("");
	expect(r.code).toBe(0);
	expect(r.out).toMatch(/Started the Entra ID token emulator in the same process at http:\/\/127\.0\.0\.1:\d+/);
	expect(r.out).toContain("Signed in as ada@contoso.onmicrosoft.com.");
	expect(r.waits).toEqual([1000, 1000, 1000, 6000]);
	expect(r.out).toContain('"authorization": "Bearer [redacted]"');
	expect(r.out).toMatch(/"answered": 200/);
});
