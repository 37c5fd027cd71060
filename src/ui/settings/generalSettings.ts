/**
 * General settings: the default deployment, the folder for new notes, the request timeout, the
 * retries, and how many notes a batch of summaries sends at once. The timeout is checked as it
 * is typed; only a valid one is stored (the file holds a number), the text stays in the field.
 */
import { debounce, Setting } from "obsidian";
import { isAnswerFormat } from "../../core/answerFormat";
import { DEFAULT_BATCH_CONCURRENCY, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_SECONDS, MAX_BATCH_CONCURRENCY } from "../../core/settings";
import { deploymentTitle } from "./deploymentEditor";
import { findingsContainer, showFindings, type ShownFinding } from "./findings";
import { TYPING_DEBOUNCE_MS, type SettingsHost } from "./host";
import { FORMAT_LABELS } from "./templates";

const MAX_TIMEOUT = 24 * 3600;
/** Below this, a reasoning model that thinks hard is cut off. */
const SHORT_TIMEOUT = 120;

type TimeoutFinding = ShownFinding & { value?: number };

/** What is wrong with a typed timeout, and the number to store when it is usable. */
export function checkTimeout(text: string): { seconds: number | null; findings: TimeoutFinding[] } {
	const t = text.trim();
	const n = /^\d+$/.test(t) ? Number(t) : NaN;
	const fix = { label: `Use ${DEFAULT_TIMEOUT_SECONDS}`, value: DEFAULT_TIMEOUT_SECONDS };
	if (!Number.isInteger(n) || n < 1 || n > MAX_TIMEOUT) {
		return { seconds: null, findings: [{ severity: "error", message: `Enter a whole number of seconds from 1 to ${MAX_TIMEOUT.toLocaleString("en-US")}; the last valid one stays in use.`, fix, value: fix.value }] };
	}
	if (n < SHORT_TIMEOUT) {
		return { seconds: n, findings: [{ severity: "warning", message: `Reasoning models can think for minutes: with ${n} s, hard questions may time out.`, fix, value: fix.value }] };
	}
	return { seconds: n, findings: [] };
}

export function renderGeneralSettings(el: HTMLElement, host: SettingsHost): void {
	const s = host.settings;
	const saveSoon = debounce(() => void host.save(), TYPING_DEBOUNCE_MS, true);
	host.onLeave(() => {
		saveSoon.run();
	});
	new Setting(el).setName("General").setHeading();

	new Setting(el)
		.setName("Default deployment")
		.setDesc("The deployment commands use, unless a prompt template names another.")
		.addDropdown((d) => {
			if (s.deployments.length === 0) d.addOption("", "No deployment yet").setDisabled(true);
			for (const dep of s.deployments) d.addOption(dep.id, deploymentTitle(dep));
			const current = s.deployments.find((x) => x.id === s.defaultDeploymentId) ?? s.deployments[0];
			d.setValue(current?.id ?? "").onChange((v) => {
				s.defaultDeploymentId = v === "" ? null : v;
				void host.save();
			});
		});

	new Setting(el)
		.setName("Folder for new notes")
		.setDesc("Where answers go as new notes (and an answer whose place in the note is gone). Empty: the vault's root.")
		.addText((t) =>
			t
				.setPlaceholder("AI answers")
				.setValue(s.outputFolder)
				.onChange((v) => {
					s.outputFolder = v;
					saveSoon();
				}),
		);

	new Setting(el)
		.setName("Link summaries from their source")
		.setDesc("After a summary is written to a new note, add a link to it at the end of the note it summarizes.")
		.addToggle((t) =>
			t.setValue(s.linkSummaryInSource).onChange((v) => {
				s.linkSummaryInSource = v;
				void host.save();
			}),
		);

	new Setting(el)
		.setName("Reasoning summaries in the note")
		.setDesc("Write a reasoning summary as a folded callout just above an answer inserted below your text (never when the answer replaces it). Otherwise the notice offers it under show reasoning.")
		.addToggle((t) =>
			t.setValue(s.reasoningInNote).onChange((v) => {
				s.reasoningInNote = v;
				void host.save();
			}),
		);

	new Setting(el)
		.setName("Format of answers to questions")
		.setDesc("How ask about selection writes its answer below the selection. Each prompt template has its own format.")
		.addDropdown((d) => {
			for (const [format, label] of Object.entries(FORMAT_LABELS)) d.addOption(format, label);
			d.setValue(s.askFormat).onChange((v) => {
				s.askFormat = isAnswerFormat(v) ? v : "plain";
				void host.save();
			});
		});

	new Setting(el)
		.setName("Keep prompts in the history")
		.setDesc("The request history records every request (time, deployment, model, tokens, outcome) but not what was sent. Turn this on to keep each prompt too, note text included, so that run again can send it as it was.")
		.addToggle((t) =>
			t.setValue(s.keepPromptsInHistory).onChange((v) => {
				s.keepPromptsInHistory = v;
				void host.save();
			}),
		);

	const timeout = new Setting(el).setName("Request timeout").setDesc(`Seconds to wait for an answer. Reasoning models can think for minutes; the default is ${DEFAULT_TIMEOUT_SECONDS} s.`);
	const timeoutFindings = findingsContainer(timeout.infoEl);
	timeout.addText((t) => {
		const check = () => {
			const { seconds, findings } = checkTimeout(t.getValue());
			if (seconds !== null && seconds !== s.timeoutSeconds) {
				s.timeoutSeconds = seconds;
				void host.save();
			}
			showFindings(timeoutFindings, findings, (f) => {
				if (f.value === undefined) return;
				t.setValue(String(f.value));
				check();
				t.inputEl.focus();
			});
		};
		const checkSoon = debounce(check, TYPING_DEBOUNCE_MS, true);
		host.onLeave(() => {
			checkSoon.run();
		});
		t.setValue(String(s.timeoutSeconds)).onChange(() => checkSoon());
		t.inputEl.setAttr("inputmode", "numeric");
		check();
	});

	new Setting(el)
		.setName("Retries")
		.setDesc(`How often to try again after a rate limit (429) or a server error (5xx). Errors in the request are never retried. Default: ${DEFAULT_MAX_RETRIES}.`)
		.addDropdown((d) => {
			for (let n = 0; n <= 10; n++) d.addOption(String(n), n === 0 ? "None" : String(n));
			d.setValue(String(s.maxRetries)).onChange((v) => {
				s.maxRetries = Number(v);
				void host.save();
			});
		});

	new Setting(el)
		.setName("Notes summarized at once")
		.setDesc(`How many requests a batch of summaries (summarize a folder) sends at the same time. Halved while Azure answers 429 (rate limit), then raised again step by step. Default: ${DEFAULT_BATCH_CONCURRENCY}.`)
		.addDropdown((d) => {
			for (let n = 1; n <= MAX_BATCH_CONCURRENCY; n++) d.addOption(String(n), String(n));
			d.setValue(String(s.batchConcurrency)).onChange((v) => {
				s.batchConcurrency = Number(v);
				void host.save();
			});
		});
}
