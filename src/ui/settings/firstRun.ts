/**
 * The first run: with no deployment yet, the tab's first page leads through the five things a
 * deployment needs, as numbered settings (endpoint, deployment name, model family, key, test),
 * and once the test has answered, suggests the first command to try on a selection. The
 * deployment exists only once something is typed (nothing is saved for merely opening the tab);
 * everything else starts from the model family's defaults and is on the deployment's own page.
 */
import { Setting } from "obsidian";
import type { ModelFamily } from "../../core/families";
import { blankDeployment, type DeploymentConfig } from "../../core/settings";
import { deploymentNameField, endpointField, familyField } from "./deploymentFields";
import type { DeploymentEditor } from "./deploymentEditor";
import { freshId, type SettingsHost } from "./host";
import { keyFields } from "./keyField";

export interface SetupHooks {
	/** The first change: the deployment joins the settings (and becomes the default). */
	adopt(): void;
	/** "Done": the first page shows the deployments as usual. */
	done(): void;
	/** The deployment's own page, with every setting. */
	allSettings(): void;
	/** The command to suggest once the test answered, and what it does. */
	readonly firstCommand: string;
	readonly firstEffect: string;
}

/** What the tab keeps of a first run in progress: the deployment being set up, in the settings or not yet. */
export interface FirstRun {
	cfg: DeploymentConfig;
}

/** A first run to start: only when there is no deployment at all. */
export function startFirstRun(host: SettingsHost): FirstRun | null {
	return host.settings.deployments.length === 0 ? { cfg: blankDeployment(freshId("deployment", [])) } : null;
}

/** The hooks a first run's editor needs, from the tab. */
export function setupHooks(host: SettingsHost, run: FirstRun, leave: () => void): SetupHooks {
	const s = host.settings;
	const adopt = () => {
		if (s.deployments.includes(run.cfg)) return;
		s.deployments.push(run.cfg);
		s.defaultDeploymentId ??= run.cfg.id;
	};
	// A template named after the default one, when it is still there; else the command every vault has.
	const improve = s.templates.find((t) => t.id === "improve-writing");
	return {
		adopt,
		done: leave,
		allSettings: () => {
			adopt();
			void host.save();
			leave();
			host.go({ kind: "deployment", id: run.cfg.id });
		},
		firstCommand: `Azure Reasoning: ${improve ? improve.name : "Ask about selection"}`,
		firstEffect: improve?.output === "replace" ? "The answer replaces the selection; undo brings the text back." : "The answer is placed in the note.",
	};
}

export function setupPage(el: HTMLElement, ed: DeploymentEditor, family: ModelFamily | undefined, hooks: SetupHooks): void {
	new Setting(el).setName("Set up your first deployment").setHeading();
	new Setting(el).setDesc("Five steps connect the plugin to your deployment. Each is saved as you go; everything else starts from the model family's defaults.");
	endpointField(el, ed, "1. Endpoint");
	deploymentNameField(el, ed, "2. Deployment name");
	familyField(el, ed, family, "3. Model family");
	keyFields(el, ed, "4. Key");
	ed.test.render(el, "5. Test");
	if (ed.test.passed()) {
		new Setting(el)
			.setName("Try it")
			.setDesc(`Select a paragraph in a note, open the command palette and run "${hooks.firstCommand}". ${hooks.firstEffect}`)
			.addButton((b) => b.setButtonText("Done").setCta().onClick(() => hooks.done()));
	}
	new Setting(el)
		.setName("Other settings")
		.setDesc("Microsoft sign-in instead of a key, the answer's budget, reasoning effort, instructions: on the deployment's own page.")
		.addButton((b) => b.setButtonText("All settings of this deployment").onClick(() => hooks.allSettings()));
}
