/** What bench.ts and profileCommand.ts share: the emulator in its own process and the plugin's settings for it. */
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const ROOT = resolve(__dirname, "../..");
export const KEY = "bench-key-0123456789abcdef";
export const SECRET = "bench-key";

export async function startEmulator(): Promise<{ url: string; stop: () => void }> {
	const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "emulatorProcess.ts"), KEY], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
	const url = await new Promise<string>((res, rej) => {
		createInterface({ input: child.stdout }).once("line", res);
		child.once("exit", (code) => rej(new Error(`emulator exited ${code}`)));
	});
	return { url, stop: () => child.stdin.end() };
}

export function settingsFor(url: string) {
	return {
		version: 1,
		deployments: [{ id: "b", displayName: "Bench", endpoint: url, apiStyle: "dated", apiVersion: "2025-04-01-preview", deployment: "bench-o1", family: "o1", secretName: SECRET, maxCompletionTokens: 25_000, reasoningEffort: "", instructions: "", markdown: true, temperature: 1 }],
		defaultDeploymentId: "b",
		maxRetries: 0,
	};
}

export const PARAGRAPH = "The onboarding flow has too many steps, and users drop off at the email verification. We test a shorter flow next sprint.\n\n";

/** A note of `bytes` characters, of PARAGRAPH again and again. */
export function noteOfSize(bytes: number): string {
	return PARAGRAPH.repeat(Math.ceil(bytes / PARAGRAPH.length)).slice(0, bytes);
}
