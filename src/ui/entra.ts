/**
 * The plugin's Entra ID sessions (azure/entraClient.ts), one per deployment: access tokens
 * live here in memory for as long as the plugin is loaded; refresh tokens in `app.secretStorage`.
 */
import { requestUrl } from "obsidian";
import { EntraSessions, entraSecretName, type EntraSession } from "../azure/entraClient";
import type { DeploymentConfig } from "../core/settings";
import { validateDeployment } from "../core/validate";
import type AzureReasoningPlugin from "../main";

const registries = new WeakMap<AzureReasoningPlugin, EntraSessions>();

export function entraSessions(plugin: AzureReasoningPlugin): EntraSessions {
	let sessions = registries.get(plugin);
	if (!sessions) {
		sessions = new EntraSessions({ requestUrl: (param) => requestUrl(param), store: plugin.app.secretStorage });
		registries.set(plugin, sessions);
		const created = sessions;
		plugin.register(() => {
			created.dispose();
			registries.delete(plugin);
		});
	}
	return sessions;
}

/** The deployment's session when it signs in with Entra ID and its sign-in settings are valid. */
export function entraSessionFor(plugin: AzureReasoningPlugin, dep: DeploymentConfig | undefined): EntraSession | undefined {
	if (!dep || dep.auth !== "entra") return undefined;
	const entra = validateDeployment(dep).ready?.entra;
	return entra ? entraSessions(plugin).for(dep.id, entra) : undefined;
}

/** Forgets a deployment's sign-in on this device: its session and its stored refresh token. */
export function forgetEntraSignIn(plugin: AzureReasoningPlugin, deploymentId: string): void {
	entraSessions(plugin).forget(deploymentId);
	try {
		const name = entraSecretName(deploymentId);
		if (plugin.app.secretStorage.getSecret(name)) plugin.app.secretStorage.setSecret(name, "");
	} catch {
		// Nothing stored, or a store that refuses: nothing more to forget.
	}
}
