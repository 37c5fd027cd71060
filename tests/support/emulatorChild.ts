// The strict Azure emulator in a process of its own (started by emulatorProcess.ts): for `npm run demo`
// and the tests that drive the demo "against the emulator run as a separate process"; with `entra`
// options, also the Entra ID token emulator, whose access tokens the Azure emulator accepts. Its options
// come as JSON in argv[2] ({azure, entra?}). It prints {url, entraUrl?} as JSON on the first line of
// stdout, then answers one JSON line per command line read from stdin: {"cmd":"requests"} (the recorded
// requests), {"cmd":"script","fault":F} (a JSON-only Fault), {"cmd":"reset"}, {"cmd":"entra-polls",
// "states":[...]}, {"cmd":"entra-requests"}, {"cmd":"entra-tokens"} (every token issued, for tests
// that check none leaked). It stops when stdin closes.
import { createInterface } from "node:readline";
import { AzureEmulator } from "./azureEmulator";
import type { EmulatorOptions, Fault } from "./emulator/types";
import { EntraEmulator, type EntraEmulatorOptions, type PollState } from "./entraEmulator";

type Command = { cmd: "requests" } | { cmd: "script"; fault: Fault } | { cmd: "reset" } | { cmd: "entra-polls"; states: PollState[] } | { cmd: "entra-requests" } | { cmd: "entra-tokens" };

async function main(): Promise<void> {
	const opts = JSON.parse(process.argv[2] ?? "") as { azure: EmulatorOptions; entra?: Omit<EntraEmulatorOptions, "accessTokens"> };
	// The token emulator records what it issues straight into the Azure emulator's accepted tokens.
	const bearerTokens = opts.azure.bearerTokens ?? [];
	const emu = await AzureEmulator.start({ ...opts.azure, bearerTokens });
	const entra = opts.entra ? await EntraEmulator.start({ ...opts.entra, accessTokens: bearerTokens }) : undefined;
	process.stdout.write(`${JSON.stringify({ url: emu.url, entraUrl: entra?.url })}\n`);
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
			} else if (c.cmd === "entra-polls" && entra) {
				entra.scriptPolls(...c.states);
				reply = { ok: true };
			} else if (c.cmd === "entra-requests" && entra) reply = { requests: entra.requests };
			else if (c.cmd === "entra-tokens" && entra) reply = { tokens: [...entra.issuedAccessTokens, ...entra.issuedRefreshTokens] };
			else reply = { error: `unknown command ${JSON.stringify(line)}` };
		} catch (e) {
			reply = { error: e instanceof Error ? e.message : String(e) };
		}
		process.stdout.write(`${JSON.stringify(reply)}\n`);
	});
	lines.on("close", () => void Promise.all([emu.close(), entra?.close()]).then(() => process.exit(0)));
}

main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(1);
});
