/**
 * The key: the secret in Obsidian's secret storage that holds it (the settings file keeps only the
 * secret's name). While no chosen secret holds a key, a second row takes the key itself and stores
 * it in secret storage from the tab: under the chosen secret's name when that secret is missing on
 * this device, else under a new name made from the endpoint. The key is never shown or saved
 * anywhere else; it is stored by "Store key", Enter, or once the focus leaves the box, which is then emptied.
 */
import { Notice, SecretComponent, Setting } from "obsidian";
import { parseEndpoint } from "../../core/endpoint";
import type { FieldEditor } from "./deploymentFields";

/** Obsidian's secret ids: lowercase letters, digits and dashes. */
export function secretNameFor(endpoint: string, taken: readonly string[]): string {
	const parsed = parseEndpoint(endpoint);
	const resource = typeof parsed === "string" ? "" : (parsed.host.split(".")[0] ?? "");
	const slug = resource.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
	const base = slug === "" ? "azure-openai-key" : `azure-${slug}`;
	for (let n = 1; ; n++) {
		const name = n === 1 ? base : `${base}-${n}`;
		if (!taken.includes(name)) return name;
	}
}

function readable(ed: FieldEditor, name: string): boolean {
	try {
		return name !== "" && Boolean(ed.app.secretStorage.getSecret(name));
	} catch {
		return false;
	}
}

export function keyFields(el: HTMLElement, ed: FieldEditor, label = "Key"): void {
	const cfg = ed.cfg;
	const key = new Setting(el).setName(label).setDesc("The secret that holds the resource's key, in Obsidian's secret storage on this device. The settings file keeps only the secret's name.");
	key.addComponent((controlEl) => {
		const secret = new SecretComponent(ed.app, controlEl).setValue(cfg.secretName).onChange((v) => {
			cfg.secretName = v;
			ed.chosen("secretName");
		});
		ed.register("secretName", key, controlEl.querySelector<HTMLElement>("select, input, button"));
		return secret;
	});

	const current = cfg.secretName.trim();
	if (readable(ed, current)) return;
	const name = current !== "" ? current : secretNameFor(cfg.endpoint, ed.app.secretStorage.listSecrets());
	const store = new Setting(el)
		.setName("Paste the key")
		.setDesc(`KEY 1 or KEY 2 from Azure portal → your resource → Keys and Endpoint. It is stored in Obsidian's secret storage as "${name}", never in the settings file.`);
	let value = "";
	let input: HTMLInputElement | null = null;
	// `left`: the focus left the box (to the Test button, say): stored without redrawing under that click.
	const save = (left?: boolean) => {
		if (value.trim() === "") {
			new Notice("Paste the key first.");
			input?.focus();
			return;
		}
		// The endpoint may have been typed since the row was drawn: the name follows it.
		const target = cfg.secretName.trim() || secretNameFor(cfg.endpoint, ed.app.secretStorage.listSecrets());
		try {
			ed.app.secretStorage.setSecret(target, value.trim());
		} catch {
			new Notice(`Obsidian's secret storage refused the name "${target}".`);
			return;
		}
		if (input) input.value = "";
		if (left) {
			cfg.secretName = target;
			return ed.typed();
		}
		value = "";
		ed.set("secretName", { secretName: target });
	};
	store.addText((t) => {
		input = t.inputEl;
		t.inputEl.type = "password";
		t.inputEl.autocomplete = "off";
		t.setPlaceholder("Key").onChange((v) => {
			value = v;
		});
		t.inputEl.addEventListener("keydown", (ev) => {
			if (ev.key === "Enter") save();
		});
		// A pasted key is stored once the focus leaves the box, "Store key" pressed or not.
		t.inputEl.addEventListener("change", () => value.trim() && save(true));
	});
	store.addButton((b) => b.setButtonText("Store key").onClick(() => save()));
}
