/**
 * The request preview as it renders, against styles.css: every class of ours that the preview's
 * elements carry must have a rule there (a misspelt class lets long JSON lines overflow, unseen).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { showPreview } from "../../src/ui/modals/preview";
import { Modal, findEls, modalWatchers, resetModals, type FakeElement } from "../support/obsidian";

const CSS = readFileSync(join(__dirname, "../../styles.css"), "utf8");
const defined = new Set([...CSS.matchAll(/\.(azure-reasoning-[\w-]+)/g)].map((m) => m[1]));

afterEach(() => resetModals());

test("every azure-reasoning class on the preview's elements is defined in styles.css", async () => {
	let shown: Modal | null = null;
	modalWatchers.push((m) => (shown = m));
	const closed = showPreview({ app: {}, services: { lifetime: new AbortController().signal } } as never, { summary: ["A line."], parts: [{ label: "Prompt", text: "y".repeat(500) }], request: `POST https://x/openai\n\n${JSON.stringify({ messages: [{ role: "user", content: "x".repeat(500) }] })}` });
	const modal = shown as Modal | null;
	if (!modal) throw new Error("the preview did not open");
	const els = findEls(modal.modalEl as FakeElement, () => true);
	const ours = [...new Set(els.flatMap((el) => [...el.classList]).filter((c) => c.startsWith("azure-reasoning-")))];
	expect(ours).toEqual(expect.arrayContaining(["azure-reasoning-request-preview", "azure-reasoning-preview-text", "azure-reasoning-preview-raw"]));
	expect(ours.filter((c) => !defined.has(c))).toEqual([]);
	modal.close();
	await closed;
});
