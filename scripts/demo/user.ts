/**
 * The demo plays the user: it answers every modal the commands open from the flags (or the
 * defaults), and for cancel-request starts a request and cancels it.
 */
import type { ObsidianHost } from "../../tests/support/host";
import type { EmulatorProcess } from "../../tests/support/emulatorProcess";
import { Modal, modalScript, modalWatchers, type ModalStep } from "../../tests/support/obsidian";
import { START_MODAL_CLASS } from "./folder";

/** Where the demo writes: the terminal, or a test's buffer. */
export interface DemoIo {
	out(text: string): void;
	err(text: string): void;
}

export type Outcome = { ok?: boolean; message?: string };

/**
 * Prints every modal that opens, then answers it from the flags (or the defaults), unless a step
 * was already queued for it. Returns a function that stops watching.
 */
export function playTheUser(values: { template?: string; instruction?: string; deployment?: string }, io: DemoIo): () => void {
	const watcher = (modal: Modal) => {
		const cls = (name: string) => modal.modalEl.hasClass(name);
		if (cls("azure-reasoning-sign-in")) return; // signIn.ts prints it as it goes
		const title = modal.titleEl.textContent;
		if (title) io.out(`\n[modal] ${title}\n${modal.contentEl.textContent ? `${modal.contentEl.children.map((c) => c.textContent).join("\n")}\n` : ""}`);
		if (modalScript.length > 0) return;
		let step: ModalStep | null = null;
		if (cls("azure-reasoning-template-picker")) step = { choose: values.template ?? "Improve the writing" };
		else if (cls("azure-reasoning-deployment-picker")) step = { choose: values.deployment ?? /^(?!.*\(default\))/ };
		else if (cls("azure-reasoning-request-picker")) step = { choose: /./ };
		else if (cls("azure-reasoning-ask")) step = { type: values.instruction ?? "", click: "Ask" };
		else if (cls("azure-reasoning-too-large")) step = { click: modal.buttonLabels().includes("Send the selection only") ? "Send the selection only" : "Cancel" };
		else if (cls("azure-reasoning-preview")) step = { click: "Close" };
		else if (cls(START_MODAL_CLASS)) step = { click: "Start" };
		if (step) {
			io.out(`[the user] ${JSON.stringify(step, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))}`);
			modalScript.push(step);
		}
	};
	modalWatchers.push(watcher);
	return () => {
		const at = modalWatchers.indexOf(watcher);
		if (at >= 0) modalWatchers.splice(at, 1);
	};
}

/** cancel-request needs a request to cancel: starts one (the emulator holds its answer back), then cancels it. */
export async function runAndCancel(host: ObsidianHost, emulator: EmulatorProcess | undefined, io: DemoIo): Promise<Outcome> {
	await emulator?.script({ delayMs: 30_000, content: "This answer is never inserted." });
	const running = host.runCommand("run-prompt-on-selection") as Promise<Outcome | undefined>;
	const plugin = host.plugin as unknown as { services: { requests: { running: unknown[] } } };
	const deadline = Date.now() + 10_000;
	while (plugin.services.requests.running.length === 0 || (emulator && (await emulator.requests()).length === 0)) {
		if (Date.now() > deadline) return { ok: false, message: "The request to cancel did not start." };
		await new Promise((r) => setTimeout(r, 10));
	}
	await new Promise((r) => setTimeout(r, 500));
	io.out(`[status bar] ${host.standInApp.standIn.statusBarEl.textContent}`);
	io.out("Running cancel-request ...");
	await host.runCommand("cancel-request");
	const cancelled = await running;
	io.out(`The request ended: ${cancelled?.message ?? ""}`);
	return { ok: cancelled?.ok === false, message: cancelled?.ok === false ? "cancelled" : "The request was not cancelled." };
}
