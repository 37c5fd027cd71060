/**
 * Where the command path's time goes: runs the bench's command (a template on a selection, the
 * emulator in another process) many times on a NON-minified build of main.js, so that a CPU
 * profile names the plugin's functions. Run it under the profiler:
 *
 *   node --cpu-prof --cpu-prof-interval 50 --cpu-prof-dir .tmp/prof --import tsx scripts/bench/profileCommand.ts
 *   npx tsx scripts/bench/profileReport.ts .tmp/prof/<file>.cpuprofile
 *
 * Not part of `npm run bench` (whose figures come from the minified main.js).
 */
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import esbuild from "esbuild";
import { pluginBuildOptions } from "../build/options.mjs";
import { ObsidianHost } from "../../tests/support/host";
import { startEmulator, settingsFor, noteOfSize, KEY, PARAGRAPH, SECRET } from "./benchSetup";

const ROOT = resolve(__dirname, "../..");

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { requests: { type: "string", default: "2000" }, bytes: { type: "string", default: "0" } } });
	const n = Number(values.requests);
	// With --bytes: the note is that large (the bench's big-note case), the selection a paragraph in its middle.
	const bytes = Number(values.bytes);
	const out = join(ROOT, ".tmp", "profile-main.js");
	mkdirSync(join(ROOT, ".tmp"), { recursive: true });
	await esbuild.build({ ...pluginBuildOptions({ prod: true, minify: false, outfile: out }), logLevel: "warning" });
	const emu = await startEmulator();
	const vaultDir = mkdtempSync(join(tmpdir(), "ar-prof-"));
	const host = ObsidianHost.create({ vaultDir, secrets: { [SECRET]: KEY }, pluginData: settingsFor(emu.url), echoConsole: false });
	try {
		await host.loadMainJs(out, join(ROOT, "manifest.json"));
		await host.standInApp.vault.create("Bench.md", "");
		const { editor } = host.openNote("Bench.md");
		const text = bytes > 0 ? PARAGRAPH.slice(0, -2) : "we decide to ship on friday.";
		const note = bytes > 0 ? noteOfSize(bytes) : `# Note\n\n${text}\n`;
		const from = bytes > 0 ? note.lastIndexOf(text, note.length >> 1) : 8;
		const times: number[] = [];
		for (let i = 0; i < n; i++) {
			editor.setValue(note);
			editor.setSelection(editor.offsetToPos(from), editor.offsetToPos(from + text.length));
			const t0 = performance.now();
			const outcome = (await host.runCommand("template-improve-writing")) as { ok: boolean; message: string };
			times.push(performance.now() - t0);
			if (!outcome.ok) throw new Error(`command failed: ${outcome.message}`);
		}
		times.sort((a, b) => a - b);
		process.stdout.write(`${n} commands, median ${times[n >> 1]!.toFixed(3)} ms\n`);
	} finally {
		await host.dispose();
		emu.stop();
		rmSync(vaultDir, { recursive: true, force: true });
	}
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.stack : String(e));
	process.exit(1);
});
