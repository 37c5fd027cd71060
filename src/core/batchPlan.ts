/**
 * Which notes of a folder a batch summarizes, derived from the vault as it is (so a batch cut off
 * resumes by running it again): every Markdown note under the folder, except the plugin's own
 * summaries and indexes; a note whose summary records the same content hash is up to date and
 * skipped; a note too large for the deployment's context window is listed, not sent; an empty
 * note is skipped. Summaries go under `<output folder>/Summaries/`, mirroring the source's path
 * in the vault (`Work/A/Meeting.md` → `<out>/Summaries/Work/A/Meeting (summary).md`), so two notes
 * of the same name in different folders never collide, and the same note gets the same summary
 * whichever folder the batch ran on. A name taken by another file gets a deterministic suffix;
 * a changed note's summary is replaced in place, unless the user edited it since the plugin wrote
 * it (core/batchNotes.ts, summaryEdited): then it is kept as it is, and the new summary goes
 * beside it (the next free name). A note may so have several summaries: any that records its
 * current hash makes it up to date, and an unedited one is the one replaced.
 */
import { SUMMARIZE_NOTE_TEMPLATE } from "./commandPrompts";
import { contentHash } from "./batchHash";
import { renderTemplate } from "./prompt";
import { readSummaryMark, isIndexNote, summaryEdited } from "./batchNotes";

export const SUMMARIES_FOLDER = "Summaries";
export const INDEX_NAME = "Index of summaries";

export interface VaultNote {
	path: string;
	text: string;
}

export interface PromptSize {
	promptTokens: number;
	/** What the prompt may take (the context window less the answer's budget). */
	available: number;
	fits: boolean;
}

export interface PlanInput {
	/** The folder's path ("" or "/" for the vault's root). */
	folder: string;
	outputFolder: string;
	/** Every Markdown note under the folder, at any depth. */
	sources: readonly VaultNote[];
	/** Every Markdown note under the folder's mirror in the summaries folder (where its summaries are). */
	summaries: readonly VaultNote[];
	/** Every path in the vault (files and folders), for names that are taken. */
	takenPaths: readonly string[];
	/** The prompt's estimated size against the deployment (core/tokens.ts through the request builder). */
	measure: (prompt: string) => PromptSize;
	/** Only these sources (Retry the failed ones); all when absent. */
	only?: ReadonlySet<string>;
}

export interface PlannedNote {
	sourcePath: string;
	summaryPath: string;
	/** The source's content hash, recorded in the summary. */
	hash: string;
	prompt: string;
	promptTokens: number;
	/** A summary of an older version, unedited, exists at summaryPath: it is replaced. */
	replaces: boolean;
	/** The note's older summaries that the user edited: kept as they are, the new one written beside them. */
	kept: string[];
}

export interface BatchPlan {
	folder: string;
	/** Where this folder's summaries go. */
	mirror: string;
	indexPath: string;
	/** To send, in path order. */
	todo: PlannedNote[];
	upToDate: { sourcePath: string; summaryPath: string }[];
	tooLarge: { sourcePath: string; promptTokens: number; available: number }[];
	empty: string[];
	/** The estimated prompt tokens of `todo`. */
	promptTokens: number;
}

function join(...parts: string[]): string {
	return parts
		.map((p) => p.replace(/^\/+|\/+$/g, ""))
		.filter((p) => p !== "")
		.join("/");
}

/** The folder's path with the root as "". */
export function folderKey(folder: string): string {
	return folder.trim() === "/" ? "" : folder.trim().replace(/^\/+|\/+$/g, "");
}

/** `<out>/Summaries`, `Summaries` when the output folder is the root. */
export function summariesRoot(outputFolder: string): string {
	return join(outputFolder.trim(), SUMMARIES_FOLDER);
}

export function mirrorOf(outputFolder: string, folder: string): string {
	return join(summariesRoot(outputFolder), folderKey(folder));
}

export function indexPathOf(outputFolder: string, folder: string): string {
	return join(mirrorOf(outputFolder, folder), `${INDEX_NAME}.md`);
}

/** A note's name with the characters file systems or links refuse replaced, as new notes are named (ui/newNoteFile.ts). */
export function safeName(name: string): string {
	return name.replace(/[\\/:*?"<>|#^[\]]/g, " ").replace(/\s+/g, " ").trim() || "Note";
}

function dirOf(path: string): string {
	const cut = path.lastIndexOf("/");
	return cut < 0 ? "" : path.slice(0, cut);
}

export function baseName(path: string): string {
	return (path.split("/").pop() ?? path).replace(/\.md$/i, "");
}

/** The summary's path before any suffix: the source's folder mirrored under the summaries folder. */
export function preferredSummaryPath(outputFolder: string, sourcePath: string): string {
	return join(summariesRoot(outputFolder), dirOf(sourcePath), `${safeName(baseName(sourcePath))} (summary).md`);
}

/** The first of `path`, `… 2.md`, `… 3.md` that `isTaken` refuses. */
function withSuffix(path: string, isTaken: (p: string) => boolean): string {
	const stem = path.replace(/\.md$/i, "");
	for (let n = 1; ; n++) {
		const candidate = n === 1 ? path : `${stem} ${n}.md`;
		if (!isTaken(candidate)) return candidate;
	}
}

export function planBatch(input: PlanInput): BatchPlan {
	const folder = folderKey(input.folder);
	const byPath = (a: VaultNote, b: VaultNote) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
	// The summaries each source already has, in path order.
	const claims = new Map<string, { path: string; hash: string; edited: boolean }[]>();
	const ours = new Set<string>();
	for (const note of [...input.summaries].sort(byPath)) {
		const mark = readSummaryMark(note.text);
		if (mark) {
			ours.add(note.path);
			const list = claims.get(mark.sourcePath) ?? [];
			list.push({ path: note.path, hash: mark.sourceHash, edited: summaryEdited(note.text) });
			claims.set(mark.sourcePath, list);
		} else if (isIndexNote(note.text)) ours.add(note.path);
	}
	const claimedBySource = new Set([...claims.values()].flat().map((c) => c.path.toLowerCase()));
	const taken = new Set(input.takenPaths.map((p) => p.toLowerCase()));
	const assigned = new Set<string>();
	const plan: BatchPlan = { folder, mirror: mirrorOf(input.outputFolder, folder), indexPath: indexPathOf(input.outputFolder, folder), todo: [], upToDate: [], tooLarge: [], empty: [], promptTokens: 0 };
	for (const note of [...input.sources].sort(byPath)) {
		if (ours.has(note.path) || readSummaryMark(note.text) || isIndexNote(note.text)) continue;
		if (input.only && !input.only.has(note.path)) continue;
		const hash = contentHash(note.text);
		const summaries = claims.get(note.path) ?? [];
		const current = summaries.find((c) => c.hash === hash);
		if (current) {
			plan.upToDate.push({ sourcePath: note.path, summaryPath: current.path });
			continue;
		}
		if (note.text.trim() === "") {
			plan.empty.push(note.path);
			continue;
		}
		const prompt = renderTemplate(SUMMARIZE_NOTE_TEMPLATE, { selection: "", note: note.text, title: baseName(note.path) });
		const size = input.measure(prompt);
		if (!size.fits) {
			plan.tooLarge.push({ sourcePath: note.path, promptTokens: size.promptTokens, available: size.available });
			continue;
		}
		const existing = summaries.find((c) => !c.edited);
		const summaryPath = existing
			? existing.path
			: withSuffix(preferredSummaryPath(input.outputFolder, note.path), (p) => {
					const lower = p.toLowerCase();
					return taken.has(lower) || assigned.has(lower) || claimedBySource.has(lower);
				});
		assigned.add(summaryPath.toLowerCase());
		const kept = existing ? [] : summaries.map((c) => c.path);
		plan.todo.push({ sourcePath: note.path, summaryPath, hash, prompt, promptTokens: size.promptTokens, replaces: existing !== undefined, kept });
		plan.promptTokens += size.promptTokens;
	}
	return plan;
}
