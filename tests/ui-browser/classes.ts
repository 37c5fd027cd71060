// The class check: every CSS class the plugin's code sets must be styled by styles.css, and every
// class styles.css styles must be set somewhere, except Obsidian's own classes (styled by Obsidian).
// "Set by the code" is read from src/ (string literals given to cls/addClass/createDiv/… ; a
// template literal such as `is-${severity}` stands for every class it can produce) and from the
// classes found on the rendered screens (so nothing dynamic is missed).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Obsidian's own classes that the plugin sets so that Obsidian styles the element; styles.css need not define them. */
export const OBSIDIAN_CLASSES = new Set([
	"mod-cta", // the main button
	"mod-warning", // a destructive button
	"mod-clickable", // a status-bar item that acts on click
	"dropdown", // a select styled as Obsidian's own dropdowns (the history view's filters)
	"modal-button-container", // a modal's row of buttons
	"setting-item-description", // muted small text
	"suggestion-title", // a suggester item's first line
	"suggestion-note", // its second line
]);

/**
 * Classes the code sets only to name an element, for tests and for users' CSS snippets: each modal
 * says which it is, and a finding's message is read apart from its label. They need no style.
 */
export const HOOK_CLASSES = new Set([
	"azure-reasoning-ask",
	"azure-reasoning-preview",
	"azure-reasoning-choice",
	"azure-reasoning-too-large",
	"azure-reasoning-picker",
	"azure-reasoning-template-picker",
	"azure-reasoning-deployment-picker",
	"azure-reasoning-request-picker",
	"azure-reasoning-finding-message",
]);

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((n) => {
		const p = join(dir, n);
		return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
	});
}

/** Class names in a class-setting position: literal names, and patterns for template literals. */
export function classesInCode(srcDir: string): { names: Set<string>; patterns: RegExp[] } {
	const names = new Set<string>();
	const patterns: RegExp[] = [];
	const take = (literal: string) => {
		const quote = literal[0];
		const body = literal.slice(1, -1);
		for (const word of body.split(/\s+/).filter(Boolean)) {
			if (quote === "`" && word.includes("${")) patterns.push(new RegExp(`^${word.split(/\$\{[^}]*\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\w-]+")}$`));
			else names.add(word);
		}
	};
	const LITERAL = /"[^"\n]*"|'[^'\n]*'|`[^`\n]*`/g;
	const CONTEXTS = [
		/\.(?:addClass|addClasses|removeClass|toggleClass|setClass|hasClass|createDiv|createSpan)\(\s*((?:"[^"\n]*"|'[^'\n]*'|`[^`\n]*`)(?:\s*,\s*(?:"[^"\n]*"|'[^'\n]*'|`[^`\n]*`))*)/g,
		/\.createEl\(\s*"[a-z0-9]+"\s*,\s*("[^"\n]*"|'[^'\n]*'|`[^`\n]*`)/g,
		/\bcls:\s*("[^"\n]*"|'[^'\n]*'|`[^`\n]*`)/g,
		/\bcls:\s*\[([^\]]*)\]/g,
		/\bcls:\s*[^,}\n]*\?\s*("[^"\n]*")\s*:\s*("[^"\n]*"|\[\])/g,
	];
	for (const file of files(srcDir)) {
		const text = readFileSync(file, "utf8");
		for (const re of CONTEXTS) {
			for (const m of text.matchAll(re)) for (const group of m.slice(1)) for (const lit of group?.match(LITERAL) ?? []) take(lit);
		}
	}
	return { names, patterns };
}

/** Classes that styles.css's selectors name. */
export function classesInCss(css: string): Set<string> {
	const out = new Set<string>();
	const noComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
	for (const m of noComments.matchAll(/([^{}]+)\{/g)) {
		for (const c of (m[1] ?? "").matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) out.add(c[1]!);
	}
	return out;
}

export interface ClassFindings {
	/** Set by the code, styled nowhere in styles.css. */
	unstyled: string[];
	/** Styled in styles.css, set nowhere. */
	unused: string[];
}

/** `rendered`: every class seen on the screens (the stand-in's own included; only the plugin's are taken). */
export function checkClasses(srcDir: string, css: string, rendered: Set<string>): ClassFindings {
	const code = classesInCode(srcDir);
	const defined = classesInCss(css);
	const fromScreens = [...rendered].filter((c) => c.startsWith("azure-reasoning-") || defined.has(c));
	const used = new Set([...code.names, ...fromScreens]);
	const unstyled = [...used].filter((c) => !defined.has(c) && !OBSIDIAN_CLASSES.has(c) && !HOOK_CLASSES.has(c)).sort();
	const unused = [...defined].filter((c) => !used.has(c) && !code.patterns.some((p) => p.test(c))).sort();
	return { unstyled, unused };
}
