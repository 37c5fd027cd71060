/**
 * Gives each control in a settings row the row's name as its accessible name (aria-labelledby),
 * so a screen reader says "Endpoint, edit text" rather than "edit text". Controls that already
 * have a name (text, aria-label) keep it.
 *
 * Walks the rows by class and tag (getElementsByClassName, getElementsByTagName) rather than CSS
 * selectors: it runs on every draw of a settings page, and selector matching made it an eighth of
 * a draw under jsdom (the tests); in Obsidian both are cheap.
 */
let nextId = 1;

const CONTROL_TAGS = ["input", "select", "textarea"] as const;

export function labelControls(container: HTMLElement): void {
	for (const row of Array.from(container.getElementsByClassName("setting-item"))) {
		const name = row.getElementsByClassName("setting-item-name")[0];
		if (!name || (name.textContent ?? "").trim() === "") continue;
		for (const controls of Array.from(row.getElementsByClassName("setting-item-control"))) {
			for (const tag of CONTROL_TAGS) {
				for (const control of Array.from(controls.getElementsByTagName(tag))) {
					if (control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby")) continue;
					if (!name.id) name.id = `azure-reasoning-setting-${nextId++}`;
					control.setAttribute("aria-labelledby", name.id);
				}
			}
		}
	}
}
