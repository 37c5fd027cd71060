/**
 * `npm run demo`: the main job, from a terminal. Builds the plugin, starts the strict Azure
 * emulator as a separate process (or uses a deployment from AZURE_OPENAI_* variables), loads the
 * BUILT main.js into the Obsidian stand-in over a copy of the sample vault, runs one command on a
 * note, and prints the note before and after, any note the command wrote, the requests that were
 * sent (operation, URL and body), with the key redacted, and the request history's new entries. Exits non-zero when the command failed, after
 * printing the explanation the user would see, and 2 when the plugin refuses the deployment
 * (nothing is sent then). The run itself is scripts/demo/run.ts; the deployment, scripts/demo/target.ts.
 *
 * Commands that open a modal take its answer from a flag, or a default: the template picker
 * `--template NAME` (default "Improve the writing"), the question `--instruction TEXT`, the
 * deployment picker `--deployment NAME` (default: the one that is not the default yet). A
 * prompt too large for the model answers "Send the selection only"; the preview is printed.
 *
 * `--vault DIR` runs on that folder of notes itself, not a copy (`--note PATH` names the note in
 * it): the run creates notes and edits them as the command does, and nothing else. The stand-in
 * refuses to delete, move or overwrite a file that was in DIR (the demo reports it, exit code 1),
 * and the plugin's own folder (its data.json, its history) is kept outside DIR, so that DIR/.obsidian
 * is never read nor written. After the run the demo prints every note created (its text) and
 * changed (a diff), and the request history's new entries. `--folder PATH` names a folder inside
 * the vault for the batch, `--command summarize-folder-to-new-notes` (scripts/demo/folder.ts);
 * until the batch is in main.js that command says it is not in this build (exit code 2).
 *
 * Variables (a real deployment): AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY, AZURE_OPENAI_DEPLOYMENT,
 * AZURE_OPENAI_MODEL_FAMILY (a model name as Azure writes it, or a family id), AZURE_OPENAI_API_VERSION
 * (v1 or a dated version); and, with the emulator too: AZURE_OPENAI_API (responses | chat-completions;
 * unset: the family's default), AZURE_OPENAI_REASONING_EFFORT, AZURE_OPENAI_REASONING_SUMMARY
 * (off | auto | concise | detailed), AZURE_OPENAI_VERBOSITY (low | medium | high). Flags win over variables.
 */
import { parseArgs } from "node:util";
import { KNOWN_COMMANDS, runDemo, USAGE } from "./demo/run";

function parseDemoArgs() {
	return parseArgs({
		options: {
			command: { type: "string", default: "run-prompt-on-selection" },
			template: { type: "string", default: "Improve the writing" },
			instruction: { type: "string", default: "What could go wrong with this plan, and what should we check first?" },
			deployment: { type: "string" },
			note: { type: "string" },
			family: { type: "string" },
			api: { type: "string" },
			operation: { type: "string" },
			effort: { type: "string" },
			summary: { type: "string" },
			verbosity: { type: "string" },
			auth: { type: "string" },
			repeat: { type: "string" },
			vault: { type: "string" },
			folder: { type: "string" },
			"no-build": { type: "boolean", default: false },
		},
	});
}

async function main(): Promise<void> {
	let values: ReturnType<typeof parseDemoArgs>["values"];
	try {
		values = parseDemoArgs().values;
	} catch (e) {
		// An unknown flag: its name, the usage and the command ids; exit code 2, no stack trace.
		process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}\n\nCommand ids: ${KNOWN_COMMANDS.join(", ")}\n`);
		process.exit(2);
	}
	const code = await runDemo(values, process.env, {
		out: (text) => process.stdout.write(`${text}\n`),
		err: (text) => process.stderr.write(`${text}\n`),
	});
	process.exit(code);
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.stack : String(err));
	process.exit(1);
});
