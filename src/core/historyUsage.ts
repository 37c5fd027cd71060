/**
 * What the request history view shows, from the entries alone: the filters of the list, and the
 * usage chart's figures (tokens per day per deployment over the last days, with the share of the
 * output spent on reasoning). Days are local calendar days, as the user lives them.
 */
import type { HistoryEntry, HistoryOutcome } from "./historyEntry";

export interface HistoryFilter {
	/** A deployment's id; null: all. */
	deploymentId: string | null;
	outcome: HistoryOutcome | null;
}

/** The entries that pass the filter, newest first. */
export function filterHistory(entries: readonly HistoryEntry[], filter: HistoryFilter): HistoryEntry[] {
	const out = entries.filter((e) => (filter.deploymentId === null || e.deploymentId === filter.deploymentId) && (filter.outcome === null || e.outcome === filter.outcome));
	return out.reverse();
}

/** The deployments the entries name, each with its latest display name, in order of first use. */
export function deploymentsIn(entries: readonly HistoryEntry[]): { id: string; name: string }[] {
	const names = new Map<string, string>();
	for (const e of entries) names.set(e.deploymentId, e.deployment || e.deploymentId);
	return [...names].map(([id, name]) => ({ id, name }));
}

/** A local calendar day, `2025-11-25`. */
export function dayKey(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, "0");
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface DayTokens {
	day: string;
	prompt: number;
	/** Output tokens, reasoning included (that is how Azure counts and bills them). */
	completion: number;
	/** Of `completion`, those spent on reasoning. */
	reasoning: number;
	requests: number;
}

export interface DeploymentUsage {
	id: string;
	name: string;
	/** One per day of the period, oldest first (days without requests are zeros). */
	days: DayTokens[];
	total: Omit<DayTokens, "day">;
	/** reasoning / completion over the period; 0 when there was no output. */
	reasoningShare: number;
}

export interface Usage {
	/** The period's days, oldest first. */
	days: string[];
	/** Deployments with at least one request in the period, in order of first use. */
	deployments: DeploymentUsage[];
	/** The largest day's prompt + completion tokens of any deployment (the chart's scale). */
	maxDayTokens: number;
}

const zero = () => ({ prompt: 0, completion: 0, reasoning: 0, requests: 0 });

/** Tokens per day per deployment for the `days` days ending today (`now`'s local day). */
export function usageByDay(entries: readonly HistoryEntry[], now: Date, days = 30): Usage {
	const keys: string[] = [];
	for (let i = days - 1; i >= 0; i--) keys.push(dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - i)));
	const index = new Map(keys.map((k, i) => [k, i]));
	const byDeployment = new Map<string, DeploymentUsage>();
	for (const e of entries) {
		const i = index.get(dayKey(new Date(e.time)));
		if (i === undefined) continue;
		let u = byDeployment.get(e.deploymentId);
		if (!u) {
			u = { id: e.deploymentId, name: e.deployment || e.deploymentId, days: keys.map((day) => ({ day, ...zero() })), total: zero(), reasoningShare: 0 };
			byDeployment.set(e.deploymentId, u);
		}
		u.name = e.deployment || u.name;
		const d = u.days[i] as DayTokens;
		for (const t of [d, u.total]) {
			t.prompt += e.promptTokens;
			t.completion += e.completionTokens;
			t.reasoning += Math.min(e.reasoningTokens, e.completionTokens);
			t.requests++;
		}
	}
	let maxDayTokens = 0;
	for (const u of byDeployment.values()) {
		u.reasoningShare = u.total.completion > 0 ? u.total.reasoning / u.total.completion : 0;
		for (const d of u.days) maxDayTokens = Math.max(maxDayTokens, d.prompt + d.completion);
	}
	return { days: keys, deployments: [...byDeployment.values()], maxDayTokens };
}

/** "42%", "<1%" for a share above zero that rounds to it. */
export function formatShare(share: number): string {
	if (share > 0 && share < 0.005) return "<1%";
	return `${Math.round(share * 100)}%`;
}
