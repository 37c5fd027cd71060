/**
 * Commands whose answer belongs to a place in the note: a prompt template on the selection
 * (replace it, or below it, or a new note, as the template says), and a free question about
 * the selection (the answer goes below it). The place is captured when the command runs and
 * followed through every edit until the answer arrives; a cancel, an error or an unload
 * releases it and leaves the note as the user left it.
 */
import type { Editor, MarkdownFileInfo, MarkdownView } from "obsidian";
import { formatAnswer, type AnswerFormat } from "../../core/answerFormat";
import { askPrompt, usesSelection, usesWholeNote } from "../../core/commandPrompts";
import { renderTemplate, type PromptTemplate } from "../../core/prompt";
import type { PluginContext } from "../context";
import { messageOf } from "../guard";
import { askInstruction } from "../modals/ask";
import { showReasoning } from "../modals/reasoning";
import { withReasoning } from "../../core/summaryNote";
import { formatCount } from "../../core/count";
import { pickTemplate } from "../modals/pickers";
import { writeGeneratedNote } from "./newNote";
import { copyAnswerAction, openInNewTab, showNotice, tell, ERROR_NOTICE_MS, NO_TEMPLATE, NOTICE_MS, type CommandOutcome, type NoticeAction } from "./notify";
import { captureTarget, placeAnswer, type Placement, type Target } from "../insertion";
import { deploymentFor } from "./deployment";
import { captureEditor, type Captured, NO_NOTE } from "./editorCapture";
import { answerInfo, describeRun, send, type Answered } from "./send";
import { recordAnswer } from "../history/recordRequest";
import { templateCommandId } from "./templateCommands";

/** How a command ends without a notice (the user closed a modal, or the plugin was unloaded). */
const untold = (message: string): CommandOutcome => ({ ok: false, message });

/** Puts the answer at its target, written in `format`, and says where it went. */
async function deliver(ctx: PluginContext, target: Target, reply: Answered, mode: "replace" | "below", format: AnswerFormat): Promise<CommandOutcome> {
	if (ctx.services.lifetime.aborted) return untold("The plugin was unloaded; the answer was discarded.");
	// An answer cut off by the token budget never replaces the user's text: it goes below it.
	const truncated = reply.completion.finishReason === "length";
	const used = reply.deployment.maxCompletionTokens;
	// The deployment's own budget: above `used` when a smaller one was chosen for this request only (send.ts).
	const own = Number(ctx.settings.deployments.find((d) => d.id === reply.deployment.id)?.maxCompletionTokens);
	const cutOff = !truncated
		? ""
		: ` The answer was cut off at the ${formatCount(used)} max completion tokens${mode === "replace" ? ", so it was put below your text instead of replacing it" : ""}; ${own > used ? `that smaller budget was chosen for this request only: select less text to send it with the deployment's ${formatCount(own)}` : "raise max completion tokens"} for a whole answer.`;
	const placed = truncated ? "below" : mode;
	const summary = reply.completion.reasoningSummary;
	// The summary goes into the note only when asked for, only above an answer inserted below (never in place of the user's text).
	const inText = placed === "below" && ctx.settings.reasoningInNote;
	const answer = formatAnswer(reply.completion.text, format, answerInfo(reply));
	const text = inText ? withReasoning(answer, summary) : answer;
	const reasoning: NoticeAction[] = summary ? [{ label: "Show reasoning", run: () => showReasoning(ctx, `Reasoning summary (${reply.completion.model || reply.deployment.deployment})`, summary) }] : [];
	let placement: Placement;
	try {
		// When the place is gone, the note of its own keeps the summary too (unless the text already holds it).
		placement = await placeAnswer(ctx, target, text, placed, inText ? null : summary);
	} catch (e) {
		if (ctx.services.lifetime.aborted) return untold("The plugin was unloaded; the answer was discarded.");
		// Never lose an answer: it stays on hand from the notice.
		const message = `The answer could not be put into the note (${messageOf(e)}).`;
		showNotice(message, 0, [copyAnswerAction(ctx, target.path.split("/").pop()?.replace(/\.md$/i, "") || "Note", withReasoning(reply.completion.text, summary)), ...reasoning]);
		return { ok: false, message };
	}
	const stats = describeRun(reply);
	if (placement.where === "new-note") {
		const message = `The answer is in ${placement.path}: ${placement.reason}. (${stats})${cutOff}`;
		showNotice(message, ERROR_NOTICE_MS, [{ label: "Open", run: () => openInNewTab(ctx, placement.path) }, ...reasoning]);
		return { ok: true, message, placement };
	}
	const message = `Answer from ${reply.completion.model || reply.deployment.deployment} in ${stats}.${placement.note ? ` ${placement.note}` : ""}${cutOff}`;
	showNotice(message, placement.note || truncated ? ERROR_NOTICE_MS : NOTICE_MS, reasoning);
	return { ok: true, message, placement };
}

async function runTemplateOn(ctx: PluginContext, cap: Captured, target: Target, template: PromptTemplate, command: string): Promise<CommandOutcome> {
	if (usesSelection(template.text) && cap.selection.trim() === "") return tell(false, `Select the text to run "${template.name}" on first.`);
	// The note's text is read only when the template asks for it.
	const fields = {
		selection: cap.selection,
		title: cap.title,
		get note() {
			return cap.doc;
		},
	};
	const wholeNote = usesWholeNote(template.text) && cap.selection.trim() !== "";
	const reply = await send(ctx, {
		what: template.name,
		config: deploymentFor(ctx, template.deploymentId),
		prompt: renderTemplate(template.text, fields),
		selectionOnly: wholeNote ? renderTemplate(template.text, { ...fields, note: cap.selection }) : null,
		notePath: cap.file.path,
		origin: { command, template: { id: template.id, name: template.name } },
	});
	if (!reply.ok) return reply.outcome;
	if (template.output === "new-note") {
		return recordAnswer(ctx, reply, writeGeneratedNote(ctx, cap.file, reply, { label: template.name, heading: `${template.name}: {{link}}`, linkFromSource: false, noun: template.name, format: template.format }));
	}
	return recordAnswer(ctx, reply, deliver(ctx, target, reply, template.output, template.format ?? "plain"));
}

/**
 * Runs a prompt template on the selection; with `template` null, the user picks one first.
 * Resolves when the command is over (the answer placed, or the reason it was not told).
 */
export async function runTemplateCommand(ctx: PluginContext, editor: Editor, view: MarkdownView | MarkdownFileInfo, template: PromptTemplate | null): Promise<CommandOutcome> {
	const cap = captureEditor(editor, view);
	if (!cap) return tell(false, NO_NOTE);
	if (ctx.settings.templates.length === 0) return tell(false, NO_TEMPLATE);
	const target = captureTarget(ctx, editor, cap.file, cap.from, cap.to);
	try {
		const chosen = template ?? (await pickTemplate(ctx, ctx.settings.templates));
		if (!chosen) return untold("No prompt was chosen.");
		// The history names the command that ran: the template's own, or the one that let the user pick it.
		return await runTemplateOn(ctx, cap, target, chosen, template ? templateCommandId(template.id) : "run-prompt-on-selection");
	} finally {
		target.release();
	}
}

/** A free instruction about the selection; the answer goes below it. */
export async function askAboutSelection(ctx: PluginContext, editor: Editor, view: MarkdownView | MarkdownFileInfo): Promise<CommandOutcome> {
	const cap = captureEditor(editor, view);
	if (!cap) return tell(false, NO_NOTE);
	if (cap.selection.trim() === "") return tell(false, "Select the text to ask about first.");
	const target = captureTarget(ctx, editor, cap.file, cap.from, cap.to);
	try {
		const instruction = await askInstruction(ctx, cap.selection);
		if (instruction === null) return untold("No question was asked.");
		const reply = await send(ctx, {
			what: "Question",
			config: deploymentFor(ctx, null),
			prompt: askPrompt(instruction, { selection: cap.selection, note: cap.doc, title: cap.title }),
			selectionOnly: null,
			notePath: cap.file.path,
			origin: { command: "ask-about-selection" },
		});
		if (!reply.ok) return reply.outcome;
		return await recordAnswer(ctx, reply, deliver(ctx, target, reply, "below", ctx.settings.askFormat));
	} finally {
		target.release();
	}
}
