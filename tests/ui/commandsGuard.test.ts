/**
 * The one wrapper around commands and buttons (src/ui/guard.ts): Obsidian ignores what a command
 * callback returns, so a throw there must become a notice; and an answer that exists is never
 * lost, even when the clipboard refuses it. The stand-in's runCommand, like Obsidian, hands no
 * callback error to the test: what the user sees is all a test sees.
 */
import { noticeObjects } from "../support/obsidian";
import { BEFORE, useHarness } from "./commandsHarness";

const h = useHarness();

/** Chromium's answer when the window has no focus (or the permission is missing). */
function refuseClipboard(): () => void {
	const had = Object.getOwnPropertyDescriptor(globalThis, "navigator");
	Object.defineProperty(globalThis, "navigator", { configurable: true, value: { clipboard: { writeText: () => Promise.reject(new Error("Document is not focused.")) } } });
	return () => {
		if (had) Object.defineProperty(globalThis, "navigator", had);
		else delete (globalThis as { navigator?: unknown }).navigator;
	};
}

function button(label: string) {
	const found = noticeObjects.flatMap((n) => n.buttons()).filter((b) => b.textContent === label);
	if (found.length !== 1) throw new Error(`${found.length} notice buttons "${label}"`);
	return found[0]!;
}

/** Lets pending promise callbacks (a button's async work) run. */
const settle = () => new Promise((r) => setImmediate(r));

test("an unexpected throw inside a command is a notice that says what failed, not a silent rejection", async () => {
	await h.start();
	jest.spyOn(h.plugin.services.requests, "start").mockImplementation(() => {
		throw new Error("the progress display broke");
	});
	const outcome = await h.run("summarize-selection-to-new-note");
	expect(outcome).toEqual({ ok: false, message: '"Summarize selection to new note" failed: the progress display broke' });
	expect(h.lastNotice()).toBe('"Summarize selection to new note" failed: the progress display broke');
	expect(h.host.uncaught()).toEqual([]);
	expect(h.readDisk()).toBe(BEFORE);
});

test("when the summary's link cannot be added to the source, the summary note is still announced and the failure said", async () => {
	await h.start({ selection: null });
	(h.plugin.settings as { linkSummaryInSource?: boolean }).linkSummaryInSource = true;
	h.emu.setAnswer(() => "The gist.");
	const editor = h.host.standInApp.workspace.activeEditor!.editor;
	jest.spyOn(editor, "transaction").mockImplementation(() => {
		throw new Error("The editor is read-only.");
	});
	const outcome = await h.run("summarize-note-to-new-note");
	expect(outcome.note).toBe("Meeting (summary).md");
	expect(h.read("Meeting (summary).md")).toContain("The gist.");
	expect(h.lastNotice()).toMatch(/^Summary in Meeting \(summary\)\.md, from o1-2024-12-17 in .*\. The link to it could not be added to Notes\/Meeting\.md \(The editor is read-only\.\)\.$/);
	expect(h.host.uncaught()).toEqual([]);
});

test('"Copy the answer" when the clipboard refuses: the answer goes into a new note, and the user is told where', async () => {
	await h.start({ selection: null });
	h.emu.setAnswer(() => "Only copy of the answer.");
	const vault = h.host.standInApp.vault;
	jest.spyOn(vault, "create").mockRejectedValueOnce(new Error("EACCES: permission denied"));
	const outcome = await h.run("summarize-note-to-new-note");
	expect(outcome).toEqual({ ok: false, message: "The answer could not be written to a new note (EACCES: permission denied)." });
	const restore = refuseClipboard();
	try {
		button("Copy the answer").click();
		await settle();
	} finally {
		restore();
	}
	expect(h.lastNotice()).toBe("The clipboard refused the answer (Document is not focused.), so it was put in Meeting (answer).md.");
	expect(h.read("Meeting (answer).md")).toBe("Answer, kept here because the clipboard refused it.\n\nOnly copy of the answer.\n");
});

test("a one-click fix whose save fails says so instead of failing silently", async () => {
	await h.start({ deployments: [{ id: "d1", displayName: "Test", endpoint: "", apiStyle: "dated", apiVersion: "2024-05-01-preview", deployment: "dep-o1", family: "o1", secretName: "azure-cmd", maxCompletionTokens: 25_000, reasoningEffort: "", instructions: "", markdown: true, temperature: 1 }] });
	await h.run("summarize-selection-to-new-note");
	expect(h.emu.requests).toHaveLength(0);
	const fix = noticeObjects.flatMap((n) => n.buttons()).find((b) => b.textContent !== "Open settings");
	expect(fix).toBeDefined();
	jest.spyOn(h.plugin, "saveData").mockRejectedValue(new Error("EROFS: read-only file system"));
	fix!.click();
	await settle();
	expect(h.lastNotice()).toBe(`"${fix!.textContent}" failed: EROFS: read-only file system`);
});
