// The screens rendered in Chromium, each drawn by the plugin's own code (settings tab, modals,
// progress) against the page's `obsidian` stand-in. A screen returns the elements it is checked
// within: the settings pane, the modal, the notice or the status bar.
import { prepare } from "../../../src/azure/runPrompt";
import { getFamily } from "../../../src/core/families";
import { DEFAULT_TEMPLATES } from "../../../src/core/prompt";
import { defaultSettings, newDeployment, type DeploymentConfig, type PluginSettings } from "../../../src/core/settings";
import { budgetThatFits, checkContext, describeOverflow, formatCount } from "../../../src/core/tokens";
import { validateDeployment } from "../../../src/core/validate";
import { explainFailure, type Failure } from "../../../src/core/errors";
import { showNotice } from "../../../src/ui/commands/notify";
import { recordRequest } from "../../../src/ui/commands/preview";
import { tooLargeQuestion } from "../../../src/ui/commands/send";
import { askInstruction } from "../../../src/ui/modals/ask";
import { askChoice } from "../../../src/ui/modals/choice";
import { pickDeployment, pickRequest, pickTemplate } from "../../../src/ui/modals/pickers";
import { promptSections, showPreview } from "../../../src/ui/modals/preview";
import { showReasoning } from "../../../src/ui/modals/reasoning";
import { openWhileLoaded } from "../../../src/ui/modals/lifetime";
import { SignInModal } from "../../../src/ui/modals/signIn";
import { RequestTracker } from "../../../src/ui/progress";
import { AzureReasoningSettingTab } from "../../../src/ui/settingsTab";
import { previewText, redactRequest } from "../../../src/core/preview";
import { renderTemplate } from "../../../src/core/prompt";
import { EntraSessions } from "../../../src/azure/entraClient";
import { Platform, requestUrl } from "./obsidian";
import { HistoryPanel } from "../../../src/ui/history/historyPanel";
import type { HistoryEntry } from "../../../src/core/historyEntry";

/** A month of requests on two deployments, for the history view: answers, a failure, a cancel, a late answer. */
function sampleHistory(now: Date): HistoryEntry[] {
	const out: HistoryEntry[] = [];
	const base = { operation: "responses" as const, destination: { kind: "below" as const, path: "Projects/Quarterly planning.md" } };
	for (let d = 27; d >= 0; d -= d % 3 === 0 ? 2 : 1) {
		const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - d, 10);
		const reasoning = 400 + ((d * 137) % 2200);
		out.push({ ...base, time: day.toISOString(), command: "template-improve-writing", template: "Improve the writing", deploymentId: "work", deployment: "Work o4-mini", model: "o4-mini-2025-04-16", durationMs: 8_000 + d * 300, promptTokens: 300 + d * 20, completionTokens: reasoning + 350, reasoningTokens: reasoning, outcome: "answered" });
		if (d % 4 === 0) out.push({ ...base, time: new Date(day.getTime() + 3_600_000).toISOString(), command: "summarize-note-to-new-note", deploymentId: "team", deployment: "Team gpt-5 (Entra ID)", model: "gpt-5-2025-08-07", durationMs: 41_000, promptTokens: 2_400, completionTokens: 5_100, reasoningTokens: 4_300, outcome: "answered", destination: { kind: "new-note", path: "AI answers/Launch review (summary).md" } });
	}
	const last = new Date(now.getTime() - 600_000).toISOString();
	out.push({ ...base, time: last, command: "ask-about-selection", deploymentId: "work", deployment: "Work o4-mini", model: "", durationMs: 1_200, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, outcome: "failed", error: "Azure refused the key (HTTP 401).", destination: { kind: "none", path: "" } });
	out.push({ ...base, time: last, command: "summarize-selection-to-new-note", deploymentId: "team", deployment: "Team gpt-5 (Entra ID)", model: "", durationMs: 3_000, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, outcome: "cancelled", destination: { kind: "none", path: "" } });
	out.push({ ...base, time: last, command: "ask-about-selection", deploymentId: "team", deployment: "Team gpt-5 (Entra ID)", model: "gpt-5-2025-08-07", durationMs: 640_000, promptTokens: 900, completionTokens: 12_000, reasoningTokens: 11_000, outcome: "late", destination: { kind: "kept-note", path: "AI answers/Note (late answer).md" }, prompt: "What are the risks?" });
	return out;
}
import { batchStartScreen, batchProgressScreen } from "./batchScreens";
import { DEPLOYMENT_PAGE_SCREENS } from "./deploymentScreens";

export interface PageConfig {
	/** The Entra ID emulator's address (loopback), used as the sign-in authority. */
	entraUrl: string;
	tenant: string;
	clientId: string;
	/** The Azure emulator's address (loopback): deployments o4-mini and secretly-o3-mini, key KEY. */
	azureUrl: string;
}

export const KEY = "sk-demo-0123456789abcdef";
const NOTE = "Our quarterly planning meeting agreed to move the launch of the customer portal to the second week of May, after the security review. Marketing will prepare the announcement; support needs the new FAQ by the end of April.";

function settingsFor(cfg: PageConfig): PluginSettings {
	const ready: DeploymentConfig = { ...newDeployment("work", "o4-mini"), displayName: "Work o4-mini", endpoint: "https://contoso-ai.openai.azure.com", deployment: "o4-mini", secretName: "azure-contoso" };
	const broken: DeploymentConfig = {
		...newDeployment("personal", "o3-mini"),
		displayName: "Personal o3-mini",
		endpoint: "http://contoso-eu.openai.azure.com/openai/deployments/o3-mini/chat/completions?api-version=2024-02-01",
		apiStyle: "dated",
		apiVersion: "2024-02-01",
		deployment: " o3-mini ",
		secretName: "azure-personal",
		maxCompletionTokens: "500",
	};
	const entra: DeploymentConfig = { ...newDeployment("team", "gpt-5"), displayName: "Team gpt-5 (Entra ID)", endpoint: "https://team-ai.openai.azure.com", deployment: "gpt-5", auth: "entra", tenant: cfg.tenant, clientId: cfg.clientId, authorityHost: cfg.entraUrl };
	const templates = [...DEFAULT_TEMPLATES.map((t) => ({ ...t })), { id: "template-french", name: "Translate to French", text: "Translate {{selectoin}} into French. Keep the Markdown.", output: "below" as const, deploymentId: "work" }];
	return { ...defaultSettings(), deployments: [ready, broken, entra], defaultDeploymentId: "work", templates };
}

/** Ends with the screen: its modals close (the plugin's lifetime, as on unload). */
let lifetime = new AbortController();

/** What a modal needs: an app (unused by the modals) and the lifetime that closes it. */
const modalHost = () => ({ app: {}, services: { lifetime: lifetime.signal } }) as never;

/** What the settings tab and the modals need of the plugin and the app. */
function standIns(settings: PluginSettings) {
	const secrets = new Map<string, string>([["azure-contoso", KEY]]);
	const secretStorage = { getSecret: (n: string) => secrets.get(n) ?? null, setSecret: (n: string, v: string) => void secrets.set(n, v), listSecrets: () => [...secrets.keys()] };
	const app = { secretStorage };
	const statusBar = createDiv("status-bar");
	const services = { lifetime: lifetime.signal, entra: new EntraSessions({ requestUrl, store: secretStorage }) };
	const plugin = {
		app,
		services,
		settings,
		loadReport: null as null | { problems: string[]; backupPath: string | null },
		manifest: { id: "azure-reasoning" },
		saveSettings: () => Promise.resolve(),
		register: () => {},
		addStatusBarItem: () => statusBar.createDiv("status-bar-item plugin-azure-reasoning"),
	};
	return { app, plugin, statusBar };
}

export type Screen = (cfg: PageConfig) => Promise<HTMLElement[]>;

/** Resolves when `find()` returns an element (watched with a MutationObserver, not a timer loop). */
export function appears<T extends Element>(find: () => T | null, what: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const now = find();
		if (now) return resolve(now);
		const timer = window.setTimeout(() => {
			observer.disconnect();
			reject(new Error(`${what} did not appear`));
		}, 10_000);
		const observer = new MutationObserver(() => {
			const el = find();
			if (el) {
				observer.disconnect();
				window.clearTimeout(timer);
				resolve(el);
			}
		});
		observer.observe(document.body, { childList: true, subtree: true, characterData: true });
	});
}

const cleanups: (() => void)[] = [];

/** Takes the previous screen away: its modals, the tab, the notices, the status bar. */
export function reset(): void {
	for (const c of cleanups.splice(0)) c();
	lifetime.abort();
	lifetime = new AbortController();
	Platform.isMobile = false;
	Platform.isDesktop = true;
	document.body.empty();
}

/** The settings window: Obsidian's modal with the tab list on the left (desktop) and the plugin's pane. */
export function settingsTab(cfg: PageConfig, edit?: (s: PluginSettings) => void) {
	const settings = settingsFor(cfg);
	edit?.(settings);
	const { plugin } = standIns(settings);
	const tab = new AzureReasoningSettingTab(plugin as never, plugin as never);
	const frame = document.body.createDiv("modal mod-settings");
	const content = frame.createDiv("modal-content vertical-tabs-container");
	content.createDiv("vertical-tab-header").createDiv({ cls: "vertical-tab-nav-item is-active", text: "Azure Reasoning" });
	content.createDiv("vertical-tab-content-container").appendChild(tab.containerEl);
	cleanups.push(() => tab.hide());
	return { tab, plugin, root: tab.containerEl };
}

export function button(root: HTMLElement, row: string, label: string): HTMLButtonElement {
	const item = [...root.querySelectorAll(".setting-item")].find((r) => r.querySelector(".setting-item-name")?.textContent === row);
	const b = [...(item?.querySelectorAll("button") ?? [])].find((x) => x.textContent === label);
	if (!b) throw new Error(`No button "${label}" in the row "${row}"`);
	return b;
}

function modalRoot(cls: string): Promise<HTMLElement> {
	return appears(() => document.querySelector<HTMLElement>(`.modal.${cls}`), `The modal .${cls}`);
}

/** The preview command's own steps (src/ui/commands/preview.ts): prepare, capture at the client, redact; then the modal. */
async function previewModal(cfg: PageConfig): Promise<HTMLElement> {
	// The preview command's own steps (src/ui/commands/preview.ts): prepare, capture at the client, redact.
	const config = settingsFor(cfg).deployments[0]!;
	const template = DEFAULT_TEMPLATES[0]!;
	const prepared = prepare({ config, apiKey: KEY, prompt: renderTemplate(template.text, { selection: NOTE, note: NOTE, title: "Quarterly planning" }) });
	if (!prepared.ok) throw new Error(`prepare failed: ${JSON.stringify(prepared.failure)}`);
	const captured = await recordRequest(prepared.deployment, prepared.built, KEY, 60_000);
	if (!captured) throw new Error("Nothing was captured");
	const check = checkContext(prepared.built.promptParts, prepared.deployment.family.contextWindow, prepared.built.maxOutputTokens);
	const summary = [`"${template.name}" on Quarterly planning, to ${prepared.deployment.displayName} (${prepared.deployment.family.label}).`, `The prompt is about ${formatCount(check.promptTokens)} tokens (an estimate); ${formatCount(check.available)} fit beside the answer's ${formatCount(check.reserved)}.`];
	void showPreview(modalHost(), { summary, parts: promptSections(prepared.built.promptParts), request: previewText(redactRequest(captured, [KEY])) });
	return modalRoot("azure-reasoning-preview");
}

export const SCREENS: Record<string, Screen> = {
	...DEPLOYMENT_PAGE_SCREENS,
	"settings-overview": async (cfg) => {
		const { tab, root } = settingsTab(cfg);
		tab.display();
		return [root];
	},
	"settings-overview-load-report": async (cfg) => {
		const { tab, plugin, root } = settingsTab(cfg);
		plugin.loadReport = { problems: ["deployments[1].family: \"o5\" is not a model family; the deployment was kept with family o1.", "timeoutSeconds: -3 is not a number of seconds; the default (600) is used."], backupPath: ".obsidian/plugins/azure-reasoning/data.json.bak-2026-05-01" };
		tab.display();
		return [root];
	},
	"settings-overview-confirm-remove": async (cfg) => {
		const { tab, root } = settingsTab(cfg);
		tab.display();
		button(root, "Personal o3-mini", "Remove").click();
		return [root];
	},
	"settings-deployment-findings": async (cfg) => {
		const { tab, root } = settingsTab(cfg);
		tab.show({ kind: "deployment", id: "personal" });
		if (root.querySelectorAll(".azure-reasoning-fix").length < 3) throw new Error("The broken deployment shows fewer than 3 fix buttons");
		return [root];
	},
	"settings-deployment-ready": async (cfg) => {
		const { tab, root } = settingsTab(cfg);
		if (!validateDeployment(settingsFor(cfg).deployments[0]!, { secretAvailable: true }).ready) throw new Error("The ready deployment does not validate");
		tab.show({ kind: "deployment", id: "work" });
		return [root];
	},
	"settings-entra-device-code": async (cfg) => {
		const { tab, root } = settingsTab(cfg);
		tab.show({ kind: "deployment", id: "team" });
		button(root, "Microsoft account", "Sign in with Microsoft").click();
		await appears(() => root.querySelector(".azure-reasoning-entra-code"), "The device code");
		cleanups.push(() => [...root.querySelectorAll("button")].find((b) => b.textContent === "Cancel")?.click());
		return [root];
	},
	"settings-template": async (cfg) => {
		const { tab, root } = settingsTab(cfg);
		tab.show({ kind: "template", id: "template-french" });
		return [root];
	},
	"modal-template-picker": async (cfg) => {
		void pickTemplate(modalHost(), settingsFor(cfg).templates);
		return [await modalRoot("azure-reasoning-template-picker")];
	},
	"modal-ask": async () => {
		void askInstruction(modalHost(), NOTE);
		return [await modalRoot("azure-reasoning-ask")];
	},
	"modal-choose-deployment": async (cfg) => {
		void pickDeployment(modalHost(), settingsFor(cfg).deployments, "work");
		return [await modalRoot("azure-reasoning-deployment-picker")];
	},
	"modal-preview-request": async (cfg) => [await previewModal(cfg)],
	"modal-preview-request-raw": async (cfg) => {
		// The raw request unfolded: the address, the SDK's headers and the JSON body wrap inside the modal.
		const modal = await previewModal(cfg);
		const details = modal.querySelector("details");
		if (!details) throw new Error("The raw request is not in a <details>");
		details.open = true;
		return [modal];
	},
	"modal-show-reasoning": async () => {
		// What "Show reasoning" opens for an answer placed in the note (a summary as the Responses API gives one).
		const summary = [
			"**Weighing the launch date**",
			"",
			"The note lists two blockers for Friday: the migration script and the sign-off from legal. The migration has a fallback, the sign-off does not, so I treated the legal review as the deciding factor and kept the rest of the wording as it was.",
		].join("\n");
		showReasoning(modalHost(), "Reasoning summary (gpt-5.1-2025-11-13)", summary);
		return [await modalRoot("azure-reasoning-reasoning")];
	},
	"modal-cancel-picker": async () => {
		const { plugin } = standIns(defaultSettings());
		const tracker = new RequestTracker(plugin as never, 0);
		cleanups.push(() => tracker.dispose());
		tracker.start({ deployment: "Work o4-mini", what: "Improve the writing", notePath: "Projects/Quarterly planning.md" });
		tracker.start({ deployment: "Team gpt-5 (Entra ID)", what: "Summary", notePath: "Meetings/2026-04-30 Customer portal launch review.md" });
		void pickRequest(modalHost(), tracker.running);
		return [await modalRoot("azure-reasoning-request-picker")];
	},
	"modal-too-large": async () => {
		// send.ts's own question, with a real overflow from core/tokens: the whole note (about 190,000 tokens) beside o4-mini's answer budget.
		const family = getFamily("o4-mini");
		const check = checkContext([{ content: "x".repeat(690_000) }], family.contextWindow, family.defaultMaxCompletionTokens);
		const offer = { selectionOnly: true, budget: budgetThatFits(check, 16), reasoning: family.reasoning };
		if (offer.budget === null) throw new Error("No smaller budget fits: the screen would not show the offer");
		void askChoice(modalHost(), tooLargeQuestion(describeOverflow(check, family.label), offer, check.reserved));
		return [await modalRoot("azure-reasoning-too-large")];
	},
	"modal-sign-in": async () => {
		// What "Sign in with Microsoft" (src/ui/commands/signIn.ts) shows while the plugin polls.
		const modal = new SignInModal({} as never, "Team gpt-5 (Entra ID)");
		openWhileLoaded(modal, modalHost());
		modal.showCode({ deviceCode: "-", userCode: "ABCD1EFG", verificationUri: "https://microsoft.com/devicelogin", expiresInS: 900, intervalS: 5 });
		modal.setStatus("Waiting for you to sign in in the browser…");
		return [await modalRoot("azure-reasoning-sign-in")];
	},
	"notice-with-actions": async () => {
		showNotice("The answer to \"Summarize\" arrived after the timeout; it is in AI answers/Quarterly planning (late answer).md. Raise the request timeout to have answers land in place.", 0, [{ label: "Open", run: () => {} }]);
		return [await appears(() => document.querySelector<HTMLElement>(".notice-container"), "The notice")];
	},
	"notice-failure-actions": async (cfg) => {
		// A failure a setting explains: its one-click fix and Open settings, on a row under the text (notify.ts's tellFailure).
		const failure = { kind: "no-answer", outcome: { kind: "budget-exhausted", maxCompletionTokens: 1_000, completion: { text: "", finishReason: "length", model: "o4-mini", usage: { promptTokens: 40, completionTokens: 1_000, reasoningTokens: 1_000, totalTokens: 1_040 }, outputFiltered: [], refusal: null, reasoningSummary: null } } } satisfies Failure;
		const e = explainFailure(failure, settingsFor(cfg).deployments[0]);
		showNotice(`${e.title} ${e.detail}`, 0, [...(e.fix ? [{ label: e.fix.label, run: () => {} }] : []), { label: "Open settings", run: () => {} }]);
		return [await appears(() => document.querySelector<HTMLElement>(".notice-container"), "The notice")];
	},
	"history-view": async () => {
		// The "Request history" view as the right sidebar holds it: filters, the usage chart, the requests.
		const leaf = document.body.createDiv("workspace-leaf-content");
		const now = new Date();
		const entries = sampleHistory(now);
		const panel = new HistoryPanel(leaf.createDiv("view-content"), { all: () => entries, status: () => "" }, { noteExists: () => true, open: () => {}, runAgain: () => {}, exportCsv: () => {}, handler: (_l, run) => () => void run() }, () => now);
		panel.render();
		return [leaf];
	},
	"modal-batch-start": () => batchStartScreen(modalHost(), modalRoot),
	"modal-batch-progress-running": () => batchProgressScreen(modalHost(), modalRoot, "running"),
	"modal-batch-progress-failures": () => batchProgressScreen(modalHost(), modalRoot, "failures"),
	"progress-status-bar": async () => {
		const { plugin, statusBar } = standIns(defaultSettings());
		document.body.appendChild(statusBar);
		const tracker = new RequestTracker(plugin as never, 0);
		cleanups.push(() => tracker.dispose());
		const first = tracker.start({ deployment: "Work o4-mini", what: "Improve the writing", notePath: "Projects/Quarterly planning.md" });
		first.status = "retrying in 4 s after HTTP 429";
		tracker.start({ deployment: "Team gpt-5 (Entra ID)", what: "Summary", notePath: "Meetings/Launch review.md" });
		return [statusBar];
	},
	"progress-mobile-notice": async () => {
		Platform.isMobile = true;
		Platform.isDesktop = false;
		const { plugin } = standIns(defaultSettings());
		const tracker = new RequestTracker(plugin as never, 0);
		cleanups.push(() => tracker.dispose());
		tracker.start({ deployment: "Work o4-mini", what: "Improve the writing", notePath: "Projects/Quarterly planning.md" });
		return [await appears(() => document.querySelector<HTMLElement>(".notice-container"), "The progress notice")];
	},
};

/** Screens that exist only on one kind of device: no status bar on phones, the notice only there. */
export const ONLY_AT: Partial<Record<string, "desktop" | "phone">> = { "progress-status-bar": "desktop", "progress-mobile-notice": "phone" };

