// Plugin code (src/) gets eslint-plugin-obsidianmd's recommended rules, type-aware, as the
// community directory's review does. Tests, scripts and test support use Node APIs and timers
// that those rules rightly forbid in a plugin, so they get typescript-eslint's lighter set.
// The layers (which folder may import what) are in eslint.layers.cjs.
import { defineConfig, globalIgnores } from "eslint/config";
import obsidianmd from "eslint-plugin-obsidianmd";
import tseslint from "typescript-eslint";
import globals from "globals";
import layers from "./eslint.layers.cjs";

export default defineConfig([
	globalIgnores(["node_modules/**", "main.js", "coverage/**", ".demo-vault/**", ".tmp/**", "**/*.cjs", "**/*.mjs"]),
	{
		files: ["src/**/*.ts"],
		extends: [...obsidianmd.configs.recommended],
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
		},
	},
	...layers,
	{
		files: ["tests/**/*.ts", "scripts/**/*.ts"],
		extends: [...tseslint.configs.recommended],
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: {
			"@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
		},
	},
]);
