/**
 * What the command tests share: the strict emulator over real HTTP, a vault in a temp folder,
 * the plugin loaded from its sources or from the built main.js, and the user's side of the
 * modals (tests/support/obsidian/modals.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { PluginManifest } from "obsidian";
import AzureReasoningPlugin from "../../src/main";
import { AzureEmulator, type RecordedRequest } from "../support/azureEmulator";
import { ObsidianHost } from "../support/host";
import { FakeElement, modalErrors, modalScript, resetModals, type ModalStep } from "../support/obsidian";

export const ROOT = resolve(__dirname, "../..");
export const KEY = "cmd-key-5f4e3d2c1b0a9988";
export const SECRET = "azure-cmd";
export const MANIFEST = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as PluginManifest;
export const DATA_JSON = ".obsidian/plugins/azure-reasoning/data.json";

/** "mobile main.js": the bundle on Obsidian mobile, in a realm without Node (tests/support/mobileRealm.ts). */
export type Loader = "sources" | "main.js" | "mobile main.js";
export const LOADERS: Loader[] = ["sources", "main.js"];

const NOT_DEFINED = Object.assign(() => undefined, { each: () => () => undefined }) as unknown as jest.It;

/**
 * `test` for a suite run from both loaders: from the sources always, from main.js only where
 * `onMainJs` is true (the bundle's smoke subset). Each suite says, where it passes false, what
 * still runs that path on main.js; nothing is defined (or shown as skipped) otherwise.
 */
export function testFrom(loader: Loader, onMainJs: boolean): jest.It {
	return loader === "sources" || onMainJs ? test : NOT_DEFINED;
}

export const NOTE = "Notes/Meeting.md";
export const BEFORE = "# Meeting\n\nwe decide to ship on friday.\n\nLast line.\n";
export const SELECTED = "we decide to ship on friday.";

export function deployment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: "d1",
		displayName: "Test",
		endpoint: "",
		apiStyle: "dated",
		apiVersion: "2024-12-01-preview",
		deployment: "dep-o1",
		family: "o1",
		secretName: SECRET,
		maxCompletionTokens: 25_000,
		operation: "chat-completions",
		reasoningEffort: "",
		reasoningSummary: "off",
		verbosity: "",
		instructions: "",
		markdown: true,
		temperature: 1,
		...overrides,
	};
}

export interface StartOptions {
	loader?: Loader;
	deployments?: Record<string, unknown>[];
	/** Top-level settings besides `deployments` (defaultDeploymentId defaults to "d1"). */
	settings?: Record<string, unknown>;
	secrets?: Record<string, string>;
	/** Notes to create (path → text); default: NOTE with BEFORE. */
	notes?: Record<string, string>;
	/** The note to open; null opens none. Default NOTE. */
	open?: string | null;
	/** Offsets, "all", or the text to select (its first occurrence). Default SELECTED. */
	selection?: { from: number; to: number } | "all" | string | null;
	/**
	 * Jest's fake clock for the plugin, the SDK and the emulator (their timers and Date): the test
	 * moves time on with `advance`, so a 1 s timeout or a 3 s slow answer costs no real second.
	 * HTTP, the vault's files and the modal steps (setImmediate) run as usual.
	 */
	fakeClock?: boolean;
}

export interface Harness {
	emu: AzureEmulator;
	host: ObsidianHost;
	vaultDir: string;
	plugin: AzureReasoningPlugin;
	start(opts?: StartOptions): Promise<void>;
	/** Runs a command as Obsidian does and resolves with its outcome. */
	run(id: string, ...steps: ModalStep[]): Promise<{ ok?: boolean; message?: string; note?: string; setting?: string }>;
	/** The note's text on disk (after saving open editors). */
	read(path?: string): string;
	/** The note's text on disk without saving open editors first. */
	readDisk(path?: string): string;
	notes(): string[];
	lastNotice(): string;
	/** Everything the user or a log could see, to check the key is nowhere. */
	visibleText(): string;
	/** The status-bar items (the requests in flight). */
	statusItems(): FakeElement[];
	/** Resolves once `n` requests reached the emulator (still unanswered or not). */
	requestsArrived(n: number): Promise<RecordedRequest[]>;
	/** With `fakeClock`: moves the clock on by `ms`, running the timers due and what they start. */
	advance(ms: number): Promise<void>;
}

/** Real timers, captured before any test fakes them: a bound on waiting for I/O, never a wait in itself. */
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** `bearerTokens`: Entra ID tokens the emulator accepts (read live: push to it as they are issued). */
export function useHarness(opts: { bearerTokens?: string[] } = {}): Harness {
	const h = {} as Harness;
	beforeAll(async () => {
		h.emu = await AzureEmulator.start({
			apiKey: KEY,
			...(opts.bearerTokens ? { bearerTokens: opts.bearerTokens } : {}),
			deployments: [
				{ name: "dep-o1", family: "o1" },
				{ name: "dep-o1p", family: "o1-preview" },
				{ name: "dep-o3mini", family: "o3-mini" },
				{ name: "dep-gpt5", family: "gpt-5" },
			],
		});
	});
	afterAll(() => h.emu.close());
	afterEach(async () => {
		await h.host?.dispose();
		jest.useRealTimers();
		resetModals();
		if (h.vaultDir) rmSync(h.vaultDir, { recursive: true, force: true });
	});

	h.start = async (opts: StartOptions = {}) => {
		h.emu.reset();
		resetModals();
		if (opts.fakeClock) jest.useFakeTimers({ doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate"] });
		h.vaultDir = mkdtempSync(join(tmpdir(), "ar-cmd-"));
		const deployments = (opts.deployments ?? [deployment()]).map((d) => ({ ...d, endpoint: d.endpoint || h.emu.url }));
		h.host = ObsidianHost.create({
			vaultDir: h.vaultDir,
			secrets: opts.secrets ?? { [SECRET]: KEY },
			pluginData: { version: 2, deployments, defaultDeploymentId: "d1", ...(opts.settings ?? {}) },
			mobile: opts.loader === "mobile main.js",
		});
		const notes = opts.notes ?? { [NOTE]: BEFORE };
		for (const [path, text] of Object.entries(notes)) {
			const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
			if (folder && !h.host.standInApp.vault.getAbstractFileByPath(folder)) await h.host.standInApp.vault.createFolder(folder);
			await h.host.standInApp.vault.create(path, text);
		}
		if ((opts.loader ?? "sources") === "sources") await h.host.loadPluginClass(AzureReasoningPlugin as never, MANIFEST);
		else await h.host.loadMainJs(join(ROOT, "main.js"), join(ROOT, "manifest.json"));
		h.plugin = h.host.plugin as unknown as AzureReasoningPlugin;
		const open = opts.open === undefined ? NOTE : opts.open;
		if (open === null) return;
		// Offsets in the editor's text, which has "\n" line endings whatever the note has on disk.
		const text = (notes[open] ?? "").replace(/\r\n/g, "\n");
		const sel = opts.selection === undefined ? SELECTED : opts.selection;
		if (sel === null) {
			h.host.openNote(open);
		} else if (typeof sel === "string" && sel !== "all") {
			const from = text.indexOf(sel);
			if (from < 0) throw new Error(`"${sel}" is not in ${open}`);
			h.host.openNote(open, { selection: { from, to: from + sel.length } });
		} else {
			h.host.openNote(open, { selection: sel });
		}
	};

	h.run = async (id, ...steps) => {
		modalScript.push(...steps);
		const outcome = (await h.host.runCommand(id)) as { ok?: boolean; message?: string } | undefined;
		expect(modalErrors).toEqual([]);
		// What Obsidian would leave in the developer console only: the user would have seen nothing.
		expect(h.host.uncaught()).toEqual([]);
		return outcome ?? {};
	};
	h.read = (path = NOTE) => h.host.readNote(path);
	h.readDisk = (path = NOTE) => readFileSync(join(h.vaultDir, path), "utf8");
	h.notes = () => h.host.standInApp.vault.getMarkdownFiles().map((f) => f.path).sort();
	h.lastNotice = () => h.host.notices().at(-1) ?? "";
	h.visibleText = () => {
		const data = existsSync(join(h.vaultDir, DATA_JSON)) ? readFileSync(join(h.vaultDir, DATA_JSON), "utf8") : "";
		const notes = h.notes().map((p) => h.read(p));
		return [h.host.notices().join("\n"), h.host.consoleLines().join("\n"), data, ...notes].join("\n");
	};
	h.statusItems = () => [...h.host.standInApp.standIn.statusBarEl.children];
	h.requestsArrived = async (n) => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const late = new Promise<never>((_, reject) => {
			timer = realSetTimeout(() => reject(new Error(`Only ${h.emu.requests.length} of ${n} requests arrived`)), 5_000);
		});
		try {
			return await Promise.race([h.emu.whenRequests(n), late]);
		} finally {
			realClearTimeout(timer);
		}
	};
	h.advance = async (ms) => {
		await jest.advanceTimersByTimeAsync(ms);
	};
	return h;
}

/** The user message of a recorded request. */
export function userMessage(req: RecordedRequest | undefined): string {
	const body = req?.body as { messages?: { role: string; content: string }[] } | undefined;
	return body?.messages?.filter((m) => m.role === "user").at(-1)?.content ?? "";
}

/** The usage the emulator answered a request with. */
export function answeredUsage(req: RecordedRequest | undefined): { prompt_tokens: number; completion_tokens: number; completion_tokens_details: { reasoning_tokens: number } } {
	return (JSON.parse(req?.responseBody ?? "{}") as { usage: never }).usage;
}

export function today(): string {
	const d = new Date();
	const pad = (n: number) => String(n).padStart(2, "0");
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
