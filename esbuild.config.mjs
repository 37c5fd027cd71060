import esbuild from "esbuild";
import process from "process";
import { pluginBuildOptions } from "./scripts/build/options.mjs";

// `node esbuild.config.mjs production`; without "production": watch.
const prod = process.argv[2] === "production";

const context = await esbuild.context(pluginBuildOptions({ prod }));

if (prod) {
	await context.rebuild();
	await context.dispose();
	process.exit(0);
} else {
	await context.watch();
}
