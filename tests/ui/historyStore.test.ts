/**
 * The history file on a real folder through the stand-in's DataAdapter (which, like Obsidian's,
 * never renames over an existing file and appends only to a file that exists): a write cut short,
 * damage kept aside, a rotation cut short, concurrent records, rotation.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataAdapter } from "obsidian";
import type { HistoryEntry } from "../../src/core/historyEntry";
import { parseHistory, serializeEntry } from "../../src/core/historyFile";
import { CLOSING_LIMIT_MS, HistoryStore } from "../../src/ui/history/historyStore";
import { FileSystemAdapter } from "../support/obsidian";

const DIR = ".obsidian/plugins/azure-reasoning";
let vault: string;
let adapter: FileSystemAdapter;
const file = () => join(vault, DIR, "history.jsonl");
const NOW = new Date("2025-11-30T12:00:00Z");

beforeEach(async () => {
	vault = mkdtempSync(join(tmpdir(), "ar-history-"));
	adapter = new FileSystemAdapter(vault);
	await adapter.mkdir(DIR);
});
afterEach(() => rmSync(vault, { recursive: true, force: true }));

function entry(command: string): HistoryEntry {
	return { time: "2025-11-29T10:00:00.000Z", command, deploymentId: "d1", deployment: "Work", model: "o1", operation: "chat-completions", durationMs: 5, promptTokens: 1, completionTokens: 2, reasoningTokens: 1, outcome: "answered", destination: { kind: "none", path: "" } };
}

/** A store opened as the history view opens it (the file is read on first use: a view or a request). */
async function open(limits?: { maxEntries: number; maxDays: number; maxChars: number }): Promise<HistoryStore> {
	const store = new HistoryStore(adapter as unknown as DataAdapter, DIR, () => NOW, limits);
	store.onChange(() => undefined);
	await store.whenIdle();
	return store;
}

test("plugin start-up reads nothing: the file is read when a request is recorded or a view subscribes", async () => {
	writeFileSync(file(), serializeEntry(entry("old")));
	const reads: string[] = [];
	const counting = { ...adapter, exists: adapter.exists.bind(adapter), read: (p: string) => (reads.push(p), adapter.read(p)), write: adapter.write.bind(adapter), append: adapter.append.bind(adapter), remove: adapter.remove.bind(adapter), rename: adapter.rename.bind(adapter) };
	const store = new HistoryStore(counting as unknown as DataAdapter, DIR, () => NOW);
	await store.whenIdle();
	expect(reads).toEqual([]);
	expect(store.all()).toEqual([]);
	store.record(entry("new"));
	await store.whenIdle();
	expect(reads).toEqual([file().slice(vault.length + 1)]);
	expect(store.all().map((e) => e.command)).toEqual(["old", "new"]);
});

test("records are appended as lines, in the order recorded, and read again at the next start", async () => {
	const store = await open();
	for (let i = 0; i < 20; i++) store.record(entry(`c${i}`));
	await store.whenIdle();
	const text = readFileSync(file(), "utf8");
	expect(parseHistory(text)).toEqual({ entries: Array.from({ length: 20 }, (_, i) => entry(`c${i}`)), badLines: 0, unterminated: false });
	const again = await open();
	expect(again.all().map((e) => e.command)).toEqual(store.all().map((e) => e.command));
	expect(again.status()).toBe("");
});

test("a write cut short by a crash: the whole lines are kept, the file as it was is kept aside, and recording goes on", async () => {
	writeFileSync(file(), serializeEntry(entry("one")) + serializeEntry(entry("two")) + serializeEntry(entry("three")).slice(0, 30));
	const before = readFileSync(file(), "utf8");
	const store = await open();
	expect(store.all().map((e) => e.command)).toEqual(["one", "two"]);
	store.record(entry("four"));
	await store.whenIdle();
	expect(parseHistory(readFileSync(file(), "utf8"))).toEqual({ entries: [entry("one"), entry("two"), entry("four")], badLines: 0, unterminated: false });
	const aside = readdirSync(join(vault, DIR)).filter((n) => n.startsWith("history.jsonl.damaged-"));
	expect(aside).toEqual(["history.jsonl.damaged-2025-11-30T12-00-00-000Z"]);
	expect(readFileSync(join(vault, DIR, aside[0] as string), "utf8")).toBe(before);
	expect(store.status()).toContain("history.jsonl.damaged-2025-11-30T12-00-00-000Z");
});

test("a rotation cut short after the old file was removed: the new file is taken from the .tmp", async () => {
	writeFileSync(`${file()}.tmp`, serializeEntry(entry("kept")));
	const store = await open();
	expect(store.all().map((e) => e.command)).toEqual(["kept"]);
	expect(existsSync(`${file()}.tmp`)).toBe(false);
	expect(readFileSync(file(), "utf8")).toBe(serializeEntry(entry("kept")));
});

test("a rotation cut short before the remove: the old file is whole, the unfinished .tmp is dropped", async () => {
	writeFileSync(file(), serializeEntry(entry("old")));
	writeFileSync(`${file()}.tmp`, serializeEntry(entry("half")).slice(0, 20));
	const store = await open();
	expect(store.all().map((e) => e.command)).toEqual(["old"]);
	expect(existsSync(`${file()}.tmp`)).toBe(false);
});

test("over the limit, the file is rewritten with the newest entries, through a .tmp that does not stay", async () => {
	const store = await open({ maxEntries: 10, maxDays: 365, maxChars: 1_000_000 });
	for (let i = 0; i < 11; i++) store.record(entry(`c${i}`));
	await store.whenIdle();
	const kept = parseHistory(readFileSync(file(), "utf8")).entries.map((e) => e.command);
	expect(kept).toEqual(["c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10"]);
	expect(store.all().map((e) => e.command)).toEqual(kept);
	expect(existsSync(`${file()}.tmp`)).toBe(false);
});

test("a file that cannot be read is left alone and nothing is written this session", async () => {
	writeFileSync(file(), serializeEntry(entry("precious")));
	const failing = { ...adapter, exists: adapter.exists.bind(adapter), read: () => Promise.reject(new Error("EACCES")), write: adapter.write.bind(adapter), append: adapter.append.bind(adapter), remove: adapter.remove.bind(adapter), rename: adapter.rename.bind(adapter) };
	const store = new HistoryStore(failing as unknown as DataAdapter, DIR, () => NOW);
	store.record(entry("new"));
	await store.whenIdle();
	expect(store.all().map((e) => e.command)).toEqual(["new"]);
	expect(store.status()).toContain("could not be read");
	expect(readFileSync(file(), "utf8")).toBe(serializeEntry(entry("precious")));
});

test("after dispose: listeners gone at once; entries taken until the requests settle, written, then ignored", async () => {
	const store = await open();
	const seen: number[] = [];
	store.onChange(() => seen.push(store.all().length));
	store.record(entry("a"));
	await store.whenIdle();
	let settle = () => undefined as void;
	store.dispose(new Promise<void>((resolve) => (settle = resolve)));
	// A request cancelled by the unload settles a few turns later and records then.
	await new Promise((r) => setImmediate(r));
	store.record(entry("cancelled"));
	settle();
	await store.whenClosed();
	store.record(entry("after"));
	await store.whenIdle();
	expect(seen).toEqual([1]);
	expect(store.all().map((e) => e.command)).toEqual(["a", "cancelled"]);
	expect(parseHistory(readFileSync(file(), "utf8")).entries.map((e) => e.command)).toEqual(["a", "cancelled"]);
});

test("after dispose, a request that never settles is not waited for past CLOSING_LIMIT_MS", async () => {
	const store = await open();
	jest.useFakeTimers({ doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate"] });
	try {
		store.dispose(new Promise<void>(() => undefined));
		await jest.advanceTimersByTimeAsync(CLOSING_LIMIT_MS - 1);
		store.record(entry("in time"));
		await jest.advanceTimersByTimeAsync(1);
		await store.whenClosed();
		store.record(entry("too late"));
		await store.whenIdle();
		expect(store.all().map((e) => e.command)).toEqual(["in time"]);
	} finally {
		jest.useRealTimers();
	}
});
