/**
 * The demo's Microsoft Entra ID sign-in: the plugin's own device-code flow (EntraSession, the
 * code main.js bundles) over the Obsidian stand-in's requestUrl, printed as the settings tab shows
 * it: the address and the code, each waiting state, then who signed in. The refresh token goes
 * where the loaded main.js looks for it (the stand-in's in-memory secret storage, under the
 * deployment's secret name): main.js then refreshes, keeps the access token in memory, and sends it
 * as a Bearer token. Nothing is written to disk; no token is printed.
 */
import { EntraSession, entraSecretName } from "../../src/azure/entraClient";
import { validateDeployment } from "../../src/core/validate";
import type { DeploymentConfig } from "../../src/core/settings";
import type { ObsidianHost } from "../../tests/support/host";
import { requestUrl } from "../../tests/support/obsidian";
import type { DemoIo } from "./user";

/** How the polling waits: the plugin's default (real time) from a terminal; tests inject one that records and returns. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Signs in for `config` (an Entra ID deployment); true when signed in. Prints every step, and the plugin's explanation of a failure. */
export async function signIn(config: DeploymentConfig, host: ObsidianHost, io: DemoIo, sleep?: Sleep): Promise<boolean> {
	const entra = validateDeployment(config).ready?.entra;
	if (!entra) throw new Error("signIn needs a valid Entra ID deployment");
	const session = new EntraSession(entra, {
		requestUrl: (param) => requestUrl(param),
		store: host.standInApp.secretStorage,
		secretName: entraSecretName(config.id),
		...(sleep ? { sleep } : {}),
	});
	try {
		io.out(`\nSigning in with Microsoft at ${entra.authorityHost} (tenant ${entra.tenant}) ...`);
		const started = await session.startSignIn();
		if (!started.ok) {
			io.err(`\nSign-in failed: ${started.message}`);
			return false;
		}
		const { code } = started;
		io.out("Open the address below, enter this code, and sign in with your work account:");
		io.out(`  ${code.verificationUri}`);
		io.out(`  code: ${code.userCode}`);
		io.out(`Waiting for you to sign in (the code is valid for ${Math.max(1, Math.round(code.expiresInS / 60))} minutes)…`);
		const result = await session.waitForSignIn(code, { onState: (_outcome, message) => io.out(message) });
		if (!result.ok) {
			io.err(`\nSign-in failed: ${result.message}`);
			return false;
		}
		const who = session.account();
		io.out(who ? `Signed in as ${who}.` : "Signed in.");
		return true;
	} finally {
		// The demo's copy of the access token goes; main.js keeps its own from the refresh token.
		session.dispose();
	}
}
