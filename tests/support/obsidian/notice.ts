// Notice: records what the user would have seen, and behaves as Obsidian's does: it hides itself
// after its duration (Obsidian's default when none is given: 5 s; 0 keeps it until dismissed),
// and a tap or click anywhere on it dismisses it at once (buttons inside included, as the click
// bubbles). A hidden notice leaves the page: its elements' `isConnected` turns false.
// The layout is Obsidian's since 1.8.7: `containerEl` is the notice, `messageEl` its text, and the
// deprecated `noticeEl` the same element as `messageEl`; notices sit in one container on the page.
import { FakeElement } from "./element";

/** Every message shown, in order: each new Notice and each setMessage() that changes the text. */
export const notices: string[] = [];
/** Stand-in only: every Notice made, in order (to find one and tap it or its buttons). */
export const noticeObjects: Notice[] = [];

/** Obsidian's duration when the constructor is given none. */
export const DEFAULT_NOTICE_MS = 5_000;

type Message = string | { textContent: string | null };

function textOf(message: Message): string {
	return typeof message === "string" ? message : (message.textContent ?? "");
}

/** The page's notice container (document.body > .notice-container). */
const page = new FakeElement("div", "notice-container");
page.isPageRoot = true;

export class Notice {
	noticeEl: FakeElement;
	containerEl: FakeElement;
	messageEl: FakeElement;
	/** Stand-in only: the duration asked for. */
	readonly duration: number | undefined;
	/** Stand-in only: true after hide(), by the plugin, the timer or a tap. */
	hidden = false;
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(message: string | DocumentFragment, duration?: number) {
		this.containerEl = page.createDiv("notice");
		this.messageEl = this.containerEl.createDiv("notice-message");
		this.noticeEl = this.messageEl;
		this.duration = duration;
		this.containerEl.addEventListener("click", () => this.hide());
		const ms = duration ?? DEFAULT_NOTICE_MS;
		if (ms > 0) {
			this.timer = setTimeout(() => this.hide(), ms);
			// Node only: a notice's timer must not keep `npm run demo` alive.
			(this.timer as { unref?: () => void }).unref?.();
		}
		noticeObjects.push(this);
		this.show(textOf(message));
	}

	setMessage(message: string | DocumentFragment): this {
		const text = textOf(message);
		if (text !== this.messageEl.textContent) this.show(text);
		return this;
	}

	hide(): void {
		if (this.hidden) return;
		this.hidden = true;
		if (this.timer !== null) clearTimeout(this.timer);
		this.timer = null;
		this.containerEl.remove();
	}

	/** Stand-in only: the user taps the notice (not one of its buttons). */
	tap(): void {
		this.containerEl.click();
	}

	/** Stand-in only: the notice's buttons, by their text. */
	buttons(): FakeElement[] {
		const out: FakeElement[] = [];
		const walk = (el: FakeElement) => {
			if (el.tagName.toLowerCase() === "button") out.push(el);
			for (const c of el.children) walk(c);
		};
		walk(this.containerEl);
		return out;
	}

	private show(text: string): void {
		this.messageEl.setText(text);
		notices.push(text);
	}
}
