/** The three pickers: a prompt template, a deployment, a running request. */
import type { ModalHost } from "../context";
import { getFamily, isFamilyId } from "../../core/families";
import type { OutputMode, PromptTemplate } from "../../core/prompt";
import type { DeploymentConfig } from "../../core/settings";
import { describeJob, type Job } from "../progress";
import { pick } from "./picker";

export const OUTPUT_LABELS: Record<OutputMode, string> = {
	replace: "Replaces the selection",
	below: "Goes below the selection",
	"new-note": "Goes into a new note",
};

export function pickTemplate(host: ModalHost, templates: readonly PromptTemplate[]): Promise<PromptTemplate | null> {
	return pick(host, {
		items: templates,
		title: (t) => t.name,
		note: (t) => OUTPUT_LABELS[t.output],
		placeholder: "Choose a prompt to run on the selection",
		cls: "azure-reasoning-template-picker",
	});
}

export function deploymentLabel(d: DeploymentConfig): string {
	return d.displayName.trim() || d.deployment.trim() || "(unnamed deployment)";
}

export function pickDeployment(host: ModalHost, deployments: readonly DeploymentConfig[], currentId: string | null): Promise<DeploymentConfig | null> {
	return pick(host, {
		items: deployments,
		title: (d) => `${deploymentLabel(d)}${d.id === currentId ? " (default)" : ""}`,
		note: (d) => `${isFamilyId(d.family) ? getFamily(d.family).label : d.family}${d.deployment ? `, deployment ${d.deployment}` : ""}`,
		placeholder: "Choose the default deployment",
		cls: "azure-reasoning-deployment-picker",
	});
}

export function pickRequest(host: ModalHost, jobs: readonly Job[]): Promise<Job | null> {
	return pick(host, {
		items: jobs,
		title: (j) => describeJob(j),
		placeholder: "Choose the request to cancel",
		cls: "azure-reasoning-request-picker",
	});
}
