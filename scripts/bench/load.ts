/**
 * The load half of `npm run bench`: builds main.js (through esbuild.config.mjs, so the SDK module
 * check runs), its metafile and probe build (moduleReport.ts), and the floor plugin; then times
 * start-up in fresh processes, interleaved: main.js, the floor, and the probe build.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import esbuild, { type Metafile } from "esbuild";
import { pluginBuildOptions } from "../build/options.mjs";
import type { LoadTiming } from "./loadOnce";
import { injectProbes } from "./moduleReport";

const ROOT = resolve(__dirname, "../..");

export interface Builds {
	mainBytes: number;
	gzipBytes: number;
	meta: Metafile;
	floorPath: string;
	floorBytes: number;
	probePath: string;
}

export async function buildAll(tmp: string): Promise<Builds> {
	execFileSync(process.execPath, ["esbuild.config.mjs", "production"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
	const main = readFileSync(join(ROOT, "main.js"));
	// The same build again for its metafile, checked to be the same bundle.
	const metaBuild = await esbuild.build({ ...pluginBuildOptions({ prod: true, outfile: join(tmp, "meta-main.js") }), logLevel: "warning" });
	const metaBytes = statSync(join(tmp, "meta-main.js")).size;
	if (metaBytes !== main.length) throw new Error(`the metafile build (${metaBytes} B) differs from main.js (${main.length} B)`);
	const nonMinified = join(tmp, "nonminified-main.js");
	await esbuild.build({ ...pluginBuildOptions({ prod: true, minify: false, outfile: nonMinified }), logLevel: "warning" });
	const probePath = join(tmp, "probe-main.js");
	injectProbes(nonMinified, probePath);
	// The floor: a plugin that bundles the whole openai client and nothing else, same esbuild settings.
	const floorPath = join(tmp, "floor-main.js");
	await esbuild.build({ entryPoints: [join(ROOT, "scripts/bench/floorPlugin.ts")], bundle: true, minify: true, format: "cjs", target: "es2021", treeShaking: true, external: ["obsidian"], outfile: floorPath, logLevel: "warning" });
	return { mainBytes: main.length, gzipBytes: gzipSync(main, { level: 9 }).length, meta: metaBuild.metafile, floorPath, floorBytes: statSync(floorPath).size, probePath };
}

function loadOnce(bundle: string, probes = false): LoadTiming {
	const args = ["--import", "tsx", join(__dirname, "loadOnce.ts"), bundle, join(ROOT, "manifest.json"), ...(probes ? ["--probes"] : [])];
	const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
	if (r.status !== 0) throw new Error(`loadOnce failed: ${r.stderr}`);
	return JSON.parse(r.stdout.trim()) as LoadTiming;
}

export interface Loads {
	main: LoadTiming[];
	floor: LoadTiming[];
	probes: [string, number][][];
}

export function measureLoads(builds: Builds, n: number): Loads {
	const out: Loads = { main: [], floor: [], probes: [] };
	for (let i = 0; i < n; i++) {
		out.main.push(loadOnce(join(ROOT, "main.js")));
		out.floor.push(loadOnce(builds.floorPath));
		out.probes.push(loadOnce(builds.probePath, true).probes ?? []);
	}
	return out;
}
