import { previewText, redactRequest } from "../../src/core/preview";

const KEY = "sk-live-0123456789";

test("the credential headers are redacted whatever they hold; the key is redacted anywhere else; the body is pretty-printed", () => {
	const p = redactRequest(
		{
			method: "post",
			url: `https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-12-01-preview&leak=${KEY}`,
			headers: { "Content-Type": "application/json", "api-key": KEY, "X-Stainless-Lang": "js" },
			body: JSON.stringify({ model: "d", messages: [{ role: "user", content: `hi ${KEY}` }] }),
		},
		[KEY],
	);
	expect(previewText(p)).toBe(
		[
			"POST https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-12-01-preview&leak=[redacted]",
			"api-key: [redacted]",
			"content-type: application/json",
			"x-stainless-lang: js",
			"",
			'{\n  "model": "d",\n  "messages": [\n    {\n      "role": "user",\n      "content": "hi [redacted]"\n    }\n  ]\n}',
		].join("\n"),
	);
});

test.each([
	["Bearer abc.def", "Bearer [redacted]"],
	["abc", "[redacted]"],
])("authorization %s → %s", (value, shown) => {
	expect(redactRequest({ method: "POST", url: "u", headers: { authorization: value }, body: "not json" }, []).headers).toEqual([["authorization", shown]]);
});
