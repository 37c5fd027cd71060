/**
 * Property: whatever the user does while the model thinks (edits before, at the edges of, inside
 * and around the target; closing the note, opening another in its tab, opening it again, renaming
 * it), the answer lands exactly where the target now is, and every other character is the user's.
 *
 * The expected text comes from a reference model written here, independent of the plugin: the
 * note as a string and the target as two offsets, moved by each edit with CodeMirror's documented
 * position mapping (written out below), the start sticking to the text after it and the end to
 * the text before it. The plugin's extra rules that bring a removed target back (undo, paste)
 * are not modelled: edits that would trigger them are left out of the sequences here (they have
 * their own tests in placement.test.ts and placementTracking.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import type { PluginManifest, TFile } from "obsidian";
import AzureReasoningPlugin from "../../src/main";
import { captureTarget, placeAnswer } from "../../src/ui/insertion";
import { ObsidianHost } from "../support/host";
import { MarkdownView } from "../support/obsidian";

const ROOT = resolve(__dirname, "../..");
const MANIFEST = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as PluginManifest;
const ANSWER = "The ANSWER,\nin two lines.";
const OTHER = "Notes/Other.md";

/** Where a position goes when [a, b) is replaced by `len` characters (CodeMirror's mapPos for one change). */
function mapRef(p: number, assoc: -1 | 1, a: number, b: number, len: number): number {
	if (p < a) return p;
	if (p > b) return p + len - (b - a);
	if (a === b) return assoc < 0 ? p : p + len;
	if (p === a) return a;
	if (p === b) return a + len;
	return assoc < 0 ? a : a + len;
}

interface Model {
	doc: string;
	from: number;
	to: number;
	original: string;
	/** The target's text when it collapsed (all its text deleted); null while it has text, or if it never had. */
	lost: string | null;
}

/** True when the plugin's revival rules could apply to this edit: such edits are not generated. */
function revives(m: Model, a: number, b: number, text: string): boolean {
	const cur = m.doc.slice(m.from, m.to);
	if (m.lost !== null) return text.includes(m.lost);
	if (m.from === m.to) return false;
	if (a === b) return (a === m.from && text + cur === m.original) || (a === m.to && cur + text === m.original);
	return a <= m.from && b >= m.to && text.includes(cur);
}

function applyRef(m: Model, a: number, b: number, text: string): void {
	const len = text.length;
	if (m.from === m.to) {
		m.from = m.to = mapRef(m.from, -1, a, b, len);
	} else {
		const from = mapRef(m.from, 1, a, b, len);
		const to = mapRef(m.to, -1, a, b, len);
		if (from < to) {
			m.from = from;
			m.to = to;
		} else {
			m.lost = m.doc.slice(m.from, m.to);
			m.from = m.to = to;
		}
	}
	m.doc = m.doc.slice(0, a) + text + m.doc.slice(b);
}

/** The note once the answer is placed, by the documented rules; null when it goes to a new note. */
function expectedNote(m: Model, mode: "replace" | "below"): { text: string; placed: "replace" | "below" } | null {
	const { doc, from, to, original } = m;
	const cur = doc.slice(from, to);
	if (original !== "" && cur === "") return null;
	if (mode === "replace" && cur === original) {
		const lead = cur.length - cur.trimStart().length;
		const trail = cur.trimStart().length - cur.trim().length;
		return { text: doc.slice(0, from) + cur.slice(0, lead) + ANSWER + cur.slice(cur.length - trail) + doc.slice(to), placed: "replace" };
	}
	const last = to > from && doc[to - 1] === "\n" ? to - 1 : to;
	const nl = doc.indexOf("\n", last);
	const end = nl === -1 ? doc.length : nl;
	const gap = doc[end] === "\n" && doc[end + 1] !== undefined && doc[end + 1] !== "\n" ? "\n" : "";
	return { text: `${doc.slice(0, end)}\n\n${ANSWER}${gap}${doc.slice(end)}`, placed: "below" };
}

type Op =
	| { kind: "edit"; where: "from" | "to" | "inside" | "before" | "after" | "anywhere"; k: number; del: number; text: string }
	| { kind: "close" }
	| { kind: "open" }
	| { kind: "switch" }
	| { kind: "rename"; folder: boolean };

const noteChar = fc.constantFrom("a", "b", " ", "\n");
const targetChar = fc.constantFrom("X", "Y", " ", "\n");
const typed = fc.string({ unit: fc.constantFrom("a", "b", "X", " ", "\n"), maxLength: 5 });
const op: fc.Arbitrary<Op> = fc.oneof(
	{ weight: 8, arbitrary: fc.record({ kind: fc.constant("edit" as const), where: fc.constantFrom("from", "to", "inside", "before", "after", "anywhere"), k: fc.nat(1000), del: fc.nat(6), text: typed }) },
	{ weight: 1, arbitrary: fc.constant({ kind: "close" as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: "open" as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: "switch" as const }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant("rename" as const), folder: fc.boolean() }) },
);
const scenario = fc.record({
	before: fc.string({ unit: noteChar, maxLength: 30 }),
	target: fc.string({ unit: targetChar, maxLength: 8 }),
	after: fc.string({ unit: noteChar, maxLength: 30 }),
	ops: fc.array(op, { maxLength: 14 }),
	closeAtEnd: fc.boolean(),
	mode: fc.constantFrom("replace" as const, "below" as const),
});

function position(m: Model, where: Exclude<Op, { kind: "close" | "open" | "switch" | "rename" }>["where"], k: number): number {
	const len = m.doc.length;
	switch (where) {
		case "from":
			return m.from;
		case "to":
			return m.to;
		case "inside":
			return m.from + (k % (m.to - m.from + 1));
		case "before":
			return Math.max(0, m.from - 1 - (k % 4));
		case "after":
			return Math.min(len, m.to + 1 + (k % 4));
		default:
			return k % (len + 1);
	}
}

test("property: the answer lands where the target went, and every other character is the user's", async () => {
	let runs = 0;
	await fc.assert(
		fc.asyncProperty(scenario, async ({ before, target, after, ops, closeAtEnd, mode }) => {
			runs++;
			const vaultDir = mkdtempSync(join(tmpdir(), "ar-prop-"));
			const host = ObsidianHost.create({ vaultDir });
			try {
				const vault = host.standInApp.vault;
				await vault.createFolder("Notes");
				await vault.createFolder("Moved");
				let path = "Notes/Note.md";
				await vault.create(path, before + target + after);
				await vault.create(OTHER, "other\n");
				let otherText = "other\n";
				const plugin = (await host.loadPluginClass(AzureReasoningPlugin as never, MANIFEST)) as unknown as AzureReasoningPlugin;
				const fileAt = (p: string) => vault.getFileByPath(p) as unknown as TFile;
				let note: ReturnType<ObsidianHost["openNote"]> | null = host.openNote(path);
				const m: Model = { doc: before + target + after, from: before.length, to: before.length + target.length, original: target, lost: null };
				const t = captureTarget(plugin, note.editor, fileAt(path), m.from, m.to);
				let renames = 0;
				const isOpen = () => host.app.workspace.getLeavesOfType("markdown").some((l) => (l.view as unknown as MarkdownView).file?.path === path);
				for (const o of ops) {
					if (o.kind === "edit") {
						const a = position(m, o.where, o.k);
						const b = Math.min(m.doc.length, a + o.del);
						if (revives(m, a, b, o.text)) continue;
						note = host.openNote(path);
						note.editor.replaceRange(o.text, note.editor.offsetToPos(a), note.editor.offsetToPos(b));
						applyRef(m, a, b, o.text);
						expect(note.editor.getValue()).toBe(m.doc);
					} else if (o.kind === "close") {
						host.closeNote(path);
					} else if (o.kind === "open") {
						note = host.openNote(path);
					} else if (o.kind === "switch") {
						if (!isOpen()) continue;
						// The stand-in does not keep two editors of one note in step: one tab on the other note at a time.
						host.closeNote(OTHER);
						const view = host.openNote(path).view as unknown as MarkdownView;
						const other = view.leaf.openFileNow(fileAt(OTHER) as never);
						other.editor.replaceRange("o", { line: 0, ch: 0 });
						otherText = `o${otherText}`;
					} else {
						const next = `${o.folder ? "Moved" : "Notes"}/Renamed ${++renames}.md`;
						await vault.rename(fileAt(path) as never, next);
						path = next;
					}
				}
				if (closeAtEnd) host.closeNote(path);
				const open = isOpen();
				const placement = await placeAnswer(plugin, t, ANSWER, mode);
				const expected = expectedNote(m, mode);
				if (expected === null) {
					expect(placement).toMatchObject({ where: "new-note", reason: "the selected text was no longer in the note" });
					expect(host.readNote(path)).toBe(m.doc);
					expect(host.readNote(placement.path)).toBe(`Answer for [[${path.replace(/\.md$/, "").split("/").pop()}]], kept here because the selected text was no longer in the note.\n\n${ANSWER}\n`);
				} else {
					expect(placement).toMatchObject({ where: open ? "editor" : "file", path, placed: expected.placed });
					expect(host.readNote(path)).toBe(expected.text);
				}
				expect(host.readNote(OTHER)).toBe(otherText);
			} finally {
				await host.dispose();
				rmSync(vaultDir, { recursive: true, force: true });
			}
		}),
		{ numRuns: 300 },
	);
	expect(runs).toBeGreaterThanOrEqual(300);
});
