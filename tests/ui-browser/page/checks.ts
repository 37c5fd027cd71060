// The checks a person makes by looking, run inside the page on what Chromium laid out:
// horizontal overflow, accessible names of controls, and WCAG AA contrast of text.
// Each returns findings as plain strings naming the element (see describe()).

export interface Finding {
	check: "overflow" | "name" | "contrast";
	what: string;
}

/** A short path to the element: tag, classes, and its text, so a finding can be found again. */
export function describe(el: Element): string {
	const cls = [...el.classList].map((c) => `.${c}`).join("");
	const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
	const parent = el.parentElement?.closest("[class*='azure-reasoning-'], .setting-item, .modal, .notice, .status-bar");
	const pcls = parent ? [...parent.classList].map((c) => `.${c}`).join("") : "";
	return `${pcls ? `${pcls} ` : ""}${el.tagName.toLowerCase()}${cls}${text ? ` "${text}"` : ""}`;
}

function visible(el: Element): boolean {
	const r = el.getBoundingClientRect();
	if (r.width === 0 && r.height === 0) return false;
	const s = getComputedStyle(el);
	return s.visibility !== "hidden" && s.display !== "none";
}

/** The nearest ancestor below `root` that scrolls horizontally on its own (its content may be wider by design). */
function scrollsInside(el: Element, root: Element): boolean {
	for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
		const ox = getComputedStyle(p).overflowX;
		if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") return true;
	}
	return false;
}

/** Overflow: the page and each root scroll sideways, or an element's box reaches past its root's. */
export function overflowFindings(roots: Element[]): Finding[] {
	const out: Finding[] = [];
	const doc = document.documentElement;
	if (doc.scrollWidth > doc.clientWidth + 1) out.push({ check: "overflow", what: `the page is ${doc.scrollWidth} px wide in a ${doc.clientWidth} px window` });
	for (const root of roots) {
		if (root.scrollWidth > root.clientWidth + 1) out.push({ check: "overflow", what: `${describe(root).slice(0, 80)} scrolls sideways: ${root.scrollWidth} px of content in ${root.clientWidth} px` });
		const box = root.getBoundingClientRect();
		const offenders = new Set<Element>();
		for (const el of root.querySelectorAll("*")) {
			if (!visible(el) || scrollsInside(el, root)) continue;
			const r = el.getBoundingClientRect();
			// Past its parent's box (a control drawn over the text beside it), unless the parent clips or scrolls it.
			const parent = el.parentElement;
			if (parent && parent !== root && !offenders.has(parent) && getComputedStyle(parent).overflowX === "visible" && getComputedStyle(el).position !== "absolute") {
				const p = parent.getBoundingClientRect();
				if (r.right > p.right + 1 || r.left < p.left - 1) {
					offenders.add(el);
					out.push({ check: "overflow", what: `${describe(el)} reaches ${Math.round(Math.max(r.right - p.right, p.left - r.left))} px past its parent ${describe(parent).slice(0, 60)}` });
					continue;
				}
			}
			if (r.right > box.right + 1 || r.left < box.left - 1) {
				// Report the outermost element that sticks out, not each of its children.
				if (el.parentElement && offenders.has(el.parentElement)) {
					offenders.add(el);
					continue;
				}
				offenders.add(el);
				out.push({ check: "overflow", what: `${describe(el)} reaches ${Math.round(Math.max(r.right - box.right, box.left - r.left))} px past its container` });
			}
		}
	}
	return out;
}

const CONTROLS = "button, input:not([type=hidden]), select, textarea, a[href], [role=button], [role=checkbox], [role=switch], [role=link]";

/** The accessible name as a screen reader computes it (accname 1.2, the parts that apply here); placeholder is not a name. */
export function accessibleName(el: Element): string {
	const byIds = el.getAttribute("aria-labelledby");
	if (byIds) {
		const text = byIds.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim();
		if (text) return text;
	}
	const label = el.getAttribute("aria-label")?.trim();
	if (label) return label;
	if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
		const labels = [...(el.labels ?? [])].map((l) => l.textContent ?? "").join(" ").trim();
		if (labels) return labels;
		if (el instanceof HTMLInputElement && (el.type === "button" || el.type === "submit") && el.value) return el.value;
	} else {
		const text = (el as HTMLElement).innerText?.trim() ?? "";
		if (text) return text;
		const alt = [...el.querySelectorAll("img[alt], svg[aria-label]")].map((i) => i.getAttribute("alt") ?? i.getAttribute("aria-label")).join(" ").trim();
		if (alt) return alt;
	}
	return el.getAttribute("title")?.trim() ?? "";
}

export function nameFindings(roots: Element[], ignore: (el: Element) => boolean): Finding[] {
	const out: Finding[] = [];
	for (const root of roots) {
		for (const el of root.querySelectorAll(CONTROLS)) {
			if (ignore(el)) continue;
			if (accessibleName(el) === "") {
				const placeholder = el.getAttribute("placeholder");
				const row = el.closest(".setting-item")?.querySelector(".setting-item-name")?.textContent;
				out.push({ check: "name", what: `${describe(el)}${row ? ` in the row "${row}"` : ""} has no accessible name${placeholder ? ` (only a placeholder: "${placeholder}")` : ""}` });
			}
		}
	}
	return out;
}

type RGBA = [number, number, number, number];

function parseColor(css: string): RGBA {
	const m = /rgba?\(([^)]+)\)/.exec(css);
	if (!m?.[1]) {
		// Chromium reports computed colours as rgb()/rgba() or color(srgb …); anything else is a test bug.
		const srgb = /color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)/.exec(css);
		if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
		throw new Error(`Cannot read the colour ${css}`);
	}
	const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
	return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
}

function over(top: RGBA, bottom: RGBA): RGBA {
	const a = top[3] + bottom[3] * (1 - top[3]);
	if (a === 0) return [0, 0, 0, 0];
	const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
	return [mix(0), mix(1), mix(2), a];
}

function luminance([r, g, b]: RGBA): number {
	const lin = (c: number) => {
		const s = c / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: RGBA, b: RGBA): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

/** The colour behind `el`: its background and its ancestors', composited from the page's up; opacity applied. */
function backgroundOf(el: Element): RGBA {
	const chain: Element[] = [];
	for (let p: Element | null = el; p; p = p.parentElement) chain.unshift(p);
	let bg: RGBA = [255, 255, 255, 1];
	for (const p of chain) {
		const s = getComputedStyle(p);
		if (s.backgroundImage !== "none") throw new Error(`${describe(p)} has a background image; the contrast check cannot read it`);
		bg = over(parseColor(s.backgroundColor), bg);
	}
	return bg;
}

function opacityOf(el: Element): number {
	let o = 1;
	for (let p: Element | null = el; p; p = p.parentElement) o *= Number(getComputedStyle(p).opacity);
	return o;
}

/** Text below WCAG AA: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). Disabled controls are exempt (WCAG 1.4.3). */
export function contrastFindings(roots: Element[], owned: (el: Element) => boolean): Finding[] {
	const out: Finding[] = [];
	const seen = new Set<Element>();
	for (const root of roots) {
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			if (!el || seen.has(el) || (n.textContent ?? "").trim() === "") continue;
			seen.add(el);
			if (!visible(el) || !owned(el) || el.closest(":disabled, .is-disabled")) continue;
			const s = getComputedStyle(el);
			const bg = backgroundOf(el);
			const fg = parseColor(s.color);
			const alpha = fg[3] * opacityOf(el);
			const text = over([fg[0], fg[1], fg[2], alpha], bg);
			const ratio = contrastRatio(text, bg);
			const size = parseFloat(s.fontSize);
			const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
			const need = large ? 3 : 4.5;
			if (ratio < need) out.push({ check: "contrast", what: `${describe(el)}: ${ratio.toFixed(2)}:1 (${s.color} on rgb(${bg.slice(0, 3).map(Math.round).join(", ")}), ${size} px), needs ${need}:1` });
		}
	}
	return out;
}
