/**
 * The accessible name of a fix button: its short visible label first (speech input finds it by
 * what it shows), then what it sets, with the field's name and the value as the tab shows them.
 */
import { fixName } from "../../src/core/fixName";
import { validateDeployment } from "../../src/core/validate";
import { newDeployment } from "../../src/core/settings";

test("a value: the field and the value, formatted as the tab formats counts", () => {
	expect(fixName({ label: "Use 600", patch: { maxCompletionTokens: 600 } })).toBe("Use 600: set max completion tokens to 600");
	expect(fixName({ label: "Use 25,000", patch: { maxCompletionTokens: 25_000 } })).toBe("Use 25,000: set max completion tokens to 25,000");
});

test("choices are named as the menus name them; several fields are listed", () => {
	expect(fixName({ label: "Use GPT-5", patch: { family: "gpt-5", operation: "responses", apiStyle: "v1" } })).toBe("Use GPT-5: set model family to GPT-5, API operation to the Responses API, API style to the v1 API");
	expect(fixName({ label: "Clear it", patch: { reasoningEffort: "" } })).toBe("Clear it: set reasoning effort to the default");
});

test("what the label already says (Azure's lists, parameters not sent) is not repeated; no patch, the label alone", () => {
	expect(fixName({ label: "Stop sending temperature", patch: { omitParams: ["temperature"] } })).toBe("Stop sending temperature");
	expect(fixName({ label: "Use low", patch: { reasoningEffort: "low", supportedEfforts: ["low", "high"] } })).toBe("Use low: set reasoning effort to low");
	expect(fixName({ label: "Retry" })).toBe("Retry");
});

test("every fix validation offers for an http endpoint names the address it sets", () => {
	const { findings } = validateDeployment({ ...newDeployment("d", "o1"), endpoint: "http://res.openai.azure.com", deployment: "d", secretName: "s" });
	const fix = findings.find((f) => f.field === "endpoint")?.fix;
	expect(fix?.label).toBe("Use https");
	expect(fixName(fix!)).toBe("Use https: set endpoint to https://res.openai.azure.com");
});
