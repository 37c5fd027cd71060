/**
 * Per-module cost of main.js for `npm run bench`: bytes from esbuild's metafile (bytesInOutput of
 * the production build), and the time each module takes to evaluate at load.
 *
 * How evaluation is measured per module: esbuild scope-hoists ES modules into one script and, when
 * not minifying, marks where each module's top-level code starts with a `// path` comment at column
 * 0. The probe build is the production build (same options) without minification,
 * with `;__probe("path");` inserted before each marker and `;__probe(null);` at the end; loadOnce
 * --probes records performance.now() at each, in a fresh process. The time between two probes is the
 * evaluation of that module's top-level code (class definitions, tables), a module
 * split in several sections summing them. What probes cannot split is compiling the script, before
 * the first probe: V8 pre-parses all of it, so that cost follows bytes, and is shown apart as
 * "(compile)". Functions first called during load (onload's) compile lazily inside the sections that
 * call them. Identifier lengths differ from the minified build, evaluation work does not.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Metafile } from "esbuild";

/** The group a bundled module is reported under: a package by name, our code by folder. */
export function groupOf(input: string): string {
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
	if (pkg) return pkg[1]!;
	const slash = input.lastIndexOf("/");
	return input.startsWith("src/") && slash > 0 ? input.slice(0, slash + 1) : input;
}

/** Bytes in the output per input module, from the metafile of a one-output build. */
export function bytesPerModule(meta: Metafile): Map<string, number> {
	const outputs = Object.values(meta.outputs);
	if (outputs.length !== 1) throw new Error(`expected one output in the metafile, got ${outputs.length}`);
	return new Map(Object.entries(outputs[0]!.inputs).map(([p, v]) => [p, v.bytesInOutput]));
}

/** Writes the probe build of a non-minified bundle (see the file comment); returns the number of probes. */
export function injectProbes(nonMinifiedPath: string, probedPath: string): number {
	const lines = readFileSync(nonMinifiedPath, "utf8").split("\n");
	let n = 0;
	const out = lines.map((line) => {
		const m = /^\/\/ (\S+\.(?:m?js|ts))$/.exec(line);
		if (!m) return line;
		n++;
		return `;__probe(${JSON.stringify(m[1])});\n${line}`;
	});
	if (n === 0) throw new Error(`no module markers in ${nonMinifiedPath}: did esbuild's output format change?`);
	writeFileSync(probedPath, `${out.join("\n")}\n;__probe(null);\n`);
	return n;
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Median over processes of each label's total time in a process. */
export function medianPerLabel(runs: [string, number][][]): Map<string, number> {
	const perRun = runs.map((r) => {
		const sum = new Map<string, number>();
		for (const [label, ms] of r) sum.set(label, (sum.get(label) ?? 0) + ms);
		return sum;
	});
	const labels = new Set(perRun.flatMap((m) => [...m.keys()]));
	return new Map([...labels].map((l) => [l, median(perRun.map((m) => m.get(l) ?? 0))]));
}

export interface ModuleRow {
	name: string;
	bytes: number;
	evalMs: number;
}

/** Rows per module and per group, largest first, from bytes and per-label evaluation medians. */
export function moduleRows(bytes: Map<string, number>, evalMs: Map<string, number>): { files: ModuleRow[]; groups: ModuleRow[] } {
	const names = new Set([...bytes.keys(), ...[...evalMs.keys()].filter((l) => !l.startsWith("("))]);
	const files = [...names].map((name) => ({ name, bytes: bytes.get(name) ?? 0, evalMs: evalMs.get(name) ?? 0 }));
	const groups = new Map<string, ModuleRow>();
	for (const f of files) {
		const g = groupOf(f.name);
		const row = groups.get(g) ?? { name: g, bytes: 0, evalMs: 0 };
		row.bytes += f.bytes;
		row.evalMs += f.evalMs;
		groups.set(g, row);
	}
	const bySize = (a: ModuleRow, b: ModuleRow) => b.bytes - a.bytes;
	return { files: files.sort(bySize), groups: [...groups.values()].sort(bySize) };
}

/** The readable table. */
export function formatRows(title: string, rows: ModuleRow[], limit: number): string[] {
	const fmt = (r: ModuleRow) => `  ${String(r.bytes).padStart(7)} B  ${r.evalMs.toFixed(3).padStart(7)} ms  ${r.name}`;
	return [`${title} (bytes in main.js, evaluation ms median):`, ...rows.slice(0, limit).map(fmt)];
}
