// The Editor stand-in follows CodeMirror 6: transaction positions refer to the document before it,
// one transaction or one replaceRange is one undo step, selections map through changes.
import fc from "fast-check";
import { Editor, type EditorChangeEvent } from "./index";

/** Replays change events on a copy of the old text: listeners must be able to follow every edit. */
function follow(editor: Editor): { text: () => string; events: EditorChangeEvent[] } {
	let text = editor.getValue();
	const events: EditorChangeEvent[] = [];
	editor.onChange((e) => {
		events.push(e);
		text = text.slice(0, e.from) + e.text + text.slice(e.to);
	});
	return { text: () => text, events };
}

test("positions and offsets convert both ways; out-of-range positions are clamped", () => {
	const ed = new Editor("ab\ncde\n\nf");
	expect(ed.lineCount()).toBe(4);
	expect(ed.lastLine()).toBe(3);
	expect(ed.getLine(1)).toBe("cde");
	expect(ed.posToOffset({ line: 1, ch: 2 })).toBe(5);
	expect(ed.offsetToPos(5)).toEqual({ line: 1, ch: 2 });
	expect(ed.offsetToPos(7)).toEqual({ line: 2, ch: 0 });
	for (let o = 0; o <= ed.getValue().length; o++) expect(ed.posToOffset(ed.offsetToPos(o))).toBe(o);
	expect(ed.posToOffset({ line: 1, ch: 99 })).toBe(6);
	expect(ed.posToOffset({ line: 9, ch: 0 })).toBe(9);
	expect(() => ed.getLine(4)).toThrow(RangeError);
});

test("a transaction's changes use positions from before it, apply together, and undo as one step", () => {
	const ed = new Editor("one two three");
	const seen = follow(ed);
	ed.transaction({
		changes: [
			{ from: { line: 0, ch: 8 }, to: { line: 0, ch: 13 }, text: "THREE!" },
			{ from: { line: 0, ch: 0 }, to: { line: 0, ch: 3 }, text: "1" },
			{ from: { line: 0, ch: 4 }, text: ">" },
		],
	});
	expect(ed.getValue()).toBe("1 >two THREE!");
	expect(ed.undoDepth()).toBe(1);
	expect(seen.events).toHaveLength(3);
	expect(seen.text()).toBe(ed.getValue());
	ed.undo();
	expect(ed.getValue()).toBe("one two three");
	expect(seen.text()).toBe("one two three");
	expect(ed.undoDepth()).toBe(0);
	ed.redo();
	expect(ed.getValue()).toBe("1 >two THREE!");
	expect(seen.text()).toBe(ed.getValue());
});

test("insertions at one point keep the order they were given in", () => {
	const ed = new Editor("ab");
	const at = { line: 0, ch: 1 };
	ed.transaction({ changes: [{ from: at, text: "1" }, { from: at, text: "2" }, { from: { line: 0, ch: 2 }, text: "3" }] });
	expect(ed.getValue()).toBe("a12b3");
});

test("overlapping changes are refused and leave the document alone", () => {
	const ed = new Editor("abcdef");
	expect(() =>
		ed.transaction({
			changes: [
				{ from: { line: 0, ch: 0 }, to: { line: 0, ch: 3 }, text: "X" },
				{ from: { line: 0, ch: 2 }, to: { line: 0, ch: 4 }, text: "Y" },
			],
		}),
	).toThrow(RangeError);
	expect(ed.getValue()).toBe("abcdef");
	expect(ed.undoDepth()).toBe(0);
});

test("a transaction's selection refers to the document after it", () => {
	const ed = new Editor("hello");
	ed.transaction({
		changes: [{ from: { line: 0, ch: 0 }, text: "say\n" }],
		selection: { from: { line: 1, ch: 0 }, to: { line: 1, ch: 5 } },
	});
	expect(ed.getSelection()).toBe("hello");
});

test("each replaceRange is its own undo step; undo restores the selection", () => {
	const ed = new Editor("abc");
	ed.setSelection({ line: 0, ch: 1 }, { line: 0, ch: 2 });
	ed.replaceRange("X", { line: 0, ch: 0 });
	ed.replaceRange("Y", { line: 0, ch: 4 });
	expect(ed.getValue()).toBe("XabcY");
	expect(ed.undoDepth()).toBe(2);
	expect(ed.getSelection()).toBe("b");
	ed.undo();
	expect(ed.getValue()).toBe("Xabc");
	ed.undo();
	expect(ed.getValue()).toBe("abc");
	expect(ed.getSelection()).toBe("b");
	ed.undo();
	expect(ed.getValue()).toBe("abc");
	expect(ed.redoDepth()).toBe(2);
	ed.replaceRange("Z", { line: 0, ch: 3 });
	expect(ed.redoDepth()).toBe(0);
});

test("selections map through edits as in CodeMirror: a caret at an insertion point stays before it", () => {
	const ed = new Editor("0123456789");
	ed.setCursor({ line: 0, ch: 5 });
	ed.replaceRange("ab", { line: 0, ch: 5 });
	expect(ed.getCursor()).toEqual({ line: 0, ch: 5 });
	ed.replaceRange("__", { line: 0, ch: 0 });
	expect(ed.getCursor()).toEqual({ line: 0, ch: 7 });
	ed.setSelection({ line: 0, ch: 3 }, { line: 0, ch: 8 });
	ed.replaceRange("", { line: 0, ch: 4 }, { line: 0, ch: 6 });
	expect(ed.getSelection()).toBe("14a");
});

test("replaceSelection replaces the selection and leaves the caret after the new text", () => {
	const ed = new Editor("say hi now");
	ed.setSelection({ line: 0, ch: 6 }, { line: 0, ch: 4 });
	expect(ed.getCursor("from")).toEqual({ line: 0, ch: 4 });
	expect(ed.getCursor("to")).toEqual({ line: 0, ch: 6 });
	expect(ed.getCursor("anchor")).toEqual({ line: 0, ch: 6 });
	expect(ed.getCursor("head")).toEqual({ line: 0, ch: 4 });
	ed.replaceSelection("hello\nthere");
	expect(ed.getValue()).toBe("say hello\nthere now");
	expect(ed.getCursor()).toEqual({ line: 1, ch: 5 });
	expect(ed.somethingSelected()).toBe(false);
	expect(ed.undoDepth()).toBe(1);
});

test("transaction.replaceSelection works on the main selection, one undo step with the other changes", () => {
	const ed = new Editor("a [b] c");
	ed.setSelection({ line: 0, ch: 3 }, { line: 0, ch: 4 });
	ed.transaction({ replaceSelection: "B!", changes: [{ from: { line: 0, ch: 0 }, to: { line: 0, ch: 1 }, text: "A" }] });
	expect(ed.getValue()).toBe("A [B!] c");
	expect(ed.getCursor()).toEqual({ line: 0, ch: 5 });
	ed.undo();
	expect(ed.getValue()).toBe("a [b] c");
});

test("setValue is undoable; listeners see every change including undo and redo", () => {
	const ed = new Editor("old");
	const seen = follow(ed);
	ed.setValue("new text");
	ed.replaceRange("!", { line: 0, ch: 8 });
	ed.undo();
	ed.undo();
	expect(ed.getValue()).toBe("old");
	ed.redo();
	expect(seen.text()).toBe("new text");
	expect(seen.events.map((e) => e.origin)).toEqual(["setValue", undefined, "undo", "undo", "redo"]);
});

test("property: any set of non-overlapping changes applies as one step, replays from events, and undoes exactly", () => {
	fc.assert(
		fc.property(
			fc.string({ maxLength: 30 }),
			fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.string({ maxLength: 4 })), { maxLength: 5 }),
			(doc, raw) => {
				const ed = new Editor(doc);
				const seen = follow(ed);
				// Separate ranges (no two at one point), each after the previous one, given in reverse order.
				let at = -1;
				const changes: { from: number; to: number; text: string }[] = [];
				for (const [gap, len, text] of raw) {
					const from = at + 1 + (gap % 4);
					if (from > doc.length) break;
					const to = Math.min(doc.length, from + len);
					changes.push({ from, to, text });
					at = to;
				}
				let expected = doc;
				for (const c of [...changes].reverse()) expected = expected.slice(0, c.from) + c.text + expected.slice(c.to);
				ed.transaction({ changes: changes.reverse().map((c) => ({ from: ed.offsetToPos(c.from), to: ed.offsetToPos(c.to), text: c.text })) });
				expect(ed.getValue()).toBe(expected);
				expect(seen.text()).toBe(expected);
				expect(ed.undoDepth()).toBe(expected === doc && changes.every((c) => c.from === c.to && c.text === "") ? 0 : 1);
				ed.undo();
				expect(ed.getValue()).toBe(doc);
				expect(seen.text()).toBe(doc);
			},
		),
	);
});
