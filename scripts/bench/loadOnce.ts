// One fresh process, one measurement: evaluate a built bundle, then run its onload in the Obsidian
// stand-in, timed apart as Obsidian's start-up timing counts a plugin: evaluating main.js, then
// constructing the plugin and its (awaited) onload. Prints one JSON line. Used by bench.ts,
// median of several processes.
//
// With --probes the bundle is the non-minified probe build (moduleEval.ts): it calls
// globalThis.__probe(label) at each module boundary, and the times between probes are printed too.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { PluginManifest } from "obsidian";
import { ObsidianHost } from "../../tests/support/host";

export interface LoadTiming {
	evalMs: number;
	onloadMs: number;
	/** With --probes: [label, ms] per module section, "(compile)" first. */
	probes?: [string, number][];
}

async function main(): Promise<void> {
	const [bundle, manifestPath, flag] = process.argv.slice(2);
	if (!bundle || !manifestPath) throw new Error("usage: loadOnce BUNDLE MANIFEST [--probes]");
	const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as PluginManifest;
	const marks: [string | null, number][] = [];
	if (flag === "--probes") (globalThis as { __probe?: unknown }).__probe = (label: string | null) => marks.push([label, performance.now()]);
	const vaultDir = mkdtempSync(join(tmpdir(), "ar-load-"));
	const host = ObsidianHost.create({ vaultDir, echoConsole: false });
	const t0 = performance.now();
	const PluginClass = host.evaluateMainJs(bundle);
	const t1 = performance.now();
	await host.loadPluginClass(PluginClass, manifest);
	const t2 = performance.now();
	await host.dispose();
	rmSync(vaultDir, { recursive: true, force: true });
	const out: LoadTiming = { evalMs: t1 - t0, onloadMs: t2 - t1 };
	if (marks.length > 0) {
		// Before the first probe: compiling (parsing) the whole script.
		out.probes = [["(compile)", marks[0]![1] - t0]];
		for (let i = 0; i + 1 < marks.length; i++) out.probes.push([marks[i]![0] ?? "(end)", marks[i + 1]![1] - marks[i]![1]]);
	}
	process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
