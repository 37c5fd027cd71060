// Notice: records what the user would have seen. No timers: a notice never hides by itself here.
import { FakeElement } from "./element";

/** Every message shown, in order: each new Notice and each setMessage() that changes the text. */
export const notices: string[] = [];

type Message = string | { textContent: string | null };

function textOf(message: Message): string {
	return typeof message === "string" ? message : (message.textContent ?? "");
}

export class Notice {
	noticeEl: FakeElement;
	containerEl: FakeElement;
	messageEl: FakeElement;
	/** Stand-in only: the duration asked for (Obsidian's default is 5000 ms; 0 keeps it until hidden). */
	readonly duration: number | undefined;
	/** Stand-in only: true after hide(). */
	hidden = false;

	constructor(message: string | DocumentFragment, duration?: number) {
		this.containerEl = new FakeElement("div", "notice-container");
		this.noticeEl = this.containerEl.createDiv("notice");
		this.messageEl = this.noticeEl.createDiv("notice-message");
		this.duration = duration;
		this.show(textOf(message));
	}

	setMessage(message: string | DocumentFragment): this {
		const text = textOf(message);
		if (text !== this.messageEl.textContent) this.show(text);
		return this;
	}

	hide(): void {
		this.hidden = true;
	}

	private show(text: string): void {
		this.messageEl.setText(text);
		notices.push(text);
	}
}
