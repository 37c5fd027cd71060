// Progress on mobile: no status bar there, so a notice that stays until the request ends; a tap
// dismisses a notice for good in Obsidian, so the next tick shows a new one.
import { Platform } from "obsidian";
import { PROGRESS_DELAY_MS, RequestTracker } from "../../src/ui/progress";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Notice, Plugin, noticeObjects, resetObsidianStandIn, setMobile } from "../support/obsidian";

/** The plugin side RequestTracker uses: on mobile, the stand-in's status bar throws (there is none). */
const plugin = {
	addStatusBarItem: () => {
		throw new Error("there is no status bar on mobile");
	},
} as never;

const visible = (): Notice[] => noticeObjects.filter((n) => !n.hidden && n.messageEl.textContent?.startsWith("Thinking:"));

beforeEach(() => {
	resetObsidianStandIn();
	jest.useFakeTimers();
	(globalThis as { window?: unknown }).window ??= globalThis;
	setMobile(true);
});

afterEach(() => {
	jest.useRealTimers();
	resetObsidianStandIn();
});

test("the stand-in's mobile has no status bar and Platform says mobile", () => {
	expect(Platform.isMobile).toBe(true);
	expect(Platform.isDesktopApp).toBe(false);
	const dir = mkdtempSync(join(tmpdir(), "ar-mobile-"));
	try {
		const p = new (class extends Plugin {})(new App(dir) as never, { id: "p", name: "P", author: "", version: "0", minAppVersion: "1.11.4", description: "" } as never);
		expect(() => p.addStatusBarItem()).toThrow("there is no status bar on mobile");
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test("a tapped progress notice comes back at the next tick, and goes when the request ends", () => {
	const tracker = new RequestTracker(plugin);
	const job = tracker.start({ deployment: "o1", what: "Summary", notePath: "Notes/Meeting.md" });
	expect(visible()).toHaveLength(0);
	jest.advanceTimersByTime(PROGRESS_DELAY_MS);
	expect(visible()).toHaveLength(1);
	visible()[0]?.tap();
	expect(visible()).toHaveLength(0);
	jest.advanceTimersByTime(1000);
	expect(visible()).toHaveLength(1);
	expect(visible()[0]?.messageEl.textContent).toBe('Thinking: Summary, Meeting, on o1, 1 s. To stop it, run "Cancel request".');
	// A tap on a notice that is already back works the same way, as often as the user taps.
	visible()[0]?.tap();
	jest.advanceTimersByTime(1000);
	expect(visible()).toHaveLength(1);
	job.finish();
	expect(visible()).toHaveLength(0);
	tracker.dispose();
});

test("notices hide after their duration, Obsidian's 5 s by default; 0 keeps one until tapped", () => {
	const short = new Notice("short", 2_000);
	const standard = new Notice("standard");
	const kept = new Notice("kept", 0);
	jest.advanceTimersByTime(2_000);
	expect([short.hidden, standard.hidden, kept.hidden]).toEqual([true, false, false]);
	jest.advanceTimersByTime(3_000);
	expect([standard.hidden, kept.hidden]).toEqual([true, false]);
	jest.advanceTimersByTime(600_000);
	expect(kept.hidden).toBe(false);
	kept.tap();
	expect(kept.hidden).toBe(true);
	expect(kept.messageEl.isConnected).toBe(false);
});
