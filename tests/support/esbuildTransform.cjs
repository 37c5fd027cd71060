// A tiny jest transform over esbuild: fast on a 2-core machine; types are checked by `npm run typecheck`.
const { transformSync } = require("esbuild");

module.exports = {
	process(source, filename) {
		const { code, map } = transformSync(source, {
			loader: filename.endsWith(".ts") ? "ts" : "js",
			format: "cjs",
			target: "node20",
			sourcemap: "inline",
			sourcefile: filename,
		});
		return { code, map };
	},
	getCacheKey(source, filename) {
		return require("crypto").createHash("sha1").update(source).update(filename).update("v1").digest("hex");
	},
};
