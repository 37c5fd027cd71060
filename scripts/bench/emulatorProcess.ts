// The strict emulator in its own process, so that the benchmark's event-loop and timing figures
// are the plugin's alone. Prints its URL on the first line; stops when stdin closes.
import { AzureEmulator } from "../../tests/support/azureEmulator";

async function main(): Promise<void> {
	const key = process.argv[2] ?? "bench-key-0123456789";
	const emu = await AzureEmulator.start({ apiKey: key, deployments: [{ name: "bench-o1", family: "o1" }] });
	emu.setAnswer(() => "A short answer.");
	process.stdout.write(`${emu.url}\n`);
	// Keep memory flat over thousands of requests: the record is not needed here.
	const timer = setInterval(() => emu.requests.splice(0), 1000);
	process.stdin.resume();
	process.stdin.on("end", () => {
		clearInterval(timer);
		void emu.close().then(() => process.exit(0));
	});
}

void main();
