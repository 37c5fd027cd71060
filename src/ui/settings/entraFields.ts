/**
 * A deployment's authentication in the settings tab: the method (key or Microsoft Entra ID),
 * and for Entra ID the tenant, the client id, and the device-code sign-in itself: the code as
 * the one thing to type (large, monospace, with its copy button), the address as a link, each
 * waiting state said plainly, then who is signed in, with a way to sign out. The sign-in
 * authority (national clouds only) is drawn under Advanced (authorityField). Tokens are never shown.
 */
import { ButtonComponent, Notice, Setting } from "obsidian";
import type { EntraSession } from "../../azure/entraClient";
import { DEFAULT_AUTHORITY_HOST, type DeviceCode } from "../../core/entra";
import type { FieldEditor } from "./deploymentFields";

/** What the sign-in shows; kept per session (SettingsHost.signIns), so a redraw of the page keeps a sign-in in progress. */
export type SignInState =
	| { kind: "idle"; note?: string }
	| { kind: "starting" }
	| { kind: "waiting"; code: DeviceCode; status: string; stop: AbortController }
	| { kind: "failed"; message: string };

export interface AuthEditor extends FieldEditor {
	/** The deployment's Entra ID session; undefined while its sign-in settings are not usable. */
	entraSession(): EntraSession | undefined;
	/** What each session's sign-in panel shows (the settings tab keeps it while the plugin is loaded). */
	readonly signIns: WeakMap<EntraSession, SignInState>;
}

export function authMethodField(el: HTMLElement, ed: FieldEditor): void {
	const cfg = ed.cfg;
	const row = new Setting(el).setName("Authentication").setDesc("The resource's key, or a sign-in with your Microsoft work account, for resources where keys are turned off.");
	row.addDropdown((d) => {
		d.addOption("key", "Key").addOption("entra", "Microsoft sign-in");
		d.setValue(cfg.auth ?? "key").onChange((v) => {
			cfg.auth = v === "entra" ? "entra" : "key";
			if (cfg.auth === "entra") cfg.authorityHost ??= DEFAULT_AUTHORITY_HOST;
			ed.chosen("auth");
		});
		ed.register("auth", row, d.selectEl);
	});
}

function textField(el: HTMLElement, ed: FieldEditor, field: "tenant" | "clientId" | "authorityHost", name: string, desc: string, placeholder: string): void {
	const row = new Setting(el).setName(name).setDesc(desc);
	row.addText((t) => {
		t.setPlaceholder(placeholder).setValue(ed.cfg[field] ?? "").onChange((v) => {
			ed.cfg[field] = v;
			ed.typed();
		});
		ed.register(field, row, t.inputEl);
	});
}

/** The sign-in host, for national clouds only: drawn under Advanced. */
export function authorityField(el: HTMLElement, ed: FieldEditor): void {
	textField(el, ed, "authorityHost", "Sign-in authority", "Where you sign in. Change it only for a national cloud, for example https://login.microsoftonline.us.", DEFAULT_AUTHORITY_HOST);
}

/**
 * Draws the Entra ID fields and the sign-in; returns what redraws the sign-in (after typing). The
 * panel is a live region, so it is drawn again only when its session or its state changed, never
 * on a keystroke that changes neither.
 */
export function entraFields(el: HTMLElement, ed: AuthEditor): () => void {
	textField(el, ed, "tenant", "Tenant", "Your organisation's directory (tenant) ID, or its domain: Azure portal → Microsoft Entra ID → Overview.", "contoso.onmicrosoft.com");
	textField(el, ed, "clientId", "Application (client) ID", "The ID of the app registration you made for this plugin (see the README): App registrations → your app → Overview.", "00000000-0000-0000-0000-000000000000");
	const row = new Setting(el).setName("Microsoft account");
	const body = row.descEl.createDiv({ cls: "azure-reasoning-entra", attr: { "aria-live": "polite" } });
	let shown: { session: EntraSession | undefined; state: SignInState | undefined; signedIn: boolean } | null = null;
	const draw = () => {
		const session = ed.entraSession();
		const now = { session, state: session ? ed.signIns.get(session) : undefined, signedIn: session?.isSignedIn() ?? false };
		if (shown && shown.session === now.session && shown.state === now.state && shown.signedIn === now.signedIn) return;
		shown = now;
		drawSignIn(row, body, ed, draw);
	};
	draw();
	return draw;
}

function drawSignIn(row: Setting, body: HTMLElement, ed: AuthEditor, redraw: () => void): void {
	body.empty();
	row.controlEl.empty();
	const session = ed.entraSession();
	if (!session) {
		body.createDiv({ text: "Fill in the tenant and the application (client) ID above, then sign in here." });
		return;
	}
	const state = ed.signIns.get(session) ?? { kind: "idle" };
	const button = (text: string, onClick: () => void, cta = false) => {
		const b = new ButtonComponent(row.controlEl).setButtonText(text).onClick(onClick);
		if (cta) b.setCta();
		return b;
	};
	const set = (next: SignInState) => {
		ed.signIns.set(session, next);
		redraw();
	};
	switch (state.kind) {
		case "starting":
			body.createDiv({ text: "Asking Microsoft for a sign-in code…" });
			return;
		case "waiting": {
			const { code } = state;
			// The code is the one thing the user types: on a line of its own, large, with its copy button beside it.
			body.createDiv({ text: "Open the address below, enter this code, and sign in with your work account:" });
			const line = body.createDiv("azure-reasoning-entra-code-line");
			line.createEl("code", { cls: "azure-reasoning-entra-code", text: code.userCode, attr: { "aria-label": `Sign-in code ${code.userCode.split("").join(" ")}` } });
			new ButtonComponent(line)
				.setButtonText("Copy code")
				.setCta()
				.onClick(() => {
					void navigator.clipboard.writeText(code.userCode).then(
						() => new Notice("The sign-in code is on the clipboard."),
						() => new Notice("Could not copy to the clipboard."),
					);
				});
			body.createEl("a", { text: code.verificationUri, href: code.verificationUri });
			body.createDiv({ cls: "azure-reasoning-entra-status", text: state.status });
			button("Cancel", () => state.stop.abort());
			return;
		}
		case "failed":
			body.createDiv({ cls: "azure-reasoning-finding is-error", text: state.message });
			button("Start again", () => void signIn(session, set), true);
			return;
		case "idle":
			if (session.isSignedIn()) {
				const who = session.account();
				body.createDiv({ text: who ? `Signed in as ${who}.` : "Signed in on this device." });
				button("Sign out", () => {
					session.signOut();
					set({ kind: "idle", note: "Signed out. Requests need a new sign-in." });
				});
			} else {
				body.createDiv({ text: state.note ?? "Not signed in. Requests to this deployment need a sign-in." });
				button("Sign in with Microsoft", () => void signIn(session, set), true);
			}
	}
}

/** The whole device-code sign-in, moving the panel through its states. */
async function signIn(session: EntraSession, set: (s: SignInState) => void): Promise<void> {
	set({ kind: "starting" });
	const started = await session.startSignIn();
	if (!started.ok) {
		set({ kind: "failed", message: started.message });
		return;
	}
	const stop = new AbortController();
	const minutes = Math.max(1, Math.round(started.code.expiresInS / 60));
	const waiting = (status: string) => set({ kind: "waiting", code: started.code, status, stop });
	waiting(`Waiting for you to sign in (the code is valid for ${minutes} minutes)…`);
	const result = await session.waitForSignIn(started.code, { signal: stop.signal, onState: (_outcome, message) => waiting(message) });
	if (result.ok) set({ kind: "idle" });
	else if (result.kind === "cancelled") set({ kind: "idle", note: "Sign-in cancelled. Not signed in." });
	else set({ kind: "failed", message: result.message });
}
