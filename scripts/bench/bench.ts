/**
 * `npm run bench`: what the plugin costs its users beyond the model's own time, measured on
 * the production main.js against baselines measured in the same run. Prints a readable
 * report, then one JSON object as the last line.
 *
 * - size: main.js bytes, minified and gzipped (-9), and per module (moduleReport.ts): bytes from
 *   esbuild's metafile and evaluation time from a probe build, grouped, largest first;
 * - load (load.ts): module evaluation and onload, timed apart, in a fresh Node process, median of
 *   N processes, against a floor plugin that only bundles the openai client (built here with the
 *   same settings);
 * - request overhead: the command path (command to inserted answer) against a bare openai SDK
 *   call over the same transport to the same emulator (in another process), and against the
 *   command's limit: that bare call plus one editor transaction placing the same answer (what
 *   the command cannot avoid); medians of interleaved runs;
 * - big notes: a command on a selection in a 1 MB and a 10 MB note, and the longest the event
 *   loop (the editor) was blocked meanwhile;
 * - peak RSS of this process.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { AzureOpenAI } from "openai";
import { ObsidianHost } from "../../tests/support/host";
import { requestUrl } from "../../tests/support/obsidian";
import { KEY, PARAGRAPH, SECRET, noteOfSize, settingsFor, startEmulator } from "./benchSetup";
import { buildAll, measureLoads } from "./load";
import { bytesPerModule, formatRows, medianPerLabel, moduleRows } from "./moduleReport";

const ROOT = resolve(__dirname, "../..");
const TMP = join(ROOT, ".tmp");

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** The host captures console.*; the report goes straight to stdout. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The bare SDK's fetch over the same requestUrl the plugin uses, so the transport cost is equal. */
const sameTransportFetch: typeof fetch = async (input, init) => {
	const r = await requestUrl({ url: String(input), method: init?.method ?? "GET", headers: Object.fromEntries(new Headers(init?.headers).entries()), body: init?.body as string, throw: false });
	return new Response(r.text, { status: r.status, headers: r.headers });
};

/** The edit that turned `before` into `after`: the range of `before` replaced, and the text put there. */
function placement(before: string, after: string): { from: number; to: number; text: string } {
	let from = 0;
	while (from < before.length && before[from] === after[from]) from++;
	let end = 0;
	while (end < before.length - from && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
	return { from, to: before.length - end, text: after.slice(from, after.length - end) };
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { requests: { type: "string", default: "200" }, loads: { type: "string", default: "7" } } });
	const nRequests = Number(values.requests);
	const nLoads = Number(values.loads);
	rmSync(TMP, { recursive: true, force: true });
	execFileSync("mkdir", ["-p", TMP]);

	say("Building main.js, its metafile and probe build, and the floor plugin ...");
	const builds = await buildAll(TMP);
	const { mainBytes, gzipBytes } = builds;
	say(`main.js: ${mainBytes} bytes, ${gzipBytes} gzipped; floor: ${builds.floorBytes} bytes`);

	say(`Load time: ${nLoads} fresh processes each (main.js, floor, probe build), interleaved ...`);
	const loads = measureLoads(builds, nLoads);
	const total = (t: { evalMs: number; onloadMs: number }) => t.evalMs + t.onloadMs;
	const loadMs = median(loads.main.map(total));
	const floorMs = median(loads.floor.map(total));
	const evalMs = median(loads.main.map((t) => t.evalMs));
	const onloadMs = median(loads.main.map((t) => t.onloadMs));
	const floorEvalMs = median(loads.floor.map((t) => t.evalMs));
	const floorOnloadMs = median(loads.floor.map((t) => t.onloadMs));
	say(`  main.js ${round(loadMs)} ms (evaluation ${round(evalMs)}, onload ${round(onloadMs)}); floor ${round(floorMs)} ms (evaluation ${round(floorEvalMs)}, onload ${round(floorOnloadMs)}) (medians)`);
	const perLabel = medianPerLabel(loads.probes);
	const { files, groups } = moduleRows(bytesPerModule(builds.meta), perLabel);
	say(`  probe build: compile ${round(perLabel.get("(compile)") ?? 0)} ms, then per module:`);
	for (const line of [...formatRows("Largest groups", groups, 20), ...formatRows("Largest modules", files, 15)]) say(line);
	for (const line of formatRows("Slowest modules to evaluate", [...files].sort((x, y) => y.evalMs - x.evalMs), 10)) say(line);

	const emu = await startEmulator();
	const vaultDir = mkdtempSync(join(tmpdir(), "ar-bench-"));
	const host = ObsidianHost.create({ vaultDir, secrets: { [SECRET]: KEY }, pluginData: settingsFor(emu.url), echoConsole: false });
	try {
		await host.loadMainJs(join(ROOT, "main.js"), join(ROOT, "manifest.json"));
		await host.standInApp.vault.create("Bench.md", "");
		const { editor } = host.openNote("Bench.md");
		const sdk = new AzureOpenAI({ endpoint: emu.url, apiKey: KEY, apiVersion: "2025-04-01-preview", deployment: "bench-o1", fetch: sameTransportFetch, maxRetries: 0, dangerouslyAllowBrowser: true });
		const nativeSdk = new AzureOpenAI({ endpoint: emu.url, apiKey: KEY, apiVersion: "2025-04-01-preview", deployment: "bench-o1", maxRetries: 0, dangerouslyAllowBrowser: true });
		const text = "we decide to ship on friday.";
		const before = `# Note\n\n${text}\n`;
		const select = () => {
			editor.setValue(before);
			editor.setSelection(editor.offsetToPos(8), editor.offsetToPos(8 + text.length));
		};

		const runPlugin = async () => {
			select();
			const t0 = performance.now();
			const outcome = (await host.runCommand("template-improve-writing")) as { ok: boolean; message: string };
			const ms = performance.now() - t0;
			if (!outcome.ok) throw new Error(`command failed: ${outcome.message}`);
			return ms;
		};
		const bareCall = (client: AzureOpenAI) => client.chat.completions.create({ model: "bench-o1", messages: [{ role: "user", content: `Improve: ${text}` }], max_completion_tokens: 25_000 });
		const runBare = async (client: AzureOpenAI) => {
			const t0 = performance.now();
			await bareCall(client);
			return performance.now() - t0;
		};
		// The limit: what the command places, found once by diffing the note before and after it.
		await runPlugin();
		const after = editor.getValue();
		const placed = placement(before, after);
		const runLimit = async () => {
			select();
			const t0 = performance.now();
			const answer = (await bareCall(sdk)).choices[0]?.message.content;
			if (!answer) throw new Error("the bare call got no answer");
			editor.replaceRange(placed.text, editor.offsetToPos(placed.from), editor.offsetToPos(placed.to));
			const ms = performance.now() - t0;
			if (editor.getValue() !== after || !after.includes(answer)) throw new Error("the limit did not leave the note as the command does");
			return ms;
		};

		say(`Request overhead: ${nRequests} interleaved requests each ...`);
		for (let i = 0; i < 20; i++) {
			await runPlugin();
			await runBare(sdk);
			await runLimit();
			await runBare(nativeSdk);
		}
		const pluginMs: number[] = [];
		const bareMs: number[] = [];
		const limitMs: number[] = [];
		const nativeMs: number[] = [];
		for (let i = 0; i < nRequests; i++) {
			pluginMs.push(await runPlugin());
			bareMs.push(await runBare(sdk));
			limitMs.push(await runLimit());
			nativeMs.push(await runBare(nativeSdk));
		}
		say(`  plugin ${round(median(pluginMs))} ms, limit (bare SDK + one transaction) ${round(median(limitMs))} ms, bare SDK (same transport) ${round(median(bareMs))} ms, bare SDK (Node fetch) ${round(median(nativeMs))} ms (medians)`);

		const bigNote = async (bytes: number) => {
			const doc = noteOfSize(bytes);
			const from = doc.lastIndexOf("The onboarding", doc.length >> 1);
			editor.setValue(doc);
			editor.setSelection(editor.offsetToPos(from), editor.offsetToPos(from + PARAGRAPH.length - 2));
			const h = monitorEventLoopDelay({ resolution: 1 });
			h.enable();
			const t0 = performance.now();
			const outcome = (await host.runCommand("template-improve-writing")) as { ok: boolean; message: string };
			const ms = performance.now() - t0;
			h.disable();
			if (!outcome.ok) throw new Error(`command failed on a ${bytes}-byte note: ${outcome.message}`);
			return { ms, maxBlockMs: h.max / 1e6 };
		};
		say("Big notes ...");
		const mb1 = [await bigNote(1 << 20), await bigNote(1 << 20), await bigNote(1 << 20)];
		const mb10 = [await bigNote(10 << 20), await bigNote(10 << 20), await bigNote(10 << 20)];
		const note1 = median(mb1.map((x) => x.ms));
		const note10 = median(mb10.map((x) => x.ms));
		const maxBlock = Math.max(...mb10.map((x) => x.maxBlockMs));
		say(`  1 MB: ${round(note1)} ms; 10 MB: ${round(note10)} ms; longest event-loop block on 10 MB: ${round(maxBlock)} ms`);

		const result = {
			main_js_bytes: mainBytes,
			main_js_gzip_bytes: gzipBytes,
			load_ms_median: round(loadMs),
			load_ratio_to_floor: round(loadMs / floorMs),
			request_overhead_ratio: round(median(pluginMs) / median(bareMs), 3),
			onload_ms_median: round(onloadMs),
			startup_ratio_to_floor: round(loadMs / floorMs, 3),
			command_ratio_to_limit: round(median(pluginMs) / median(limitMs), 3),
			note_1mb_ms: round(note1),
			note_10mb_ms: round(note10),
			max_block_ms: round(maxBlock),
			peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
			floor_js_bytes: builds.floorBytes,
			floor_load_ms_median: round(floorMs),
			eval_ms_median: round(evalMs),
			floor_eval_ms_median: round(floorEvalMs),
			floor_onload_ms_median: round(floorOnloadMs),
			request_limit_ms_median: round(median(limitMs)),
			request_plugin_ms_median: round(median(pluginMs)),
			request_bare_sdk_ms_median: round(median(bareMs)),
			request_overhead_ratio_vs_node_fetch: round(median(pluginMs) / median(nativeMs), 3),
		};
		say(JSON.stringify(result));
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
