/**
 * The usage chart: for each deployment, its tokens per day over the last 30 days as bars, drawn as
 * SVG by the plugin (no chart library). Each bar stacks the prompt, the visible answer and the
 * reasoning, coloured by the theme's variables (styles.css), one scale for every deployment so
 * that they compare. The SVG has a title and a description for screen readers, each bar a
 * tooltip, and the totals are written under it (a table would cost main.js more than it adds).
 */
import { formatCount } from "../../core/count";
import { formatShare, type DeploymentUsage, type Usage } from "../../core/historyUsage";

const W = 300;
const H = 80;
const GAP = 2;

/** "Nov 30" for "2025-11-30" (English month names, as the rest of the plugin). */
function shortDay(day: string): string {
	const [y, m, d] = day.split("-").map(Number);
	return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toLocaleDateString("en-US", { month: "short", day: "numeric" });
}

function describeDeployment(u: DeploymentUsage): string {
	const t = u.total;
	return `${formatCount(t.prompt + t.completion)} tokens in ${t.requests} ${t.requests === 1 ? "request" : "requests"}: ${formatCount(t.prompt)} prompt, ${formatCount(t.completion)} output, of which ${formatCount(t.reasoning)} reasoning (${formatShare(u.reasoningShare)}).`;
}

function drawBars(parent: HTMLElement, u: DeploymentUsage, usage: Usage): void {
	const title = `Tokens per day, last ${usage.days.length} days: ${u.name}`;
	const svg = parent.createSvg("svg", { cls: "azure-reasoning-chart", attr: { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title, preserveAspectRatio: "none" } });
	svg.createSvg("title").textContent = title;
	svg.createSvg("desc").textContent = describeDeployment(u);
	svg.createSvg("line", { cls: "azure-reasoning-chart-axis", attr: { x1: 0, y1: H - 0.5, x2: W, y2: H - 0.5 } });
	const slot = W / usage.days.length;
	const scale = usage.maxDayTokens > 0 ? (H - 2) / usage.maxDayTokens : 0;
	u.days.forEach((d, i) => {
		const total = d.prompt + d.completion;
		if (total === 0) return;
		const g = svg.createSvg("g");
		g.createSvg("title").textContent = `${shortDay(d.day)}: ${formatCount(d.prompt)} prompt, ${formatCount(d.completion)} output (${formatCount(d.reasoning)} reasoning), ${d.requests} ${d.requests === 1 ? "request" : "requests"}`;
		let y = H;
		const segments: [number, string][] = [
			[d.prompt, "azure-reasoning-bar-prompt"],
			[d.completion - d.reasoning, "azure-reasoning-bar-answer"],
			[d.reasoning, "azure-reasoning-bar-reasoning"],
		];
		for (const [tokens, cls] of segments) {
			if (tokens <= 0) continue;
			// At least a hair, so that a day with a little use still shows.
			const h = Math.max(tokens * scale, 1);
			y -= h;
			g.createSvg("rect", { cls, attr: { x: (i * slot + GAP / 2).toFixed(2), y: y.toFixed(2), width: Math.max(slot - GAP, 1).toFixed(2), height: h.toFixed(2) } });
		}
	});
}

/** Draws the usage section into `parent` (emptied first). */
export function drawUsage(parent: HTMLElement, usage: Usage): void {
	parent.empty();
	parent.createEl("h4", { text: `Usage, last ${usage.days.length} days` });
	if (usage.deployments.length === 0) {
		parent.createEl("p", { cls: "azure-reasoning-history-empty", text: "No tokens used in this period." });
		return;
	}
	const legend = parent.createDiv({ cls: "azure-reasoning-chart-legend" });
	for (const [cls, label] of [["azure-reasoning-bar-prompt", "Prompt"], ["azure-reasoning-bar-answer", "Answer"], ["azure-reasoning-bar-reasoning", "Reasoning"]] as const) {
		const item = legend.createSpan({ cls: "azure-reasoning-chart-key" });
		item.createSpan({ cls: `azure-reasoning-chart-swatch ${cls}` });
		item.createSpan({ text: label });
	}
	for (const u of usage.deployments) {
		const fig = parent.createEl("figure", { cls: "azure-reasoning-usage" });
		const caption = fig.createEl("figcaption");
		caption.createEl("strong", { text: u.name });
		caption.createSpan({ cls: "azure-reasoning-usage-share", text: ` · ${formatShare(u.reasoningShare)} of the output was reasoning` });
		drawBars(fig, u, usage);
		const axis = fig.createDiv({ cls: "azure-reasoning-chart-days" });
		axis.createSpan({ text: shortDay(usage.days[0] ?? "") });
		axis.createSpan({ text: "Today" });
		fig.createEl("p", { cls: "azure-reasoning-usage-total", text: describeDeployment(u) });
	}
}
