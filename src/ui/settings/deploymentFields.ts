/**
 * The deployment editor's fields, one function per field or group. Each field registers its row
 * (where its findings go, and what takes the focus) with the editor; typing is saved and validated
 * by the editor after a pause, a choice at once. What a field offers comes from the family table.
 * `name` lets the first-run page number its steps ("1. Endpoint").
 */
import { Setting, type App } from "obsidian";
import { KNOWN_DATED_VERSIONS } from "../../core/apiVersion";
import { parseEndpoint } from "../../core/endpoint";
import { FAMILIES, isFamilyId, minDatedVersion, type ModelFamily } from "../../core/families";
import { switchFamily, type DeploymentConfig } from "../../core/settings";
import type { Field } from "../../core/validate";
import { effortField, operationFields } from "./operationFields";

/** What the fields need from the editor. */
export interface FieldEditor {
	readonly app: App;
	readonly cfg: DeploymentConfig;
	/** Whether the api-version is shown as free text rather than picked from the list. */
	customVersion: boolean;
	/** Registers a field's row: its findings go under `setting`'s description; `focusEl` takes the focus. */
	register(field: Field, setting: Setting, focusEl: HTMLElement | null): void;
	/** Sets the field from outside its control (a key stored from the tab): save, and draw again. */
	set(field: Field, patch: Partial<DeploymentConfig>): void;
	/** The user typed: save and validate after a pause. */
	typed(): void;
	/** The user chose: save now, and draw the editor again (what is shown may depend on it). */
	chosen(field: Field): void;
	/** The user pasted a full target URI into the endpoint: take its parts. */
	pastedUri(patch: Partial<DeploymentConfig>, note: string): void;
}

const CUSTOM = "custom";

/** A number when the text is one as typed, else the text itself (never lose what was typed). */
export function asTyped(value: string, pattern: RegExp): number | string {
	return pattern.test(value.trim()) ? Number(value.trim()) : value;
}

function describePaste(patch: Partial<DeploymentConfig>): string {
	const parts: string[] = [];
	if (patch.deployment) parts.push(`deployment ${patch.deployment}`);
	if (patch.apiStyle) parts.push(patch.apiStyle === "v1" ? "the v1 API" : "the dated API");
	if (patch.apiVersion) parts.push(`api-version ${patch.apiVersion}`);
	return `The endpoint is ${patch.endpoint ?? ""}; filled in from the pasted address: ${parts.length > 0 ? parts.join(", ") : "nothing else"}.`;
}

/** Reads a pasted full target URI; undefined when the text is a plain endpoint (or no address). */
export function uriPatch(text: string): Partial<DeploymentConfig> | undefined {
	const parsed = parseEndpoint(text);
	if (typeof parsed === "string" || !parsed.hadExtra) return undefined;
	return { endpoint: parsed.base, ...parsed.fromUri };
}

export function displayNameField(el: HTMLElement, ed: FieldEditor): void {
	const cfg = ed.cfg;
	const name = new Setting(el).setName("Display name").setDesc("Optional: what menus and messages call this deployment (its deployment name otherwise).");
	name.addText((t) => {
		t.setPlaceholder(cfg.deployment || "My o1").setValue(cfg.displayName).onChange((v) => {
			cfg.displayName = v;
			ed.typed();
		});
		ed.register("displayName", name, t.inputEl);
	});
}

export function endpointField(el: HTMLElement, ed: FieldEditor, label = "Endpoint"): void {
	const cfg = ed.cfg;
	const endpoint = new Setting(el)
		.setName(label)
		.setDesc("The resource's address, shown beside its keys in the portal. Pasting a request's full target URL instead fills in the deployment name and the API too.");
	endpoint.addText((t) => {
		t.setPlaceholder("https://my-resource.openai.azure.com").setValue(cfg.endpoint).onChange((v) => {
			cfg.endpoint = v;
			ed.typed();
		});
		t.inputEl.addEventListener("paste", (ev: ClipboardEvent) => {
			const patch = uriPatch(ev.clipboardData?.getData("text/plain") ?? "");
			if (!patch) return;
			ev.preventDefault();
			ed.pastedUri(patch, describePaste(patch));
		});
		ed.register("endpoint", endpoint, t.inputEl);
	});
}

export function deploymentNameField(el: HTMLElement, ed: FieldEditor, label = "Deployment name"): void {
	const cfg = ed.cfg;
	const deployment = new Setting(el).setName(label).setDesc("The name the deployment was given when it was created, as the portal's list of deployments shows it; not the model's name.");
	deployment.addText((t) => {
		t.setValue(cfg.deployment).onChange((v) => {
			cfg.deployment = v;
			ed.typed();
		});
		ed.register("deployment", deployment, t.inputEl);
	});
}

/** No family until the user chooses one: the list starts on "Choose…", never on a silent default. */
export function familyField(el: HTMLElement, ed: FieldEditor, family: ModelFamily | undefined, label = "Model family"): void {
	const cfg = ed.cfg;
	const desc = "The model this deployment runs (the portal's list of deployments names it; the test tells too).";
	const familyRow = new Setting(el).setName(label).setDesc(family ? `${desc} ${family.summary}` : desc);
	familyRow.addDropdown((d) => {
		if (!family) d.addOption("", "Choose the model family…");
		for (const f of FAMILIES) d.addOption(f.id, f.label);
		d.setValue(cfg.family).onChange((v) => {
			if (isFamilyId(v)) switchFamily(cfg, v);
			ed.chosen("family");
		});
		ed.register("family", familyRow, d.selectEl);
	});
}

/** The API style and the api-version; "Other version…" opens a row of its own for the typed version. */
export function apiFields(el: HTMLElement, ed: FieldEditor, family: ModelFamily | undefined): void {
	const cfg = ed.cfg;
	const style = new Setting(el).setName("API style").setDesc("The dated API names an API version in each request; the v1 API names none. The model family sets it.");
	style.addDropdown((d) => {
		d.addOption("dated", "Dated, with an API version").addOption("v1", "Versionless (v1)").setValue(cfg.apiStyle).onChange((v) => {
			cfg.apiStyle = v === "v1" ? "v1" : "dated";
			ed.chosen("apiStyle");
		});
		ed.register("apiStyle", style, d.selectEl);
	});
	if (cfg.apiStyle !== "dated") return;

	const min = family ? minDatedVersion(family, cfg.operation) : null;
	const version = new Setting(el).setName("API version").setDesc(family && min ? `The newest first; ${family.label} needs ${min} or newer.` : "The newest first.");
	version.addDropdown((d) => {
		for (const v of KNOWN_DATED_VERSIONS) d.addOption(v, v);
		d.addOption(CUSTOM, "Other version…");
		d.setValue(ed.customVersion ? CUSTOM : cfg.apiVersion).onChange((v) => {
			ed.customVersion = v === CUSTOM;
			if (v !== CUSTOM) cfg.apiVersion = v;
			ed.chosen("apiVersion");
		});
		// With "Other version…", the typed version's row holds the findings and takes the focus.
		if (!ed.customVersion) ed.register("apiVersion", version, d.selectEl);
	});
	if (!ed.customVersion) return;
	const other = new Setting(el).setName("Other API version").setDesc("A dated version such as 2025-04-01-preview.");
	other.addText((t) => {
		t.setPlaceholder("2025-04-01-preview").setValue(cfg.apiVersion).onChange((v) => {
			cfg.apiVersion = v;
			ed.typed();
		});
		ed.register("apiVersion", other, t.inputEl);
	});
}

export function modelFields(el: HTMLElement, ed: FieldEditor, family: ModelFamily): void {
	const cfg = ed.cfg;
	const tokens = new Setting(el)
		.setName("Max completion tokens")
		.setDesc(`The budget for reasoning and the answer together. ${family.label} writes at most ${family.maxOutputTokens.toLocaleString("en-US")}.`);
	tokens.addText((t) => {
		t.setPlaceholder(String(family.defaultMaxCompletionTokens)).setValue(String(cfg.maxCompletionTokens)).onChange((v) => {
			cfg.maxCompletionTokens = asTyped(v, /^\d+$/);
			ed.typed();
		});
		t.inputEl.setAttr("inputmode", "numeric");
		ed.register("maxCompletionTokens", tokens, t.inputEl);
	});

	operationFields(el, ed, family);
	effortField(el, ed, family);

	const where =
		family.instructionsRole === "developer"
			? "Sent as the developer message."
			: family.instructionsRole === "system"
				? "Sent as the system message."
				: `${family.label} takes no developer or system message: they are put at the top of your message, marked as instructions.`;
	const instructions = new Setting(el).setClass("azure-reasoning-wide").setName("Instructions").setDesc(`What the model should always do, for example "Answer in French." ${where}`);
	instructions.addTextArea((t) => {
		t.setValue(cfg.instructions).onChange((v) => {
			cfg.instructions = v;
			ed.typed();
		});
		ed.register("instructions", instructions, t.inputEl);
	});

	const rule = family.temperature;
	const temp = new Setting(el).setName("Temperature");
	if (rule.kind === "user" || rule.kind === "with-effort-none") {
		const when = rule.kind === "with-effort-none" ? ` Sent only with reasoning effort none: ${family.label} refuses it with any other.` : "";
		temp.setDesc(`Randomness of the answer, ${rule.min} to ${rule.max}.${when}`).addText((t) => {
			t.setPlaceholder(String(rule.default)).setValue(String(cfg.temperature)).onChange((v) => {
				cfg.temperature = asTyped(v, /^\d+(\.\d+)?$/);
				ed.typed();
			});
			t.inputEl.setAttr("inputmode", "decimal");
			ed.register("temperature", temp, t.inputEl);
		});
	} else {
		const fixed = rule.kind === "send-one";
		temp.setDesc(fixed ? `Fixed at 1: ${family.label} accepts no other value, so the plugin always sends 1.` : `Not sent: ${family.label} rejects the temperature parameter.`);
		temp.controlEl.createSpan({ cls: "azure-reasoning-fixed-value", text: fixed ? "1" : "Not sent" });
		ed.register("temperature", temp, null);
	}
}

export function markdownField(el: HTMLElement, ed: FieldEditor, family: ModelFamily): void {
	if (!family.formattingPrefix) return;
	const cfg = ed.cfg;
	const markdown = new Setting(el)
		.setName("Markdown output")
		.setDesc(`${family.label} avoids Markdown unless asked: this starts the developer message with "Formatting re-enabled". Notes are Markdown.`);
	markdown.addToggle((t) => {
		t.setValue(cfg.markdown).onChange((v) => {
			cfg.markdown = v;
			ed.chosen("markdown");
		});
		ed.register("markdown", markdown, t.toggleEl.querySelector("input"));
	});
}
