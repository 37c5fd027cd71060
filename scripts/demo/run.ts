/**
 * One run of `npm run demo`: checks the deployment (target.ts) and where to run (vault.ts), starts
 * the strict Azure emulator as a separate process unless AZURE_OPENAI_ENDPOINT names a real one,
 * loads the BUILT main.js into the Obsidian stand-in over a copy of the sample vault (or, with
 * --vault DIR, over DIR itself, guarded), runs one command on a note (or the batch on --folder:
 * folder.ts), and prints the note before and after and any note the command wrote (with --vault:
 * every note created, and a diff of every note changed), the operation and the requests sent (URL
 * and body, the key redacted), the notices, and the request history's new entries (history.ts).
 * Returns the exit code: 0, 1 when the command failed (after the explanation the user would see)
 * or tried to delete, move or overwrite a file of DIR's, 2 for a refused configuration.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { newDeployment } from "../../src/core/settings";
import { EmulatorProcess } from "../../tests/support/emulatorProcess";
import { ObsidianHost } from "../../tests/support/host";
import { requestUrlLog } from "../../tests/support/obsidian";
import { FOLDER_COMMAND, notInThisBuild, runFolderCommand } from "./folder";
import { HISTORY_FILE, historyLines, historyReport } from "./history";
import { signIn, type Sleep } from "./signIn";
import { DemoRefusal, describe, EMULATED_CLIENT_ID, EMULATED_MODELS, EMULATED_TENANT, resolveTarget, targetLine, type TargetFlags } from "./target";
import { playTheUser, runAndCancel, type DemoIo, type Outcome } from "./user";
import { changesReport, configDirFor, resolvePlace, snapshot, type DemoPlace } from "./vault";

const ROOT = resolve(__dirname, "../..");

export const USAGE = `Usage: npm run demo -- [--command ID] [--template NAME] [--instruction TEXT] [--deployment NAME]
                     [--note PATH] [--family MODEL|FAMILY] [--api v1|VERSION]
                     [--operation responses|chat-completions] [--effort EFFORT]
                     [--summary off|auto|concise|detailed] [--verbosity low|medium|high]
                     [--auth key|entra] [--repeat N] [--no-build]
                     [--vault DIR --note PATH_IN_DIR] [--vault DIR --folder PATH_IN_DIR]`;

/** The fixed command ids (src/ui/commands/index.ts); each prompt template adds template-<its id>. */
export const KNOWN_COMMANDS = ["run-prompt-on-selection", "ask-about-selection", "summarize-note-to-new-note", "summarize-selection-to-new-note", "summarize-folder-to-new-notes", "choose-deployment", "preview-request", "cancel-request", "sign-in-with-microsoft", "open-request-history", "template-<template id>"];

export interface DemoOptions extends TargetFlags {
	command?: string;
	template?: string;
	instruction?: string;
	deployment?: string;
	note?: string;
	repeat?: string;
	vault?: string;
	folder?: string;
	"no-build"?: boolean;
}

/** What a test injects: the sign-in's sleep (so polling never waits on the clock), a look at the vault before it is deleted, a hand on the host once main.js is loaded. */
export interface DemoHooks {
	sleep?: Sleep;
	onVault?: (dir: string) => void;
	onLoaded?: (host: ObsidianHost) => void;
}

/** The folder flags' rules, besides the paths' own (vault.ts). */
function checkCommandPlace(command: string, place: DemoPlace): void {
	if (command === FOLDER_COMMAND && place.folder === undefined) throw new DemoRefusal(`${FOLDER_COMMAND} needs --folder PATH, a folder inside the vault.`);
	if (command !== FOLDER_COMMAND && place.folder !== undefined) throw new DemoRefusal(`--folder is for --command ${FOLDER_COMMAND}; ${command} runs on a note (--note).`);
	if (place.own && command !== FOLDER_COMMAND && place.note === undefined) throw new DemoRefusal(`With --vault, name the note to run ${command} on: --note PATH (a note inside ${place.dir}).`);
}

/** The second emulated deployment, so that choose-deployment has a choice. */
const SECOND_MODEL = "o3-mini";
const SECRET = "azure-reasoning-demo-key";

function redactKey(text: string, key: string): string {
	return key.length >= 4 ? text.split(key).join("[redacted]") : text;
}

const operationOf = (url: string) => (/\/responses(\?|$)/.test(url) ? "responses" : /\/chat\/completions(\?|$)/.test(url) ? "chat-completions" : "unknown");

/** Headers as printed: the key and any token replaced, the scheme kept. */
function redactHeaders(headers: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(headers)) out[k] = k.toLowerCase() === "api-key" ? "[redacted]" : k.toLowerCase() === "authorization" ? v.replace(/^(\S+\s+).*$/, "$1[redacted]") : v;
	return out;
}

export async function runDemo(values: DemoOptions, env: NodeJS.ProcessEnv, io: DemoIo, hooks: DemoHooks = {}): Promise<number> {
	let target;
	let place: DemoPlace;
	const repeat = Number(values.repeat ?? "1");
	const command = values.command ?? "run-prompt-on-selection";
	try {
		if (!Number.isInteger(repeat) || repeat < 1) throw new DemoRefusal(`--repeat must be a whole number of 1 or more; got "${values.repeat ?? ""}".`);
		place = resolvePlace(values, join(ROOT, "scripts", "sample-vault"));
		checkCommandPlace(command, place);
		target = resolveTarget(values, env);
	} catch (e) {
		if (!(e instanceof DemoRefusal)) throw e;
		io.err(e.message);
		return 2;
	}
	const { config, key } = target;

	if (!values["no-build"]) {
		io.out("Building main.js ...");
		execFileSync(process.execPath, ["esbuild.config.mjs", "production"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
	}

	let emulator: EmulatorProcess | undefined;
	const deployments = [config];
	if (target.real) {
		io.out(`Using the deployment at ${config.endpoint}.`);
	} else {
		const entra = target.auth === "entra" ? { tenant: EMULATED_TENANT, clientId: EMULATED_CLIENT_ID, interval: 1 } : undefined;
		emulator = await EmulatorProcess.start({ apiKey: key, deployments: EMULATED_MODELS.map((m) => ({ name: `notes-${m}`, family: m, summaryAccess: true })) }, entra);
		config.endpoint = emulator.url;
		const second = newDeployment("demo-2", SECOND_MODEL);
		deployments.push({ ...second, displayName: `Emulated ${SECOND_MODEL}`, endpoint: emulator.url, deployment: `notes-${SECOND_MODEL}`, secretName: SECRET });
		io.out(`Started the Azure emulator (a separate process) at ${emulator.url}, one deployment per model (notes-MODEL).`);
		if (emulator.entraUrl) {
			config.authorityHost = emulator.entraUrl;
			// The token emulator plays the user: not yet, not yet, "poll less often", then signed in.
			await emulator.entraPolls("authorization_pending", "authorization_pending", "slow_down", "success");
			io.out(`Started the Entra ID token emulator in the same process at ${emulator.entraUrl}; it signs ada@contoso.onmicrosoft.com in after two pending polls and one slow_down.`);
		}
	}
	io.out(`Deployment ${targetLine(target)}.`);
	for (const w of target.warnings) io.out(`The plugin warns:\n${describe(w)}`);

	let vaultDir = place.dir;
	let notePath = place.note ?? "Project kickoff.md";
	const configDirOnDisk = place.own ? configDirFor(place.dir) : undefined;
	if (configDirOnDisk) {
		mkdirSync(configDirOnDisk, { recursive: true });
		io.out(`Running on the vault ${vaultDir} itself: notes are created and edited as the command does, none is deleted, moved or overwritten; the plugin's own folder is kept outside it, in ${configDirOnDisk}.`);
	} else {
		vaultDir = mkdtempSync(join(tmpdir(), "azure-reasoning-demo-"));
		cpSync(place.dir, vaultDir, { recursive: true });
		if (values.note) {
			notePath = basename(values.note);
			writeFileSync(join(vaultDir, notePath), readFileSync(resolve(values.note), "utf8"));
		}
	}
	const filesBefore = place.own ? snapshot(vaultDir) : null;
	const settings = { version: 2, deployments, defaultDeploymentId: "demo" };
	const host = ObsidianHost.create({ vaultDir, secrets: { [SECRET]: key }, pluginData: settings, ...(configDirOnDisk ? { configDirOnDisk, protectExisting: true } : {}) });
	const stopPlaying = playTheUser(values, io);
	try {
		const plugin = await host.loadMainJs(join(ROOT, "main.js"), join(ROOT, "manifest.json"));
		hooks.onLoaded?.(host);
		const historyFile = host.standInApp.vault.adapter.abs(`${host.standInApp.vault.configDir}/plugins/${plugin.manifest.id}/${HISTORY_FILE}`);
		const historyBefore = historyLines(historyFile);
		const ids = host.commands().map((id) => id.slice(id.indexOf(":") + 1));
		if (command === FOLDER_COMMAND && !ids.includes(command)) {
			io.err(notInThisBuild(ids));
			return 2;
		}
		if (!ids.includes(command)) {
			io.err(`There is no command "${command}".\n\n${USAGE}\n\nCommand ids: ${ids.join(", ")}`);
			return 2;
		}
		if (target.auth === "entra" && !(await signIn(config, host, io, hooks.sleep))) return 1;
		const before = place.own ? "" : host.readNote(notePath);
		const notesBefore = new Set(host.standInApp.vault.getMarkdownFiles().map((f) => f.path));
		const logStart = requestUrlLog.length;
		let outcome: Outcome | undefined;
		for (let run = 1; run <= repeat && outcome?.ok !== false; run++) {
			const on = place.folder ?? notePath;
			io.out(`\nRunning ${command} on ${on}${repeat > 1 ? ` (run ${run} of ${repeat})` : ""} ...`);
			if (command === FOLDER_COMMAND) {
				outcome = await runFolderCommand(host, on, io);
				continue;
			}
			host.openNote(notePath, { selection: "all" });
			outcome = command === "cancel-request" ? await runAndCancel(host, emulator, io) : ((await host.runCommand(command)) as Outcome | undefined);
		}
		// The history writes in turn (its file is read first, on first use): what the run recorded is on disk before it is printed.
		await (plugin as unknown as { services: { history: { whenIdle(): Promise<void> } } }).services.history.whenIdle();
		host.flush();
		if (!place.own) {
			io.out("\n--- note before ---\n" + before);
			io.out("--- note after ---\n" + host.readNote(notePath));
			for (const f of host.standInApp.vault.getMarkdownFiles()) {
				if (!notesBefore.has(f.path)) io.out(`--- new note: ${f.path} ---\n${host.readNote(f.path)}`);
			}
		}
		if (command === "choose-deployment") io.out(`--- default deployment now: ${String((host.plugin as unknown as { settings: { defaultDeploymentId: unknown } }).settings.defaultDeploymentId)} ---`);
		const sent = emulator
			? (await emulator.requests()).map((r) => ({
					operation: r.operation,
					request: `${r.method} ${emulator.url}${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : ""}`,
					headers: redactHeaders(r.headers),
					body: r.body,
					answered: r.status,
				}))
			: requestUrlLog
					.slice(logStart)
					// The sign-in's own requests (forms with codes and tokens) are not Azure's: left out.
					.filter((r) => !(config.auth === "entra" && r.url.startsWith(config.authorityHost ?? "")))
					.map((r) => ({ operation: operationOf(r.url), request: `${r.method} ${r.url}`, headers: redactHeaders(r.headers), body: r.body ? (JSON.parse(r.body) as unknown) : undefined }));
		io.out(`--- request${sent.length === 1 ? "" : "s"} sent (${sent.length}) ---`);
		io.out(redactKey(JSON.stringify(sent, null, 2), key));
		io.out("--- notices ---\n" + host.notices().map((n) => redactKey(n, key)).join("\n"));
		const refused = host.standInApp.vault.adapter.guard?.refusals ?? [];
		if (filesBefore) {
			await host.dispose(); // what unloading writes is the run's too
			const changes = changesReport(filesBefore, snapshot(vaultDir));
			io.out(changes.length > 0 ? changes.map((c) => redactKey(c, key)).join("\n") : `--- the vault: nothing created or changed ---`);
		}
		io.out(`--- history entries added ---\n${redactKey(historyReport(historyBefore, historyFile), key)}`);
		if (refused.length > 0) {
			io.err(`\nThe run tried to change what was in the vault, and was stopped:\n${refused.map((r) => `  - ${r}`).join("\n")}`);
			return 1;
		}
		if (outcome?.ok === false) {
			io.err(`\nThe command failed: ${redactKey(outcome.message ?? "", key)}`);
			return 1;
		}
		return 0;
	} catch (e) {
		if (!(e instanceof DemoRefusal)) throw e;
		io.err(e.message);
		return 2;
	} finally {
		stopPlaying();
		await host.dispose();
		hooks.onVault?.(vaultDir);
		await emulator?.close();
		// The sample vault's copy only: never the user's own.
		if (!place.own) rmSync(vaultDir, { recursive: true, force: true });
	}
}
