/** Which deployment a command sends to, and its credentials: the key from secret storage, or its Entra ID session. */
import type { EntraSession } from "../../azure/entraClient";
import { activeDeployment, type DeploymentConfig } from "../../core/settings";
import type { PluginContext } from "../context";
import { entraSessionFor } from "../entra";

export function readKey(ctx: PluginContext, dep: DeploymentConfig | undefined): string | null {
	if (!dep || dep.auth === "entra" || dep.secretName.trim() === "") return null;
	try {
		return ctx.app.secretStorage.getSecret(dep.secretName.trim());
	} catch {
		return null;
	}
}

export function withEntra(ctx: PluginContext, dep: DeploymentConfig | undefined): { entra?: EntraSession } {
	const entra = entraSessionFor(ctx, dep);
	return entra ? { entra } : {};
}

/** The template's own deployment when it names one that exists, else the default one. */
export function deploymentFor(ctx: PluginContext, deploymentId: string | null): DeploymentConfig | undefined {
	const s = ctx.settings;
	return (deploymentId ? s.deployments.find((d) => d.id === deploymentId) : undefined) ?? activeDeployment(s);
}
