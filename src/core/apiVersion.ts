/**
 * Azure OpenAI API versions: dated ones (`2024-10-21`, `2024-12-01-preview`) and the
 * versionless v1 API (`v1`). Parsing and ordering, nothing else.
 */

export type ApiVersion =
	| { kind: "dated"; year: number; month: number; day: number; preview: boolean; text: string }
	| { kind: "v1"; text: "v1" };

/** Dated versions that Azure documents for chat completions with reasoning models, newest first. */
export const KNOWN_DATED_VERSIONS: readonly string[] = [
	"2025-04-01-preview",
	"2025-03-01-preview",
	"2025-02-01-preview",
	"2025-01-01-preview",
	"2024-12-01-preview",
	"2024-10-21",
];

/** The version a new dated deployment starts with: the newest we know. */
export const DEFAULT_DATED_VERSION = KNOWN_DATED_VERSIONS[0] ?? "2025-04-01-preview";

const DATED = /^(\d{4})-(\d{2})-(\d{2})(-preview)?$/;

/** Parses a version string; undefined when it is neither a dated version nor `v1`. */
export function parseApiVersion(input: string): ApiVersion | undefined {
	const text = input.trim();
	if (text.toLowerCase() === "v1") return { kind: "v1", text: "v1" };
	const m = DATED.exec(text);
	if (!m) return undefined;
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	if (month < 1 || month > 12 || day < 1 || day > 31 || year < 2022) return undefined;
	return { kind: "dated", year, month, day, preview: m[4] !== undefined, text };
}

/**
 * Orders two dated versions: negative when `a` is older. On the same date a preview comes
 * before the GA release. Throws for `v1`, which has no place in the dated order.
 */
export function compareDated(a: ApiVersion, b: ApiVersion): number {
	if (a.kind !== "dated" || b.kind !== "dated") throw new Error("Only dated api-versions can be ordered");
	const byDate = a.year - b.year || a.month - b.month || a.day - b.day;
	if (byDate !== 0) return byDate;
	return Number(!a.preview) - Number(!b.preview);
}

/** True when `version` is a dated version at least as new as `minimum`. */
export function isAtLeast(version: string, minimum: string): boolean {
	const v = parseApiVersion(version);
	const min = parseApiVersion(minimum);
	if (!v || !min || v.kind !== "dated" || min.kind !== "dated") return false;
	return compareDated(v, min) >= 0;
}
