/**
 * The Responses API from the built main.js, against the strict emulator over loopback: reasoning
 * summaries (in a new note's folded callout, behind "Show reasoning", above an answer inserted
 * below when asked), a Responses-only deployment that is never sent to chat completions, the
 * blank and cut-off answers of `status: incomplete`, and Azure's own refusals turned into one-click
 * fixes that work.
 */
import { Modal, noticeObjects } from "../support/obsidian";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BEFORE, DATA_JSON, NOTE, SELECTED, deployment, useHarness } from "./commandsHarness";

const h = useHarness();

beforeAll(() => {
	h.emu.addDeployment({ name: "dep-gpt51", family: "gpt-5.1" });
	h.emu.addDeployment({ name: "dep-o3pro", family: "o3-pro" });
	h.emu.addDeployment({ name: "dep-o4mini", family: "o4-mini" });
	h.emu.addDeployment({ name: "dep-o4mini-ok", family: "o4-mini", summaryAccess: true });
	// Azure in November 2025: gpt-5.1 without `none`, refused in the "Invalid value" wording (facts §4).
	h.emu.addDeployment({ name: "dep-gpt51-lagging", family: "gpt-5.1", efforts: ["low", "medium", "high"], effortWording: "invalid-value" });
	h.emu.addDeployment({ name: "dep-gpt51chat", family: "gpt-5.1-chat" });
});

const responses = (over: Record<string, unknown> = {}) =>
	deployment({ deployment: "dep-gpt51", family: "gpt-5.1", apiStyle: "v1", apiVersion: "", operation: "responses", reasoningEffort: "medium", reasoningSummary: "auto", ...over });

function button(label: string) {
	const found = noticeObjects.flatMap((n) => n.buttons()).filter((b) => b.textContent === label);
	if (found.length !== 1) throw new Error(`${found.length} notice buttons "${label}"`);
	return found[0]!;
}
const settle = () => new Promise((r) => setImmediate(r));
/** The summary the emulator gave for the last request. */
function summaryOfLast(): string {
	const body = JSON.parse(h.emu.requests.at(-1)!.responseBody) as { output: { type: string; summary?: { text: string }[] }[] };
	return body.output.find((o) => o.type === "reasoning")!.summary!.map((s) => s.text).join("\n\n");
}

describe("reasoning summaries (main.js)", () => {
	test("a summary into a new note: the reasoning sits in a folded callout after the heading, before the answer", async () => {
		await h.start({ loader: "main.js", deployments: [responses()] });
		h.emu.setAnswer(() => "We ship on Friday.");
		const outcome = await h.run("summarize-selection-to-new-note");
		expect(outcome.ok).toBe(true);
		const summary = summaryOfLast();
		expect(summary).not.toBe("");
		const note = h.read("Meeting (summary).md");
		const callout = ["> [!abstract]- Reasoning summary", ...summary.split("\n").map((l) => (l.trim() === "" ? ">" : `> ${l}`))].join("\n");
		expect(note).toContain(`\n\n${callout}\n\nWe ship on Friday.\n`);
		expect(note.indexOf(callout)).toBeGreaterThan(note.indexOf("---\n", 4));
		expect(h.read(NOTE)).toBe(BEFORE);
		const sent = h.emu.requests[0]!;
		expect(sent.operation).toBe("responses");
		expect(sent.body).toMatchObject({ reasoning: { effort: "medium", summary: "auto" }, store: false });
	});

	test("an answer in the note: the summary stays out of it, and Show reasoning opens it in a modal", async () => {
		await h.start({ loader: "main.js", deployments: [responses()] });
		h.emu.setAnswer(() => "- Ship on Friday.");
		const outcome = await h.run("ask-about-selection", { type: "Turn this into a task.", click: "Ask" });
		expect(outcome.ok).toBe(true);
		expect(h.read(NOTE)).toBe(BEFORE.replace(SELECTED, `${SELECTED}\n\n- Ship on Friday.`));
		const summary = summaryOfLast();
		button("Show reasoning").click();
		await settle();
		const modal = Modal.opened.at(-1)!;
		expect(modal.titleEl.textContent).toMatch(/^Reasoning summary \(gpt-5\.1/);
		expect(modal.contentEl.textContent).toContain(summary);
		modal.close();
	});

	test("with 'Reasoning summaries in the note' on, a folded callout goes just above an answer inserted below", async () => {
		await h.start({ loader: "main.js", deployments: [responses()], settings: { reasoningInNote: true } });
		h.emu.setAnswer(() => "- Ship on Friday.");
		await h.run("ask-about-selection", { type: "Turn this into a task.", click: "Ask" });
		const summary = summaryOfLast();
		const callout = ["> [!abstract]- Reasoning summary", ...summary.split("\n").map((l) => (l.trim() === "" ? ">" : `> ${l}`))].join("\n");
		expect(h.read(NOTE)).toBe(BEFORE.replace(SELECTED, `${SELECTED}\n\n${callout}\n\n- Ship on Friday.`));
	});

	test("…but never when the answer replaces the selection", async () => {
		await h.start({ loader: "main.js", deployments: [responses()], settings: { reasoningInNote: true } });
		h.emu.setAnswer(() => "We ship on Friday.");
		await h.run("template-improve-writing");
		expect(h.read(NOTE)).toBe(BEFORE.replace(SELECTED, "We ship on Friday."));
		expect(noticeObjects.flatMap((n) => n.buttons()).map((b) => b.textContent)).toContain("Show reasoning");
	});

	test("o4-mini without Microsoft's approval: explained, and 'Turn summaries off' makes the next run work", async () => {
		await h.start({ loader: "main.js", deployments: [deployment({ deployment: "dep-o4mini", family: "o4-mini", apiVersion: "2025-04-01-preview", operation: "responses", reasoningSummary: "auto" })] });
		const outcome = await h.run("template-improve-writing");
		expect(outcome.ok).toBe(false);
		expect(h.lastNotice()).toMatch(/reasoning summary.*approv/i);
		expect(h.read(NOTE)).toBe(BEFORE);
		button("Turn summaries off").click();
		await settle();
		expect(h.plugin.settings.deployments[0]!.reasoningSummary).toBe("off");
		h.emu.setAnswer(() => "Fine.");
		expect((await h.run("template-improve-writing")).ok).toBe(true);
		expect(h.read(NOTE)).toBe(BEFORE.replace(SELECTED, "Fine."));
	});
});

describe("operations (main.js)", () => {
	test("a Responses-only deployment set to chat completions is refused before anything is sent, with the switch", async () => {
		await h.start({ loader: "main.js", deployments: [deployment({ deployment: "dep-o3pro", family: "o3-pro", apiVersion: "2025-04-01-preview", operation: "chat-completions" })] });
		const outcome = await h.run("template-improve-writing");
		expect(outcome.ok).toBe(false);
		expect(h.lastNotice()).toMatch(/o3-pro answers only on the Responses API/);
		expect(h.emu.requests).toEqual([]);
		button("Use the Responses API").click();
		await settle();
		h.emu.setAnswer(() => "Fine.");
		expect((await h.run("template-improve-writing")).ok).toBe(true);
		expect(h.emu.requests.map((r) => [r.operation, r.path, r.apiVersion])).toEqual([["responses", "/openai/responses", "2025-04-01-preview"]]);
	});

	test("OperationNotSupported from Azure (the family said gpt-5, the deployment runs o3-pro): one click switches operation and family", async () => {
		await h.start({ loader: "main.js", deployments: [deployment({ deployment: "dep-o3pro", family: "gpt-5", apiStyle: "v1", apiVersion: "", operation: "chat-completions" })] });
		await h.run("template-improve-writing");
		expect(h.lastNotice()).toMatch(/Azure refused chat completions for the model o3-pro/);
		button("Use the Responses API").click();
		await settle();
		expect(h.plugin.settings.deployments[0]).toMatchObject({ operation: "responses", family: "o3-pro" });
		h.emu.setAnswer(() => "Fine.");
		expect((await h.run("template-improve-writing")).ok).toBe(true);
	});

	test("a region without the Responses API (404): explained, and 'Use chat completions' works", async () => {
		await h.start({ loader: "main.js", deployments: [responses({ reasoningSummary: "off" })] });
		h.emu.setResponsesAvailable(false);
		try {
			await h.run("template-improve-writing");
			expect(h.lastNotice()).toMatch(/no Responses API at this address/);
			button("Use chat completions").click();
			await settle();
			h.emu.setAnswer(() => "Fine.");
			expect((await h.run("template-improve-writing")).ok).toBe(true);
			expect(h.emu.requests.at(-1)!.operation).toBe("chat-completions");
		} finally {
			h.emu.setResponsesAvailable(true);
		}
	});
});

describe("Azure's own words as the second guard (main.js)", () => {
	test("an effort Azure does not list: the fix uses the nearest listed value and remembers Azure's list", async () => {
		await h.start({ loader: "main.js", deployments: [responses({ deployment: "dep-gpt51-lagging", reasoningEffort: "none", reasoningSummary: "off" })] });
		await h.run("template-improve-writing");
		expect(h.lastNotice()).toMatch(/Invalid value: 'none'\. Supported values are: 'low', 'medium', and 'high'\..*Use low/);
		button("Use low").click();
		await settle();
		expect(h.plugin.settings.deployments[0]).toMatchObject({ reasoningEffort: "low", supportedEfforts: ["low", "medium", "high"] });
		h.emu.setAnswer(() => "Fine.");
		expect((await h.run("template-improve-writing")).ok).toBe(true);
		expect(h.emu.requests.at(-1)!.body).toMatchObject({ reasoning: { effort: "low" } });
	});

	test("a refused parameter: 'Stop sending temperature' leaves it out of the next request", async () => {
		// The family says a chat model (temperature 0.4 is fine there); the deployment really runs o1, which refuses the parameter.
		await h.start({ loader: "main.js", deployments: [deployment({ deployment: "dep-o1", family: "chat", temperature: 0.4, maxCompletionTokens: 4_000 })] });
		await h.run("template-improve-writing");
		expect(h.lastNotice()).toMatch(/^Azure does not take temperature from this deployment: Unsupported parameter: 'temperature'/);
		button("Stop sending temperature").click();
		await settle();
		h.emu.setAnswer(() => "Fine.");
		expect((await h.run("template-improve-writing")).ok).toBe(true);
		expect(h.emu.requests.at(-1)!.body).not.toHaveProperty("temperature");
	});
});

describe("status: incomplete (main.js)", () => {
	test("max_output_tokens with no message: nothing inserted, the reasoning tokens named, a larger budget offered", async () => {
		await h.start({ loader: "main.js", deployments: [responses({ reasoningSummary: "off", maxCompletionTokens: 5_000 })] });
		h.emu.script({ exhaustBudget: true });
		const outcome = await h.run("template-improve-writing");
		expect(outcome.ok).toBe(false);
		expect(h.lastNotice()).toMatch(/reasoning used 5,000 of the 5,000 tokens allowed/);
		expect(h.read(NOTE)).toBe(BEFORE);
		expect(noticeObjects.flatMap((n) => n.buttons()).map((b) => b.textContent)).toContain("Use 25,000");
	});

	test("max_output_tokens with part of an answer: it goes below the selection, never in place of it", async () => {
		await h.start({ loader: "main.js", deployments: [responses({ reasoningSummary: "off" })] });
		h.emu.script({ cutOff: true, content: "Ship on Friday, and tell" });
		await h.run("template-improve-writing");
		expect(h.read(NOTE)).toBe(BEFORE.replace(SELECTED, `${SELECTED}\n\nShip on Frid`));
		expect(h.lastNotice()).toMatch(/cut off/);
	});

	test("content_filter: nothing inserted, the filter named", async () => {
		await h.start({ loader: "main.js", deployments: [responses({ reasoningSummary: "off" })] });
		h.emu.script({ filteredOutput: { category: "violence" } });
		const outcome = await h.run("template-improve-writing");
		expect(outcome.ok).toBe(false);
		expect(h.lastNotice()).toMatch(/content filter withheld the answer/);
		expect(h.read(NOTE)).toBe(BEFORE);
	});
});

describe("settings of the previous version (main.js)", () => {
	test("a version-1 file migrates unchanged: chat completions, no summary, and the file says so", async () => {
		const { operation: _o, reasoningSummary: _r, verbosity: _v, ...v1 } = deployment({ deployment: "dep-gpt5", family: "gpt-5", apiStyle: "v1", apiVersion: "" }) as Record<string, unknown>;
		await h.start({ loader: "main.js", deployments: [v1], settings: { version: 1 } });
		h.emu.setAnswer(() => "Fine.");
		expect((await h.run("template-improve-writing")).ok).toBe(true);
		expect(h.emu.requests.map((r) => r.operation)).toEqual(["chat-completions"]);
		await h.plugin.saveSettings();
		const saved = JSON.parse(readFileSync(join(h.vaultDir, DATA_JSON), "utf8")) as { version: number; deployments: Record<string, unknown>[] };
		expect(saved.version).toBe(2);
		expect(saved.deployments[0]).toMatchObject({ operation: "chat-completions", reasoningSummary: "off", verbosity: "" });
		// The same request as before the migration (the body a version-1 plugin sent for this deployment).
		expect(h.emu.requests[0]!.body).toEqual({ model: "dep-gpt5", messages: [{ role: "developer", content: "Formatting re-enabled" }, { role: "user", content: expect.stringContaining("we decide to ship on friday.") }], max_completion_tokens: 25_000 });
	});
});

test("a one-click fix clicked after the settings were read again (a sync) fixes the deployment as it is now, and is saved (main.js)", async () => {
	await h.start({ loader: "main.js", deployments: [deployment({ deployment: "dep-o3pro", family: "o3-pro", apiVersion: "2025-04-01-preview", operation: "chat-completions" })] });
	await h.run("template-improve-writing");
	// What a reload does: the settings object is replaced by one read from the file.
	h.plugin.settings = structuredClone(h.plugin.settings);
	button("Use the Responses API").click();
	await settle();
	expect(h.plugin.settings.deployments[0]!.operation).toBe("responses");
	const saved = JSON.parse(readFileSync(join(h.vaultDir, DATA_JSON), "utf8")) as { deployments: { operation: string }[] };
	expect(saved.deployments[0]!.operation).toBe("responses");
});
