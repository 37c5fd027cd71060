/** @jest-environment ./tests/support/jsdomEnvironment.cjs */
/**
 * The "Request history" view from the built main.js, drawn in jsdom: opened by its command in the
 * right sidebar, it lists the requests the commands sent (newest first) and follows new ones,
 * filters by deployment and outcome, opens the note an answer went to, runs a kept prompt again,
 * draws the usage chart, and exports the listed requests as CSV without overwriting a file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { WorkspaceLeaf } from "../support/obsidian";
import { NOTE, SECRET, deployment, useHarness } from "./commandsHarness";

const h = useHarness();

function view(): HTMLElement {
	const leaf = h.host.standInApp.workspace.getLeavesOfType("azure-reasoning-history")[0] as WorkspaceLeaf | undefined;
	if (!leaf) throw new Error("no history view is open");
	expect(leaf.side).toBe("right");
	return (leaf.view as unknown as { contentEl: HTMLElement }).contentEl;
}
const items = () => [...view().querySelectorAll(".azure-reasoning-history-entry")];
const button = (el: Element, text: string) => [...el.querySelectorAll("button")].find((b) => b.textContent === text);
const select = (label: string) => view().querySelector(`select[aria-label="${label}"]`) as HTMLSelectElement;
function choose(label: string, value: string): void {
	const s = select(label);
	s.value = value;
	s.dispatchEvent(new Event("change"));
}
const idle = () => (h.plugin.services.history as unknown as { whenIdle(): Promise<void> }).whenIdle();
const settle = () => new Promise((r) => setImmediate(r));

async function twoRequests(settings: Record<string, unknown> = {}): Promise<void> {
	await h.start({ loader: "main.js", deployments: [deployment(), deployment({ id: "d2", displayName: "Broken key", secretName: "azure-other" })], secrets: { [SECRET]: "cmd-key-5f4e3d2c1b0a9988", "azure-other": "not-the-key-00001111" }, settings });
	await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
	h.plugin.settings.defaultDeploymentId = "d2";
	h.host.openNote(NOTE, { selection: "all" });
	await h.run("ask-about-selection", { type: "Again?", click: "Ask" });
	await idle();
}

test("opened by its command in the right sidebar: the requests newest first, following new ones, with the chart", async () => {
	await twoRequests();
	await h.host.runCommand("open-request-history");
	expect(h.host.uncaught()).toEqual([]);
	expect(items().map((i) => i.className)).toEqual([expect.stringContaining("outcome-failed"), expect.stringContaining("outcome-answered")]);
	expect(items()[0]?.textContent).toContain("Broken key");
	expect(items()[0]?.querySelector(".azure-reasoning-history-error")?.textContent).toMatch(/401/);
	const charts = [...view().querySelectorAll("svg.azure-reasoning-chart")];
	expect(charts.map((c) => c.getAttribute("aria-label"))).toEqual(["Tokens per day, last 30 days: Test", "Tokens per day, last 30 days: Broken key"]);
	expect(charts[0]?.querySelector("desc")?.textContent).toMatch(/of which [\d,]+ reasoning \(\d+%\)/);
	expect(charts[0]?.querySelectorAll("rect").length).toBeGreaterThan(0);
	// A second run of the command reveals the same view.
	await h.host.runCommand("open-request-history");
	expect(h.host.standInApp.workspace.getLeavesOfType("azure-reasoning-history")).toHaveLength(1);
	// A new request appears without reopening.
	h.plugin.settings.defaultDeploymentId = "d1";
	h.host.openNote(NOTE, { selection: "all" });
	await h.run("summarize-note-to-new-note");
	await idle();
	expect(items()).toHaveLength(3);
	expect(items()[0]?.textContent).toContain("summarize-note-to-new-note");
});

test("filters by deployment and outcome; Open opens the note the answer went to", async () => {
	await twoRequests();
	await h.host.runCommand("open-request-history");
	choose("Outcome", "failed");
	expect(items()).toHaveLength(1);
	choose("Outcome", "");
	choose("Deployment", "d1");
	expect(items()).toHaveLength(1);
	choose("Outcome", "cancelled");
	expect(view().textContent).toContain("No request matches the filters.");
	choose("Outcome", "answered");
	const open = button(items()[0] as Element, "Open");
	expect(open).toBeDefined();
	open?.click();
	await settle();
	expect(h.host.standInApp.workspace.getActiveFile()?.path).toBe(NOTE);
	// Without a kept prompt there is nothing to send again.
	expect(button(items()[0] as Element, "Run again")).toBeUndefined();
});

test("Export as CSV: the listed requests, into the output folder, never over an existing file", async () => {
	await twoRequests({ outputFolder: "Exports" });
	await h.host.runCommand("open-request-history");
	choose("Deployment", "d1");
	button(view(), "Export as CSV")?.click();
	await settle();
	button(view(), "Export as CSV")?.click();
	await settle();
	await settle();
	const csvs = h.host.standInApp.vault.getFiles().map((f) => f.path).filter((p) => p.endsWith(".csv")).sort();
	expect(csvs).toHaveLength(2);
	expect(csvs[0]).toMatch(/^Exports\/Request history \d{4}-\d\d-\d\d( 2)?\.csv$/);
	const text = readFileSync(join(h.vaultDir, csvs[0] as string), "utf8");
	expect(text.split("\r\n")).toHaveLength(3); // header, one request, the final line break
	expect(text).toContain(",Test,d1,");
	expect(text).not.toContain("Broken key");
});

test("Run again, for a request whose prompt was kept: the same prompt, the answer in a new note, recorded", async () => {
	await h.start({ loader: "main.js", settings: { keepPromptsInHistory: true } });
	await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
	await idle();
	await h.host.runCommand("open-request-history");
	const before = h.notes();
	button(items()[0] as Element, "Run again")?.click();
	await h.requestsArrived(2);
	for (let i = 0; i < 20 && h.notes().length === before.length; i++) await settle();
	await idle();
	expect(h.emu.requests[1]?.body).toEqual(h.emu.requests[0]?.body);
	const made = h.notes().filter((p) => !before.includes(p));
	expect(made).toHaveLength(1);
	expect(items()).toHaveLength(2);
	expect(items()[0]?.textContent).toContain(made[0]);
});
