import { mergeSettings } from "../../src/core/settingsMerge";

const base = { timeoutSeconds: 600, outputFolder: "", deployments: [{ id: "d1", displayName: "A", maxCompletionTokens: 1000 }, { id: "d2", displayName: "B", maxCompletionTokens: 1000 }] };

test.each([
	{ name: "only the file changed: the file's", local: base, remote: { ...base, timeoutSeconds: 900 }, expected: { ...base, timeoutSeconds: 900 } },
	{ name: "only the tab changed: the tab's", local: { ...base, outputFolder: "AI" }, remote: base, expected: { ...base, outputFolder: "AI" } },
	{ name: "different fields: both", local: { ...base, outputFolder: "AI" }, remote: { ...base, timeoutSeconds: 900 }, expected: { ...base, outputFolder: "AI", timeoutSeconds: 900 } },
	{ name: "the same field: the tab's (the user is looking at it)", local: { ...base, timeoutSeconds: 300 }, remote: { ...base, timeoutSeconds: 900 }, expected: { ...base, timeoutSeconds: 300 } },
	{
		name: "deployments item by item: one edited each side, one added on the other device",
		local: { ...base, deployments: [{ id: "d1", displayName: "A2", maxCompletionTokens: 1000 }, base.deployments[1]] },
		remote: { ...base, deployments: [{ id: "d1", displayName: "A", maxCompletionTokens: 5000 }, base.deployments[1], { id: "d3", displayName: "C", maxCompletionTokens: 1 }] },
		expected: { ...base, deployments: [{ id: "d1", displayName: "A2", maxCompletionTokens: 5000 }, base.deployments[1], { id: "d3", displayName: "C", maxCompletionTokens: 1 }] },
	},
	{
		name: "a deployment removed on the other device and untouched here is removed; one added here is kept",
		local: { ...base, deployments: [...base.deployments, { id: "d4", displayName: "D", maxCompletionTokens: 2 }] },
		remote: { ...base, deployments: [base.deployments[0]] },
		expected: { ...base, deployments: [base.deployments[0], { id: "d4", displayName: "D", maxCompletionTokens: 2 }] },
	},
])("$name", ({ local, remote, expected }) => {
	expect(mergeSettings<unknown>(base, local, remote)).toEqual(expected);
});
