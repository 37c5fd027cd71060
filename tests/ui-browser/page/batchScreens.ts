// The batch of summaries' screens: the start modal (with a note too large) and the progress view,
// running and finished with failures, drawn by the plugin's own modals (src/ui/batch/) from a plan
// made by core/batchPlan.ts and snapshots as core/batchRunner.ts gives them.
import { planBatch } from "../../../src/core/batchPlan";
import type { BatchSnapshot } from "../../../src/core/batchProgress";
import { BatchProgressModal, type ProgressSource } from "../../../src/ui/batch/progressModal";
import { askStart } from "../../../src/ui/batch/startModal";

type ModalHost = Parameters<typeof askStart>[0];
type Root = (cls: string) => Promise<HTMLElement>;

const SOURCES = [
	"Meetings/2026/2026-04-30 Customer portal launch review with the security team.md",
	"Meetings/2026/Standup.md",
	"Meetings/2025/Standup.md",
	"Meetings/Retrospective.md",
	"Meetings/Quarterly planning.md",
].map((path, i) => ({ path, text: `# Note ${i}\n\n${"We agreed to move the launch. ".repeat(20 + i * 7)}` }));

export async function batchStartScreen(host: ModalHost, root: Root): Promise<HTMLElement[]> {
	const big = { path: "Meetings/Transcripts/All-hands recording transcript, full text, March.md", text: "x".repeat(900_000) };
	const plan = planBatch({
		folder: "Meetings",
		outputFolder: "AI answers",
		sources: [...SOURCES, big],
		summaries: [],
		takenPaths: [],
		measure: (prompt) => ({ promptTokens: Math.ceil(prompt.length / 3.6), available: 175_000, fits: prompt.length / 3.6 <= 175_000 }),
	});
	void askStart(host, { plan, folderLabel: "Meetings", deploymentLabel: "Work o4-mini", familyLabel: "o4-mini", concurrency: 2 });
	return [await root("azure-reasoning-batch-start")];
}

function source(state: "running" | "failures"): ProgressSource {
	const running = state === "running";
	const snapshot: BatchSnapshot = running
		? { state: "running", total: 48, done: 17, failed: 1, skipped: 12, remaining: 30, inFlight: 1, concurrency: 1, waitingMs: 4_000, tokens: { prompt: 61_240, completion: 38_905, reasoning: 29_312 }, elapsedMs: 312_000, etaMs: 540_000 }
		: { state: "finished", total: 48, done: 45, failed: 3, skipped: 12, remaining: 0, inFlight: 0, concurrency: 2, waitingMs: 0, tokens: { prompt: 171_002, completion: 110_480, reasoning: 84_220 }, elapsedMs: 1_130_000, etaMs: 0 };
	const failed = [
		{ item: { sourcePath: "Meetings/2026/2026-04-30 Customer portal launch review with the security team.md" }, reason: "The content filter blocked the prompt: violence (high). Rephrase the text, or ask your administrator about the content filter." },
		{ item: { sourcePath: "Meetings/2025/Standup.md" }, reason: "Azure's rate limit was hit 9 times for this note. Run the batch again in a minute." },
		{ item: { sourcePath: "Meetings/Retrospective.md" }, reason: "No answer after 600 s. Raise the request timeout in the settings." },
	];
	return {
		folderLabel: "Meetings",
		isOver: !running,
		report: running ? null : { cancelled: false, failed },
		indexPath: running ? null : "AI answers/Summaries/Meetings/Index of summaries.md",
		indexProblem: "",
		// The end report's longest line: a summary the user edited, kept, and the new one beside it.
		kept: running ? [] : [{ sourcePath: "Meetings/Planning.md", edited: ["AI answers/Summaries/Meetings/Planning (summary).md"], written: "AI answers/Summaries/Meetings/Planning (summary) 2.md" }],
		indexKept: null,
		snapshot: () => snapshot,
		subscribe: () => () => undefined,
		pause: () => undefined,
		resume: () => undefined,
		cancel: () => undefined,
		retry: () => Promise.resolve(),
		progressClosed: () => undefined,
	};
}

export async function batchProgressScreen(host: ModalHost, root: Root, state: "running" | "failures"): Promise<HTMLElement[]> {
	new BatchProgressModal(host, source(state)).show();
	return [await root("azure-reasoning-batch")];
}
