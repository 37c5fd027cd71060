// One fresh process, one measurement: evaluate a built bundle and run its onload in the
// Obsidian stand-in; prints the milliseconds. Used by bench.ts, median of several processes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ObsidianHost } from "../../tests/support/host";

async function main(): Promise<void> {
	const [bundle, manifest] = process.argv.slice(2);
	if (!bundle || !manifest) throw new Error("usage: loadOnce BUNDLE MANIFEST");
	const vaultDir = mkdtempSync(join(tmpdir(), "ar-load-"));
	const host = ObsidianHost.create({ vaultDir, echoConsole: false });
	const t0 = performance.now();
	await host.loadMainJs(bundle, manifest);
	const ms = performance.now() - t0;
	await host.dispose();
	rmSync(vaultDir, { recursive: true, force: true });
	process.stdout.write(`${ms}\n`);
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
