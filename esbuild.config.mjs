import esbuild from "esbuild";
import process from "process";
import { pluginBuildOptions } from "./scripts/build/options.mjs";
import { checkSdkModules, writeExpectedSdkModules, EXPECTED_FILE } from "./scripts/build/sdkModuleCheck.mjs";

// `node esbuild.config.mjs production [--update-sdk-modules]`; without "production": watch.
const prod = process.argv[2] === "production";
const updateSdkModules = process.argv.includes("--update-sdk-modules");

const context = await esbuild.context(pluginBuildOptions({ prod }));

if (prod) {
	const result = await context.rebuild();
	await context.dispose();
	// Fails the build when an SDK upgrade changed what the allow-list classifies.
	if (updateSdkModules) {
		writeExpectedSdkModules(process.cwd(), result.metafile);
		console.log(`${EXPECTED_FILE} written: review its diff`);
	} else {
		const problems = checkSdkModules(process.cwd(), result.metafile);
		if (problems.length > 0) {
			console.error(problems.join("\n"));
			process.exit(1);
		}
	}
	process.exit(0);
} else {
	await context.watch();
}
