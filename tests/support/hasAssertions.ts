// Every test must assert something: a test whose expectations never ran (a callback never
// called, a loop over nothing, an early return) fails instead of passing silently.
beforeEach(() => {
	expect.hasAssertions();
});
