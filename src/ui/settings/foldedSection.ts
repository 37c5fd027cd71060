/**
 * A section of a settings page folded by default: a heading row with a Show/Hide button
 * (aria-expanded, aria-controls), and the rows under it in a container hidden while folded. The
 * page opens it when one of its fields has something to say or a link leads there.
 */
import { Setting } from "obsidian";

export class FoldedSection {
	open = false;
	body: HTMLElement | null = null;
	private sync: () => void = () => {};

	/** Draws the heading and an empty body (the caller draws the rows into `body`). */
	draw(el: HTMLElement, name: string, desc: string, id: string): HTMLElement {
		const heading = new Setting(el).setName(name).setHeading().setDesc(desc);
		const body = el.createDiv({ cls: "azure-reasoning-advanced", attr: { id } });
		this.body = body;
		heading.addButton((b) => {
			this.sync = () => {
				body.hidden = !this.open;
				b.setButtonText(this.open ? "Hide" : "Show");
				b.buttonEl.setAttr("aria-expanded", String(this.open));
			};
			b.buttonEl.setAttr("aria-controls", id);
			b.onClick(() => this.set(!this.open));
		});
		this.sync();
		return body;
	}

	set(open: boolean): void {
		this.open = open;
		this.sync();
	}

	contains(el: HTMLElement): boolean {
		return this.body?.contains(el) ?? false;
	}

	/** The page is drawn again: the body is gone until the next draw (the open state stays). */
	clear(): void {
		this.body = null;
	}
}
