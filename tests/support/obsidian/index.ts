// A minimal, honest stand-in for the `obsidian` module in Node: only what the plugin uses, with the
// signatures of node_modules/obsidian/obsidian.d.ts. jest maps `obsidian` here; the host hands it to main.js.
// Types come from the real obsidian.d.ts at compile time; this is what runs.
import type * as Real from "obsidian";
import { debounce, forgetRunningDebouncers } from "./events";
import { normalizePath, Platform, setIcon, setMobile } from "./functions";
import { noticeObjects, notices } from "./notice";
import { requestUrl, requestUrlLog } from "./requestUrl";
import * as settingUi from "./settingUi";
import * as uiShells from "./ui";

// Compile-time check that the free functions and constants have the real signatures.
const _signatures: Pick<typeof Real, "requestUrl" | "normalizePath" | "debounce" | "setIcon" | "Platform"> = { requestUrl, normalizePath, debounce, setIcon, Platform };

export { App, FileManager, MetadataCache, SecretStorage } from "./app";
export type { StandInRegistry } from "./app";
export { Component, Plugin } from "./component";
export { Editor } from "./editor";
export type { EditorChangeEvent } from "./editor";
export { FakeElement } from "./element";
export { Events, debounce } from "./events";
export { TAbstractFile, TFile, TFolder } from "./files";
export { Platform, normalizePath, setIcon, setMobile } from "./functions";
export { DEFAULT_NOTICE_MS, Notice, noticeObjects, notices } from "./notice";
export { requestUrl, requestUrlLog } from "./requestUrl";
export type { RequestUrlStatusError } from "./requestUrl";
// The settings UI: DOM-backed when a document exists (jsdom tests of the settings tab), shells in Node.
export const PluginSettingTab = (typeof document !== "undefined" ? settingUi.PluginSettingTab : uiShells.PluginSettingTab) as unknown as typeof uiShells.PluginSettingTab;
export const Setting = (typeof document !== "undefined" ? settingUi.Setting : uiShells.Setting) as unknown as typeof uiShells.Setting;
export const SecretComponent = (typeof document !== "undefined" ? settingUi.SecretComponent : uiShells.SecretComponent) as unknown as typeof uiShells.SecretComponent;
export { BaseComponent, ButtonComponent, DropdownComponent, ExtraButtonComponent, TextAreaComponent, TextComponent, ToggleComponent, ValueComponent } from "./settingUi";
export { Menu, MenuItem, MenuSeparator } from "./menu";
export { Modal, ModalElement, SuggestModal, findEls, modalErrors, modalScript, modalWatchers, resetModals, typeInto, type ModalStep, type ShownSuggestion } from "./modals";
export { Vault } from "./vault";
export { FileSystemAdapter } from "./adapter";
export { MarkdownView, View, Workspace, WorkspaceLeaf } from "./workspace";
export { ItemView } from "./itemView";

/** Clears what the stand-in records across tests: the notices and the requestUrl log. */
export function resetObsidianStandIn(): void {
	notices.length = 0;
	for (const n of noticeObjects.splice(0)) n.hide();
	setMobile(false);
	requestUrlLog.length = 0;
	forgetRunningDebouncers();
}
