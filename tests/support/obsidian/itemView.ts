// ItemView: a view with its own content element (the request history in the sidebar). Obsidian's
// containerEl holds a header and `.view-content`; the stand-in keeps only the content element.
import { View, type WorkspaceLeaf } from "./workspace";

export abstract class ItemView extends View {
	containerEl: HTMLElement;
	contentEl: HTMLElement;

	/** Needs a DOM (jsdom tests, `@jest-environment`): a view drawn into FakeElements would test nothing real. */
	constructor(leaf: WorkspaceLeaf) {
		super(leaf);
		if (typeof document === "undefined") throw new Error("ItemView needs a DOM: run this test under jsdom (tests/support/jsdomEnvironment.cjs)");
		this.containerEl = document.createElement("div");
		this.containerEl.className = "workspace-leaf-content";
		this.contentEl = this.containerEl.createDiv({ cls: "view-content" });
	}
}
