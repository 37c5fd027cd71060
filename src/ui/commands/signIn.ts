/**
 * "Sign in with Microsoft": the device-code sign-in of a deployment that signs in with Entra ID,
 * from the command palette (desktop and mobile), through the same session the requests use
 * (ui/entra.ts): the default deployment when it signs in with Entra ID, else a picker of those that do.
 */
import type { DeploymentConfig } from "../../core/settings";
import type { PluginContext } from "../context";
import { entraSessionFor } from "../entra";
import { openWhileLoaded } from "../modals/lifetime";
import { pick } from "../modals/picker";
import { deploymentLabel } from "../modals/pickers";
import { SignInModal } from "../modals/signIn";
import { openSettings, showNotice, tell, ERROR_NOTICE_MS, type CommandOutcome } from "./notify";

const CANCELLED = "Sign-in cancelled. Not signed in.";

async function chooseEntraDeployment(ctx: PluginContext, entra: DeploymentConfig[]): Promise<DeploymentConfig | null> {
	const current = entra.find((d) => d.id === ctx.settings.defaultDeploymentId);
	if (current) return current;
	return pick(ctx, {
		items: entra,
		title: (d) => deploymentLabel(d),
		note: (d) => (d.deployment ? `Deployment ${d.deployment}` : ""),
		placeholder: "Choose the deployment to sign in for",
		cls: "azure-reasoning-deployment-picker",
	});
}

export async function signInWithMicrosoft(ctx: PluginContext): Promise<CommandOutcome> {
	const entra = ctx.settings.deployments.filter((d) => d.auth === "entra");
	if (entra.length === 0) {
		const message = "No deployment signs in with Microsoft: choose Microsoft sign-in as a deployment's authentication in the settings.";
		showNotice(message, ERROR_NOTICE_MS, [{ label: "Open settings", run: () => openSettings(ctx) }]);
		return { ok: false, message };
	}
	const dep = await chooseEntraDeployment(ctx, entra);
	if (!dep) return { ok: false, message: "No deployment was chosen." };
	const session = entraSessionFor(ctx, dep);
	if (!session) {
		const message = `The sign-in settings of ${deploymentLabel(dep)} are not complete: fill in the tenant and the application (client) ID.`;
		showNotice(message, ERROR_NOTICE_MS, [{ label: "Open settings", run: () => openSettings(ctx, dep.id, "tenant") }]);
		return { ok: false, message, setting: "tenant" };
	}
	const modal = new SignInModal(ctx.app, deploymentLabel(dep));
	openWhileLoaded(modal, ctx);
	const stop = modal.stop.signal;
	modal.setStatus("Asking Microsoft for a sign-in code…");
	const started = await session.startSignIn();
	if (stop.aborted) return { ok: false, message: CANCELLED };
	if (!started.ok) {
		modal.finish(started.message, false);
		return { ok: false, message: started.message };
	}
	const { code } = started;
	modal.showCode(code);
	modal.setStatus(`Waiting for you to sign in (the code is valid for ${Math.max(1, Math.round(code.expiresInS / 60))} minutes)…`);
	const result = await session.waitForSignIn(code, { signal: stop, onState: (_outcome, message) => modal.setStatus(message) });
	if (result.ok) {
		const who = session.account();
		const message = who ? `Signed in as ${who}.` : "Signed in on this device.";
		modal.finish(message, true);
		return tell(true, message, 8_000);
	}
	if (result.kind === "cancelled") return { ok: false, message: CANCELLED };
	modal.finish(result.message, false);
	return { ok: false, message: result.message };
}
