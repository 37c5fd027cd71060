import { salvageJson } from "../../src/core/jsonSalvage";
import { defaultSettings, newDeployment, SETTINGS_VERSION, type DeploymentConfig, type PluginSettings } from "../../src/core/settings";
import { loadSettings, loadSettingsText, redactPlaintextKeys, secretNameFor } from "../../src/core/settingsMigrations";

const KEY = "0123456789abcdef0123456789abcdef";

const DEP: DeploymentConfig = {
	id: "d1",
	displayName: "Work o1",
	endpoint: "https://my-res.openai.azure.com",
	apiStyle: "dated",
	apiVersion: "2024-12-01-preview",
	deployment: "o1-prod",
	family: "o1",
	secretName: "azure-my-res",
	maxCompletionTokens: 30_000,
	reasoningEffort: "high",
	operation: "chat-completions",
	reasoningSummary: "off",
	verbosity: "",
	instructions: "Be brief.",
	markdown: false,
	temperature: 1,
};
const DEP2: DeploymentConfig = { ...newDeployment("d2", "o3-mini"), displayName: "Mini", endpoint: "https://other.openai.azure.com", deployment: "mini", secretName: "azure-other" };

const SOUND: PluginSettings = {
	...defaultSettings(),
	deployments: [DEP, DEP2],
	defaultDeploymentId: "d2",
	timeoutSeconds: 900,
	maxRetries: 1,
	outputFolder: "AI answers",
	templates: [{ id: "t1", name: "Mine", text: "Do {{selection}} in {{title}}", output: "new-note", deploymentId: "d1" }],
};

describe("the current version", () => {
	test("a sound file loads unchanged, without problems, migration or keys", () => {
		const text = JSON.stringify(SOUND, null, 2);
		expect(loadSettingsText(text)).toEqual({ settings: SOUND, problems: [], plaintextKeys: [] });
	});

	test("save and reload is the identity (through JSON, as saveData/loadData do)", () => {
		const once = loadSettings(JSON.parse(JSON.stringify(SOUND))).settings;
		const twice = loadSettings(JSON.parse(JSON.stringify(once))).settings;
		expect(twice).toEqual(SOUND);
	});

	test("no file: the defaults, no problems", () => {
		expect(loadSettingsText(null)).toEqual({ settings: defaultSettings(), problems: [], plaintextKeys: [] });
		expect(loadSettings(undefined).problems).toEqual([]);
	});

	test("an early file without a version but with deployments is read as version 1, no problems", () => {
		const { version: _v, ...noVersion } = SOUND;
		const r = loadSettings(JSON.parse(JSON.stringify(noVersion)));
		expect(r.settings).toEqual(SOUND);
		expect(r.problems).toEqual([]);
		expect(r.migratedFrom).toBeUndefined();
	});

	test("a file from a newer version: what is understood is kept, and it is reported", () => {
		const r = loadSettings({ ...JSON.parse(JSON.stringify(SOUND)), version: 7, newThing: { x: 1 } });
		expect(r.settings).toEqual(SOUND);
		expect(r.problems[0]).toMatch(/newer version of the plugin \(settings version 7\)/);
		expect(r.problems.some((p) => /"newThing"/.test(p))).toBe(true);
	});
});

describe("migration from version 0 (one flat deployment, key in plain text)", () => {
	const V0 = { endpoint: "https://my-res.openai.azure.com", apiKey: KEY, deployment: "thinker", apiVersion: "2024-12-01-preview", model: "o1-mini" };

	test("becomes one default deployment of the named family; the key is handed over, never in the settings", () => {
		const r = loadSettings(V0);
		expect(r.migratedFrom).toBe(0);
		expect(r.problems).toEqual([]);
		expect(r.settings.version).toBe(SETTINGS_VERSION);
		expect(r.settings.deployments).toEqual([{ ...newDeployment("deployment-1", "o1-mini"), displayName: "thinker", endpoint: V0.endpoint, deployment: "thinker", apiVersion: "2024-12-01-preview" }]);
		expect(r.settings.defaultDeploymentId).toBe("deployment-1");
		expect(r.plaintextKeys).toEqual([{ deploymentId: "deployment-1", apiKey: KEY, secretName: "azure-my-res" }]);
		expect(JSON.stringify(r.settings)).not.toContain(KEY);
		expect(JSON.stringify(r.problems)).not.toContain(KEY);
	});

	test.each([
		{ model: "o1-preview-2024-09-12", family: "o1-preview" },
		{ model: "gpt-5.1", family: "gpt-5.1" },
		{ model: "gpt-5.1-codex-mini-2025-11-13", family: "gpt-5-codex" },
		{ model: "gpt-4o", family: "chat" },
		{ model: "o3", family: "o3" },
	])("model $model → family $family", ({ model, family }) => {
		expect(loadSettings({ ...V0, model }).settings.deployments[0]!.family).toBe(family);
	});

	test("api-version v1 becomes the v1 API style", () => {
		const d = loadSettings({ ...V0, apiVersion: "v1", model: "gpt-5" }).settings.deployments[0]!;
		expect(d.apiStyle).toBe("v1");
	});

	test("an api-version too old is kept as typed (the tab offers the fix)", () => {
		expect(loadSettings({ ...V0, apiVersion: "2024-06-01" }).settings.deployments[0]!.apiVersion).toBe("2024-06-01");
	});

	test("an unknown model: kept deployment, family o1 until chosen, reported", () => {
		const r = loadSettings({ ...V0, model: "o7-ultra" });
		expect(r.settings.deployments[0]).toMatchObject({ family: "o1", deployment: "thinker", endpoint: V0.endpoint });
		expect(r.problems).toEqual([expect.stringMatching(/"thinker".*"o7-ultra" is unknown.*set to o1 until you choose/)]);
	});

	test("old settings with no place in version 1 are reported", () => {
		const r = loadSettings({ ...V0, temperature: 0.5 });
		expect(r.problems).toEqual([expect.stringMatching(/"temperature" has no place/)]);
	});

	test("an empty version-0 file gives no deployment", () => {
		const r = loadSettings({ endpoint: "", deployment: "", apiKey: "" });
		expect(r.settings.deployments).toEqual([]);
		expect(r.plaintextKeys).toEqual([]);
		expect(r.migratedFrom).toBe(0);
	});

	test("version 0 with only a key: a deployment to finish, the key moved", () => {
		const r = loadSettings({ apiKey: KEY });
		expect(r.settings.deployments).toHaveLength(1);
		expect(r.plaintextKeys[0]).toMatchObject({ apiKey: KEY, secretName: "azure-openai-key" });
		expect(JSON.stringify(r)).not.toMatch(new RegExp(`${KEY}.*${KEY}`));
	});

	test("a stray apiKey in a version 1 deployment is moved under its own secret name", () => {
		const r = loadSettings({ version: 1, deployments: [{ ...DEP, apiKey: KEY }] });
		expect(r.problems).toEqual([]);
		expect(r.plaintextKeys).toEqual([{ deploymentId: "d1", apiKey: KEY, secretName: "azure-my-res" }]);
		expect(JSON.stringify(r.settings)).not.toContain(KEY);
	});

	test.each([
		{ endpoint: "https://My_Res.openai.azure.com/openai/deployments/x", name: "azure-my-res" },
		{ endpoint: "http://127.0.0.1:8080", name: "azure-openai-key" },
		{ endpoint: "not a url", name: "azure-openai-key" },
		{ endpoint: "https://gw.example.com/azure", name: "azure-gw" },
	])("secret name for $endpoint: $name", ({ endpoint, name }) => {
		expect(secretNameFor(endpoint)).toBe(name);
		expect(name).toMatch(/^[a-z0-9-]+$/);
	});
});

describe("broken files: no crash, every valid part kept, every loss reported", () => {
	const full = JSON.stringify(SOUND, null, 2);

	test("truncated JSON keeps the deployments before the cut (and the complete fields of the one cut)", () => {
		const cut = full.slice(0, full.indexOf('"maxCompletionTokens"', full.indexOf('"d2"')) + 10);
		const r = loadSettingsText(cut);
		expect(r.problems[0]).toMatch(/damaged: it stops being valid JSON at character \d+/);
		expect(r.settings.deployments[0]).toEqual(DEP);
		expect(r.settings.deployments[1]).toMatchObject({ id: "d2", displayName: "Mini", family: "o3-mini", endpoint: DEP2.endpoint, deployment: "mini", secretName: "azure-other" });
		// What came after the cut takes its defaults.
		expect(r.settings.timeoutSeconds).toBe(600);
		expect(r.settings.templates).toEqual(defaultSettings().templates);
	});

	test.each([0.1, 0.3, 0.5, 0.7, 0.9, 0.99])("cut at %p of the file: loads, and never invents a deployment", (at) => {
		const r = loadSettingsText(full.slice(0, Math.floor(full.length * at)));
		expect(r.problems.length).toBeGreaterThan(0);
		expect(r.settings.deployments.length).toBeLessThanOrEqual(2);
		for (const d of r.settings.deployments) expect(["d1", "d2"]).toContain(d.id);
	});

	test.each([
		{ name: "empty", text: "" },
		{ name: "garbage", text: "garbage!" },
		{ name: "a number", text: "42" },
		{ name: "a list", text: "[1,2]" },
		{ name: "null", text: "null" },
		{ name: "a string", text: '"x"' },
	])("$name: the defaults; reported unless there was nothing", ({ text }) => {
		const r = loadSettingsText(text);
		expect(r.settings).toEqual(defaultSettings());
		if (text !== "null") expect(r.problems.length).toBeGreaterThan(0);
	});

	test("wrong types: each bad field reported and defaulted, the rest kept", () => {
		const r = loadSettings({
			version: 1,
			deployments: [{ ...DEP, endpoint: 42, markdown: "yes", reasoningEffort: "extreme" }, "junk", { ...DEP2 }],
			defaultDeploymentId: "d2",
			timeoutSeconds: "long",
			maxRetries: -3,
			outputFolder: ["x"],
			templates: "all of them",
		});
		expect(r.settings.deployments).toEqual([{ ...DEP, endpoint: "", markdown: true, reasoningEffort: "" }, DEP2]);
		expect(r.settings.defaultDeploymentId).toBe("d2");
		expect(r.settings.timeoutSeconds).toBe(600);
		expect(r.settings.maxRetries).toBe(2);
		expect(r.settings.outputFolder).toBe("");
		expect(r.settings.templates).toEqual(defaultSettings().templates);
		expect(r.problems).toEqual([
			'Deployment "Work o1": endpoint, reasoning effort, Markdown output were not readable and went back to the default.',
			"Deployment 2 was not a deployment (string) and was left out.",
			'The request timeout "long" is not a whole number of seconds from 1 to 86400; it is 600 s again.',
			"Retries -3 is not a whole number from 0 to 10; it is 2 again.",
			"The folder for new notes was not readable; new notes go to the vault's root.",
			"The prompt templates were not readable; the default ones are used.",
		]);
	});

	test("an unknown family keeps the deployment with every other field", () => {
		const r = loadSettings({ version: 1, deployments: [{ ...DEP, family: "o7-ultra" }] });
		expect(r.settings.deployments).toEqual([{ ...DEP, family: "o1" }]);
		expect(r.problems).toEqual(['Deployment "Work o1": the model family "o7-ultra" is unknown to this version; it is set to o1 until you choose one.']);
	});

	test("missing fields: defaults for them, the deployment kept; a missing family is reported", () => {
		const r = loadSettings({ version: 1, deployments: [{ id: "d9", endpoint: "https://r.openai.azure.com", deployment: "x" }] });
		expect(r.settings.deployments).toEqual([{ ...newDeployment("d9", "o1"), endpoint: "https://r.openai.azure.com", deployment: "x" }]);
		expect(r.problems).toEqual(['Deployment "x" had no model family; it is set to o1 until you choose one.']);
	});

	test("duplicate ids are made unique; a default or template pointing nowhere is reset", () => {
		const r = loadSettings({
			version: 1,
			deployments: [DEP, { ...DEP, displayName: "Copy" }],
			defaultDeploymentId: "gone",
			templates: [{ id: "t", name: "T", text: "{{selection}}", output: "below", deploymentId: "gone" }],
		});
		expect(r.settings.deployments.map((d) => d.id)).toEqual(["d1", "d1-2"]);
		expect(r.settings.defaultDeploymentId).toBeNull();
		expect(r.settings.templates[0]!.deploymentId).toBeNull();
		expect(r.problems).toHaveLength(3);
	});

	test("an unreadable version is read by its shape", () => {
		const r = loadSettings({ ...JSON.parse(JSON.stringify(SOUND)), version: "one" });
		expect(r.settings).toEqual(SOUND);
		expect(r.problems).toEqual(['The settings file\'s version "one" is not readable; it was read by its shape.']);
	});
});

describe("salvageJson", () => {
	test.each(['{"a":1,"b":[1,2,{"c":"d"}],"e":null,"f":true,"g":"x\\"y"}', "[]", '"s"', "0", "{}"])("valid JSON %s: the same as JSON.parse", (text) => {
		expect(salvageJson(`${text} `)?.value).toEqual(JSON.parse(text));
	});

	test.each([
		{ text: '{"a":1,"b":"unfinish', value: { a: 1 } },
		{ text: '{"a":1,"b":[1,2', value: { a: 1, b: [1] } },
		{ text: '{"a":{"x":"y","z":', value: { a: { x: "y" } } },
		{ text: '{"a":1,"b":12', value: { a: 1 } },
		{ text: '{"a":1,"b":tr', value: { a: 1 } },
		{ text: '{"a":1 "b":2}', value: { a: 1 } },
		{ text: '{"a":1,', value: { a: 1 } },
	])("$text → $value", ({ text, value }) => {
		expect(salvageJson(text)?.value).toEqual(value);
	});

	test("nothing readable: undefined", () => {
		expect(salvageJson("")).toBeUndefined();
		expect(salvageJson("}{")).toBeUndefined();
	});
});

describe("redactPlaintextKeys (the copy kept beside a damaged file)", () => {
	test("removes known keys anywhere and any apiKey value, even one cut off", () => {
		const text = `{"endpoint":"x","apiKey":"${KEY}","note":"${KEY}"}`;
		const out = redactPlaintextKeys(text, [KEY]);
		expect(out).not.toContain(KEY);
		expect(out).toContain('"endpoint":"x"');
		const cut = `{"endpoint":"x","apiKey":"${KEY.slice(0, 20)}`;
		expect(redactPlaintextKeys(cut, [])).toBe('{"endpoint":"x","apiKey":"[removed]');
	});

	test("a file without keys is kept byte for byte", () => {
		const text = JSON.stringify(SOUND, null, 2);
		expect(redactPlaintextKeys(text, [])).toBe(text);
	});
});
