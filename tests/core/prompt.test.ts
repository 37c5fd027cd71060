import fc from "fast-check";
import { binaryUnit } from "../support/binaryUnit";
import { DEFAULT_TEMPLATES, PLACEHOLDERS, renderTemplate, unknownPlaceholders, type NoteContext } from "../../src/core/prompt";

const CTX: NoteContext = { selection: "the selected text", note: "# Title\n\nthe whole note", title: "My note" };

describe("renderTemplate", () => {
	const cases: { name: string; input: { text: string; ctx?: NoteContext }; expected: string }[] = [
		{ name: "selection", input: { text: "Fix: {{selection}}" }, expected: "Fix: the selected text" },
		{ name: "all three", input: { text: "{{title}}|{{note}}|{{selection}}" }, expected: "My note|# Title\n\nthe whole note|the selected text" },
		{ name: "spaces inside the braces", input: { text: "{{ title }} / {{  selection\t}}" }, expected: "My note / the selected text" },
		{ name: "repeated placeholder", input: { text: "{{title}} {{title}}" }, expected: "My note My note" },
		{ name: "unknown placeholder left as written", input: { text: "{{date}} {{ Selection }}" }, expected: "{{date}} {{ Selection }}" },
		{ name: "no placeholders", input: { text: "Plain." }, expected: "Plain." },
		{ name: "single braces are text", input: { text: "{selection} {{selection}" }, expected: "{selection} {{selection}" },
		{ name: "a selection that looks like a placeholder is not expanded again", input: { text: "{{selection}}", ctx: { ...CTX, selection: "{{title}} and {{note}}" } }, expected: "{{title}} and {{note}}" },
		{ name: "a title that looks like a placeholder is not expanded again", input: { text: "{{title}}: {{selection}}", ctx: { ...CTX, title: "{{selection}}" } }, expected: "{{selection}}: the selected text" },
		{ name: "a note containing {{title}}", input: { text: "{{note}}", ctx: { ...CTX, note: "Use {{title}} here" } }, expected: "Use {{title}} here" },
		{ name: "replacement patterns in the selection are literal", input: { text: "<{{selection}}>", ctx: { ...CTX, selection: "$& $1 $$ $` $'" } }, expected: "<$& $1 $$ $` $'>" },
		{ name: "empty selection", input: { text: "A{{selection}}B", ctx: { ...CTX, selection: "" } }, expected: "AB" },
	];
	test.each(cases)("$name", ({ input, expected }) => {
		expect(renderTemplate(input.text, input.ctx ?? CTX)).toBe(expected);
	});

	test("property: the selection appears exactly as captured, whatever it contains", () => {
		fc.assert(
			fc.property(fc.string({ unit: binaryUnit }), fc.string({ unit: binaryUnit }), fc.string(), (selection, note, title) => {
				const out = renderTemplate("<<{{selection}}>>", { selection, note, title });
				expect(out).toBe(`<<${selection}>>`);
			}),
		);
	});
});

describe("unknownPlaceholders", () => {
	test.each([
		{ name: "none", input: "{{selection}} {{note}} {{title}}", expected: [] },
		{ name: "one", input: "{{date}}", expected: ["date"] },
		{ name: "in order of first appearance, once each", input: "{{b}} {{a}} {{b}} {{selection}}", expected: ["b", "a"] },
		{ name: "case matters", input: "{{Title}}", expected: ["Title"] },
		{ name: "trimmed names", input: "{{  clipboard }}", expected: ["clipboard"] },
		{ name: "empty braces", input: "{{}}", expected: [""] },
		{ name: "no placeholders", input: "text only", expected: [] },
	])("$name", ({ input, expected }) => {
		expect(unknownPlaceholders(input)).toEqual(expected);
	});
});

describe("the default templates", () => {
	test("the known placeholders are selection, note and title", () => {
		expect([...PLACEHOLDERS].sort()).toEqual(["note", "selection", "title"]);
	});

	test.each(DEFAULT_TEMPLATES.map((t) => ({ name: t.id, template: t })))("$name uses only known placeholders and the selection", ({ template }) => {
		expect(unknownPlaceholders(template.text)).toEqual([]);
		expect(template.text).toContain("{{selection}}");
		const rendered = renderTemplate(template.text, CTX);
		expect(rendered).not.toMatch(/\{\{|\}\}/);
		expect(rendered).toContain(CTX.selection);
	});

	test("ids are unique, and each has a name and an output mode", () => {
		const ids = DEFAULT_TEMPLATES.map((t) => t.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const t of DEFAULT_TEMPLATES) {
			expect(t.name.trim()).not.toBe("");
			expect(["replace", "below", "new-note"]).toContain(t.output);
			expect(t.deploymentId).toBeNull();
		}
	});
});
