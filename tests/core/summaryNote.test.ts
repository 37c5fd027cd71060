import { appendParagraph, generatedNoteBase, generatedNoteText, localDate, pathLink } from "../../src/core/summaryNote";

const info = {
	sourcePath: "Notes/Meeting.md",
	sourceLink: "[[Meeting]]",
	heading: "Summary of {{link}}.",
	deployment: 'My "o1"',
	model: "o1-2024-12-17",
	date: new Date(2025, 0, 9, 23, 59),
	usage: { promptTokens: 28, completionTokens: 512, reasoningTokens: 448, totalTokens: 540 },
};

test("frontmatter (source as a link, deployment, real model, date, tokens), a link back, then the answer", () => {
	expect(generatedNoteText(info, "\n- One\n- Two\n\n")).toBe(
		'---\nsource: "[[Notes/Meeting]]"\ndeployment: "My \\"o1\\""\nmodel: "o1-2024-12-17"\ndate: 2025-01-09\nprompt_tokens: 28\ncompletion_tokens: 512\nreasoning_tokens: 448\n---\nSummary of [[Meeting]].\n\n- One\n- Two\n',
	);
});

test("no token lines when Azure reported no usage", () => {
	expect(generatedNoteText({ ...info, usage: null }, "x")).not.toMatch(/tokens/);
});

test.each([
	["Notes/Meeting.md", "summary", "Meeting (summary)"],
	["Top.md", "Explain", "Top (Explain)"],
	["a/b/c.MD", "summary", "c (summary)"],
])("generatedNoteBase(%s, %s) = %s", (path, what, base) => {
	expect(generatedNoteBase(path, what)).toBe(base);
});

test("pathLink and localDate", () => {
	expect(pathLink("Notes/Meeting.md")).toBe("[[Notes/Meeting]]");
	expect(localDate(new Date(2024, 11, 31))).toBe("2024-12-31");
});

test.each([
	{ doc: "Text\n", at: 5, text: "\nLINK\n" },
	{ doc: "Text", at: 4, text: "\n\nLINK\n" },
	{ doc: "Text\n\n", at: 6, text: "LINK\n" },
	{ doc: "", at: 0, text: "LINK\n" },
])("appendParagraph($doc)", ({ doc, at, text }) => {
	expect(appendParagraph(doc, "LINK")).toEqual({ at, text });
});
