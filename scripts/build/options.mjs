/**
 * The esbuild options of main.js, shared by esbuild.config.mjs (the build) and `npm run bench`
 * (which also builds a non-minified variant to time each module's evaluation).
 */
import { builtinModules } from "node:module";

const banner = `/*
Azure Reasoning, an Obsidian plugin. Built with esbuild; the sources are in the project's repository.
*/
`;

/** @param {{ prod: boolean, outfile?: string, minify?: boolean }} opts */
export function pluginBuildOptions({ prod, outfile = "main.js", minify = prod }) {
	return {
		banner: { js: banner },
		entryPoints: ["src/main.ts"],
		bundle: true,
		external: [
			"obsidian",
			"electron",
			"@codemirror/autocomplete",
			"@codemirror/collab",
			"@codemirror/commands",
			"@codemirror/language",
			"@codemirror/lint",
			"@codemirror/search",
			"@codemirror/state",
			"@codemirror/view",
			"@lezer/common",
			"@lezer/highlight",
			"@lezer/lr",
			...builtinModules,
			...builtinModules.map((m) => `node:${m}`),
		],
		format: "cjs",
		target: "es2021",
		logLevel: "info",
		sourcemap: prod ? false : "inline",
		treeShaking: true,
		minify,
		metafile: true,
		outfile,
	};
}
