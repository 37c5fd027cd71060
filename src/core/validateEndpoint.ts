/** Validation of where a deployment is: its endpoint and its deployment name (core/validate.ts runs these). */
import { errorAt, missingAt, warningAt } from "./finding";
import { isAzureHost, isLoopbackHost, parseEndpoint, type ParsedEndpoint } from "./endpoint";
import type { DeploymentConfig } from "./settings";
import type { Finding } from "./validate";

const DEPLOYMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_DEPLOYMENT_NAME = 64;

/** The endpoint: a usable https address (a pasted full request address gives its parts as a fix). */
export function checkEndpoint(cfg: DeploymentConfig, out: Finding[]): ParsedEndpoint | null {
	const parsed = parseEndpoint(cfg.endpoint);
	const example = "https://my-resource.openai.azure.com";
	switch (parsed) {
		case "empty":
			out.push(missingAt("endpoint", `Enter the resource's endpoint, for example ${example} (Azure portal → your resource → Keys and Endpoint).`));
			return null;
		case "no-scheme": {
			const withScheme = `https://${cfg.endpoint.trim().replace(/^\/+/, "")}`;
			const usable = typeof parseEndpoint(withScheme) !== "string";
			// Fix labels stay short; the address they set is in the message.
			out.push(errorAt("endpoint", usable ? `The endpoint must start with https://: ${withScheme}.` : "The endpoint must start with https://.", usable ? { label: "Add https://", patch: { endpoint: withScheme } } : undefined));
			return null;
		}
		case "not-a-url":
		case "bad-scheme":
			out.push(errorAt("endpoint", `This is not a web address Azure can be reached at. Use the form ${example}.`));
			return null;
	}
	if (parsed.protocol === "http:" && !isLoopbackHost(parsed.host)) {
		const https = parsed.base.replace(/^http:/, "https:");
		out.push(errorAt("endpoint", `Azure only answers over https (${https}); plain http would send your key unencrypted.`, { label: "Use https", patch: { endpoint: https } }));
		return null;
	}
	if (!isAzureHost(parsed.host) && !isLoopbackHost(parsed.host)) {
		out.push(warningAt("endpoint", `${parsed.host} is not an Azure OpenAI host (*.openai.azure.com, *.cognitiveservices.azure.com, *.services.ai.azure.com). That is fine for a company API gateway in front of Azure; otherwise check the address.`));
	}
	if (parsed.hadExtra) {
		const patch: Partial<DeploymentConfig> = { endpoint: parsed.base, ...parsed.fromUri };
		const parts: string[] = [];
		if (parsed.fromUri.deployment) parts.push(`deployment ${parsed.fromUri.deployment}`);
		if (parsed.fromUri.apiStyle) parts.push(parsed.fromUri.apiStyle === "v1" ? "the v1 API" : "the dated API");
		if (parsed.fromUri.apiVersion) parts.push(`api-version ${parsed.fromUri.apiVersion}`);
		const names = parts.length > 0 ? ` It also names ${parts.join(", ")}.` : "";
		out.push(warningAt("endpoint", `This is a full request address; the endpoint is only ${parsed.base}, and the plugin uses that part.${names}`, { label: "Use its parts", patch }));
	}
	return parsed;
}

/** The deployment name: Azure's rules, and the one a pasted request address names. */
export function checkDeploymentName(cfg: DeploymentConfig, endpoint: ParsedEndpoint | null, out: Finding[]): void {
	const name = cfg.deployment;
	const fromUri = endpoint?.fromUri.deployment;
	if (name.trim() === "") {
		out.push(missingAt("deployment", "Enter the deployment name chosen in Azure (Azure AI Foundry → Deployments), not the model's name.", fromUri ? { label: `Use ${fromUri}`, patch: { deployment: fromUri } } : undefined));
		return;
	}
	if (name !== name.trim()) {
		out.push(errorAt("deployment", "The deployment name has spaces at its start or end.", { label: `Use ${name.trim()}`, patch: { deployment: name.trim() } }));
		return;
	}
	if (!DEPLOYMENT_NAME.test(name)) {
		out.push(errorAt("deployment", "Azure deployment names use only letters, digits, '-', '_' and '.', and start with a letter or digit."));
		return;
	}
	if (name.length > MAX_DEPLOYMENT_NAME) {
		out.push(errorAt("deployment", `Azure deployment names are at most ${MAX_DEPLOYMENT_NAME} characters.`));
		return;
	}
	if (fromUri && fromUri !== name) {
		out.push(warningAt("deployment", `The address pasted as the endpoint names deployment ${fromUri}, but this says ${name}. The plugin sends to ${name}.`, { label: `Use ${fromUri}`, patch: { deployment: fromUri } }));
	}
}
