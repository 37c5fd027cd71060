import { activeDeployment, blankDeployment, defaultSettings, newDeployment, switchFamily, type DeploymentConfig, type PluginSettings } from "../../src/core/settings";
import { readDeployment, readSettings } from "../../src/core/settingsRead";
import { validateDeployment } from "../../src/core/validate";

const FULL: DeploymentConfig = {
	id: "d1",
	displayName: "Work o1",
	endpoint: "https://my-res.openai.azure.com",
	apiStyle: "dated",
	apiVersion: "2024-12-01-preview",
	deployment: "o1-prod",
	family: "o1",
	secretName: "azure-key",
	maxCompletionTokens: 30_000,
	reasoningEffort: "high",
	operation: "chat-completions",
	reasoningSummary: "off",
	verbosity: "",
	instructions: "Be brief.",
	markdown: false,
	temperature: 1,
};

describe("readSettings on what is not a settings object", () => {
	test.each([
		{ name: "null", input: null },
		{ name: "undefined", input: undefined },
		{ name: "a string", input: "garbage" },
		{ name: "a number", input: 42 },
		{ name: "an array", input: [{ deployments: [] }] },
		{ name: "an empty object", input: {} },
	])("$name → the defaults", ({ input }) => {
		expect(readSettings(input)).toEqual(defaultSettings());
	});
});

describe("readSettings keeps the valid parts", () => {
	test("a complete, valid file reads back unchanged", () => {
		const stored: PluginSettings = { ...defaultSettings(), deployments: [FULL], defaultDeploymentId: "d1", timeoutSeconds: 900, maxRetries: 0, outputFolder: "AI" };
		expect(readSettings(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
	});

	test.each([
		{ name: "timeout as text", input: { timeoutSeconds: "600" }, expected: { timeoutSeconds: 600 } },
		{ name: "timeout zero", input: { timeoutSeconds: 0 }, expected: { timeoutSeconds: 600 } },
		{ name: "timeout negative", input: { timeoutSeconds: -1 }, expected: { timeoutSeconds: 600 } },
		{ name: "timeout fractional", input: { timeoutSeconds: 1.5 }, expected: { timeoutSeconds: 600 } },
		{ name: "timeout kept", input: { timeoutSeconds: 120 }, expected: { timeoutSeconds: 120 } },
		{ name: "retries zero kept", input: { maxRetries: 0 }, expected: { maxRetries: 0 } },
		{ name: "retries absurd", input: { maxRetries: 1000 }, expected: { maxRetries: 2 } },
		{ name: "retries as boolean", input: { maxRetries: true }, expected: { maxRetries: 2 } },
		{ name: "output folder not a string", input: { outputFolder: 5 }, expected: { outputFolder: "" } },
		{ name: "default id not a string", input: { defaultDeploymentId: 3 }, expected: { defaultDeploymentId: null } },
		{ name: "deployments not an array", input: { deployments: { d1: FULL } }, expected: { deployments: [] } },
	])("$name", ({ input, expected }) => {
		expect(readSettings(input)).toMatchObject(expected);
	});

	test("deployments that are not objects are dropped, the others kept in order", () => {
		const s = readSettings({ deployments: [null, FULL, "x", 3, [], { ...FULL, id: "d2" }] });
		expect(s.deployments.map((d) => d.id)).toEqual(["d1", "d2"]);
	});

	test("a partial deployment keeps what it has and gets its family's defaults for the rest", () => {
		const s = readSettings({ deployments: [{ id: "p", endpoint: "https://x.openai.azure.com", deployment: "mini", family: "o1-mini" }] });
		expect(s.deployments).toEqual([{ ...newDeployment("p", "o1-mini"), endpoint: "https://x.openai.azure.com", deployment: "mini" }]);
	});

	test("a gpt-5 deployment without a style gets the v1 style it needs", () => {
		const d = readDeployment({ family: "gpt-5" }, "x");
		expect(d?.apiStyle).toBe("v1");
	});

	test("a deployment without an id gets the fallback one", () => {
		expect(readSettings({ deployments: [{ deployment: "a" }, { id: "", deployment: "b" }] }).deployments.map((d) => d.id)).toEqual(["deployment-1", "deployment-2"]);
	});

	test("wrong types are replaced field by field; right ones are kept", () => {
		const d = readDeployment(
			{ ...FULL, displayName: 7, endpoint: null, apiStyle: "v2", apiVersion: 20241201, reasoningEffort: "extreme", markdown: "yes", temperature: {}, maxCompletionTokens: [1], instructions: ["x"] },
			"x",
		);
		expect(d).toEqual({ ...newDeployment("d1", "o1"), deployment: "o1-prod", secretName: "azure-key" });
	});

	test("text the user was still typing is kept as typed", () => {
		const d = readDeployment({ ...FULL, maxCompletionTokens: "30,0", temperature: "0." }, "x");
		expect(d?.maxCompletionTokens).toBe("30,0");
		expect(d?.temperature).toBe("0.");
	});

	test("an unknown family falls back but keeps every other valid field", () => {
		const d = readDeployment({ ...FULL, family: "o7-ultra" }, "x");
		expect(d).toBeDefined();
		expect(d!.family).toBe("o1");
		expect({ ...d!, family: FULL.family }).toEqual(FULL);
	});

	test("a read deployment never has a field of the wrong type", () => {
		for (const raw of [{}, { family: 1 }, { ...FULL, family: "chat", temperature: 0.2 }, { apiStyle: null, reasoningEffort: 5 }]) {
			const d = readDeployment(raw, "x")!;
			for (const k of ["id", "displayName", "endpoint", "apiVersion", "deployment", "secretName", "instructions"] as const) expect(typeof d[k]).toBe("string");
			expect(["dated", "v1"]).toContain(d.apiStyle);
			expect(["", "minimal", "low", "medium", "high"]).toContain(d.reasoningEffort);
			expect(typeof d.markdown).toBe("boolean");
			expect(["number", "string"]).toContain(typeof d.maxCompletionTokens);
			expect(["number", "string"]).toContain(typeof d.temperature);
		}
	});

	test("templates: invalid ones dropped, bad output modes defaulted; none valid keeps the defaults", () => {
		const s = readSettings({ templates: [{ id: "t", text: "Do {{selection}}", output: "sideways" }, { id: 5, text: "x" }, { id: "u" }, null] });
		expect(s.templates).toEqual([{ id: "t", name: "t", text: "Do {{selection}}", output: "below", deploymentId: null }]);
		expect(readSettings({ templates: [{ nope: 1 }] }).templates).toEqual(defaultSettings().templates);
		expect(readSettings({ templates: [] }).templates).toEqual(defaultSettings().templates);
	});

	test("the defaults are a fresh copy each time", () => {
		const a = defaultSettings();
		a.templates[0]!.text = "changed";
		expect(defaultSettings().templates[0]!.text).not.toBe("changed");
	});
});

describe("new deployments and the active one", () => {
	test.each(["o1-preview", "o1-mini", "o1", "o3-mini", "o3", "o4-mini", "gpt-5", "chat"] as const)("a new %s deployment is valid once endpoint, name and key are filled in", (family) => {
		const d = { ...newDeployment("n", family), endpoint: "https://r.openai.azure.com", deployment: "dep", secretName: "k" };
		const r = validateDeployment(d, { secretAvailable: true });
		expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
		expect(r.findings).toEqual([]);
	});

	test("activeDeployment: the default, else the first, else none", () => {
		const a = { ...FULL, id: "a" };
		const b = { ...FULL, id: "b" };
		expect(activeDeployment({ ...defaultSettings(), deployments: [a, b], defaultDeploymentId: "b" })).toBe(b);
		expect(activeDeployment({ ...defaultSettings(), deployments: [a, b], defaultDeploymentId: "gone" })).toBe(a);
		expect(activeDeployment({ ...defaultSettings(), deployments: [a, b], defaultDeploymentId: null })).toBe(a);
		expect(activeDeployment(defaultSettings())).toBeUndefined();
	});
});

describe("switchFamily: defaults follow the family, choices stay", () => {
	test("a deployment made as o1 and switched to gpt-5.1 takes gpt-5.1's defaults (the Responses API, summaries)", () => {
		const d = newDeployment("d", "o1");
		switchFamily(d, "gpt-5.1");
		expect(d).toMatchObject({ family: "gpt-5.1", operation: "responses", reasoningSummary: "auto" });
	});

	test("what the user chose stays", () => {
		const d = { ...newDeployment("d", "gpt-5.1"), operation: "chat-completions" as const, reasoningSummary: "detailed" as const };
		switchFamily(d, "gpt-5.2");
		expect(d).toMatchObject({ family: "gpt-5.2", operation: "chat-completions", reasoningSummary: "detailed" });
	});

	test("to a Responses-only family from its own default", () => {
		const d = newDeployment("d", "o3");
		switchFamily(d, "o3-pro");
		expect(d).toMatchObject({ family: "o3-pro", operation: "responses", reasoningSummary: "off" });
	});

	describe("the first choice of a family (a blank deployment being set up)", () => {
		const fields = (d: DeploymentConfig) => ({ apiStyle: d.apiStyle, maxCompletionTokens: d.maxCompletionTokens, temperature: d.temperature });

		test.each(["o1", "o1-mini", "gpt-5", "gpt-5.1", "chat"] as const)("untouched: %s's own defaults apply", (family) => {
			const d = blankDeployment("d");
			switchFamily(d, family);
			expect(fields(d)).toEqual(fields(newDeployment("d", family)));
		});

		test("an API style set before (v1 from the endpoint's 'Use its parts') stays", () => {
			const d = { ...blankDeployment("d"), apiStyle: "v1" as const };
			switchFamily(d, "o1");
			expect(d).toMatchObject({ family: "o1", apiStyle: "v1" });
		});

		test("a budget and temperature set before stay where the family takes them", () => {
			const d = { ...blankDeployment("d"), maxCompletionTokens: 9_000, temperature: 0.2 };
			switchFamily(d, "chat");
			expect(fields(d)).toEqual({ apiStyle: "dated", maxCompletionTokens: 9_000, temperature: 0.2 });
		});

		test("what the family cannot take gets its default: a budget over its output limit, a temperature it never sends", () => {
			const d = { ...blankDeployment("d"), maxCompletionTokens: 50_000, temperature: 0.2 };
			switchFamily(d, "o1-preview");
			expect(fields(d)).toEqual(fields(newDeployment("d", "o1-preview")));
			expect(d.maxCompletionTokens).toBe(16_000);
		});
	});
});
