/**
 * The answer formats in the note (plain, quote, callout), per template and for Ask, over real HTTP
 * against the strict emulator, from the sources and from the built main.js. Note texts exactly;
 * only the time in a callout's title is matched as a pattern (it is measured).
 */
import { BEFORE, LOADERS, NOTE, SELECTED, answeredUsage, deployment, useHarness } from "./commandsHarness";
import { DEFAULT_TEMPLATES } from "../../src/core/prompt";

const h = useHarness();

const ANSWER = "Friday is close.\n\n- Freeze on Wednesday\n- Ship on Friday";
const QUOTED = "> Friday is close.\n>\n> - Freeze on Wednesday\n> - Ship on Friday";

/** The default templates, with `format` on the one given. */
function templates(id: string, format: string): Record<string, unknown>[] {
	return DEFAULT_TEMPLATES.map((t) => (t.id === id ? { ...t, format } : { ...t }));
}

/** `> [!note] <model> · <n.n> s · <tokens as the emulator answered them>` as a pattern. */
function calloutTitle(reqIndex = 0, model = "o1-2024-12-17"): RegExp {
	const u = answeredUsage(h.emu.requests[reqIndex]);
	const n = (x: number) => x.toLocaleString("en-US");
	const tokens = `${n(u.prompt_tokens)} prompt \\+ ${n(u.completion_tokens)} completion tokens \\(${n(u.completion_tokens_details.reasoning_tokens)} reasoning\\)`;
	return new RegExp(`^> \\[!note\\] ${model.replace(/\./g, "\\.")} · \\d+\\.\\d s · ${tokens}$`);
}

/** The lines the answer took in the note, inserted below the selection. */
function insertedBelow(): string[] {
	const text = h.read();
	const head = `# Meeting\n\n${SELECTED}\n\n`;
	expect(text.startsWith(head)).toBe(true);
	expect(text.endsWith("\n\nLast line.\n")).toBe(true);
	return text.slice(head.length, text.length - "\n\nLast line.\n".length).split("\n");
}

describe.each(LOADERS)("plugin from %s", (loader) => {
	test("a template whose format is quote: every line of the answer quoted below the selection, blank lines inside the quote", async () => {
		await h.start({ loader, settings: { templates: templates("summarize", "quote") } });
		h.emu.setAnswer(() => `${ANSWER}\n\n`);
		expect((await h.run("template-summarize")).ok).toBe(true);
		expect(h.read()).toBe(BEFORE.replace(SELECTED, `${SELECTED}\n\n${QUOTED}`));
	});

	test("Ask with the callout format: a callout titled with the model, the time and the tokens, the answer quoted in it", async () => {
		await h.start({ loader, settings: { askFormat: "callout" } });
		h.emu.setAnswer(() => ANSWER);
		expect((await h.run("ask-about-selection", { type: "Is Friday realistic?", click: "Ask" })).ok).toBe(true);
		const [title, ...body] = insertedBelow();
		expect(title).toMatch(calloutTitle());
		expect(body.join("\n")).toBe(QUOTED);
	});

	test("a template that replaces keeps plain text by default (the selection is replaced by the answer as it came)", async () => {
		await h.start({ loader, settings: { askFormat: "callout" } });
		h.emu.setAnswer(() => "We decided to ship on Friday.");
		await h.run("template-improve-writing");
		expect(h.read()).toBe(BEFORE.replace(SELECTED, "We decided to ship on Friday."));
	});
});

test("a template that replaces, when it says quote: the selection is replaced by the quote", async () => {
	await h.start({ settings: { templates: templates("improve-writing", "quote") } });
	h.emu.setAnswer(() => "We decided\nto ship on Friday.");
	await h.run("template-improve-writing");
	expect(h.read()).toBe(BEFORE.replace(SELECTED, "> We decided\n> to ship on Friday."));
});

test("plain, the default, leaves Ask's answer as it was before formats existed", async () => {
	await h.start();
	h.emu.setAnswer(() => ANSWER);
	await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
	expect(h.read()).toBe(BEFORE.replace(SELECTED, `${SELECTED}\n\n${ANSWER}`));
});

test("a template whose output is a new note writes its format there too, under the heading", async () => {
	const brief = { id: "brief", name: "Brief", text: "Make this brief: {{selection}}", output: "new-note", deploymentId: null, format: "callout" };
	await h.start({ loader: "main.js", settings: { templates: [brief] } });
	h.emu.setAnswer(() => ANSWER);
	const outcome = await h.run("template-brief");
	expect(outcome.note).toBe("Meeting (Brief).md");
	const note = h.read("Meeting (Brief).md");
	const body = note.slice(note.indexOf("Brief: [[Meeting]]\n\n") + "Brief: [[Meeting]]\n\n".length).trimEnd().split("\n");
	expect(body[0]).toMatch(calloutTitle());
	expect(body.slice(1).join("\n")).toBe(QUOTED);
	expect(h.read()).toBe(BEFORE);
});

describe("with the reasoning summary in the note (Responses API, main.js)", () => {
	beforeAll(() => h.emu.addDeployment({ name: "dep-gpt51", family: "gpt-5.1" }));
	const responses = deployment({ deployment: "dep-gpt51", family: "gpt-5.1", apiStyle: "v1", apiVersion: "", operation: "responses", reasoningEffort: "medium", reasoningSummary: "auto" });

	test.each(["quote", "callout"])("the folded reasoning callout sits above the %s, a blank line apart, each a block of its own", async (format) => {
		await h.start({ loader: "main.js", deployments: [responses], settings: { reasoningInNote: true, askFormat: format } });
		h.emu.setAnswer(() => ANSWER);
		await h.run("ask-about-selection", { type: "Risks?", click: "Ask" });
		const lines = insertedBelow();
		const gap = lines.indexOf("");
		expect(gap).toBeGreaterThan(1);
		expect(lines[0]).toBe("> [!abstract]- Reasoning summary");
		expect(lines.slice(1, gap).every((l) => l === ">" || l.startsWith("> "))).toBe(true);
		const answer = lines.slice(gap + 1);
		if (format === "callout") expect(answer.shift()).toMatch(/^> \[!note\] gpt-5\.1\S* · \d+\.\d s · [\d,]+ prompt \+ [\d,]+ completion tokens \([\d,]+ reasoning\)$/);
		expect(answer.join("\n")).toBe(QUOTED);
	});
});

test("the note keeps working as a note: the answer quoted is followed by a blank line before the text below", async () => {
	await h.start({ notes: { [NOTE]: "# Meeting\n\nwe decide to ship on friday.\nLast line.\n" }, settings: { askFormat: "quote" } });
	h.emu.setAnswer(() => "Yes.");
	await h.run("ask-about-selection", { type: "Sure?", click: "Ask" });
	expect(h.read()).toBe("# Meeting\n\nwe decide to ship on friday.\n\n> Yes.\n\nLast line.\n");
});

test("main.js: a callout that replaces a selection inside a line stands on lines of its own, the rest of the user's line after it", async () => {
	const withCallout = DEFAULT_TEMPLATES.map((t) => (t.id === "improve-writing" ? { ...t, format: "callout", output: "replace" } : { ...t }));
	await h.start({ loader: "main.js", settings: { templates: withCallout }, selection: "ship on" });
	h.emu.setAnswer(() => "sail\non");
	expect((await h.run("template-improve-writing")).ok).toBe(true);
	const lines = h.read().split("\n");
	// The user's text before and after the selection, each on its own side of blank lines around the callout.
	expect(lines.slice(0, 3)).toEqual(["# Meeting", "", "we decide to "]);
	expect(lines[3]).toBe("");
	expect(lines[4]).toMatch(calloutTitle());
	expect(lines.slice(5)).toEqual(["> sail", "> on", "", " friday.", "", "Last line.", ""]);
});
