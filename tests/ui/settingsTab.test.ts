/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * The settings tab's first page: the deployments list (add, edit, duplicate, remove with a
 * confirmation, the default), the general settings and the prompt templates; and Obsidian's
 * rules for a settings tab (no heading at the top, headings only for sections, keyboard use).
 */
import { defaultSettings, newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { SettingsDriver } from "./settingsDriver";

const READY: DeploymentConfig = { ...newDeployment("d1", "o3-mini"), displayName: "Mini", endpoint: "https://res.openai.azure.com", deployment: "mini", secretName: "azure-res" };
const BROKEN: DeploymentConfig = { ...newDeployment("d2", "gpt-5"), displayName: "Five", endpoint: "five.openai.azure.com", apiStyle: "dated", deployment: "five", secretName: "azure-res" };
const TEMPLATES = [
	{ id: "t1", name: "First", text: "Fix {{selection}}", output: "replace", deploymentId: "d2" },
	{ id: "t2", name: "Second", text: "Explain {{selecton}} in {{title}}", output: "below", deploymentId: null },
	{ id: "t3", name: "Third", text: "Summarize {{note}}", output: "new-note", deploymentId: null },
];

let ui: SettingsDriver;
afterEach(async () => ui?.dispose());

async function open(over: Record<string, unknown> = {}): Promise<SettingsDriver> {
	ui = await SettingsDriver.start({ data: { version: 1, deployments: [READY, BROKEN], defaultDeploymentId: "d1", templates: TEMPLATES, ...over }, secrets: { "azure-res": "k-1234" } });
	return ui.display();
}

describe("layout and Obsidian's rules", () => {
	test("no heading at the top; headings only for the sections", async () => {
		await open();
		expect(ui.el.querySelector(".setting-item")?.hasClass("setting-item-heading")).toBe(false);
		expect(ui.names()[0]).toBe("Deployments");
		expect(ui.headings()).toEqual(["General", "Prompt templates"]);
		ui.click("Mini (default)", "Edit");
		expect(ui.el.querySelector(".setting-item")?.hasClass("setting-item-heading")).toBe(false);
		expect(ui.headings()).toEqual(["Connection", "Model", "Test", "Advanced"]);
	});

	test("every control is a native, focusable element with a name a screen reader can read", async () => {
		await open();
		const pages = [() => undefined, () => ui.click("Mini (default)", "Edit"), () => ui.click("Mini", "Back to all settings") && ui.click("Second", "Edit")];
		for (const go of pages) {
			go();
			expect(ui.el.querySelectorAll(".clickable-icon, [onclick]")).toHaveLength(0);
			for (const b of ui.el.querySelectorAll("button")) expect((b.textContent ?? "").trim() || b.getAttribute("aria-label")).toBeTruthy();
			for (const c of ui.el.querySelectorAll(".setting-item-control > *")) expect(["BUTTON", "INPUT", "SELECT", "TEXTAREA", "DIV", "SPAN"]).toContain(c.tagName);
			// The toggles' containers hold a real checkbox.
			for (const t of ui.el.querySelectorAll(".checkbox-container")) expect(t.querySelector("input[type=checkbox]")).not.toBeNull();
		}
	});
});

describe("the deployments list", () => {
	test("each row: the status first, in words and a colour class (a broken one never reads ready), then family and endpoint host", async () => {
		const WARNED: DeploymentConfig = { ...READY, id: "d3", displayName: "Small", maxCompletionTokens: 1_000 };
		await open({ deployments: [READY, BROKEN, WARNED] });
		const status = (row: string) => {
			const badge = ui.row(row).querySelector(".setting-item-description")!.firstElementChild!;
			return { text: badge.textContent, cls: [...badge.classList].filter((c) => c.startsWith("is-")) };
		};
		expect(ui.desc("Mini (default)")).toBe("Ready o3-mini · res.openai.azure.com");
		expect(status("Mini (default)")).toEqual({ text: "Ready", cls: ["is-ready"] });
		expect(ui.desc("Five")).toBe("2 problems to fix GPT-5 · no endpoint");
		expect(status("Five")).toEqual({ text: "2 problems to fix", cls: ["is-error"] });
		expect(status("Small")).toEqual({ text: "Ready, 1 warning", cls: ["is-warning"] });
	});

	test("each button names the deployment it acts on, its visible words first", async () => {
		await open();
		const names = (row: string) => ui.buttons(row).map((b) => [b.textContent, b.getAttribute("aria-label")]);
		expect(names("Five")).toEqual([
			["Edit", "Edit deployment Five"],
			["Duplicate", "Duplicate deployment Five"],
			["Make default", "Make default: deployment Five"],
			["Remove", "Remove deployment Five"],
		]);
		expect(names("Mini (default)").map(([, label]) => label)).toEqual(["Edit deployment Mini", "Duplicate deployment Mini", "Remove deployment Mini"]);
		ui.click("Five", "Remove");
		expect(names("Five")).toEqual([
			["Remove", "Remove deployment Five"],
			["Cancel", null],
		]);
	});

	test("add: a new deployment, opened at its endpoint, with no model family until one is chosen", async () => {
		await open();
		ui.click("Deployments", "Add deployment");
		expect(ui.has("Connection")).toBe(true);
		expect(document.activeElement).toBe(ui.input("Endpoint"));
		expect(ui.select("Model family").value).toBe("");
		await ui.settle();
		expect(ui.data().deployments).toHaveLength(3);
		expect(ui.data().deployments[2]).toMatchObject({ family: "" });
	});

	test("duplicate: a copy below the original, with its own id", async () => {
		await open();
		ui.click("Mini (default)", "Duplicate");
		expect(ui.names().slice(1, 4)).toEqual(["Mini (default)", "Mini (copy)", "Five"]);
		await ui.settle();
		const deps = ui.data().deployments;
		expect(deps.map((d) => d.displayName)).toEqual(["Mini", "Mini (copy)", "Five"]);
		expect(new Set(deps.map((d) => d.id)).size).toBe(3);
		expect({ ...deps[1], id: "d1", displayName: "Mini" }).toEqual(READY);
		expect(document.activeElement?.textContent).toBe("Edit");
	});

	test("remove asks first; cancel keeps it; remove deletes it and what pointed at it", async () => {
		await open();
		ui.click("Five", "Remove");
		expect(ui.desc("Five")).toMatch(/^Remove "Five"\? Its settings are deleted; its key stays in secret storage\.$/);
		expect(document.activeElement?.textContent).toBe("Cancel");
		ui.click("Five", "Cancel");
		expect(ui.desc("Five")).toMatch(/GPT-5 ·/);
		ui.click("Five", "Remove").click("Five", "Remove");
		expect(ui.has("Five")).toBe(false);
		await ui.settle();
		expect(ui.data().deployments.map((d) => d.id)).toEqual(["d1"]);
		expect((ui.data().templates as { deploymentId: string | null }[])[0]!.deploymentId).toBeNull();
	});

	test("removing the default makes the next one the default", async () => {
		await open();
		ui.click("Mini (default)", "Remove").click("Mini (default)", "Remove");
		expect(ui.has("Five (default)")).toBe(true);
		await ui.settle();
		expect(ui.data().defaultDeploymentId).toBe("d2");
	});

	test("make default, from the row or the general settings", async () => {
		await open();
		ui.click("Five", "Make default");
		expect(ui.has("Five (default)")).toBe(true);
		expect(ui.select("Default deployment").value).toBe("d2");
		ui.choose("Default deployment", "d1");
		await ui.settle();
		expect(ui.data().defaultDeploymentId).toBe("d1");
	});
});

describe("general settings", () => {
	test("the request timeout is checked as typed; only a valid one is stored", async () => {
		await open();
		expect(ui.input("Request timeout").value).toBe("600");
		ui.type("Request timeout", "ten");
		await ui.settle();
		expect(ui.findings("Request timeout")).toEqual([{ severity: "error", text: "Enter a whole number of seconds from 1 to 86,400; the last valid one stays in use.", fix: "Use 600" }]);
		ui.type("Request timeout", "60");
		await ui.settle();
		expect(ui.findings("Request timeout")).toEqual([{ severity: "warning", text: "Reasoning models can think for minutes: with 60 s, hard questions may time out.", fix: "Use 600" }]);
		expect(ui.data().timeoutSeconds).toBe(60);
		ui.fix("Request timeout", "Use 600");
		expect(ui.input("Request timeout").value).toBe("600");
		expect(ui.findings("Request timeout")).toEqual([]);
		await ui.settle();
		expect(ui.data().timeoutSeconds).toBe(600);
	});

	test("retries and the folder for new notes are saved", async () => {
		await open();
		ui.choose("Retries", "0").type("Folder for new notes", "Answers/AI");
		await ui.settle();
		expect(ui.data()).toMatchObject({ maxRetries: 0, outputFolder: "Answers/AI" });
	});

	test("no deployment: the default deployment cannot be chosen", async () => {
		await open({ deployments: [], defaultDeploymentId: null });
		expect(ui.select("Default deployment").disabled).toBe(true);
	});
});

describe("prompt templates", () => {
	test("the defaults: summarize, explain, improve the writing, translate, extract action items", async () => {
		await open({ templates: undefined });
		expect(defaultSettings().templates.map((t) => t.name)).toEqual(["Improve the writing", "Summarize", "Explain", "Translate into English", "Extract action items"]);
		for (const t of defaultSettings().templates) expect(ui.has(t.name)).toBe(true);
		expect(ui.allFindings()).toEqual([]);
	});

	test("an unknown placeholder is flagged in the list; a near miss is fixed in one click", async () => {
		await open();
		expect(ui.findings("Second")).toEqual([
			{ severity: "warning", text: "{{selecton}} is not a placeholder: it is sent as written. The placeholders are {{selection}}, {{note}}, {{title}}.", fix: "Use {{selection}}" },
			{ severity: "info", text: "Only the note's title is sent, not its text: add {{selection}} or {{note}} to send the text." },
		]);
		ui.fix("Second", "Use {{selection}}");
		expect(ui.findings("Second")).toEqual([]);
		await ui.settle();
		expect((ui.data().templates as { text: string }[])[1]!.text).toBe("Explain {{selection}} in {{title}}");
	});

	test("the no-placeholder warning knows {{title}}: none of the three warns, the title alone is a note, {{note}} or {{selection}} nothing", async () => {
		const t = (id: string, text: string) => ({ id, name: id, text, output: "below", deploymentId: null });
		await open({ templates: [t("None", "Write a haiku."), t("Title", "Outline a note called {{ title }}."), t("Note", "Summarize {{note}}"), t("Both", "{{title}}: {{selection}}")] });
		expect(ui.findings("None")).toEqual([{ severity: "warning", text: "The prompt uses none of {{selection}}, {{note}}, {{title}}: nothing from your note is sent." }]);
		expect(ui.findings("Title")).toEqual([{ severity: "info", text: "Only the note's title is sent, not its text: add {{selection}} or {{note}} to send the text." }]);
		expect(ui.findings("Note")).toEqual([]);
		expect(ui.findings("Both")).toEqual([]);
	});

	test("Add template is in the row that lists the templates, not one named for the placeholders; the list's buttons name their template", async () => {
		await open();
		expect(ui.has("Placeholders")).toBe(false);
		expect(ui.buttons("Templates").map((b) => b.textContent)).toEqual(["Add template"]);
		expect(ui.buttons("Second").map((b) => b.getAttribute("aria-label"))).toEqual(["Move Second up", "Move Second down", "Edit template Second", "Remove template Second"]);
	});

	test("one wording for the way back, from a deployment's page and from a template's", async () => {
		await open();
		ui.click("Mini (default)", "Edit");
		expect(ui.buttons("Mini").map((b) => b.textContent)).toContain("Back to all settings");
		ui.click("Mini", "Back to all settings").click("Second", "Edit");
		expect(ui.buttons("Second").map((b) => b.textContent)).toEqual(["Back to all settings"]);
	});

	test("reorder with the arrow buttons, keeping the focus on the moved template's button", async () => {
		await open();
		ui.click("Third", "Move Third up");
		expect(ui.names().filter((n) => ["First", "Second", "Third"].includes(n))).toEqual(["First", "Third", "Second"]);
		expect(document.activeElement?.getAttribute("aria-label")).toBe("Move Third up");
		ui.click("First", "Move First down");
		await ui.settle();
		expect((ui.data().templates as { id: string }[]).map((t) => t.id)).toEqual(["t3", "t1", "t2"]);
		expect(ui.buttons("Third").find((b) => b.getAttribute("aria-label") === "Move Third up")!.disabled).toBe(true);
		expect(ui.buttons("Second").find((b) => b.getAttribute("aria-label") === "Move Second down")!.disabled).toBe(true);
	});

	test("remove; the last one cannot be removed", async () => {
		await open({ templates: [TEMPLATES[0]] });
		expect(ui.buttons("First").find((b) => b.textContent === "Remove")!.disabled).toBe(true);
		await ui.dispose();
		await open();
		ui.click("Second", "Remove");
		await ui.settle();
		expect((ui.data().templates as { id: string }[]).map((t) => t.id)).toEqual(["t1", "t3"]);
	});

	test("add, then edit: name, text with placeholders flagged as typed, output mode, deployment", async () => {
		await open();
		ui.click("Templates", "Add template");
		expect(ui.has("Prompt")).toBe(true);
		ui.type("Name", "Critique");
		ui.type("Prompt", "Critique {{selction}} from {{ title }} and {{author}}");
		await ui.settle();
		expect(ui.findings("Prompt")).toEqual([
			{ severity: "warning", text: expect.stringMatching(/^\{\{selction\}\} is not a placeholder/), fix: "Use {{selection}}" },
			{ severity: "warning", text: expect.stringMatching(/^\{\{author\}\} is not a placeholder/) },
			{ severity: "info", text: "Only the note's title is sent, not its text: add {{selection}} or {{note}} to send the text." },
		]);
		ui.fix("Prompt", "Use {{selection}}");
		expect(ui.input("Prompt").value).toBe("Critique {{selection}} from {{ title }} and {{author}}");
		expect(ui.findings("Prompt")).toEqual([{ severity: "warning", text: expect.stringMatching(/^\{\{author\}\}/) }]);
		expect(document.activeElement).toBe(ui.input("Prompt"));
		ui.type("Name", "");
		await ui.settle();
		expect(ui.findings("Name")).toEqual([{ severity: "warning", text: "Give the template a name: the template picker lists templates by name." }]);
		ui.type("Name", "Critique").choose("Answer goes", "new-note").choose("Deployment", "d2");
		ui.click(/^Critique|New template$/, "Back to all settings");
		await ui.settle();
		const t = (ui.data().templates as Record<string, unknown>[]).at(-1);
		expect(t).toMatchObject({ name: "Critique", text: "Critique {{selection}} from {{ title }} and {{author}}", output: "new-note", deploymentId: "d2" });
		expect(ui.desc("Critique")).toBe("New note · Five");
	});
});
