// Events, EventRef and debounce as Obsidian has them (obsidian.d.ts: Events, EventRef, debounce, Debouncer).
import type { EventRef, Debouncer, Events as ObsidianEvents } from "obsidian";

/** What `on()` hands back. Obsidian's EventRef is opaque; this one remembers where it came from. */
export interface StandInEventRef extends EventRef {
	e: Events;
	name: string;
	fn: (...data: never[]) => unknown;
	ctx?: unknown;
}

export class Events implements Pick<ObsidianEvents, "on" | "off" | "offref" | "trigger" | "tryTrigger"> {
	private _handlers = new Map<string, StandInEventRef[]>();

	on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef {
		const ref: StandInEventRef = { e: this, name, fn: callback, ctx };
		const list = this._handlers.get(name) ?? [];
		list.push(ref);
		this._handlers.set(name, list);
		return ref;
	}

	off(name: string, callback: (...data: never[]) => unknown): void {
		const list = this._handlers.get(name);
		if (!list) return;
		this._handlers.set(name, list.filter((ref) => ref.fn !== callback));
	}

	offref(ref: EventRef): void {
		const r = ref as StandInEventRef;
		const list = this._handlers.get(r.name);
		if (!list) return;
		this._handlers.set(r.name, list.filter((x) => x !== r));
	}

	trigger(name: string, ...data: unknown[]): void {
		for (const ref of [...(this._handlers.get(name) ?? [])]) this.tryTrigger(ref, data);
	}

	/** Obsidian rethrows a handler's error asynchronously; the stand-in logs it with console.error instead. */
	tryTrigger(evt: EventRef, args: unknown[]): void {
		const ref = evt as StandInEventRef;
		try {
			(ref.fn as (...a: unknown[]) => unknown).apply(ref.ctx, args);
		} catch (e) {
			console.error(`Uncaught error in a '${ref.name}' event handler:`, e);
		}
	}
}

/** The debouncers whose timer is running, with its delay: for tests on real timers (elapseDebounceTimers). */
const running = new Map<() => unknown, number>();

/**
 * For tests that run on real timers (a real HTTP server): does now what the timers of the running
 * debouncers of at most `ms` would do once `ms` had passed, instead of the test sleeping that
 * long. Other timers are not touched. Not part of Obsidian's API (the stand-in's index does not export it).
 */
export function elapseDebounceTimers(ms: number): void {
	for (const [fire, timeout] of [...running]) if (timeout <= ms && running.has(fire)) fire();
}

/** A new host: the debouncers of the one before (their timers perhaps fake and dropped) are not its business. */
export function forgetRunningDebouncers(): void {
	running.clear();
}

/**
 * Obsidian's debounce: the call runs `timeout` ms after the first call (or after the last one when
 * `resetTimer`), with the latest arguments. `run()` runs a pending call now; `cancel()` drops it.
 */
export function debounce<T extends unknown[], V>(
	cb: (...args: [...T]) => V,
	timeout = 0,
	resetTimer = false,
): Debouncer<T, V> {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let pendingArgs: [...T] | null = null;
	const fire = (): V | void => {
		if (timer !== null) clearTimeout(timer);
		timer = null;
		running.delete(fire);
		if (pendingArgs === null) return;
		const args = pendingArgs;
		pendingArgs = null;
		return cb(...args);
	};
	const debouncer = function (...args: [...T]) {
		pendingArgs = args;
		if (timer !== null && resetTimer) {
			clearTimeout(timer);
			timer = null;
		}
		if (timer === null) {
			timer = setTimeout(fire, timeout);
			running.set(fire, timeout);
		}
		return debouncer;
	} as Debouncer<T, V>;
	debouncer.cancel = () => {
		if (timer !== null) clearTimeout(timer);
		timer = null;
		running.delete(fire);
		pendingArgs = null;
		return debouncer;
	};
	debouncer.run = fire;
	return debouncer;
}
