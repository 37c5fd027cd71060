/** "Choose deployment" and "Cancel request": commands that change no note. */
import type { PluginContext } from "../context";
import { deploymentLabel, pickDeployment, pickRequest } from "../modals/pickers";
import { describeJob } from "../progress";
import { openSettings, showNotice, tell, NOTICE_MS, type CommandOutcome } from "./notify";

export async function chooseDeployment(ctx: PluginContext): Promise<CommandOutcome> {
	const s = ctx.settings;
	if (s.deployments.length === 0) {
		const message = "No deployment is set up yet: add one in the settings.";
		showNotice(message, NOTICE_MS, [{ label: "Open settings", run: () => openSettings(ctx) }]);
		return { ok: false, message };
	}
	const current = s.deployments.find((d) => d.id === s.defaultDeploymentId) ?? s.deployments[0];
	const chosen = await pickDeployment(ctx, s.deployments, current?.id ?? null);
	if (!chosen) return { ok: false, message: "No deployment was chosen." };
	s.defaultDeploymentId = chosen.id;
	await ctx.saveSettings();
	return tell(true, `The default deployment is now ${deploymentLabel(chosen)}.`, 6_000);
}

/** Cancels the running request; when several run, the user picks one. */
export async function cancelRequest(ctx: PluginContext): Promise<CommandOutcome> {
	const running = ctx.services.requests.running;
	if (running.length === 0) return tell(false, "No request is running.", 6_000);
	const job = running.length === 1 ? running[0] : await pickRequest(ctx, running);
	if (!job) return { ok: false, message: "No request was chosen." };
	const description = describeJob(job);
	if (!ctx.services.requests.cancel(job.id)) return tell(false, "That request has already ended.", 6_000);
	return { ok: true, message: `Cancelling: ${description}.` };
}
