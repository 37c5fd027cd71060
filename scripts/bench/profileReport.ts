/**
 * Reads a .cpuprofile (node --cpu-prof) and prints, per function, its self time and its inclusive
 * time (samples with the function anywhere on the stack, counted once per sample), largest first,
 * for the functions of the files that match --only (default: the profiled main.js).
 * Usage: npx tsx scripts/bench/profileReport.ts FILE.cpuprofile [--only profile-main.js] [--top 60]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface Node {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface Profile {
	nodes: Node[];
	samples: number[];
	timeDeltas: number[];
}

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { only: { type: "string", default: "profile-main.js" }, top: { type: "string", default: "60" }, bundle: { type: "string" }, per: { type: "string", default: "1" } },
});
const profile = JSON.parse(readFileSync(positionals[0]!, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (n: Node) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const incl = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
	const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
	total += dt;
	const leaf = byId.get(id)!;
	if (leaf.callFrame.functionName === "(idle)") idle += dt;
	self.set(key(leaf), (self.get(key(leaf)) ?? 0) + dt);
	const seen = new Set<string>();
	for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
		const k = key(byId.get(cur)!);
		if (seen.has(k)) continue;
		seen.add(k);
		incl.set(k, (incl.get(k) ?? 0) + dt);
	}
});
const top = Number(values.top);
const only = (k: string) => k.includes(values.only!);
process.stdout.write(`total ${total.toFixed(0)} ms, idle ${idle.toFixed(0)} ms\n\nInclusive (${values.only}):\n`);
for (const [k, ms] of [...incl].filter(([k]) => only(k)).sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms.toFixed(1).padStart(9)} ms  ${k}\n`);
process.stdout.write(`\nSelf, all files:\n`);
for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms.toFixed(1).padStart(9)} ms  ${k}\n`);

/**
 * With --bundle (the profiled main.js): each sample goes to the innermost frame of the bundle on
 * its stack, named by its module ("// src/..." headers) and function; the SDK's modules are one
 * bucket. Divided by --per (the number of commands): CPU per command.
 */
if (values.bundle) {
	const lines = readFileSync(values.bundle, "utf8").split("\n");
	const modules: [number, string][] = [];
	lines.forEach((l, i) => {
		const m = /^\/\/ (\S+)$/.exec(l);
		if (m) modules.push([i, m[1]!.startsWith("src/") ? m[1]!.slice(4) : "SDK"]);
	});
	// The host evaluates main.js with `new Function` (tests/support/bundle.ts), whose header takes two lines.
	const moduleAt = (profiledLine: number) => {
		const line = profiledLine - 2;
		let name = "(top)";
		for (const [at, m] of modules) if (at <= line) name = m;
		return name;
	};
	const per = Number(values.per);
	const owner = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		let k = "(outside the bundle)";
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
			const f = byId.get(cur)!.callFrame;
			if (!f.url.endsWith(values.only!)) continue;
			const mod = moduleAt(f.lineNumber);
			k = mod === "SDK" ? "SDK (bundled), with what it calls outside the bundle" : `${mod} ${f.functionName || "(anonymous)"}`;
			break;
		}
		owner.set(k, (owner.get(k) ?? 0) + dt);
	});
	process.stdout.write(`\nInnermost bundle frame, ms per command (${per}):\n`);
	let ours = 0;
	for (const [k, ms] of [...owner].sort((a, b) => b[1] - a[1])) {
		if (!k.startsWith("SDK") && !k.startsWith("(outside")) ours += ms;
		if (ms / per >= 0.002) process.stdout.write(`${(ms / per).toFixed(3).padStart(8)}  ${k}\n`);
	}
	process.stdout.write(`${(ours / per).toFixed(3).padStart(8)}  total in the plugin's own modules\n`);
}
