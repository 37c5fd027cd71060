// The layers, as lint rules (eslint.config.mjs applies them; tests/build/layers.test.ts checks
// that each one fires). src/core is pure: no Obsidian, no other layer. src/azure POSTs to Azure
// over an injected requestUrl and knows nothing of Obsidian or the UI. src/ui is the glue:
// Obsidian, never the plugin class in src/main.ts (it gets a narrow context). No layer imports the
// openai SDK: the plugin sends without it (a dev dependency for the bench's reference only).
// Type-only imports count too: a type import of main.ts is still a cycle for a reader.
const OBSIDIAN = { group: ["obsidian", "@codemirror/*"], message: "This layer must not depend on Obsidian or its editor." };
const OPENAI = { group: ["openai", "openai/*"], message: "The plugin sends without the openai SDK (src/azure/client.ts); it is installed for the bench only." };
const MAIN = { group: ["**/main", "**/main.ts"], message: "Take the narrow context (src/ui/context.ts), not the plugin class." };
const UI = { group: ["**/ui", "**/ui/*", "**/ui/**"], message: "This layer must not depend on src/ui." };
const AZURE = { group: ["**/azure/*", "**/azure/**"], message: "src/core must not depend on src/azure." };

const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

module.exports = [
	{ files: ["src/core/**/*.ts"], rules: restrict(OBSIDIAN, OPENAI, MAIN, UI, AZURE) },
	{ files: ["src/azure/**/*.ts"], rules: restrict(OBSIDIAN, OPENAI, MAIN, UI) },
	{ files: ["src/ui/**/*.ts"], rules: restrict(OPENAI, MAIN) },
];
