// Events and debounce behave as Obsidian's do; the UI shells construct and chain.
import { App, Events, Modal, Setting, debounce, FakeElement } from "./index";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

test("on/off/offref/trigger; a throwing handler is logged and does not stop the others", () => {
	const e = new Events();
	const got: unknown[] = [];
	const a = (x: number) => got.push(`a${x}`);
	e.on("x", a);
	const ref = e.on("x", function (this: { tag: string }, x: number) {
		got.push(`${this.tag}${x}`);
	}, { tag: "ctx" });
	e.on("x", () => {
		throw new Error("boom");
	});
	e.on("x", (x: number) => got.push(`last${x}`));
	const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
	e.trigger("x", 1);
	expect(error).toHaveBeenCalledTimes(1);
	error.mockRestore();
	e.off("x", a);
	e.offref(ref);
	jest.spyOn(console, "error").mockImplementation(() => undefined);
	e.trigger("x", 2);
	jest.restoreAllMocks();
	expect(got).toEqual(["a1", "ctx1", "last1", "last2"]);
});

describe("debounce", () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	test("runs once after the timeout with the latest arguments; resetTimer pushes it back", () => {
		const calls: number[] = [];
		const d = debounce((n: number) => calls.push(n), 100);
		d(1);
		jest.advanceTimersByTime(60);
		d(2);
		jest.advanceTimersByTime(40);
		expect(calls).toEqual([2]);
		const r = debounce((n: number) => calls.push(n), 100, true);
		r(3);
		jest.advanceTimersByTime(60);
		r(4);
		jest.advanceTimersByTime(60);
		expect(calls).toEqual([2]);
		jest.advanceTimersByTime(40);
		expect(calls).toEqual([2, 4]);
	});

	test("run() fires a pending call now and returns its value; cancel() drops it", () => {
		const d = debounce((n: number) => n * 2, 100);
		d(21);
		expect(d.run()).toBe(42);
		expect(d.run()).toBeUndefined();
		let fired = false;
		const c = debounce(() => (fired = true), 100);
		c().cancel();
		jest.advanceTimersByTime(200);
		expect(fired).toBe(false);
	});
});

test("Modal and Setting are shells: they construct, chain, and open/close call the hooks", () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "standin-ui-"));
	try {
		const app = new App(dir);
		const hooks: string[] = [];
		class Ask extends Modal {
			onOpen(): void {
				hooks.push("open");
			}
			onClose(): void {
				hooks.push("close");
			}
		}
		const m = new Ask(app).setTitle("Ask").setContent("Which deployment?");
		m.open();
		m.close();
		m.close();
		expect(hooks).toEqual(["open", "close"]);
		expect(m.titleEl.textContent).toBe("Ask");
		const container = new FakeElement();
		new Setting(container).setName("Deployments").setHeading().setDesc("The ones you use.");
		expect(container.textContent).toBe("DeploymentsThe ones you use.");
		expect(container.children[0]?.hasClass("setting-item-heading")).toBe(true);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
