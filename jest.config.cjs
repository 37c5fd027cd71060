/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: "node",
	roots: ["<rootDir>/tests"],
	testMatch: ["**/*.test.ts"],
	transform: { "^.+\\.ts$": "<rootDir>/tests/support/esbuildTransform.cjs" },
	moduleNameMapper: { "^obsidian$": "<rootDir>/tests/support/obsidian/index.ts" },
	testTimeout: 20000,
	globalSetup: "<rootDir>/tests/support/globalSetup.cjs",
	setupFiles: ["<rootDir>/tests/support/setupGlobals.ts"],
	setupFilesAfterEnv: ["<rootDir>/tests/support/hasAssertions.ts"],
	// Two cores: jest's default (cores - 1) would run the files one at a time.
	maxWorkers: 2,
};
