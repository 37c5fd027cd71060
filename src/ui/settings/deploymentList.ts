/**
 * The deployments on the tab's first page: each with its status first (ready, or how many problems
 * it has, in words and colour), then its family and endpoint host; add, edit, duplicate, remove
 * (after a confirmation in place) and choose the default. The buttons sit on their own line under
 * the name (styles.css), so they never squeeze it and stay on a phone's screen; each says which
 * deployment it acts on to a screen reader.
 */
import { Setting, type ButtonComponent } from "obsidian";
import { parseEndpoint } from "../../core/endpoint";
import { getFamily, isFamilyId } from "../../core/families";
import { blankDeployment, type DeploymentConfig } from "../../core/settings";
import { validateDeployment } from "../../core/validate";
import { deploymentTitle, statusText } from "./deploymentEditor";
import { freshId, type SettingsHost } from "./host";

export interface ListState {
	/** The deployment whose removal waits for a confirmation. */
	confirmingRemoval: string | null;
}

function hostOf(endpoint: string): string {
	const parsed = parseEndpoint(endpoint);
	return typeof parsed === "string" ? "no endpoint" : parsed.host;
}

/** The row's description: the status as a coloured badge (with its words), then the family and the host. */
function describe(host: SettingsHost, d: DeploymentConfig, desc: HTMLElement): void {
	const family = isFamilyId(d.family) ? getFamily(d.family).label : "no model family";
	const name = d.secretName.trim();
	const result = validateDeployment(d, name === "" ? {} : { secretAvailable: Boolean(host.readSecret(name)) });
	const state = result.ready ? (result.findings.length > 0 ? "is-warning" : "is-ready") : "is-error";
	desc.empty();
	desc.createSpan({ cls: ["azure-reasoning-deployment-status", state], text: statusText(result) });
	desc.appendText(" ");
	desc.createSpan({ text: `${family} · ${hostOf(d.endpoint)}` });
}

/** A button's accessible name: its visible words first, then the deployment it acts on. */
function named(b: ButtonComponent, label: string, name: string): void {
	b.buttonEl.setAttr("aria-label", name);
	b.setButtonText(label);
}

export function removeDeployment(host: SettingsHost, id: string): void {
	const s = host.settings;
	if (s.deployments.find((d) => d.id === id)?.auth === "entra") host.forgetEntraSignIn?.(id);
	s.deployments = s.deployments.filter((d) => d.id !== id);
	if (s.defaultDeploymentId === id) s.defaultDeploymentId = s.deployments[0]?.id ?? null;
	for (const t of s.templates) if (t.deploymentId === id) t.deploymentId = null;
}

export function renderDeploymentList(el: HTMLElement, host: SettingsHost, state: ListState, redraw: (focus?: string) => void): void {
	const s = host.settings;
	new Setting(el)
		.setName("Deployments")
		.setDesc(s.deployments.length === 0 ? "No deployment yet. Add one: its endpoint, deployment name, model family and key." : "Commands use the default deployment unless a prompt template names another.")
		.addButton((b) =>
			b
				.setButtonText("Add deployment")
				.setCta()
				.onClick(() => {
					const d = blankDeployment(freshId("deployment", s.deployments));
					s.deployments.push(d);
					s.defaultDeploymentId ??= d.id;
					void host.save();
					host.go({ kind: "deployment", id: d.id, focus: "endpoint" });
				}),
		);

	const active = s.deployments.find((d) => d.id === s.defaultDeploymentId) ?? s.deployments[0];
	s.deployments.forEach((d, i) => {
		const title = deploymentTitle(d);
		const row = new Setting(el).setClass("azure-reasoning-deployment").setName(d === active ? `${title} (default)` : title);
		if (state.confirmingRemoval === d.id) {
			row.setDesc(d.auth === "entra" ? `Remove "${title}"? Its settings are deleted, and its Microsoft sign-in is forgotten on this device.` : `Remove "${title}"? Its settings are deleted; its key stays in secret storage.`)
				.addButton((b) =>
					b
						.setButtonText("Remove")
						.then((c) => c.buttonEl.setAttr("aria-label", `Remove deployment ${title}`))
						.onClick(() => {
							state.confirmingRemoval = null;
							removeDeployment(host, d.id);
							void host.save();
							redraw();
						})
						.then((c) => c.buttonEl.addClass("mod-warning")),
				)
				.addButton((b) => {
					b.setButtonText("Cancel").onClick(() => {
						state.confirmingRemoval = null;
						redraw(`edit:${d.id}`);
					});
					b.buttonEl.setAttr("data-focus", `cancel:${d.id}`);
				});
			return;
		}
		describe(host, d, row.descEl);
		row.addButton((b) => {
			named(b, "Edit", `Edit deployment ${title}`);
			b.onClick(() => host.go({ kind: "deployment", id: d.id }));
			b.buttonEl.setAttr("data-focus", `edit:${d.id}`);
		}).addButton((b) => {
			named(b, "Duplicate", `Duplicate deployment ${title}`);
			b.onClick(() => {
				const copy: DeploymentConfig = { ...d, id: freshId("deployment", s.deployments), displayName: `${title} (copy)` };
				s.deployments.splice(i + 1, 0, copy);
				void host.save();
				redraw(`edit:${copy.id}`);
			});
		});
		if (d !== active) {
			row.addButton((b) => {
				named(b, "Make default", `Make default: deployment ${title}`);
				b.onClick(() => {
					s.defaultDeploymentId = d.id;
					void host.save();
					redraw(`edit:${d.id}`);
				});
			});
		}
		row.addButton((b) => {
			named(b, "Remove", `Remove deployment ${title}`);
			b.onClick(() => {
				state.confirmingRemoval = d.id;
				redraw(`cancel:${d.id}`);
			});
		});
	});
}
