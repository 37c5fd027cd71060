/**
 * A one-click switch to the family a deployment really runs (from Azure's OperationNotSupported,
 * or the Test button's report): the family's defaults as `switchFamily` gives them, then every
 * field the new family would refuse moved to the nearest value it takes (operation, API style,
 * api-version, effort, budget), so the fix never leaves a deployment that cannot be sent.
 */
import { isAtLeast } from "./apiVersion";
import { getFamily, minDatedVersion, type FamilyId } from "./families";
import { switchFamily, type DeploymentConfig } from "./settings";
import { nearestEffort } from "./validateOptions";

export function familySwitchPatch(cfg: DeploymentConfig, to: FamilyId, operation?: DeploymentConfig["operation"]): Partial<DeploymentConfig> {
	const next: DeploymentConfig = { ...cfg };
	switchFamily(next, to);
	const f = getFamily(to);
	if (operation && f.operations.includes(operation)) next.operation = operation;
	if (!f.operations.includes(next.operation)) next.operation = f.operations[0] ?? "chat-completions";
	if (!f.apiStyles.includes(next.apiStyle)) next.apiStyle = f.apiStyles[0] ?? "v1";
	const min = minDatedVersion(f, next.operation);
	if (next.apiStyle === "dated" && min && !isAtLeast(next.apiVersion.trim(), min)) next.apiVersion = min;
	if (next.reasoningEffort !== "" && !f.reasoningEfforts.includes(next.reasoningEffort)) next.reasoningEffort = nearestEffort(next.reasoningEffort, f.reasoningEfforts) ?? "";
	if (Number(next.maxCompletionTokens) > f.maxOutputTokens) next.maxCompletionTokens = f.maxOutputTokens;
	const patch: Partial<Record<keyof DeploymentConfig, unknown>> = {};
	for (const key of new Set([...Object.keys(cfg), ...Object.keys(next)]) as Set<keyof DeploymentConfig>) {
		if (JSON.stringify(cfg[key]) !== JSON.stringify(next[key])) patch[key] = next[key];
	}
	return patch as Partial<DeploymentConfig>;
}
