/**
 * End to end on the shipped bundle: main.js in the Obsidian stand-in, every model family over
 * every API style it has, every output mode (replace, below, new note), against the strict
 * emulator over loopback. The emulator answers a non-compliant request with Azure's error, so
 * a family whose request the plugin gets wrong fails here as it would fail a user.
 */
import { FAMILIES, minDatedVersion } from "../../src/core/families";
import { modelOf } from "../support/familyModels";
import { BEFORE, NOTE, SELECTED, deployment, useHarness } from "../ui/commandsHarness";

const h = useHarness();

// After the harness's beforeAll has started the emulator; reset() keeps deployments.
beforeAll(() => {
	for (const f of FAMILIES) h.emu.addDeployment({ name: `all-${f.id}`, family: modelOf(f.id) });
});

/** Every family on every operation and API style it has, at the oldest api-version it takes there. */
const PAIRS = FAMILIES.flatMap((f) =>
	f.operations.flatMap((operation) => f.apiStyles.map((style) => ({ family: f.id, operation, style, version: minDatedVersion(f, operation) ?? "", tokens: f.defaultMaxCompletionTokens }))),
);

describe.each(PAIRS)("$family on $operation over the $style API (main.js)", ({ family, operation, style, version, tokens }) => {
	const dep = () => deployment({ deployment: `all-${family}`, family, operation, apiStyle: style, apiVersion: version || "2025-04-01-preview", maxCompletionTokens: tokens, instructions: "Keep it short." });

	test("replace: the selection becomes the answer", async () => {
		await h.start({ loader: "main.js", deployments: [dep()] });
		h.emu.setAnswer(() => "We ship on Friday.");
		const outcome = await h.run("template-improve-writing");
		expect({ ok: outcome.ok, message: outcome.ok ? "" : outcome.message }).toEqual({ ok: true, message: "" });
		expect(h.read(NOTE)).toBe(BEFORE.replace(SELECTED, "We ship on Friday."));
		expect(h.emu.requests.map((r) => [r.status, r.apiStyle, r.operation])).toEqual([[200, style, operation]]);
	});

	test("below: the answer follows the selection as its own paragraph", async () => {
		await h.start({ loader: "main.js", deployments: [dep()] });
		h.emu.setAnswer(() => "- Ship on Friday.");
		const outcome = await h.run("ask-about-selection", { type: "Turn this into a task.", click: "Ask" });
		expect(outcome.ok).toBe(true);
		expect(h.read(NOTE)).toBe(BEFORE.replace(SELECTED, `${SELECTED}\n\n- Ship on Friday.`));
		expect(h.emu.requests.map((r) => r.status)).toEqual([200]);
	});

	test("new note: the summary goes into a note of its own; the source is untouched", async () => {
		await h.start({ loader: "main.js", deployments: [dep()] });
		h.emu.setAnswer(() => "Ship Friday.");
		const outcome = await h.run("summarize-selection-to-new-note");
		expect(outcome.ok).toBe(true);
		expect(h.read(NOTE)).toBe(BEFORE);
		expect(h.notes()).toEqual(["Meeting (summary).md", NOTE]);
		expect(h.read("Meeting (summary).md")).toContain("\nShip Friday.\n");
		expect(h.emu.requests.map((r) => r.status)).toEqual([200]);
	});
});
