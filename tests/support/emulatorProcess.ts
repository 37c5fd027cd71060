/**
 * The strict Azure emulator run as a separate process (emulatorChild.ts, through tsx), and a
 * client for it: its URL, the requests it recorded, faults to script (JSON only: no `match`
 * functions), and close. `npm run demo` and the demo's tests use it, so that the demo talks to
 * the emulator over the loopback network exactly as it would to Azure.
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { join, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { EmulatorOptions, Fault, RecordedRequest } from "./emulator/types";
import type { EntraEmulatorOptions, EntraRecord, PollState } from "./entraEmulator";

const ROOT = resolve(__dirname, "../..");

export class EmulatorProcess {
	private readonly waiting: ((line: string) => void)[] = [];
	private closed: Promise<void> | undefined;

	private constructor(
		readonly url: string,
		/** The token emulator's URL (the sign-in authority), when started with `entra` options. */
		readonly entraUrl: string | undefined,
		private readonly child: ChildProcessByStdio<Writable, Readable, null>,
		lines: Interface,
	) {
		lines.on("line", (line) => this.waiting.shift()?.(line));
	}

	/** Starts the child and waits for its URL. Its stderr goes to this process's stderr. */
	static async start(opts: EmulatorOptions, entra?: Omit<EntraEmulatorOptions, "accessTokens">): Promise<EmulatorProcess> {
		const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "emulatorChild.ts"), JSON.stringify({ azure: opts, entra })], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
		const lines = createInterface({ input: child.stdout });
		const first = await new Promise<string>((ok, fail) => {
			const onExit = (code: number | null) => fail(new Error(`The emulator process exited (${String(code)}) before it listened`));
			child.once("exit", onExit);
			lines.once("line", (line) => {
				child.off("exit", onExit);
				ok(line.trim());
			});
		});
		const { url, entraUrl } = JSON.parse(first) as { url: string; entraUrl?: string };
		return new EmulatorProcess(url, entraUrl, child, lines);
	}

	/** Every request the emulator recorded so far (secrets already scrubbed by the emulator). */
	async requests(): Promise<RecordedRequest[]> {
		return ((await this.ask({ cmd: "requests" })) as { requests: RecordedRequest[] }).requests;
	}

	async script(fault: Omit<Fault, "match">): Promise<void> {
		await this.ask({ cmd: "script", fault });
	}

	async reset(): Promise<void> {
		await this.ask({ cmd: "reset" });
	}

	/** The answers of the token emulator's next polls (then authorization_pending forever). */
	async entraPolls(...states: PollState[]): Promise<void> {
		await this.ask({ cmd: "entra-polls", states });
	}

	async entraRequests(): Promise<EntraRecord[]> {
		return ((await this.ask({ cmd: "entra-requests" })) as { requests: EntraRecord[] }).requests;
	}

	/** Every access and refresh token the token emulator issued. */
	async entraTokens(): Promise<string[]> {
		return ((await this.ask({ cmd: "entra-tokens" })) as { tokens: string[] }).tokens;
	}

	/** Closes the child's stdin; it closes the emulator (cancelling pending delays) and exits. Idempotent. */
	close(): Promise<void> {
		this.closed ??= new Promise<void>((ok) => {
			if (this.child.exitCode !== null) return ok();
			this.child.once("exit", () => ok());
			this.child.stdin.end();
		});
		return this.closed;
	}

	private ask(command: object): Promise<unknown> {
		return new Promise((ok, fail) => {
			this.waiting.push((line) => {
				const reply = JSON.parse(line) as { error?: string };
				if (reply.error) fail(new Error(reply.error));
				else ok(reply);
			});
			this.child.stdin.write(`${JSON.stringify(command)}\n`);
		});
	}
}
