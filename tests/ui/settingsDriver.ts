/**
 * Drives the settings tab in jsdom as a user would: finds a setting by its name, types into it
 * (input events), picks from dropdowns (change events), clicks buttons, and reads the findings
 * shown under it. The plugin is loaded from its sources (or the built main.js on mobile) into the stand-in host, over a real
 * vault folder, so data.json is the real file.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { PluginManifest } from "obsidian";
import AzureReasoningPlugin from "../../src/main";
import { TYPING_DEBOUNCE_MS } from "../../src/ui/settings/host";
import { ObsidianHost } from "../support/host";
import { elapseDebounceTimers } from "../support/obsidian/events";
import { secretComponentOf, type SecretComponent } from "../support/obsidian/settingUi";

const ROOT = resolve(__dirname, "../..");
export const MANIFEST = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as PluginManifest;
export const PLUGIN_DIR = ".obsidian/plugins/azure-reasoning";

export interface StartOptions {
	/** Written as data.json (JSON.stringify) before the plugin loads. */
	data?: unknown;
	/** Written as data.json byte for byte (a damaged file). */
	dataText?: string;
	secrets?: Record<string, string>;
	/** Use jest's fake timers for the typing debounce (default true). */
	fakeTimers?: boolean;
	/** Load the BUILT main.js on Obsidian mobile (a realm without Node) instead of the sources. */
	mobileBundle?: boolean;
	/** Runs after the host is made and data.json written, before the plugin loads (to make the file unreadable). */
	beforeLoad?: (host: ObsidianHost) => void;
}

export interface ShownFinding {
	severity: "error" | "warning" | "info" | "required";
	text: string;
	fix?: string;
}

export class SettingsDriver {
	readonly host: ObsidianHost;
	readonly plugin: AzureReasoningPlugin;
	readonly vaultDir: string;
	private readonly fake: boolean;

	private constructor(host: ObsidianHost, plugin: AzureReasoningPlugin, vaultDir: string, fake: boolean) {
		this.host = host;
		this.plugin = plugin;
		this.vaultDir = vaultDir;
		this.fake = fake;
	}

	static async start(opts: StartOptions = {}): Promise<SettingsDriver> {
		const fake = opts.fakeTimers ?? true;
		if (fake) jest.useFakeTimers({ doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate"] });
		const vaultDir = mkdtempSync(join(tmpdir(), "ar-settings-"));
		const host = ObsidianHost.create({ vaultDir, secrets: opts.secrets ?? {}, mobile: opts.mobileBundle ?? false });
		if (opts.data !== undefined || opts.dataText !== undefined) {
			mkdirSync(join(vaultDir, PLUGIN_DIR), { recursive: true });
			writeFileSync(join(vaultDir, PLUGIN_DIR, "data.json"), opts.dataText ?? JSON.stringify(opts.data, null, 2));
		}
		opts.beforeLoad?.(host);
		const loading = opts.mobileBundle ? host.loadMainJs(join(ROOT, "main.js"), join(ROOT, "manifest.json")) : host.loadPluginClass(AzureReasoningPlugin as never, MANIFEST);
		const plugin = (await loading) as unknown as AzureReasoningPlugin;
		const driver = new SettingsDriver(host, plugin, vaultDir, fake);
		document.body.empty();
		document.body.appendChild(plugin.settingTab.containerEl);
		return driver;
	}

	get el(): HTMLElement {
		return this.plugin.settingTab.containerEl;
	}

	/** Opens the tab (Obsidian calls display()). */
	display(): this {
		this.plugin.settingTab.display();
		return this;
	}

	/**
	 * Opens the tab on a deployment's page, as a command's "Open settings" does (the tab's page set,
	 * then display()): the first page is not drawn first, which keeps the many editor tests fast.
	 */
	displayDeployment(id: string): this {
		this.plugin.settingTab.page = { kind: "deployment", id };
		return this.display();
	}

	/** The rows, as their names read. */
	names(): string[] {
		return [...this.el.querySelectorAll(".setting-item")].map((r) => r.querySelector(".setting-item-name")?.textContent ?? "");
	}

	headings(): string[] {
		return [...this.el.querySelectorAll(".setting-item-heading .setting-item-name")].map((h) => h.textContent ?? "");
	}

	/** The one row whose name is `name` (or matches it); throws when there is none or several. */
	row(name: string | RegExp): HTMLElement {
		const rows = [...this.el.querySelectorAll<HTMLElement>(".setting-item")].filter((r) => {
			const n = r.querySelector(".setting-item-name")?.textContent ?? "";
			return typeof name === "string" ? n === name : name.test(n);
		});
		if (rows.length !== 1) throw new Error(`${rows.length} rows named ${String(name)}; rows: ${this.names().join(" | ")}`);
		return rows[0]!;
	}

	has(name: string | RegExp): boolean {
		try {
			this.row(name);
			return true;
		} catch {
			return false;
		}
	}

	desc(name: string | RegExp): string {
		return this.row(name).querySelector(".setting-item-description")?.textContent ?? "";
	}

	/** The row's text control: its (last) input or textarea. */
	input(name: string | RegExp): HTMLInputElement | HTMLTextAreaElement {
		const all = this.row(name).querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(".setting-item-control input[type=text], .setting-item-control input[type=password], .setting-item-control textarea");
		const el = all[all.length - 1];
		if (!el) throw new Error(`No text field in ${String(name)}`);
		return el;
	}

	select(name: string | RegExp): HTMLSelectElement {
		const el = this.row(name).querySelector<HTMLSelectElement>(".setting-item-control select");
		if (!el) throw new Error(`No dropdown in ${String(name)}`);
		return el;
	}

	/** Types `text` as the new content of the field (one input event, as a paste or select-all + type would). */
	type(name: string | RegExp, text: string): this {
		const el = this.input(name);
		el.focus();
		el.value = text;
		el.dispatchEvent(new Event("input", { bubbles: true }));
		return this;
	}

	/** Pastes `text` into the field (a paste event with clipboard data); returns whether the plugin took it over. */
	paste(name: string | RegExp, text: string): boolean {
		const el = this.input(name);
		el.focus();
		const ev = new Event("paste", { bubbles: true, cancelable: true });
		Object.defineProperty(ev, "clipboardData", { value: { getData: (type: string) => (type === "text/plain" ? text : "") } });
		const notTaken = el.dispatchEvent(ev);
		if (notTaken) {
			el.value = text;
			el.dispatchEvent(new Event("input", { bubbles: true }));
		}
		return !notTaken;
	}

	choose(name: string | RegExp, value: string): this {
		const el = this.select(name);
		if (![...el.options].some((o) => o.value === value)) throw new Error(`${String(name)} has no option ${value}: ${[...el.options].map((o) => o.value).join(", ")}`);
		el.value = value;
		el.dispatchEvent(new Event("change", { bubbles: true }));
		return this;
	}

	options(name: string | RegExp): { value: string; label: string }[] {
		return [...this.select(name).options].map((o) => ({ value: o.value, label: o.textContent ?? "" }));
	}

	toggle(name: string | RegExp): this {
		const el = this.row(name).querySelector<HTMLElement>(".checkbox-container");
		if (!el) throw new Error(`No toggle in ${String(name)}`);
		el.click();
		return this;
	}

	buttons(name: string | RegExp): HTMLButtonElement[] {
		return [...this.row(name).querySelectorAll<HTMLButtonElement>(".setting-item-control button")];
	}

	/** Clicks the row's button whose text or aria-label is `label`. */
	click(name: string | RegExp, label: string): this {
		const b = this.buttons(name).find((x) => x.textContent === label || x.getAttribute("aria-label") === label);
		if (!b) throw new Error(`No button "${label}" in ${String(name)}: ${this.buttons(name).map((x) => x.textContent || x.getAttribute("aria-label")).join(", ")}`);
		if (b.disabled) throw new Error(`Button "${label}" in ${String(name)} is disabled`);
		b.click();
		return this;
	}

	/** The SecretComponent in the "Key" row (the stand-in's, with its choose/createSecret helpers). */
	secret(): SecretComponent {
		const select = this.row("Key").querySelector("select");
		const c = select ? secretComponentOf.get(select) : undefined;
		if (!c) throw new Error("The Key row has no stand-in SecretComponent");
		return c;
	}

	/** What is shown under the row (the findings, in order). */
	findings(name: string | RegExp): ShownFinding[] {
		return [...this.row(name).querySelectorAll<HTMLElement>(".azure-reasoning-finding")].map((f) => {
			const severity = f.hasClass("is-error") ? "error" : f.hasClass("is-warning") ? "warning" : f.hasClass("is-required") ? "required" : "info";
			const fix = f.querySelector("button")?.textContent ?? undefined;
			return { severity, text: f.querySelector(".azure-reasoning-finding-message")?.textContent ?? "", ...(fix ? { fix } : {}) };
		});
	}

	/** Every finding on the page, with the row it is under. */
	allFindings(): (ShownFinding & { row: string })[] {
		return [...this.el.querySelectorAll(".setting-item")].flatMap((r) => {
			const name = r.querySelector(".setting-item-name")?.textContent ?? "";
			return r.querySelectorAll(".azure-reasoning-finding").length > 0 ? this.findings(name).map((f) => ({ ...f, row: name })) : [];
		});
	}

	/** The deployment page's status line (its header's live region). */
	status(): string {
		return this.el.querySelector(".azure-reasoning-page-status")?.textContent ?? "";
	}

	/** The deployment page header's problems: each item's link (the field's name) and its whole text. */
	problems(): { link: string; text: string; el: HTMLAnchorElement }[] {
		return [...this.el.querySelectorAll<HTMLElement>(".azure-reasoning-problems li")].map((li) => {
			const el = li.querySelector<HTMLAnchorElement>("a")!;
			return { link: el.textContent ?? "", text: li.textContent ?? "", el };
		});
	}

	/** Presses the fix button `label` of a finding under the row. */
	fix(name: string | RegExp, label: string): this {
		const b = [...this.row(name).querySelectorAll<HTMLButtonElement>(".azure-reasoning-fix")].find((x) => x.textContent === label);
		if (!b) throw new Error(`No fix "${label}" under ${String(name)}: ${JSON.stringify(this.findings(name))}`);
		b.click();
		return this;
	}

	/** Lets the typing debounce run out and pending saves finish. */
	async settle(): Promise<void> {
		if (this.fake) jest.advanceTimersByTime(TYPING_DEBOUNCE_MS + 1);
		// On real timers (a real server in the test) the debounce timers are run as if the pause had passed, not slept out.
		else elapseDebounceTimers(TYPING_DEBOUNCE_MS + 50);
		await flush();
	}

	/** data.json as it is on disk now. */
	data(): Record<string, unknown> & { deployments: Record<string, unknown>[] } {
		return JSON.parse(this.dataText()) as never;
	}

	dataText(): string {
		return readFileSync(join(this.vaultDir, PLUGIN_DIR, "data.json"), "utf8");
	}

	/** Files in the plugin's folder. */
	pluginFiles(): string[] {
		const dir = join(this.vaultDir, PLUGIN_DIR);
		return existsSync(dir) ? readdirSync(dir).sort() : [];
	}

	async dispose(): Promise<void> {
		this.plugin.settingTab.hide();
		await flush();
		await this.host.dispose();
		rmSync(this.vaultDir, { recursive: true, force: true });
		if (this.fake) jest.useRealTimers();
	}
}

/** Lets pending promise chains (saves) run. */
export async function flush(): Promise<void> {
	for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

