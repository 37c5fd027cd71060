// In Obsidian the plugin runs in a window: `window.setTimeout` and friends exist. Under
// jest's node environment they are the same functions on globalThis.
const g = globalThis as unknown as { window?: unknown };
if (g.window === undefined) g.window = globalThis;
