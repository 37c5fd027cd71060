/**
 * Where `npm run demo` runs: a fresh copy of scripts/sample-vault (no flag), or with `--vault DIR`
 * the user's own folder of notes itself. In DIR the run creates notes and edits them as the command
 * does, nothing else: the stand-in refuses to delete, move or overwrite any file that was there
 * (tests/support/obsidian/existingFilesGuard.ts), and the vault's own config dir (DIR/.obsidian,
 * with any plugin settings of the user's) is never read nor written: the plugin's folder, its
 * data.json and its history, lives outside DIR in `configDirFor(DIR)`, which the stand-in maps to
 * `.obsidian` as the plugin sees it, and which stays from one run to the next, as the plugin's
 * folder does in Obsidian. After the run, `changesReport` says what was created and what changed.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { unifiedDiff } from "./lineDiff";
import { DemoRefusal } from "./target";

export interface DemoPlace {
	/** The vault's folder: DIR (its real path), or the sample vault to copy. */
	dir: string;
	/** true: run on DIR itself (--vault). */
	own: boolean;
	/** The note to run a note command on, vault-relative (--note with --vault). */
	note?: string;
	/** The batch's folder, vault-relative (--folder). */
	folder?: string;
}

/** `p` relative to `dir` ("/"-separated) when it is inside it; null when it leaves it. */
function inside(dir: string, p: string): string | null {
	const rel = relative(dir, p);
	if (rel.startsWith("..") || isAbsolute(rel)) return null;
	return rel.split(sep).join("/");
}

/** A path given on the command line, as it names something inside the vault: from the current folder first, else from the vault's. */
function vaultPath(dir: string, given: string, flag: string, kind: "file" | "folder"): string {
	const candidates = isAbsolute(given) ? [given] : [resolve(given), resolve(dir, given)];
	const found = candidates.find((c) => existsSync(c));
	if (!found) throw new DemoRefusal(`${flag} "${given}": there is no such ${kind} (looked in ${candidates.join(" and ")}).`);
	const rel = inside(dir, realpathSync(found));
	if (rel === null) throw new DemoRefusal(`${flag} "${given}" is not inside the vault ${dir}.`);
	const isDir = statSync(found).isDirectory();
	if (kind === "folder" ? !isDir : isDir) throw new DemoRefusal(`${flag} "${given}" is a ${isDir ? "folder" : "file"}, not a ${kind}.`);
	// Obsidian does not index dot-folders: the config dir, .trash, .git are not the vault's notes.
	if (rel.split("/").some((part) => part.startsWith("."))) throw new DemoRefusal(`${flag} "${given}" is inside a hidden folder (${rel}), which Obsidian does not show as notes.`);
	return rel;
}

/** Checks --vault, --note and --folder before anything starts; throws DemoRefusal (exit code 2). */
export function resolvePlace(values: { vault?: string; note?: string; folder?: string }, sampleVault: string): DemoPlace {
	if (values.vault === undefined) {
		const place: DemoPlace = { dir: sampleVault, own: false };
		if (values.folder !== undefined) place.folder = vaultPath(sampleVault, values.folder, "--folder", "folder");
		return place;
	}
	const given = resolve(values.vault);
	if (!existsSync(given) || !statSync(given).isDirectory()) throw new DemoRefusal(`--vault "${values.vault}": there is no such folder.`);
	const dir = realpathSync(given);
	if (inside(dir, configDirFor(dir)) !== null) throw new DemoRefusal(`--vault "${values.vault}" holds the folder where the demo keeps the plugin's own files (${configDirFor(dir)}): name a folder of notes.`);
	const place: DemoPlace = { dir, own: true };
	if (values.note !== undefined) {
		place.note = vaultPath(dir, values.note, "--note", "file");
		if (!/\.md$/i.test(place.note)) throw new DemoRefusal(`--note "${values.note}" is not a Markdown note (.md).`);
	}
	if (values.folder !== undefined) place.folder = vaultPath(dir, values.folder, "--folder", "folder");
	return place;
}

/** The plugin's config dir for runs on DIR: outside DIR, one per vault, kept between runs. */
export function configDirFor(dir: string): string {
	const id = createHash("sha256").update(dir).digest("hex").slice(0, 16);
	return join(tmpdir(), "azure-reasoning-demo-config", id);
}

/** What a file was: a note's text, or another file's size and digest. */
type Seen = { note: true; text: string } | { note: false; size: number; digest: string };
export type Snapshot = Map<string, Seen>;

/** Every file under `dir` but .git's (whose churn is not the run's), by "/"-separated path. */
export function snapshot(dir: string): Snapshot {
	const seen: Snapshot = new Map();
	const walk = (abs: string, rel: string) => {
		for (const e of readdirSync(abs, { withFileTypes: true })) {
			const r = rel ? `${rel}/${e.name}` : e.name;
			if (e.isDirectory()) {
				if (e.name !== ".git") walk(join(abs, e.name), r);
			} else if (e.isFile()) {
				const bytes = readFileSync(join(abs, e.name));
				seen.set(r, /\.md$/i.test(e.name) ? { note: true, text: bytes.toString("utf8") } : { note: false, size: bytes.length, digest: createHash("sha256").update(bytes).digest("hex") });
			}
		}
	};
	walk(dir, "");
	return seen;
}

/** What the run created, changed and (never, but said if so) removed: one section each, in path order. */
export function changesReport(before: Snapshot, after: Snapshot): string[] {
	const sections: string[] = [];
	const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
	for (const p of paths) {
		const a = before.get(p);
		const b = after.get(p);
		if (!a && b) sections.push(`--- created: ${p} ---\n${b.note ? b.text : `(a file of ${b.size} bytes)`}`);
		else if (a && !b) sections.push(`--- REMOVED: ${p} --- (it was in the vault before the run)`);
		else if (a && b) {
			if (a.note && b.note && a.text !== b.text) sections.push(`--- changed: ${p} ---\n${unifiedDiff(a.text, b.text)}`);
			else if (!a.note && !b.note && (a.size !== b.size || a.digest !== b.digest)) sections.push(`--- CHANGED: ${p} --- (not a note: ${a.size} bytes before, ${b.size} after)`);
		}
	}
	return sections;
}
