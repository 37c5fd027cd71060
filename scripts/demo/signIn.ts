/**
 * The demo's Microsoft Entra ID sign-in: the loaded main.js's own command, "Sign in with
 * Microsoft" (its device-code flow, its polling, its secret storage), run as the command palette
 * runs it. The demo watches the command's modal and prints what it shows: the address and the
 * code, each waiting state; then who signed in, or the plugin's explanation of a failure. main.js
 * keeps the refresh token in the stand-in's in-memory secret storage and the access token in
 * memory, and sends it as a Bearer token. Nothing is written to disk; no token is printed.
 */
import { validateDeployment } from "../../src/core/validate";
import type { DeploymentConfig } from "../../src/core/settings";
import type { ObsidianHost } from "../../tests/support/host";
import { Modal, findEls, modalWatchers, type FakeElement } from "../../tests/support/obsidian";
import type { DemoIo, Outcome } from "./user";

/** How the polling waits: the plugin's own (real time) from a terminal; tests inject one that records and returns. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const SIGN_IN_MODAL = "azure-reasoning-sign-in";

const under = (modal: Modal, test: (el: FakeElement) => boolean) => findEls(modal.modalEl, test);

/** Prints the modal's address and code once shown, and each status line while the plugin polls (not its first nor its last: the outcome says those). */
function watchSignIn(io: DemoIo): { stop(): void; modal(): Modal | null } {
	let seen: Modal | null = null;
	const watcher = (modal: Modal) => {
		if (!modal.modalEl.hasClass(SIGN_IN_MODAL)) return;
		seen = modal;
		const status = under(modal, (e) => e.hasClass("azure-reasoning-entra-status"))[0];
		if (!status) throw new Error("The sign-in modal has no status line");
		let codeShown = false;
		const setText = status.setText.bind(status);
		status.setText = (text) => {
			setText(text);
			const code = under(modal, (e) => e.hasClass("azure-reasoning-entra-code"))[0];
			if (!code) return; // asking for a code, or the end
			if (!codeShown) {
				codeShown = true;
				const link = under(modal, (e) => e.tagName === "A")[0];
				io.out("Open the address below, enter this code, and sign in with your work account:");
				io.out(`  ${link?.getAttr("href") ?? "(no address shown)"}`);
				io.out(`  code: ${code.textContent}`);
			}
			io.out(status.textContent);
		};
	};
	modalWatchers.push(watcher);
	return {
		stop: () => {
			const at = modalWatchers.indexOf(watcher);
			if (at >= 0) modalWatchers.splice(at, 1);
		},
		modal: () => seen,
	};
}

/**
 * While the command runs, main.js's `window` timers (its polling waits: nothing else of the
 * plugin's runs meanwhile) go through `sleep`; the stand-in's own timers are the realm's, untouched.
 */
async function withPluginSleep<T>(sleep: Sleep | undefined, run: () => Promise<T>): Promise<T> {
	const g = globalThis as { window?: object };
	const real = g.window;
	if (!sleep || !real) return run();
	const cancelled = new Set<number>();
	let next = 0;
	g.window = Object.create(real, {
		setTimeout: {
			value: (fn: () => void, ms = 0) => {
				const id = ++next;
				void sleep(ms).then(() => cancelled.has(id) || fn());
				return id;
			},
		},
		clearTimeout: { value: (id: number) => cancelled.add(id) },
	}) as object;
	try {
		return await run();
	} finally {
		g.window = real;
	}
}

/** Signs in for `config` (the default deployment, with Entra ID) through main.js's command; true when signed in. */
export async function signIn(config: DeploymentConfig, host: ObsidianHost, io: DemoIo, sleep?: Sleep): Promise<boolean> {
	const entra = validateDeployment(config).ready?.entra;
	if (!entra) throw new Error("signIn needs a valid Entra ID deployment");
	io.out(`\nSigning in with Microsoft at ${entra.authorityHost} (tenant ${entra.tenant}) ...`);
	const watching = watchSignIn(io);
	try {
		const outcome = (await withPluginSleep(sleep, () => host.runCommand("sign-in-with-microsoft"))) as Outcome | undefined;
		if (outcome?.ok) {
			io.out(outcome.message ?? "Signed in.");
			return true;
		}
		io.err(`\nSign-in failed: ${outcome?.message ?? "the command ended without an outcome."}`);
		return false;
	} finally {
		watching.stop();
		watching.modal()?.close();
	}
}
