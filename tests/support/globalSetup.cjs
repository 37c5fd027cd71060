// Builds the production main.js once before the tests, so the suites that load the built
// bundle test exactly what users install, never a stale file.
const { execFileSync } = require("node:child_process");
const path = require("node:path");

module.exports = async function globalSetup() {
	execFileSync(process.execPath, ["esbuild.config.mjs", "production"], {
		cwd: path.resolve(__dirname, "..", ".."),
		stdio: ["ignore", "ignore", "inherit"],
	});
};
