/**
 * "1,234,567": a count as the user reads it, the same text as `toLocaleString("en-US")` gives,
 * without its cost (an Intl number format per call: a command's notice and validation format
 * several numbers each time). Whole numbers are grouped here; anything else goes to Intl.
 */
const GROUPS = /\B(?=(\d{3})+$)/g;

export function formatCount(n: number): string {
	if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString("en-US");
	const digits = String(Math.abs(n)).replace(GROUPS, ",");
	return n < 0 ? `-${digits}` : digits;
}
