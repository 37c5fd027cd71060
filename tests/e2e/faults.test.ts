/**
 * The fault suite, on the shipped bundle: main.js loaded into the Obsidian stand-in, driven
 * over loopback HTTP against the strict emulator with scripted faults. For every scenario:
 * the user reads an explanation that says what to do, every note holds exactly the expected
 * text, the key appears nowhere, and the plugin keeps working afterwards. The suite ends by
 * printing a summary table.
 */
import type { Fault } from "../support/azureEmulator";
import { BEFORE, KEY, NOTE, SELECTED, deployment, useHarness } from "../ui/commandsHarness";

const h = useHarness();
const COMMAND = "template-improve-writing"; // replaces the selection with the answer
const ANSWERED = BEFORE.replace(SELECTED, "ANSWER");

interface Tally {
	run: number;
	survived: number;
	corrupted: number;
	lost: number;
}
const tally: Tally = { run: 0, survived: 0, corrupted: 0, lost: 0 };

afterAll(() => {
	// The table is the suite's verdict, not decoration: it must show nothing lost or corrupted.
	expect(tally).toEqual({ run: tally.run, survived: tally.run, corrupted: 0, lost: 0 });
	const rows = [
		["scenarios run", tally.run],
		["survived", tally.survived],
		["notes corrupted (must be 0)", tally.corrupted],
		["answers lost (must be 0)", tally.lost],
	] as const;
	const width = Math.max(...rows.map(([k]) => k.length));
	process.stdout.write(`\nFault suite on main.js\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n")}\n\n`);
});

/** Every 200 answer with content that the emulator gave must be somewhere in the vault. */
function lostAnswers(): number {
	const all = h.notes().map((p) => h.read(p)).join("\n");
	let lost = 0;
	for (const r of h.emu.requests) {
		if (r.status !== 200) continue;
		let content = "";
		try {
			content = (JSON.parse(r.responseBody) as { choices?: { message?: { content?: string } }[] }).choices?.[0]?.message?.content ?? "";
		} catch {
			continue; // a broken body (dropped connection, invalid JSON) holds no answer to keep
		}
		if (content !== "" && r.fault !== "filtered-output" && !all.includes(content)) lost++;
	}
	return lost;
}

/** Runs one scenario, counting it in the summary whatever happens. */
async function scenario(body: () => Promise<void>, expectedNote: () => string): Promise<void> {
	tally.run++;
	try {
		await body();
	} finally {
		if (h.host) {
			if (h.read(NOTE) !== expectedNote()) tally.corrupted++;
			tally.lost += lostAnswers();
		}
	}
	// The plugin keeps working: the same command, on the same note, once the deployment is healthy
	// (as after the user followed the explanation).
	h.emu.reset();
	h.plugin.settings.deployments = [{ ...deployment(), endpoint: h.emu.url } as never];
	h.emu.setAnswer(() => "ANSWER");
	const text = h.read(NOTE);
	const last = text.indexOf("Last line.");
	h.host.openNote(NOTE, { selection: { from: last, to: last + "Last line.".length } });
	const again = await h.run(COMMAND);
	expect(again.ok).toBe(true);
	expect(h.read(NOTE)).toBe(text.replace("Last line.", "ANSWER"));
	expect(h.visibleText()).not.toContain(KEY);
	tally.survived++;
}

interface Case {
	name: string;
	faults: Fault[];
	settings?: Record<string, unknown>;
	dep?: Record<string, unknown>;
	/** What the user must read. */
	notice: RegExp;
	/** Whether the answer lands in the note (after the faults were ridden out). */
	answered: boolean;
	requests: number;
	/** On the fake clock: how far to move it once the first request arrived (the slow answer's case). */
	advanceMs?: number;
}

const CASES: Case[] = [
	{ name: "429 storm with retry-after-ms: honoured, bounded by the retry setting", faults: [{ rateLimit: { retryAfterMs: 30, retryAfterSeconds: null }, times: 50 }], settings: { maxRetries: 2 }, notice: /rate limit was hit \(3 tries\).*Run the command again in a minute.*quota/, answered: false, requests: 3 },
	{ name: "429 twice, then an answer (retry-after in seconds)", faults: [{ rateLimit: { retryAfterSeconds: 0, retryAfterMs: null }, times: 2 }], settings: { maxRetries: 2 }, notice: /^Answer from o1-2024-12-17/, answered: true, requests: 3 },
	{ name: "500 once, then an answer", faults: [{ status: 500, body: { error: { code: "InternalServerError", message: "The server had an error." } } }], notice: /^Answer from/, answered: true, requests: 2 },
	{ name: "503 every time", faults: [{ status: 503, body: { error: { code: "ServiceUnavailable", message: "Service unavailable." } }, times: 50 }], settings: { maxRetries: 1 }, notice: /server error \(HTTP 503\) 2 times in a row.*Try again in a few minutes/, answered: false, requests: 2 },
	{ name: "connection reset in the middle of the response", faults: [{ drop: "mid-body", times: 50 }], settings: { maxRetries: 1 }, notice: /Could not reach the endpoint \(2 tries\).*Check your connection/, answered: false, requests: 2 },
	{ name: "a response slower than the timeout", faults: [{ delayMs: 3_000, content: "TOO LATE" }], settings: { timeoutSeconds: 1 }, notice: /No answer after 1 s.*raise the request timeout/, answered: false, requests: 1, advanceMs: 1_000 },
	{ name: "an HTML error page from a proxy", faults: [{ html: true, status: 502, times: 50 }], settings: { maxRetries: 0 }, notice: /answered with a web page \(HTTP 502\).*Check the endpoint/, answered: false, requests: 1 },
	{ name: "invalid JSON", faults: [{ invalidJson: true }], notice: /not JSON.*check the endpoint/, answered: false, requests: 1 },
	{ name: "a completion with no choices", faults: [{ noChoices: true }], notice: /could not be read: the answer had no choices/, answered: false, requests: 1 },
	{ name: "a filtered prompt", faults: [{ filteredPrompt: { category: "violence", severity: "high" } }], notice: /content filter blocked the prompt: violence \(high\).*Rephrase/, answered: false, requests: 1 },
	{ name: "a filtered answer", faults: [{ filteredOutput: { category: "self_harm" } }], notice: /content filter withheld the answer: self harm/, answered: false, requests: 1 },
	{ name: "reasoning that used the whole budget", faults: [{ exhaustBudget: true }], dep: { maxCompletionTokens: 4_000 }, notice: /reasoning used 4,000 of the 4,000 tokens allowed.*Raise max completion tokens/, answered: false, requests: 1 },
	{ name: "an unknown deployment", faults: [], dep: { deployment: "gone-o1" }, notice: /no deployment named "gone-o1".*Check the deployment name/, answered: false, requests: 1 },
	{ name: "a wrong key", faults: [], dep: { secretName: "azure-wrong" }, notice: /refused the key \(HTTP 401\).*current key of this resource/, answered: false, requests: 1 },
	{ name: "an api-version too old for the model the deployment really runs", faults: [], dep: { deployment: "dep-o3-real" }, notice: /needs api-version 2025-04-01-preview or newer.*Set the API version to 2025-04-01-preview/, answered: false, requests: 1 },
];

describe("fault suite on main.js", () => {
	test.each(CASES)("$name", async (c) => {
		await h.start({ loader: "main.js", deployments: [deployment(c.dep ?? {})], settings: c.settings ?? {}, secrets: { "azure-cmd": KEY, "azure-wrong": "not-the-key-00000000" }, fakeClock: c.advanceMs !== undefined });
		h.emu.addDeployment({ name: "dep-o3-real", family: "o3" });
		h.emu.setAnswer(() => "ANSWER");
		h.emu.script(...c.faults);
		await scenario(
			async () => {
				const running = h.run(COMMAND);
				if (c.advanceMs !== undefined) {
					await h.requestsArrived(1);
					await h.advance(c.advanceMs);
				}
				const outcome = await running;
				expect(outcome.ok).toBe(c.answered);
				expect(h.lastNotice()).toMatch(c.notice);
				expect(h.emu.requests).toHaveLength(c.requests);
				expect(h.read(NOTE)).toBe(c.answered ? ANSWERED : BEFORE);
				expect(h.notes()).toEqual([NOTE]);
				expect(h.visibleText()).not.toContain(KEY);
			},
			() => (c.answered ? ANSWERED : BEFORE),
		);
	});

	test("20 commands at once on 20 notes: each answer lands in its own note", async () => {
		const notes: Record<string, string> = {};
		for (let i = 1; i <= 20; i++) notes[`Many/Note ${i}.md`] = `# Note ${i}\n\nselect me ${i}\n\nend ${i}\n`;
		notes[NOTE] = BEFORE;
		await h.start({ loader: "main.js", notes, open: null, fakeClock: true });
		h.emu.setAnswer((body: { messages: { content: string }[] }) => `answer to ${/select me (\d+)/.exec(body.messages.at(-1)!.content)?.[1] ?? "?"}`);
		// On the fake clock: all 20 are held until the clock moves, so they are in flight together when counted.
		h.emu.script({ delayMs: 1_500, times: 20 });
		await scenario(
			async () => {
				const running: Promise<unknown>[] = [];
				for (let i = 1; i <= 20; i++) {
					const path = `Many/Note ${i}.md`;
					const text = notes[path]!;
					const from = text.indexOf(`select me ${i}`);
					h.host.openNote(path, { selection: { from, to: from + `select me ${i}`.length } });
					running.push(h.host.runCommand(COMMAND));
				}
				await h.requestsArrived(20);
				expect(h.plugin.services.requests.running).toHaveLength(20);
				await h.advance(1_500);
				const outcomes = (await Promise.all(running)) as { ok: boolean }[];
				expect(outcomes.every((o) => o.ok)).toBe(true);
				for (let i = 1; i <= 20; i++) expect(h.read(`Many/Note ${i}.md`)).toBe(`# Note ${i}\n\nanswer to ${i}\n\nend ${i}\n`);
				expect(h.emu.requests).toHaveLength(20);
				expect(h.visibleText()).not.toContain(KEY);
			},
			() => BEFORE,
		);
	});
});
