/**
 * An answer that came after the timeout had ended the command: it was paid for, so it is kept
 * in a note of its own (the place it was asked for may have moved on), and the user is told where.
 */
import type { Completion } from "../../core/response";
import { keptAnswerHeading } from "../../core/summaryNote";
import { writeAnswerNote } from "../answerNote";
import type { PluginContext } from "../context";
import { messageOf } from "../guard";
import { copyAnswerAction, openInNewTab, showNotice } from "./notify";

const LATE_REASON = "it arrived after the request timeout";

/** Keeps the answer in a note and tells the user; returns the note's path, or null when none was written. */
export async function keepLateAnswer(ctx: PluginContext, req: { what: string; notePath: string }, completion: Completion): Promise<string | null> {
	if (ctx.services.lifetime.aborted) return null;
	const sourcePath = req.notePath || null;
	try {
		const note = await writeAnswerNote(ctx.app, ctx.settings.outputFolder, {
			sourcePath,
			name: "Note",
			label: "late answer",
			heading: keptAnswerHeading(req.what, LATE_REASON, sourcePath !== null),
			answer: completion.text,
			reasoningSummary: completion.reasoningSummary,
		});
		showNotice(`The answer to "${req.what}" arrived after the timeout; it is in ${note.path}. Raise the request timeout to have answers land in place.`, 0, [{ label: "Open", run: () => openInNewTab(ctx, note.path) }]);
		return note.path;
	} catch (e) {
		showNotice(`The answer to "${req.what}" arrived after the timeout but could not be saved (${messageOf(e)}).`, 0, [copyAnswerAction(ctx, req.what, completion.text)]);
		return null;
	}
}
