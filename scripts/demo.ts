/**
 * `npm run demo`: the main job. Builds the plugin, starts the strict Azure emulator (or uses
 * a real deployment from AZURE_OPENAI_* variables), loads the BUILT main.js into the Obsidian
 * stand-in over a sample vault, runs one command on a note, and prints the note before and
 * after, any note the command wrote, and the request that was sent, with the key redacted.
 * Exits non-zero when the command failed, after printing the explanation the user would see.
 *
 * Commands that open a modal take its answer from a flag, or a default: the template picker
 * `--template NAME` (default "Improve the writing"), the question `--instruction TEXT`, the
 * deployment picker `--deployment NAME` (default: the one that is not the default yet). A
 * prompt too large for the model answers "Send the selection only"; the preview is printed.
 *
 *   npm run demo -- [--command ID] [--template NAME] [--instruction TEXT] [--deployment NAME]
 *                   [--note PATH] [--family FAMILY] [--api v1|VERSION]
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { AzureEmulator, type EmulatedFamily } from "../tests/support/azureEmulator";
import { ObsidianHost } from "../tests/support/host";
import { Modal, modalScript, modalWatchers, requestUrlLog, type ModalStep } from "../tests/support/obsidian";

const ROOT = resolve(__dirname, "..");
const FAMILIES = ["o1-preview", "o1-mini", "o1", "o3-mini", "o3", "o4-mini", "gpt-5", "chat"];
const SECRET = "azure-reasoning-demo-key";
/** A second emulated deployment, so that choose-deployment has a choice. */
const SECOND = { id: "demo-2", displayName: "Emulated o3-mini", deployment: "notes-o3-mini", family: "o3-mini" };

const USAGE = `Usage: npm run demo -- [--command ID] [--template NAME] [--instruction TEXT] [--deployment NAME]
                     [--note PATH] [--family FAMILY] [--api v1|VERSION] [--no-build]`;

/** The usage, and the command ids when known, for a flag or command the demo does not know. Exit code 2. */
function usage(problem: string, commandIds: readonly string[] = []): never {
	console.error(`${problem}\n\n${USAGE}`);
	if (commandIds.length > 0) console.error(`\nCommand ids: ${commandIds.join(", ")}`);
	process.exit(2);
}

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

function familyFromEnv(name: string): string {
	const n = name.trim().toLowerCase();
	if (n.startsWith("gpt-5")) return "gpt-5";
	if (n.startsWith("gpt-4") || n.startsWith("gpt-35")) return "chat";
	if (!FAMILIES.includes(n)) fail(`AZURE_OPENAI_MODEL_FAMILY must be one of ${FAMILIES.join(", ")} (or a gpt-5 / gpt-4 model name); got "${name}".`);
	return n;
}

function redactKey(text: string, key: string): string {
	return key.length >= 4 ? text.split(key).join("[redacted]") : text;
}

async function main(): Promise<void> {
	let parsed: ReturnType<typeof parseDemoArgs>;
	try {
		parsed = parseDemoArgs();
	} catch (e) {
		usage(e instanceof Error ? e.message : String(e), KNOWN_COMMANDS);
	}
	const { values } = parsed;
	await run(values);
}

/** The fixed command ids (src/ui/commands/index.ts); each prompt template adds template-<its id>. */
const KNOWN_COMMANDS = ["run-prompt-on-selection", "ask-about-selection", "summarize-note-to-new-note", "summarize-selection-to-new-note", "choose-deployment", "preview-request", "cancel-request", "template-<template id>"];

function parseDemoArgs() {
	return parseArgs({
		options: {
			command: { type: "string", default: "run-prompt-on-selection" },
			template: { type: "string", default: "Improve the writing" },
			instruction: { type: "string", default: "What could go wrong with this plan, and what should we check first?" },
			deployment: { type: "string" },
			note: { type: "string" },
			family: { type: "string", default: "o1" },
			api: { type: "string", default: "2025-04-01-preview" },
			"no-build": { type: "boolean", default: false },
		},
	});
}

async function run(values: ReturnType<typeof parseDemoArgs>["values"]): Promise<void> {

	if (!values["no-build"]) {
		console.log("Building main.js ...");
		execFileSync(process.execPath, ["esbuild.config.mjs", "production"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
	}

	const env = process.env;
	const real = Boolean(env.AZURE_OPENAI_ENDPOINT);
	let emulator: AzureEmulator | undefined;
	let endpoint: string;
	let key: string;
	let deployment: string;
	let family: string;
	let api: string;
	if (real) {
		const missing = ["AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT", "AZURE_OPENAI_MODEL_FAMILY", "AZURE_OPENAI_API_VERSION"].filter((k) => !env[k]);
		if (missing.length > 0) fail(`With AZURE_OPENAI_ENDPOINT set, also set ${missing.join(", ")}.`);
		endpoint = env.AZURE_OPENAI_ENDPOINT ?? "";
		key = env.AZURE_OPENAI_API_KEY ?? "";
		deployment = env.AZURE_OPENAI_DEPLOYMENT ?? "";
		family = familyFromEnv(env.AZURE_OPENAI_MODEL_FAMILY ?? "");
		api = env.AZURE_OPENAI_API_VERSION ?? "";
		console.log(`Using the real deployment ${deployment} (${family}) at ${endpoint}.`);
	} else {
		family = values.family ?? "o1";
		if (!FAMILIES.includes(family)) fail(`--family must be one of ${FAMILIES.join(", ")}.`);
		api = values.api ?? "2025-04-01-preview";
		key = "demo-key-0123456789abcdef";
		deployment = `notes-${family}`;
		emulator = await AzureEmulator.start({ apiKey: key, deployments: [{ name: deployment, family: family as EmulatedFamily }, { name: SECOND.deployment, family: "o3-mini" }] });
		endpoint = emulator.url;
		console.log(`Started the Azure emulator at ${endpoint} with deployments ${deployment} (${family}) and ${SECOND.deployment} (o3-mini).`);
	}

	const vaultDir = mkdtempSync(join(tmpdir(), "azure-reasoning-demo-"));
	cpSync(join(ROOT, "scripts", "sample-vault"), vaultDir, { recursive: true });
	let notePath = "Project kickoff.md";
	if (values.note) {
		notePath = basename(values.note);
		writeFileSync(join(vaultDir, notePath), readFileSync(resolve(values.note), "utf8"));
	}

	const isV1 = api.toLowerCase() === "v1";
	const settings = {
		version: 1,
		deployments: [
			{
				id: "demo",
				displayName: real ? deployment : `Emulated ${family}`,
				endpoint,
				apiStyle: isV1 ? "v1" : "dated",
				apiVersion: isV1 ? "2025-04-01-preview" : api,
				deployment,
				family,
				secretName: SECRET,
				maxCompletionTokens: 25_000,
				reasoningEffort: "",
				instructions: "You are a careful editor. Keep the author's voice.",
				markdown: true,
				temperature: 1,
			},
			...(emulator ? [{ ...SECOND, endpoint, secretName: SECRET, apiStyle: "dated", apiVersion: "2025-04-01-preview", maxCompletionTokens: 25_000, reasoningEffort: "", instructions: "", markdown: true, temperature: 1 }] : []),
		],
		defaultDeploymentId: "demo",
	};

	const host = ObsidianHost.create({ vaultDir, secrets: { [SECRET]: key }, pluginData: settings });
	const command = values.command ?? "run-prompt-on-selection";
	playTheUser(values);
	let exitCode = 0;
	let unknownCommand: string[] | null = null;
	try {
		await host.loadMainJs(join(ROOT, "main.js"), join(ROOT, "manifest.json"));
		const ids = host.commands().map((id) => id.slice(id.indexOf(":") + 1));
		if (!ids.includes(command)) {
			unknownCommand = ids;
			return;
		}
		const before = host.readNote(notePath);
		const notesBefore = new Set(host.standInApp.vault.getMarkdownFiles().map((f) => f.path));
		host.openNote(notePath, { selection: "all" });
		const logStart = requestUrlLog.length;
		console.log(`\nRunning ${command} on ${notePath} ...`);
		let outcome: Outcome | undefined;
		if (command === "cancel-request") {
			outcome = await runAndCancel(host, emulator);
		} else {
			outcome = (await host.runCommand(command)) as Outcome | undefined;
		}
		host.flush();
		const after = host.readNote(notePath);

		console.log("\n--- note before ---\n" + before);
		console.log("--- note after ---\n" + after);
		for (const f of host.standInApp.vault.getMarkdownFiles()) {
			if (!notesBefore.has(f.path)) console.log(`--- new note: ${f.path} ---\n${host.readNote(f.path)}`);
		}
		if (command === "choose-deployment") console.log(`--- default deployment now: ${String((host.plugin as unknown as { settings: { defaultDeploymentId: unknown } }).settings.defaultDeploymentId)} ---`);
		const sent = emulator
			? emulator.requests.map((r) => ({
					request: `${r.method} ${endpoint}${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : ""}`,
					headers: r.headers,
					body: r.body,
					answered: r.status,
				}))
			: requestUrlLog.slice(logStart).map((r) => ({ request: `${r.method} ${r.url}`, headers: r.headers, body: r.body ? (JSON.parse(r.body) as unknown) : undefined }));
		console.log(`--- request${sent.length === 1 ? "" : "s"} sent (${sent.length}) ---`);
		console.log(redactKey(JSON.stringify(sent, null, 2), key));
		const notices = host.notices();
		console.log("--- notices ---\n" + notices.map((n) => redactKey(n, key)).join("\n"));
		if (outcome?.ok === false) {
			exitCode = 1;
			console.error(`\nThe command failed: ${redactKey(outcome.message ?? "", key)}`);
		}
	} finally {
		await host.dispose();
		await emulator?.close();
		rmSync(vaultDir, { recursive: true, force: true });
		if (unknownCommand) usage(`There is no command "${command}".`, unknownCommand);
	}
	process.exit(exitCode);
}

type Outcome = { ok?: boolean; message?: string };

/**
 * Plays the user of every modal the commands open: prints it, then answers it from the flags
 * (or the defaults), unless a step was already queued for it.
 */
function playTheUser(values: { template?: string; instruction?: string; deployment?: string }): void {
	modalWatchers.push((modal: Modal) => {
		const cls = (name: string) => modal.modalEl.hasClass(name);
		const title = modal.titleEl.textContent;
		if (title) console.log(`\n[modal] ${title}\n${modal.contentEl.textContent ? `${modal.contentEl.children.map((c) => c.textContent).join("\n")}\n` : ""}`);
		if (modalScript.length > 0) return;
		let step: ModalStep | null = null;
		if (cls("azure-reasoning-template-picker")) step = { choose: values.template ?? "Improve the writing" };
		else if (cls("azure-reasoning-deployment-picker")) step = { choose: values.deployment ?? /^(?!.*\(default\))/ };
		else if (cls("azure-reasoning-request-picker")) step = { choose: /./ };
		else if (cls("azure-reasoning-ask")) step = { type: values.instruction ?? "", click: "Ask" };
		else if (cls("azure-reasoning-too-large")) step = { click: modal.buttonLabels().includes("Send the selection only") ? "Send the selection only" : "Cancel" };
		else if (cls("azure-reasoning-preview")) step = { click: "Close" };
		if (step) {
			console.log(`[the user] ${JSON.stringify(step, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))}`);
			modalScript.push(step);
		}
	});
}

/** cancel-request needs a request to cancel: starts one (the emulator holds its answer back), then cancels it. */
async function runAndCancel(host: ObsidianHost, emulator: AzureEmulator | undefined): Promise<Outcome> {
	emulator?.script({ delayMs: 30_000, content: "This answer is never inserted." });
	const running = host.runCommand("run-prompt-on-selection") as Promise<Outcome | undefined>;
	const plugin = host.plugin as unknown as { requests: { running: unknown[] } };
	const deadline = Date.now() + 10_000;
	while (plugin.requests.running.length === 0 || (emulator && emulator.requests.length === 0)) {
		if (Date.now() > deadline) return { ok: false, message: "The request to cancel did not start." };
		await new Promise((r) => setTimeout(r, 10));
	}
	await new Promise((r) => setTimeout(r, 500));
	console.log(`[status bar] ${host.standInApp.standIn.statusBarEl.textContent}`);
	console.log("Running cancel-request ...");
	await host.runCommand("cancel-request");
	const cancelled = await running;
	console.log(`The request ended: ${cancelled?.message ?? ""}`);
	return { ok: cancelled?.ok === false, message: cancelled?.ok === false ? "cancelled" : "The request was not cancelled." };
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.stack : String(err));
	process.exit(1);
});
