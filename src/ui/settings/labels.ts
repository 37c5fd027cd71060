/**
 * Gives each control in a settings row the row's name as its accessible name (aria-labelledby),
 * so a screen reader says "Endpoint, edit text" rather than "edit text". Controls that already
 * have a name (text, aria-label) keep it.
 */
let nextId = 1;

export function labelControls(container: HTMLElement): void {
	for (const row of Array.from(container.querySelectorAll<HTMLElement>(".setting-item"))) {
		const name = row.querySelector<HTMLElement>(".setting-item-name");
		if (!name || (name.textContent ?? "").trim() === "") continue;
		for (const control of Array.from(row.querySelectorAll<HTMLElement>(".setting-item-control input, .setting-item-control select, .setting-item-control textarea"))) {
			if (control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby")) continue;
			if (!name.id) name.id = `azure-reasoning-setting-${nextId++}`;
			control.setAttribute("aria-labelledby", name.id);
		}
	}
}
