/**
 * Reading what can be read from damaged JSON: a settings file cut off by a crash or a sync
 * conflict still holds whole deployments before the cut. A tolerant recursive-descent reader
 * keeps every member and element that was complete (and the complete part of a nested object or
 * list that was cut), and stops at the first character that is not JSON.
 */

export interface Salvaged {
	value: unknown;
	/** Where reading stopped: the offset of the first character that could not be read. */
	stoppedAt: number;
}

const NONE = Symbol("none");
class TolerantReader {
	private i = 0;
	stopped = false;

	constructor(private readonly text: string) {}

	get offset(): number {
		return this.i;
	}

	private ws(): void {
		while (this.i < this.text.length && /\s/.test(this.text.charAt(this.i))) this.i++;
	}

	private cut<T>(partial: T): T {
		this.stopped = true;
		return partial;
	}

	private stop(): typeof NONE {
		this.stopped = true;
		return NONE;
	}

	/** The next value; NONE when none could be read (`stopped` is then set). */
	value(): unknown {
		this.ws();
		const c = this.text.charAt(this.i);
		if (c === "{") return this.object();
		if (c === "[") return this.array();
		if (c === '"') return this.string();
		if (c === "-" || (c >= "0" && c <= "9")) return this.number();
		for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
			if (this.text.startsWith(word, this.i)) {
				this.i += word.length;
				return v;
			}
		}
		return this.stop();
	}

	private object(): Record<string, unknown> {
		const out: Record<string, unknown> = {};
		this.i++;
		for (let first = true; ; first = false) {
			this.ws();
			if (this.text.charAt(this.i) === "}") {
				this.i++;
				return out;
			}
			if (!first) {
				if (this.text.charAt(this.i) !== ",") return this.cut(out);
				this.i++;
				this.ws();
			}
			if (this.text.charAt(this.i) !== '"') return this.cut(out);
			const key = this.string();
			if (key === NONE || typeof key !== "string") return out;
			this.ws();
			if (this.text.charAt(this.i) !== ":") return this.cut(out);
			this.i++;
			const v = this.value();
			if (v !== NONE) out[key] = v;
			if (this.stopped) return out;
		}
	}

	private array(): unknown[] {
		const out: unknown[] = [];
		this.i++;
		for (let first = true; ; first = false) {
			this.ws();
			if (this.text.charAt(this.i) === "]") {
				this.i++;
				return out;
			}
			if (!first) {
				if (this.text.charAt(this.i) !== ",") return this.cut(out);
				this.i++;
			}
			const v = this.value();
			if (v !== NONE) out.push(v);
			if (this.stopped) return out;
		}
	}

	private string(): string | typeof NONE {
		const start = this.i;
		this.i++;
		while (this.i < this.text.length) {
			const c = this.text.charAt(this.i);
			if (c === "\\") this.i += 2;
			else if (c === '"') {
				this.i++;
				try {
					return JSON.parse(this.text.slice(start, this.i)) as string;
				} catch {
					this.i = start;
					return this.stop();
				}
			} else this.i++;
		}
		this.i = start;
		return this.stop();
	}

	private number(): number | typeof NONE {
		const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i));
		// A number that runs to the end of the text may have been cut short: not trusted.
		if (!m || this.i + m[0].length >= this.text.length) return this.stop();
		this.i += m[0].length;
		return Number(m[0]);
	}
}

/**
 * What can be read from `text`, or undefined when not even the start of a value can be.
 * For valid JSON this equals `JSON.parse(text)`.
 */
export function salvageJson(text: string): Salvaged | undefined {
	const reader = new TolerantReader(text);
	const value = reader.value();
	if (value === NONE) return undefined;
	return { value, stoppedAt: reader.offset };
}
