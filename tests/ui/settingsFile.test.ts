/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * data.json through the plugin's whole load path (the real file in a vault folder): save and
 * reload, migration from version 0, damaged files (a copy kept beside them before anything is
 * written, the valid parts loaded, the user told once), and the key, which ends up in secret
 * storage and nowhere else: not in data.json, not in the copy, not in a notice, the console,
 * the tab or an error message.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultSettings, newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { AzureEmulator } from "../support/azureEmulator";
import type { ObsidianHost } from "../support/host";
import { PLUGIN_DIR, SettingsDriver } from "./settingsDriver";

const KEY = "plain-key-0f1e2d3c4b5a69788796";

let ui: SettingsDriver;
afterEach(async () => ui?.dispose());

const DEP: DeploymentConfig = { ...newDeployment("d1", "o3-mini"), displayName: "Mini", endpoint: "https://res.openai.azure.com", deployment: "mini", secretName: "azure-res", reasoningEffort: "low", instructions: "Be brief." };
const SOUND = { ...defaultSettings(), deployments: [DEP], defaultDeploymentId: "d1", timeoutSeconds: 900, outputFolder: "AI" };

function backups(): string[] {
	return ui.pluginFiles().filter((f) => f.startsWith("data.json.broken-"));
}

function readBackup(): string {
	const [name] = backups();
	if (!name) throw new Error("No copy of the original file");
	return readFileSync(join(ui.vaultDir, PLUGIN_DIR, name), "utf8");
}

test("save and reload: everything the tab changed comes back", async () => {
	ui = await SettingsDriver.start({ data: SOUND, secrets: { "azure-res": "k-1234" } });
	ui.display();
	ui.click("Mini (default)", "Edit").type("Instructions", "Answer in French.").choose("Reasoning effort", "high");
	ui.click("Mini", "Back to all settings");
	ui.type("Folder for new notes", "Answers");
	await ui.settle();
	const stored = ui.dataText();
	await ui.host.unloadPlugin();
	await ui.dispose();

	ui = await SettingsDriver.start({ dataText: stored });
	expect(ui.plugin.settings.deployments[0]).toEqual({ ...DEP, instructions: "Answer in French.", reasoningEffort: "high" });
	expect(ui.plugin.settings.outputFolder).toBe("Answers");
	expect(ui.host.notices()).toEqual([]);
	expect(backups()).toEqual([]);
});

test("a sound file: no notice, no copy, not rewritten", async () => {
	const text = JSON.stringify(SOUND, null, 2);
	ui = await SettingsDriver.start({ dataText: text });
	expect(ui.plugin.settings).toEqual(SOUND);
	expect(ui.host.notices()).toEqual([]);
	expect(ui.pluginFiles()).toEqual(["data.json"]);
	expect(ui.dataText()).toBe(text);
	expect(ui.plugin.loadReport).toBeNull();
});

test("no file: the defaults, nothing written", async () => {
	ui = await SettingsDriver.start();
	expect(ui.plugin.settings).toEqual(defaultSettings());
	expect(ui.pluginFiles()).toEqual([]);
	expect(ui.host.notices()).toEqual([]);
});

describe("version 0 (one flat deployment with its key in plain text)", () => {
	const V0 = { endpoint: "https://my-res.openai.azure.com", apiKey: KEY, deployment: "thinker", apiVersion: "2024-12-01-preview", model: "o1-mini" };

	test("migrated; the key moved into secret storage and out of the file; nothing shows it", async () => {
		ui = await SettingsDriver.start({ data: V0 });
		const s = ui.plugin.settings;
		expect(s.deployments).toEqual([{ ...newDeployment("deployment-1", "o1-mini"), displayName: "thinker", endpoint: V0.endpoint, deployment: "thinker", apiVersion: "2024-12-01-preview", secretName: "azure-my-res" }]);
		expect(ui.host.standInApp.secretStorage.getSecret("azure-my-res")).toBe(KEY);
		expect(ui.data().version).toBe(2);
		expect(ui.data().deployments[0]!.secretName).toBe("azure-my-res");
		expect(ui.dataText()).not.toContain(KEY);
		expect(ui.dataText()).not.toContain("apiKey");
		expect(ui.host.notices()).toEqual(['Azure Reasoning moved the API key out of its settings file into Obsidian\'s secret storage ("azure-my-res").']);
		expect(backups()).toEqual([]);
		ui.display().click("thinker (default)", "Edit");
		expect(ui.allFindings()).toEqual([]);
		expect(ui.secret().selectEl.value).toBe("azure-my-res");
		expect([ui.el.textContent, ui.host.notices().join(), ui.host.consoleLines().join(), ...ui.pluginFiles().map((f) => readFileSync(join(ui.vaultDir, PLUGIN_DIR, f), "utf8"))].join("\n")).not.toContain(KEY);
	});

	test("a secret of that name already holding another key is kept; the moved key gets a name of its own", async () => {
		ui = await SettingsDriver.start({ data: V0, secrets: { "azure-my-res": "another-key-000" } });
		expect(ui.host.standInApp.secretStorage.getSecret("azure-my-res")).toBe("another-key-000");
		expect(ui.host.standInApp.secretStorage.getSecret("azure-my-res-2")).toBe(KEY);
		expect(ui.plugin.settings.deployments[0]!.secretName).toBe("azure-my-res-2");
	});

	test("damaged as well (cut off after the key): the key is moved, and the copy of the file holds no key", async () => {
		const text = JSON.stringify(V0, null, 2);
		const cut = text.slice(0, text.indexOf('"apiVersion"') + 20);
		ui = await SettingsDriver.start({ dataText: cut });
		expect(ui.host.standInApp.secretStorage.getSecret("azure-my-res")).toBe(KEY);
		expect(backups()).toHaveLength(1);
		const copy = readBackup();
		expect(copy).not.toContain(KEY);
		expect(copy).toBe(cut.replace(KEY, "[moved to secret storage]"));
		expect(ui.dataText()).not.toContain(KEY);
		expect(ui.host.notices().join("\n")).not.toContain(KEY);
	});

	test("the key is never in an error message: a test request with it fails and succeeds without showing it", async () => {
		const emu = await AzureEmulator.start({ apiKey: KEY, deployments: [{ name: "thinker", family: "o1-mini" }] });
		try {
			ui = await SettingsDriver.start({ data: { ...V0, endpoint: emu.url }, fakeTimers: false });
			ui.display().click("thinker (default)", "Edit");
			ui.click("Test deployment", "Test deployment");
			for (let i = 0; i < 500 && ui.buttons("Test deployment")[0]!.disabled; i++) await new Promise((r) => setTimeout(r, 20));
			expect(ui.findings("Test deployment")).toEqual([{ severity: "info", text: "That is the model family chosen (o1-mini)." }]);
			emu.script({ status: 400, body: { error: { message: `Echoing your key ${KEY} back`, type: "invalid_request_error", param: null, code: null } } });
			ui.click("Test deployment", "Test deployment");
			for (let i = 0; i < 500 && ui.buttons("Test deployment")[0]!.disabled; i++) await new Promise((r) => setTimeout(r, 20));
			expect(ui.findings("Test deployment")[0]!.text).toMatch(/Echoing your key \[redacted\] back/);
			const everything = [ui.el.textContent, ui.host.notices().join("\n"), ui.host.consoleLines().join("\n"), ui.dataText()].join("\n");
			expect(everything).not.toContain(KEY);
		} finally {
			await emu.close();
		}
	});
});

describe("damaged files: no crash, the valid parts loaded, the original kept, the user told once", () => {
	const full = JSON.stringify({ ...SOUND, deployments: [DEP, { ...DEP, id: "d2", displayName: "Second", deployment: "second" }] }, null, 2);

	test.each([
		{ name: "truncated JSON", text: full.slice(0, full.indexOf('"Second"') - 20), keeps: (ui: SettingsDriver) => expect(ui.plugin.settings.deployments[0]).toEqual(DEP) },
		{ name: "not JSON at all", text: "\u0000\u0001garbage", keeps: (ui: SettingsDriver) => expect(ui.plugin.settings).toEqual(defaultSettings()) },
		{
			name: "wrong types",
			text: JSON.stringify({ ...SOUND, timeoutSeconds: "ten minutes", deployments: [{ ...DEP, endpoint: 42, markdown: "yes" }, 7] }),
			keeps: (ui: SettingsDriver) => {
				expect(ui.plugin.settings.deployments).toEqual([{ ...DEP, endpoint: "", markdown: true }]);
				expect(ui.plugin.settings.timeoutSeconds).toBe(600);
				expect(ui.plugin.settings.outputFolder).toBe("AI");
			},
		},
		{
			name: "an unknown family",
			text: JSON.stringify({ ...SOUND, deployments: [{ ...DEP, family: "o7-ultra" }] }),
			keeps: (ui: SettingsDriver) => expect(ui.plugin.settings.deployments).toEqual([{ ...DEP, family: "o1" }]),
		},
		{
			name: "missing fields",
			text: JSON.stringify({ version: 1, deployments: [{ id: "d1", endpoint: DEP.endpoint, deployment: "mini" }] }),
			keeps: (ui: SettingsDriver) => expect(ui.plugin.settings.deployments).toEqual([{ ...newDeployment("d1", "o1"), endpoint: DEP.endpoint, deployment: "mini" }]),
		},
	])("$name", async ({ text, keeps }) => {
		ui = await SettingsDriver.start({ dataText: text, secrets: { "azure-res": "k-1234" } });
		keeps(ui);
		// The original, byte for byte, beside the rewritten file.
		expect(backups()).toHaveLength(1);
		expect(backups()[0]).toMatch(/^data\.json\.broken-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/);
		expect(readBackup()).toBe(text);
		expect(JSON.parse(ui.dataText())).toEqual(JSON.parse(JSON.stringify(ui.plugin.settings)));
		// Told once: one notice naming the copy.
		expect(ui.host.notices()).toHaveLength(1);
		expect(ui.host.notices()[0]).toMatch(new RegExp(`^Azure Reasoning could not use all of its settings file: what was valid is loaded\\. A copy of the original file is kept as \\.obsidian/plugins/azure-reasoning/${backups()[0]!.replace(/\./g, "\\.")}\\.`));
		// The tab lists every problem until dismissed.
		ui.display();
		const report = ui.row("The settings file had problems at start-up");
		expect(report.querySelectorAll("li").length).toBe(ui.plugin.loadReport!.problems.length);
		ui.click("The settings file had problems at start-up", "Dismiss");
		expect(ui.has("The settings file had problems at start-up")).toBe(false);
		// Reloading the rewritten file: no more problems, no more notices or copies.
		const rewritten = ui.dataText();
		await ui.dispose();
		ui = await SettingsDriver.start({ dataText: rewritten });
		expect(ui.host.notices()).toEqual([]);
		expect(backups()).toEqual([]);
	});

	test("a file from a newer version is kept as a copy before it is rewritten", async () => {
		const text = JSON.stringify({ ...SOUND, version: 9, fancy: true });
		ui = await SettingsDriver.start({ dataText: text });
		expect(ui.plugin.settings).toEqual(SOUND);
		expect(readBackup()).toBe(text);
		expect(ui.host.notices()[0]).toMatch(/newer version of the plugin/);
	});
});

test("openSettings(deployment, field) opens the tab at that deployment with the focus on the field", async () => {
	ui = await SettingsDriver.start({ data: SOUND, secrets: { "azure-res": "k-1234" } });
	const opened: string[] = [];
	(ui.host.standInApp as unknown as { setting: unknown }).setting = {
		open: () => opened.push("open"),
		openTabById: (id: string) => {
			opened.push(id);
			ui.plugin.settingTab.display();
		},
	};
	expect(ui.plugin.openSettings("d1", "apiVersion")).toBe(true);
	expect(opened).toEqual(["open", "azure-reasoning"]);
	expect(ui.has("Connection")).toBe(true);
	expect(document.activeElement).toBe(ui.select("API version"));
	ui.plugin.openSettings("gone");
	expect(ui.has("Deployments")).toBe(true);
});

describe("a settings file that cannot be read is never overwritten", () => {
	/** The first read of data.json fails, as when a sync client holds it or its permissions are wrong. */
	function unreadableOnce(host: ObsidianHost): void {
		const adapter = host.standInApp.vault.adapter;
		const read = adapter.read.bind(adapter);
		let failed = false;
		jest.spyOn(adapter, "read").mockImplementation((p: string) => {
			if (!failed && p.endsWith("data.json")) {
				failed = true;
				return Promise.reject(new Error("EBUSY: resource busy or locked"));
			}
			return read(p);
		});
	}

	test("a keystroke in the tab leaves the file untouched; the tab says why and offers Retry, which loads it", async () => {
		const text = JSON.stringify(SOUND, null, 2);
		ui = await SettingsDriver.start({ dataText: text, beforeLoad: unreadableOnce });
		expect(ui.plugin.settings.deployments).toEqual([]);
		ui.display();
		expect(ui.desc("The settings file could not be read")).toMatch(/^Nothing you change here is saved until it can be read/);
		ui.type("Folder for new notes", "Typed while unreadable");
		await ui.settle();
		expect(ui.dataText()).toBe(text);
		await expect(ui.plugin.saveSettings()).rejects.toThrow("nothing is saved until it can be");
		expect(ui.dataText()).toBe(text);

		ui.click("The settings file could not be read", "Retry");
		await ui.settle();
		expect(ui.plugin.settings.deployments).toEqual([DEP]);
		expect(ui.plugin.settings.outputFolder).toBe("Typed while unreadable"); // the edit made meanwhile is kept
		expect(ui.has("The settings file could not be read")).toBe(false);
		expect(ui.data()).toMatchObject({ outputFolder: "Typed while unreadable", timeoutSeconds: 900, deployments: [DEP] });
	});

	test('"Start from defaults, keeping a copy" moves the file aside, then saves', async () => {
		const text = JSON.stringify(SOUND, null, 2);
		ui = await SettingsDriver.start({ dataText: text, beforeLoad: unreadableOnce });
		ui.display();
		ui.click("The settings file could not be read", "Start from defaults, keeping a copy");
		await ui.settle();
		const copies = ui.pluginFiles().filter((f) => f.startsWith("data.json.unreadable-"));
		expect(copies).toHaveLength(1);
		expect(readFileSync(join(ui.vaultDir, PLUGIN_DIR, copies[0]!), "utf8")).toBe(text);
		expect(ui.data()).toMatchObject({ deployments: [], timeoutSeconds: defaultSettings().timeoutSeconds });
		expect(ui.host.notices().at(-1)).toMatch(/^The unreadable settings file is kept as .*data\.json\.unreadable-/);
	});
});

test("a settings file changed by sync is read again, the tab's unsaved edit merged in, and the tab redrawn", async () => {
	ui = await SettingsDriver.start({ data: SOUND, secrets: { "azure-res": "k-1234" } });
	ui.display();
	ui.type("Folder for new notes", "Typed here"); // not saved yet: the debounce is running
	const synced = { ...SOUND, timeoutSeconds: 1200, deployments: [{ ...DEP, displayName: "Renamed elsewhere" }] };
	writeFileSync(join(ui.vaultDir, PLUGIN_DIR, "data.json"), JSON.stringify(synced, null, 2));
	await ui.plugin.onExternalSettingsChange();
	await ui.settle();
	expect(ui.plugin.settings).toMatchObject({ timeoutSeconds: 1200, outputFolder: "Typed here", deployments: [{ displayName: "Renamed elsewhere" }] });
	expect(ui.data()).toMatchObject({ timeoutSeconds: 1200, outputFolder: "Typed here", deployments: [{ displayName: "Renamed elsewhere" }] });
	expect(ui.has("Renamed elsewhere (default)")).toBe(true); // redrawn
	expect((ui.input("Request timeout") as HTMLInputElement).value).toBe("1200");
});

test("a synced file that arrives cut off (sync still writing) replaces nothing: the settings in use stay, the file is not saved over, the user is told", async () => {
	ui = await SettingsDriver.start({ data: SOUND, secrets: { "azure-res": "k-1234" } });
	ui.display();
	const path = join(ui.vaultDir, PLUGIN_DIR, "data.json");
	const whole = JSON.stringify({ ...SOUND, timeoutSeconds: 1200 }, null, 2);
	const cut = whole.slice(0, Math.floor(whole.length * 0.6));
	writeFileSync(path, cut);
	const before = JSON.stringify(ui.plugin.settings);
	await ui.plugin.onExternalSettingsChange();
	expect(JSON.stringify(ui.plugin.settings)).toBe(before);
	expect(readFileSync(path, "utf8")).toBe(cut);
	expect(ui.host.notices().at(-1)).toMatch(/cannot be read whole.*nothing was saved over the file/);
	// The whole file, once sync finishes, is read as usual.
	writeFileSync(path, whole);
	await ui.plugin.onExternalSettingsChange();
	expect(ui.plugin.settings.timeoutSeconds).toBe(1200);
});
