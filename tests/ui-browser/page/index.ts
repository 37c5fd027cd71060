// The page's entry: window.uiTest.show(name) draws a screen and returns the checks' findings.
import { contrastFindings, describe, nameFindings, overflowFindings, type Finding } from "./checks";
import { reset, SCREENS, type PageConfig } from "./screens";

/** Obsidian's own controls, which the plugin cannot label: the suggester's input (a placeholder only) and the modal's close icon. */
const OBSIDIAN_OWN = ".prompt-input, .modal-close-button";
/**
 * Text whose colours are Obsidian's own component styles, not the plugin's: the main and the
 * destructive button (white on the accent is about 4.3:1 in the default theme, white on red 4.2:1).
 */
const OBSIDIAN_STYLED_TEXT = "button.mod-cta, button.mod-warning";

async function show(name: string, cfg: PageConfig): Promise<{ findings: Finding[]; classes: string[] }> {
	reset();
	const screen = SCREENS[name];
	if (!screen) throw new Error(`No screen ${name}`);
	const roots = await screen(cfg);
	// Let layout and fonts settle: two animation frames.
	await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
	const findings = [...overflowFindings(roots), ...nameFindings(roots, (el) => el.matches(OBSIDIAN_OWN)), ...contrastFindings(roots, (el) => !el.closest(OBSIDIAN_STYLED_TEXT))];
	const classes = new Set<string>();
	for (const root of roots) for (const el of [root, ...root.querySelectorAll("*")]) el.classList.forEach((c) => classes.add(c));
	return { findings, classes: [...classes] };
}

(window as unknown as { uiTest: unknown }).uiTest = { show, screens: Object.keys(SCREENS), describe };
