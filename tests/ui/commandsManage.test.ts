/**
 * choose-deployment, preview-request and cancel-request, and the progress of requests in flight
 * (a status-bar item each on desktop, cancel on click; a notice on mobile).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROGRESS_DELAY_MS } from "../../src/ui/progress";
import { Modal, Platform, findEls, modalWatchers } from "../support/obsidian";
import { BEFORE, DATA_JSON, KEY, LOADERS, SELECTED, deployment, useHarness } from "./commandsHarness";

const h = useHarness();

const TWO = [deployment(), deployment({ id: "d2", displayName: "Mini", deployment: "dep-o3mini", family: "o3-mini" })];

describe.each(LOADERS)("plugin from %s", (loader) => {
	test("choose-deployment: the picked deployment becomes the default, is saved, and is used next", async () => {
		await h.start({ loader, deployments: TWO });
		const outcome = await h.run("choose-deployment", { choose: "Mini" });
		expect(outcome).toEqual({ ok: true, message: "The default deployment is now Mini." });
		expect((JSON.parse(readFileSync(join(h.vaultDir, DATA_JSON), "utf8")) as { defaultDeploymentId: string }).defaultDeploymentId).toBe("d2");
		h.emu.setAnswer(() => "Fine.");
		await h.run("ask-about-selection", { type: "OK?", click: "Ask" });
		expect(h.emu.requests[0]!.deployment).toBe("dep-o3mini");
		expect(h.read()).toBe("# Meeting\n\nwe decide to ship on friday.\n\nFine.\n\nLast line.\n");
	});

	test("preview-request: exactly what the template would send (URL, headers with the key redacted, body), and nothing is sent", async () => {
		await h.start({ loader });
		let shown = "";
		let readable: { label: string; text: string; raw: string[] } | null = null;
		modalWatchers.push((m) => {
			if (!m.modalEl.hasClass("azure-reasoning-preview")) return;
			shown = m.contentEl.textContent;
			const byClass = (cls: string) => findEls(m.contentEl, (el) => el.hasClass(cls));
			const pre = byClass("azure-reasoning-request-preview")[0]!;
			// The raw request is folded away: its <pre> sits inside a <details>, under a <summary>.
			const raw: string[] = [];
			for (let p = pre.parentElement; p; p = p.parentElement) raw.push(p.tagName);
			readable = { label: byClass("azure-reasoning-preview-label").map((e) => e.textContent).join("|"), text: byClass("azure-reasoning-preview-text").map((e) => e.textContent).join("|"), raw };
		});
		const outcome = await h.run("preview-request", { choose: "Improve the writing" }, { click: "Close" });
		expect(outcome.ok).toBe(true);
		expect(h.emu.requests).toHaveLength(0);
		expect(h.readDisk()).toBe(BEFORE);
		expect(shown).not.toContain(KEY);
		const preview = outcome.message!;
		expect(shown).toContain(preview);
		expect(shown).toMatch(/^"Improve the writing" on Meeting, to Test \(o1\)\.The prompt is about \d+ tokens \(an estimate\); 175,000 fit beside the answer's 25,000\./);
		// Read first: the instructions and the prompt as the model reads them, real line breaks, no JSON escapes.
		expect(readable).toEqual({ label: "Instructions|Prompt", text: expect.stringMatching(/^Formatting re-enabled\|Improve the writing of the following text\.[^]*\n\nwe decide to ship on friday\.$/), raw: expect.arrayContaining(["DETAILS"]) });

		// The same template, really sent: the emulator receives what the preview showed.
		h.emu.setAnswer(() => "Done.");
		await h.run("run-prompt-on-selection", { choose: "Improve the writing" });
		const sent = h.emu.requests[0]!;
		const [requestLine = "", ...rest] = preview.split("\n");
		const blank = rest.indexOf("");
		const headers = rest.slice(0, blank).map((l) => [l.slice(0, l.indexOf(": ")), l.slice(l.indexOf(": ") + 2)]);
		expect(requestLine).toBe(`POST ${h.emu.url}${sent.path}?${new URLSearchParams(sent.query).toString()}`);
		expect(headers).toContainEqual(["api-key", "[redacted]"]);
		for (const [name, value] of headers) expect([name, sent.headers[name!]]).toEqual([name, value]);
		expect(JSON.parse(rest.slice(blank + 1).join("\n"))).toEqual(sent.body);
	});

	test("cancel-request: the running request stops; the note is exactly as the user left it", async () => {
		await h.start({ loader, fakeClock: true });
		h.emu.script({ delayMs: 2_000, content: "LATE" });
		const running = h.run("run-prompt-on-selection", { choose: "Improve the writing" });
		await h.requestsArrived(1);
		await h.advance(PROGRESS_DELAY_MS);
		expect(h.statusItems().map((el) => el.textContent)).toEqual([expect.stringMatching(/^Test: thinking \d+ s$/)]);
		await h.host.runCommand("cancel-request");
		const outcome = await running;
		expect(outcome.ok).toBe(false);
		expect(h.lastNotice()).toBe("Cancelled (Improve the writing): the note is as you left it.");
		expect(h.readDisk()).toBe(BEFORE);
		expect(h.read()).toBe(BEFORE);
		expect(h.statusItems()).toEqual([]);
		await expect(h.host.runCommand("cancel-request")).rejects.toThrow(/not available/);
	});
});

test("several requests at once: each has its own status-bar item; the cancel picker stops the one chosen, the other lands", async () => {
	await h.start({ fakeClock: true });
	// The first is cancelled before its (long) delay ends; the second is waited for (on the fake clock).
	h.emu.script({ delayMs: 10_000, content: "IMPROVED" }, { delayMs: 400, content: "ANSWER BELOW" });
	const first = h.run("run-prompt-on-selection", { choose: "Improve the writing" });
	await h.requestsArrived(1);
	const editor = h.host.standInApp.workspace.activeEditor!.editor;
	const last = BEFORE.indexOf("Last line.");
	editor.setSelection(editor.offsetToPos(last), editor.offsetToPos(last + "Last line.".length));
	const second = h.run("ask-about-selection", { type: "Why?", click: "Ask" });
	await h.requestsArrived(2);
	await h.advance(PROGRESS_DELAY_MS);
	expect(h.statusItems().map((el) => el.getAttr("aria-label"))).toEqual(["Improve the writing in Meeting: click to cancel", "Question in Meeting: click to cancel"]);
	await h.run("cancel-request", { choose: "Improve the writing" });
	expect((await first).ok).toBe(false);
	await h.advance(400);
	expect((await second).ok).toBe(true);
	expect(h.read()).toBe(`# Meeting\n\n${SELECTED}\n\nLast line.\n\nANSWER BELOW\n`);
	expect(h.statusItems()).toEqual([]);
});

test("a click on a request's status-bar item cancels that request", async () => {
	await h.start({ fakeClock: true });
	h.emu.script({ delayMs: 2_000, content: "LATE" });
	const running = h.run("summarize-note-to-new-note");
	await h.requestsArrived(1);
	await h.advance(PROGRESS_DELAY_MS);
	const [item] = h.statusItems();
	expect(item!.textContent).toMatch(/^Test: thinking \d+ s$/);
	item!.click();
	expect((await running).ok).toBe(false);
	expect(h.notes()).toEqual(["Notes/Meeting.md"]);
	expect(h.readDisk()).toBe(BEFORE);
	expect(h.lastNotice()).toBe("Cancelled (Summary): the note is as you left it.");
});

test("progress shows once a request has run PROGRESS_DELAY_MS; one answered sooner shows none; either can be cancelled at once", async () => {
	await h.start({ fakeClock: true });
	h.emu.script({ delayMs: PROGRESS_DELAY_MS - 50, content: "QUICK" }, { delayMs: 5_000, content: "SLOW" }, { delayMs: 5_000, content: "UNSEEN" });
	const quick = h.run("ask-about-selection", { type: "Quick?", click: "Ask" });
	await h.requestsArrived(1);
	await h.advance(PROGRESS_DELAY_MS - 50);
	expect((await quick).ok).toBe(true);
	await h.advance(1_000);
	expect(h.statusItems()).toEqual([]);

	const slow = h.run("ask-about-selection", { type: "Slow?", click: "Ask" });
	await h.requestsArrived(2);
	await h.advance(PROGRESS_DELAY_MS - 1);
	expect(h.statusItems()).toEqual([]);
	await h.advance(1);
	expect(h.statusItems().map((el) => el.textContent)).toEqual(["Test: thinking 0 s"]);
	await h.host.runCommand("cancel-request");
	expect((await slow).ok).toBe(false);
	expect(h.statusItems()).toEqual([]);

	// Cancelled before its progress showed: "Cancel request" lists a request from its start.
	const unseen = h.run("ask-about-selection", { type: "Unseen?", click: "Ask" });
	await h.requestsArrived(3);
	await h.host.runCommand("cancel-request");
	expect((await unseen).ok).toBe(false);
	await h.advance(1_000);
	expect(h.statusItems()).toEqual([]);
	expect(h.lastNotice()).toBe("Cancelled (Question): the note is as you left it.");
});

test("on mobile, a notice shows the request while it runs (no status bar), and goes when it ends", async () => {
	await h.start({ fakeClock: true });
	Platform.isMobile = true;
	try {
		h.emu.script({ delayMs: 300, content: "DONE" });
		const running = h.run("run-prompt-on-selection", { choose: "Summarize" });
		await h.requestsArrived(1);
		await h.advance(300);
		await running;
		expect(h.statusItems()).toEqual([]);
		expect(h.host.notices()).toContainEqual('Thinking: Summarize, Meeting, on Test, 0 s. To stop it, run "Cancel request".');
		expect(h.read()).toBe("# Meeting\n\nwe decide to ship on friday.\n\nDONE\n\nLast line.\n");
	} finally {
		Platform.isMobile = false;
	}
});

test("cancel with no request running is not offered", async () => {
	await h.start();
	await expect(h.host.runCommand("cancel-request")).rejects.toThrow(/not available/);
	expect(Modal.opened).toEqual([]);
});

test("choose-deployment with none set up says so, with a way to the settings", async () => {
	await h.start({ deployments: [] });
	const outcome = await h.run("choose-deployment");
	expect(outcome).toEqual({ ok: false, message: "No deployment is set up yet: add one in the settings." });
	expect(Modal.opened).toEqual([]);
});

test("preview-request on a v1 deployment shows the Authorization header redacted, and the estimate", async () => {
	await h.start({ deployments: [deployment({ deployment: "dep-gpt5", family: "gpt-5", apiStyle: "v1" })] });
	const outcome = await h.run("preview-request", { choose: "Summarize" }, { click: "Close" });
	const lines = outcome.message!.split("\n");
	expect(lines[0]).toBe(`POST ${h.emu.url}/openai/v1/chat/completions`);
	expect(lines).toContain("authorization: Bearer [redacted]");
	expect(outcome.message).not.toContain(KEY);
	expect(outcome.message).toContain('"model": "dep-gpt5"');
	expect(outcome.message).toContain(SELECTED);
	expect(h.emu.requests).toHaveLength(0);
});

test("cancel after the user typed meanwhile: the note is exactly the user's text, nothing of the request in it", async () => {
	await h.start();
	h.emu.script({ delayMs: 2_000, content: "LATE" });
	const editor = h.host.standInApp.workspace.activeEditor!.editor;
	const running = h.run("ask-about-selection", { type: "Why?", click: "Ask" });
	await h.requestsArrived(1);
	editor.replaceRange("Typed. ", editor.offsetToPos(BEFORE.indexOf(SELECTED) + 3));
	await h.host.runCommand("cancel-request");
	expect((await running).ok).toBe(false);
	expect(h.read()).toBe("# Meeting\n\nwe Typed. decide to ship on friday.\n\nLast line.\n");
});

test("unloading the plugin while a picker is open closes it; nothing is sent or changed", async () => {
	await h.start({ loader: "main.js" });
	const running = h.host.runCommand("run-prompt-on-selection");
	expect(Modal.opened).toHaveLength(1);
	await h.host.unloadPlugin();
	expect(Modal.opened).toHaveLength(0);
	await running;
	expect(h.emu.requests).toHaveLength(0);
	expect(h.readDisk()).toBe(BEFORE);
	expect(h.read()).toBe(BEFORE);
});
