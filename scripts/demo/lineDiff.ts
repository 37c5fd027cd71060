/**
 * A unified diff of two texts, line by line (the longest common subsequence), with `context` lines
 * around each change: how the demo shows what a command changed in an existing note. Notes are
 * small; the table is lines(before) × lines(after).
 */
type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

function operations(a: string[], b: string[]): Op[] {
	const n = a.length;
	const m = b.length;
	// lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
	const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
	for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
	const ops: Op[] = [];
	let i = 0;
	let j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && a[i] === b[j]) ops.push({ kind: " ", line: a[i++]!, a: i, b: ++j });
		// Deletions before insertions, as diff prints them.
		else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ kind: "-", line: a[i++]!, a: i, b: j });
		else ops.push({ kind: "+", line: b[j++]!, a: i, b: j });
	}
	return ops;
}

const lines = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/** `@@ -from,count +from,count @@` hunks; "" when the texts are equal. A missing final newline is said, as diff says it. */
export function unifiedDiff(before: string, after: string, context = 2): string {
	if (before === after) return "";
	const ops = operations(lines(before), lines(after));
	const changed = ops.map((o, k) => (o.kind !== " " ? k : -1)).filter((k) => k >= 0);
	const out: string[] = [];
	let k = 0;
	while (k < changed.length) {
		const start = Math.max(0, changed[k]! - context);
		let end = changed[k]! + context;
		while (k + 1 < changed.length && changed[k + 1]! - context <= end + 1) end = changed[++k]! + context;
		k++;
		const hunk = ops.slice(start, Math.min(ops.length, end + 1));
		const first = ops[start]!;
		const aFrom = first.kind === "+" ? first.a + 1 : first.a;
		const bFrom = first.kind === "-" ? first.b + 1 : first.b;
		const aCount = hunk.filter((o) => o.kind !== "+").length;
		const bCount = hunk.filter((o) => o.kind !== "-").length;
		out.push(`@@ -${aCount === 0 ? aFrom - 1 : aFrom},${aCount} +${bCount === 0 ? bFrom - 1 : bFrom},${bCount} @@`);
		for (const o of hunk) out.push(`${o.kind}${o.line}`);
	}
	const eol = (t: string) => t === "" || t.endsWith("\n");
	if (eol(before) !== eol(after)) out.push(`\\ No newline at end of ${eol(before) ? "the new text" : "the old text"}`);
	return out.join("\n");
}
