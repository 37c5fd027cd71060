import fc from "fast-check";
import { BatchRun, retryBackoffMs, type BatchClock, type WorkResult } from "../../src/core/batchRunner";

/** A virtual clock: sleeping moves it on at once (and records the wait); nothing waits on the wall clock. */
function virtualClock(): BatchClock & { slept: number[]; t: number } {
	const c = {
		t: 0,
		slept: [] as number[],
		now: () => c.t,
		sleep: async (ms: number) => {
			c.slept.push(ms);
			c.t += ms;
			await Promise.resolve();
		},
	};
	return c;
}

/** Lets the work's promises settle in a later task, so that several overlap as real requests do. */
const tick = () => new Promise<void>((r) => setImmediate(r));

function tracker() {
	const t = { inFlight: 0, maxInFlight: 0, calls: [] as number[] };
	return {
		t,
		wrap:
			(outcome: (item: number, call: number) => WorkResult) =>
			async (item: number): Promise<WorkResult> => {
				t.calls.push(item);
				const call = t.calls.length;
				t.inFlight++;
				t.maxInFlight = Math.max(t.maxInFlight, t.inFlight);
				await tick();
				t.inFlight--;
				return outcome(item, call);
			},
	};
}

const items = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const ok: WorkResult = { kind: "done", tokens: { prompt: 10, completion: 5, reasoning: 3 } };

describe("BatchRun", () => {
	test("every item once, never more in flight than the concurrency, tokens summed", async () => {
		const { t, wrap } = tracker();
		const run = new BatchRun({ items: items(9), weight: () => 1, work: wrap(() => ok), concurrency: 3, maxRetries: 2, clock: virtualClock() });
		const report = await run.start();
		expect([...t.calls].sort((a, b) => a - b)).toEqual(items(9));
		expect(t.maxInFlight).toBe(3);
		expect(report.done.sort((a, b) => a - b)).toEqual(items(9));
		expect(report.tokens).toEqual({ prompt: 90, completion: 45, reasoning: 27 });
		expect(run.snapshot()).toMatchObject({ state: "finished", done: 9, failed: 0, remaining: 0, etaMs: 0 });
	});

	test("a 429 storm: the concurrency halves, retry-after is waited out, every item still done exactly once", async () => {
		const clock = virtualClock();
		const { t, wrap } = tracker();
		// Calls 4 to 9 are refused with retry-after 2 s; then the quota is back.
		const work = wrap((_, call) => (call >= 4 && call <= 9 ? { kind: "rate-limited", retryAfterMs: 2_000, reason: "HTTP 429" } : ok));
		const run = new BatchRun({ items: items(8), weight: () => 1, work, concurrency: 4, maxRetries: 0, clock });
		const report = await run.start();
		expect(report.done.sort((a, b) => a - b)).toEqual(items(8));
		expect(report.failed).toEqual([]);
		expect(report.limitChanges[0]).toMatchObject({ limit: 2, why: "rate-limited" });
		expect(Math.min(...report.limitChanges.map((c) => c.limit))).toBeLessThan(4);
		expect(clock.slept).toContain(2_000);
		// Each item answered once: the 429s are the only repeats.
		const answered = t.calls.filter((_, i) => i + 1 < 4 || i + 1 > 9);
		expect(answered.sort((a, b) => a - b)).toEqual(items(8));
	});

	test("a retry-after beyond the cap is not waited out: that item fails with the reason, the others go on without the wait", async () => {
		const clock = virtualClock();
		const { t, wrap } = tracker();
		const work = wrap((item, call) => (item === 2 && call <= 2 ? { kind: "rate-limited", retryAfterMs: 3 * 3_600_000, reason: "Rate limited. Azure asked to wait 10800 s." } : ok));
		const run = new BatchRun({ items: items(3), weight: () => 1, work, concurrency: 1, maxRetries: 0, maxRateLimitWaitMs: 60_000, clock });
		const report = await run.start();
		expect(report.failed).toEqual([{ item: 2, reason: "Rate limited. Azure asked to wait 10800 s. That is longer than a batch waits (60 s): run it again later." }]);
		expect(report.done).toEqual([1, 3]);
		expect(clock.slept).toEqual([]);
		expect(t.calls).toEqual([1, 2, 3]);
	});

	test("a failing item never stops the batch; a server error is tried again up to maxRetries, after a backoff", async () => {
		const clock = virtualClock();
		const tries = new Map<number, number>();
		const work = async (item: number): Promise<WorkResult> => {
			tries.set(item, (tries.get(item) ?? 0) + 1);
			await tick();
			if (item === 2) return { kind: "failed", reason: "The content filter blocked the prompt." };
			if (item === 3) return { kind: "retry", reason: "Server error (HTTP 503)." };
			if (item === 4 && tries.get(4) === 1) return { kind: "retry", reason: "Server error (HTTP 500)." };
			return ok;
		};
		const report = await new BatchRun({ items: items(5), weight: () => 1, work, concurrency: 2, maxRetries: 2, clock }).start();
		expect(report.done.sort()).toEqual([1, 4, 5]);
		expect(report.failed).toEqual([
			{ item: 2, reason: "The content filter blocked the prompt." },
			{ item: 3, reason: "Server error (HTTP 503)." },
		]);
		expect(tries.get(2)).toBe(1);
		expect(tries.get(3)).toBe(3);
		expect(clock.slept).toEqual(expect.arrayContaining([retryBackoffMs(1), retryBackoffMs(2)]));
	});

	test("pause sends nothing more (what is in flight finishes); resume goes on", async () => {
		const gates: (() => void)[] = [];
		const started: number[] = [];
		const work = (item: number) =>
			new Promise<WorkResult>((resolve) => {
				started.push(item);
				gates.push(() => resolve(ok));
			});
		const run = new BatchRun({ items: items(4), weight: () => 1, work, concurrency: 2, maxRetries: 0, clock: virtualClock() });
		const done = run.start();
		await tick();
		expect(started).toEqual([1, 2]);
		run.pause();
		gates.shift()?.();
		gates.shift()?.();
		await tick();
		expect(started).toEqual([1, 2]);
		expect(run.snapshot()).toMatchObject({ state: "paused", done: 2, remaining: 2 });
		run.resume();
		await tick();
		expect(started).toEqual([1, 2, 3, 4]);
		gates.splice(0).forEach((g) => g());
		expect((await done).done).toHaveLength(4);
	});

	test("cancel aborts what is in flight and sends nothing more; what was cut off is not done", async () => {
		const signals: AbortSignal[] = [];
		const work = (item: number, signal: AbortSignal) =>
			new Promise<WorkResult>((resolve) => {
				signals.push(signal);
				if (item === 1) resolve(ok);
				else signal.addEventListener("abort", () => resolve({ kind: "cancelled" }));
			});
		const run = new BatchRun({ items: items(5), weight: () => 1, work, concurrency: 2, maxRetries: 0, clock: virtualClock() });
		const done = run.start();
		await tick();
		run.cancel();
		const report = await done;
		expect(report.cancelled).toBe(true);
		expect(report.done).toEqual([1]);
		expect(report.notDone).toEqual([2, 3, 4, 5]);
		expect(signals.length).toBe(3);
		expect(signals.every((s) => s.aborted)).toBe(true);
		expect(run.snapshot().state).toBe("cancelled");
	});

	test("the time left follows the pace of the notes done, weighted by their size, paused time left out", async () => {
		const clock = virtualClock();
		const gates: (() => void)[] = [];
		const work = () => new Promise<WorkResult>((resolve) => gates.push(() => resolve(ok)));
		const run = new BatchRun({ items: [100, 300], weight: (w) => w, work, concurrency: 1, maxRetries: 0, clock });
		const done = run.start();
		await tick();
		expect(run.snapshot().etaMs).toBeNull();
		clock.t += 10_000;
		gates.shift()?.();
		await tick();
		run.pause();
		clock.t += 50_000; // paused: not counted
		run.resume();
		const s = run.snapshot();
		expect(s.elapsedMs).toBe(10_000);
		expect(s.etaMs).toBe(30_000); // 100 tokens took 10 s; 300 are left
		gates.shift()?.();
		await done;
	});

	test("whatever each attempt answers, every item ends exactly once: done, failed, or (only after cancel) not done", async () => {
		const result = fc.constantFrom<WorkResult>(ok, { kind: "failed", reason: "no" }, { kind: "retry", reason: "5xx" }, { kind: "rate-limited", retryAfterMs: 1000, reason: "429" }, { kind: "rate-limited", retryAfterMs: null, reason: "429" });
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.array(result, { minLength: 1, maxLength: 40 }), async (n, concurrency, script) => {
				const { t, wrap } = tracker();
				const run = new BatchRun({ items: items(n), weight: () => 1, work: wrap((_, call) => script[(call - 1) % script.length] ?? ok), concurrency, maxRetries: 1, maxRateLimitRetries: 3, clock: virtualClock() });
				const report = await run.start();
				const ended = [...report.done, ...report.failed.map((f) => f.item)].sort((a, b) => a - b);
				expect(ended).toEqual(items(n));
				expect(report.notDone).toEqual([]);
				expect(t.maxInFlight).toBeLessThanOrEqual(concurrency);
			}),
			{ numRuns: 60 },
		);
	});
});
