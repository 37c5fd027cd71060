// The strict Azure emulator in a process of its own (started by emulatorProcess.ts): for `npm run demo`
// and the tests that drive the demo "against the emulator run as a separate process". Its options come
// as JSON in argv[2]. It prints its URL on the first line of stdout, then answers one JSON line per
// command line read from stdin: {"cmd":"requests"} (the recorded requests), {"cmd":"script","fault":F}
// (a JSON-only Fault), {"cmd":"reset"}. It stops when stdin closes.
import { createInterface } from "node:readline";
import { AzureEmulator } from "./azureEmulator";
import type { EmulatorOptions, Fault } from "./emulator/types";

type Command = { cmd: "requests" } | { cmd: "script"; fault: Fault } | { cmd: "reset" };

async function main(): Promise<void> {
	const opts = JSON.parse(process.argv[2] ?? "") as EmulatorOptions;
	const emu = await AzureEmulator.start(opts);
	process.stdout.write(`${emu.url}\n`);
	const lines = createInterface({ input: process.stdin });
	lines.on("line", (line) => {
		let reply: unknown;
		try {
			const c = JSON.parse(line) as Command;
			if (c.cmd === "requests") reply = { requests: emu.requests };
			else if (c.cmd === "script") {
				emu.script(c.fault);
				reply = { ok: true };
			} else if (c.cmd === "reset") {
				emu.reset();
				reply = { ok: true };
			} else reply = { error: `unknown command ${JSON.stringify(line)}` };
		} catch (e) {
			reply = { error: e instanceof Error ? e.message : String(e) };
		}
		process.stdout.write(`${JSON.stringify(reply)}\n`);
	});
	lines.on("close", () => void emu.close().then(() => process.exit(0)));
}

main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(1);
});
