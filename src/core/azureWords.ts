/**
 * Azure's own words as the second guard (the family table is the first): when Azure refuses a
 * value, lists what it supports, refuses a parameter, or refuses the operation, the user is told
 * what Azure refused and offered the fix that follows from the answer itself.
 *
 * Azure words the same refusal several ways with two codes (azure-responses-api.md §1, §4):
 * "Unsupported value: 'minimal' is not supported with the 'gpt-5.1' model. Supported values are: …",
 * "Unsupported value: 'reasoning_effort' does not support 'max' with this model. Supported values are: …",
 * "Invalid value: 'none'. Supported values are: …" (code invalid_value). So the quoted list is read,
 * never the wording; the parameter comes from `param`, spelled either operation's way.
 */
import { EFFORT_SCALE, familyOfModel, getFamily, isFamilyId, type ReasoningEffort } from "./families";
import { FIELD_LABELS, type DeploymentConfig, type OmittableParam } from "./settings";
import type { Explanation } from "./errors";
import type { Fix } from "./validate";
import { nearestEffort } from "./validateOptions";
import { familySwitchPatch } from "./familySwitch";

export interface AzureRefusal {
	code: string | null;
	message: string;
	param: string | null;
}

/** The values after "Supported values are:", as quoted ('a', 'b', and 'c'); empty when there is no list. */
export function supportedValues(message: string): string[] {
	const at = /Supported values are:?\s*([^]*)$/i.exec(message);
	if (!at?.[1]) return [];
	const quoted = [...at[1].matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "");
	if (quoted.length > 0) return quoted;
	return at[1].replace(/\.\s*$/, "").split(/,\s*|\s+and\s+|\s+or\s+/).map((s) => s.trim()).filter((s) => s !== "");
}

/** Which deployment setting an Azure `param` is, in either operation's spelling. */
function settingOf(param: string | null, message: string): OmittableParam | null {
	const p = param ?? /'(reasoning_effort|reasoning\.effort|reasoning\.summary|temperature|top_p|text\.verbosity|verbosity)'/.exec(message)?.[1] ?? "";
	if (p === "reasoning_effort" || p === "reasoning.effort") return "reasoningEffort";
	if (p === "reasoning.summary" || p === "reasoning.generate_summary") return "reasoningSummary";
	if (p === "temperature" || p === "top_p") return "temperature";
	if (p === "text.verbosity" || p === "verbosity") return "verbosity";
	return null;
}

const omitting = (dep: DeploymentConfig | undefined, param: OmittableParam): Partial<DeploymentConfig> => ({ omitParams: [...new Set([...(dep?.omitParams ?? []), param])] });

const NAMES: Record<OmittableParam, string> = FIELD_LABELS;

/** The effort the deployment asks for now: its own choice, else its family's default. */
function currentEffort(dep: DeploymentConfig | undefined): string {
	if (!dep) return "medium";
	if (dep.reasoningEffort !== "") return dep.reasoningEffort;
	return (isFamilyId(dep.family) ? getFamily(dep.family).defaultEffort : null) ?? "medium";
}

function refusedValue(dep: DeploymentConfig | undefined, e: AzureRefusal, setting: OmittableParam, values: string[]): Explanation {
	const title = `Azure refused this deployment's ${NAMES[setting]}: ${e.message}`;
	if (setting === "reasoningEffort") {
		const listed = values.filter((v): v is ReasoningEffort => EFFORT_SCALE.includes(v as ReasoningEffort));
		const pick = nearestEffort(currentEffort(dep), listed);
		if (!pick) return { title, detail: "Choose another reasoning effort.", setting };
		// The list Azure gave is kept with the deployment: it corrects the table's guess for this model.
		return { title, detail: `Azure supports ${listed.join(", ")} here. Use ${pick}, the nearest to what was chosen.`, setting, fix: { label: `Use ${pick}`, patch: { reasoningEffort: pick, supportedEfforts: listed } } };
	}
	if (setting === "reasoningSummary") {
		const pick = values.includes("auto") ? "auto" : values.find((v) => v === "concise" || v === "detailed");
		const fix: Fix = pick ? { label: `Use ${pick}`, patch: { reasoningSummary: pick } } : { label: "Turn summaries off", patch: { reasoningSummary: "off" } };
		return { title, detail: pick ? `Azure supports ${values.join(", ")} here.` : "Turn reasoning summaries off for this deployment.", setting, fix };
	}
	if (setting === "verbosity") {
		const pick = values.find((v) => v === "medium") ?? values.find((v) => v === "low" || v === "high");
		return { title, detail: "Choose a verbosity Azure supports, or none.", setting, fix: pick ? { label: `Use ${pick}`, patch: { verbosity: pick } } : { label: "Clear it", patch: { verbosity: "" } } };
	}
	return { title, detail: "Stop sending it: Azure applies its own default.", setting, fix: { label: `Stop sending ${NAMES[setting]}`, patch: omitting(dep, setting) } };
}

/** A parameter, value or operation Azure refused, explained from Azure's own words; null when the body is none of these. */
export function explainRefusal(e: AzureRefusal, dep: DeploymentConfig | undefined): Explanation | null {
	if (e.code === "OperationNotSupported") return explainOperation(e, dep);
	const setting = settingOf(e.param, e.message);
	if (!setting) return null;
	const values = supportedValues(e.message);
	if (setting === "reasoningSummary" && values.length === 0) {
		// Summaries for o3 and o4-mini need an approved access request; Azure's exact text is not known, its param is.
		return {
			title: `Azure refused the reasoning summary for this deployment: ${e.message}`,
			detail: "Some models (o3, o4-mini) give summaries only after Microsoft approves the resource's access request. Turn summaries off for this deployment, or ask for access.",
			setting,
			fix: { label: "Turn summaries off", patch: { reasoningSummary: "off" } },
		};
	}
	if (values.length > 0 && (e.code === "unsupported_value" || e.code === "invalid_value" || /^(Unsupported|Invalid) value/.test(e.message))) return refusedValue(dep, e, setting, values);
	if (e.code === "unsupported_parameter" || e.code === "unknown_parameter" || /^Unsupported parameter|^Unknown parameter|Unrecognized request argument/.test(e.message)) {
		if (setting === "reasoningSummary") return { title: `Azure refused the reasoning summary: ${e.message}`, detail: "Turn summaries off for this deployment.", setting, fix: { label: "Turn summaries off", patch: { reasoningSummary: "off" } } };
		return { title: `Azure does not take ${NAMES[setting]} from this deployment: ${e.message}`, detail: "Stop sending it (Azure then applies its own default), or check the model family: the Test deployment button tells what the deployment runs.", setting, fix: { label: `Stop sending ${NAMES[setting]}`, patch: omitting(dep, setting) } };
	}
	return null;
}

/** "The chatCompletion operation does not work with the specified model, o3-pro." */
function explainOperation(e: AzureRefusal, dep: DeploymentConfig | undefined): Explanation {
	const model = /specified model,\s*([\w.-]+?)\.?(\s|$)/.exec(e.message)?.[1];
	const family = model ? familyOfModel(model) : undefined;
	const wasChat = /chatCompletion|chat completion/i.test(e.message) || dep?.operation === "chat-completions";
	const to = wasChat ? "responses" : "chat-completions";
	const which = model ? `the model ${model}` : "this deployment's model";
	const from = wasChat ? "chat completions" : "the Responses API";
	if (family && !family.operations.includes(to)) {
		return { title: `Azure refused ${from} for ${which}, and it answers on neither operation.`, detail: "It may be an embeddings, image or audio model: choose a deployment of a chat or reasoning model.", setting: "deployment" };
	}
	if (!family) {
		// A model the table does not know: an embeddings or image model, or a newer Responses-only one.
		return {
			title: `Azure refused ${from} for ${which}.`,
			detail: `Embeddings, image and audio models cannot answer prompts: choose a deployment of a chat or reasoning model.${wasChat ? " If it is a model that answers only on the Responses API (as o3-pro, codex and pro models do), switch this deployment to the Responses API." : ""}`,
			// No one-click switch: for an embeddings model it would only trade one refusal for another.
			setting: "deployment",
		};
	}
	// The family and everything it would refuse move with the operation, so the fix leaves nothing to fix.
	const patch: Partial<DeploymentConfig> = family && dep && family.id !== dep.family ? familySwitchPatch(dep, family.id, to) : { operation: to };
	const label = to === "responses" ? "Use the Responses API" : "Use chat completions";
	return {
		title: `Azure refused ${from} for ${which}: it answers on ${to === "responses" ? "the Responses API" : "chat completions"} instead.`,
		detail: `Switch this deployment to ${to === "responses" ? "the Responses API" : "chat completions"}${patch.family ? ` and its model family to ${family?.label ?? ""}` : ""}.`,
		setting: "operation",
		fix: { label, patch },
	};
}
