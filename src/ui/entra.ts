/**
 * The plugin's Entra ID sign-ins (azure/entraClient.ts), one session per deployment, held by the
 * services (ui/context.ts): access tokens live in memory while the plugin is loaded; refresh
 * tokens in `app.secretStorage`.
 */
import { entraSecretName, type EntraSession } from "../azure/entraClient";
import type { DeploymentConfig } from "../core/settings";
import { validateDeployment } from "../core/validate";
import type { PluginContext } from "./context";

type EntraHost = Pick<PluginContext, "app" | "services">;

/** The deployment's session when it signs in with Entra ID and its sign-in settings are valid. */
export function entraSessionFor(ctx: EntraHost, dep: DeploymentConfig | undefined): EntraSession | undefined {
	if (!dep || dep.auth !== "entra") return undefined;
	const entra = validateDeployment(dep).ready?.entra;
	return entra ? ctx.services.entra.for(dep.id, entra) : undefined;
}

/** Forgets a deployment's sign-in on this device: its session and its stored refresh token. */
export function forgetEntraSignIn(ctx: EntraHost, deploymentId: string): void {
	ctx.services.entra.forget(deploymentId);
	try {
		const name = entraSecretName(deploymentId);
		if (ctx.app.secretStorage.getSecret(name)) ctx.app.secretStorage.setSecret(name, "");
	} catch {
		// Nothing stored, or a store that refuses: nothing more to forget.
	}
}
