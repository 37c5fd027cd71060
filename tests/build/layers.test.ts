/**
 * The layer rules of eslint.layers.cjs fire where they should: each forbidden import (type-only
 * ones included) in each folder is an error, and what the layer may import is not. Snippets are
 * linted in memory under the paths they would have; nothing violating is kept in src/. The rules
 * reach `npm run lint` through eslint.config.mjs, which CI runs on every change.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Linter } from "eslint";
import tseslint from "typescript-eslint";

const ROOT = resolve(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const layers = require(join(ROOT, "eslint.layers.cjs")) as Linter.Config[];
const linter = new Linter({ cwd: ROOT });
const config: Linter.Config[] = [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser as Linter.Parser } }, ...layers];

/** The import sources that the layer rules reject in `file`. */
function rejected(file: string, sources: string[]): string[] {
	const code = sources.map((s, i) => `import type * as m${i} from "${s}";`).join("\n");
	const messages = linter.verify(code, config, { filename: join(ROOT, file) });
	for (const m of messages) if (m.ruleId !== "no-restricted-imports") throw new Error(`unexpected: ${m.message}`);
	return messages.map((m) => sources[m.line - 1] ?? `line ${m.line}`);
}

test.each([
	["src/core/x.ts", ["obsidian", "@codemirror/state", "openai", "openai/resources", "../main", "../ui/context", "../azure/client"], ["./settings", "./families"]],
	["src/core/deep/x.ts", ["obsidian", "../../main", "../../ui/guard"], ["../settings"]],
	["src/azure/x.ts", ["obsidian", "openai", "../main", "../ui/progress"], ["../core/settings", "./transport"]],
	["src/ui/x.ts", ["openai", "../main", "../main.ts"], ["obsidian", "@codemirror/view", "../core/settings", "../azure/client", "./context"]],
	["src/ui/commands/x.ts", ["openai/resources", "../../main"], ["obsidian", "../context", "../../azure/runPrompt"]],
	["src/main.ts", [], ["obsidian", "./azure/client", "./ui/context"]],
])("%s: the layer rules reject %j and allow %j", (file, forbidden, allowed) => {
	expect(rejected(file, [...forbidden, ...allowed])).toEqual(forbidden);
});

test("eslint.config.mjs applies the layer rules to src/", () => {
	const text = readFileSync(join(ROOT, "eslint.config.mjs"), "utf8");
	expect(text).toMatch(/^import layers from "\.\/eslint\.layers\.cjs";$/m);
	expect(text).toMatch(/^\t\.\.\.layers,$/m);
});
