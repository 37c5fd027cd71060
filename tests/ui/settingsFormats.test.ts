/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * The answer formats in the settings tab: a template's "Answer format" (its page, and the list's
 * description) and the general "Format of answers to questions", saved to data.json; from the
 * sources and from the built main.js on mobile.
 */
import { SettingsDriver } from "./settingsDriver";

const TEMPLATES = [
	{ id: "t1", name: "First", text: "Fix {{selection}}", output: "replace", deploymentId: null },
	{ id: "t2", name: "Second", text: "Explain {{selection}}", output: "below", deploymentId: null, format: "quote" },
];
const OPTIONS = [
	{ value: "plain", label: "Plain text" },
	{ value: "quote", label: "Quote" },
	{ value: "callout", label: "Callout (model, time, tokens)" },
];

let ui: SettingsDriver | undefined;
afterEach(async () => {
	await ui?.dispose();
	ui = undefined;
});

describe.each([false, true])("mobile main.js: %s", (mobileBundle) => {
	test("a template's answer format: plain when the file has none, chosen on its page, saved, and named in the list", async () => {
		ui = await SettingsDriver.start({ data: { version: 2, deployments: [], templates: TEMPLATES }, mobileBundle });
		ui.display();
		expect(ui.desc("First")).toBe("Replace the selection");
		expect(ui.desc("Second")).toBe("Insert below the selection · Quote");
		ui.click("First", "Edit");
		expect(ui.options("Answer format")).toEqual(OPTIONS);
		expect(ui.select("Answer format").value).toBe("plain");
		ui.choose("Answer format", "callout");
		await ui.settle();
		expect((ui.data().templates as Record<string, unknown>[])[0]).toEqual({ ...TEMPLATES[0], format: "callout" });
		ui.click("First", "Back to all settings");
		expect(ui.desc("First")).toBe("Replace the selection · Callout (model, time, tokens)");
	});

	test("Ask's format is a general setting, plain by default", async () => {
		ui = await SettingsDriver.start({ data: { version: 2, deployments: [] }, mobileBundle });
		ui.display();
		expect(ui.options("Format of answers to questions")).toEqual(OPTIONS);
		expect(ui.select("Format of answers to questions").value).toBe("plain");
		ui.choose("Format of answers to questions", "quote");
		await ui.settle();
		expect(ui.data().askFormat).toBe("quote");
	});
});
