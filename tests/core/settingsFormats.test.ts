import { DEFAULT_TEMPLATES } from "../../src/core/prompt";
import { defaultSettings } from "../../src/core/settings";
import { loadSettings } from "../../src/core/settingsMigrations";
import { readSettings } from "../../src/core/settingsRead";

const template = { id: "t", name: "T", text: "{{selection}}", output: "below", deploymentId: null };

test("a version-2 file from before formats reads as plain everywhere, with nothing to report and no migration", () => {
	const problems: string[] = [];
	const s = readSettings({ version: 2, templates: [template] }, problems);
	expect(problems).toEqual([]);
	expect(s.askFormat).toBe("plain");
	expect(s.templates).toEqual([template]);
	expect(defaultSettings().askFormat).toBe("plain");
	expect(DEFAULT_TEMPLATES.every((t) => t.format === undefined)).toBe(true);
});

test("the formats are kept as stored", () => {
	const problems: string[] = [];
	const s = readSettings({ askFormat: "callout", templates: [{ ...template, format: "quote" }, { ...template, id: "u", format: "plain" }] }, problems);
	expect(problems).toEqual([]);
	expect(s.askFormat).toBe("callout");
	expect(s.templates.map((t) => t.format)).toEqual(["quote", "plain"]);
});

test("an unknown format is plain, and the file's reader says so", () => {
	const problems: string[] = [];
	const s = readSettings({ askFormat: "bold", templates: [{ ...template, format: 3 }] }, problems);
	expect(s.askFormat).toBe("plain");
	expect(s.templates[0]?.format).toBeUndefined();
	expect(problems).toEqual(['The answer format for questions "bold" is unknown; answers are plain text again.', 'Prompt template "T": the answer format 3 is unknown; it writes plain text now.']);
});

test("the loader (migrations first) keeps them too", () => {
	const { settings, problems } = loadSettings({ version: 2, askFormat: "quote", templates: [{ ...template, format: "callout" }] });
	expect(problems).toEqual([]);
	expect(settings.askFormat).toBe("quote");
	expect(settings.templates[0]?.format).toBe("callout");
});
