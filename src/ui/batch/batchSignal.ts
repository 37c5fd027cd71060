/**
 * The signal a batch's requests go out with: it aborts with the batch (Cancel) and with the
 * plugin (unload), so no run, current or orphaned, sends anything once the plugin is gone.
 * Combined by hand: `AbortSignal.any` needs Chrome 116 / Safari 17.4, newer than some of the
 * mobile webviews Obsidian runs in.
 */
export function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
	if (a.aborted) return a;
	if (b.aborted) return b;
	const both = new AbortController();
	const stop = () => {
		a.removeEventListener("abort", stop);
		b.removeEventListener("abort", stop);
		both.abort();
	};
	a.addEventListener("abort", stop, { once: true });
	b.addEventListener("abort", stop, { once: true });
	return both.signal;
}
