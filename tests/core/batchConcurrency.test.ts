import fc from "fast-check";
import { AdaptiveConcurrency } from "../../src/core/batchConcurrency";

function clock(start = 1_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("AdaptiveConcurrency", () => {
	test("starts at the setting, halves on a 429 and holds every request for its retry-after", () => {
		const c = clock();
		const ac = new AdaptiveConcurrency({ max: 4, now: c.now });
		expect(ac.limit).toBe(4);
		ac.rateLimited(2_000, c.now());
		expect(ac.limit).toBe(2);
		expect(ac.waitMs()).toBe(2_000);
		c.advance(1_500);
		expect(ac.waitMs()).toBe(500);
		c.advance(500);
		expect(ac.waitMs()).toBe(0);
	});

	test("halves once per storm: 429s to requests sent before the halving do not halve again", () => {
		const c = clock();
		const ac = new AdaptiveConcurrency({ max: 8, now: c.now });
		const sentBefore = c.now();
		c.advance(10);
		ac.rateLimited(1_000, sentBefore);
		ac.rateLimited(1_000, sentBefore);
		ac.rateLimited(1_000, sentBefore);
		expect(ac.limit).toBe(4);
		c.advance(1_000);
		ac.rateLimited(1_000, c.now()); // sent after the halving: the storm goes on
		expect(ac.limit).toBe(2);
		expect(ac.changes.map((x) => x.limit)).toEqual([4, 2]);
	});

	test("a 429 without retry-after waits the default; never below 1", () => {
		const c = clock();
		const ac = new AdaptiveConcurrency({ max: 1, now: c.now, defaultWaitMs: 5_000 });
		ac.rateLimited(null, c.now());
		expect(ac.limit).toBe(1);
		expect(ac.waitMs()).toBe(5_000);
	});

	test("restores one step at a time: after the quiet time, and only with answers since the last change", () => {
		const c = clock();
		const ac = new AdaptiveConcurrency({ max: 4, now: c.now, restoreAfterMs: 10_000 });
		ac.rateLimited(0, c.now());
		c.advance(1);
		ac.rateLimited(0, c.now());
		expect(ac.limit).toBe(1);
		c.advance(60_000); // a long quiet spell with nothing answered proves nothing
		expect(ac.limit).toBe(1);
		ac.answered();
		expect(ac.limit).toBe(2);
		c.advance(10_000);
		ac.answered(); // one answer since the change, but the limit is 2: not yet
		expect(ac.limit).toBe(2);
		ac.answered();
		expect(ac.limit).toBe(3);
		for (let i = 0; i < 5; i++) ac.answered(); // answers, but too soon after the last step
		expect(ac.limit).toBe(3);
		c.advance(10_000);
		ac.answered();
		for (let i = 0; i < 3; i++) ac.answered();
		expect(ac.limit).toBe(4);
		c.advance(10_000);
		for (let i = 0; i < 10; i++) ac.answered();
		expect(ac.limit).toBe(4); // never above the setting
	});

	test("whatever happens, the limit stays between 1 and the setting, and the wait is never negative", () => {
		const event = fc.oneof(
			fc.record({ kind: fc.constant("429" as const), after: fc.option(fc.integer({ min: 0, max: 60_000 })), age: fc.integer({ min: 0, max: 5_000 }) }),
			fc.record({ kind: fc.constant("ok" as const) }),
			fc.record({ kind: fc.constant("tick" as const), ms: fc.integer({ min: 0, max: 30_000 }) }),
		);
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 16 }), fc.array(event, { maxLength: 60 }), (max, events) => {
				const c = clock();
				const ac = new AdaptiveConcurrency({ max, now: c.now });
				for (const e of events) {
					if (e.kind === "429") ac.rateLimited(e.after, c.now() - e.age);
					else if (e.kind === "ok") ac.answered();
					else c.advance(e.ms);
					expect(ac.limit).toBeGreaterThanOrEqual(1);
					expect(ac.limit).toBeLessThanOrEqual(max);
					expect(ac.waitMs()).toBeGreaterThanOrEqual(0);
				}
			}),
			{ numRuns: 200 },
		);
	});
});
