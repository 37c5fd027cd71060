/**
 * Obsidian's `requestUrl` as the transport type `azure/` declares. One function for the whole
 * plugin, so the commands and the settings tab's Test button share the cached SDK clients.
 */
import { requestUrl } from "obsidian";
import type { RequestUrlFn } from "../azure/transport";

export const obsidianRequestUrl: RequestUrlFn = (param) => requestUrl(param);
