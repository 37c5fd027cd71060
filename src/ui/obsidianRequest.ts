/**
 * Obsidian's `requestUrl` as the transport type `azure/` declares, so `azure/` never imports `obsidian`.
 */
import { requestUrl } from "obsidian";
import type { RequestUrlFn } from "../azure/transport";

export const obsidianRequestUrl: RequestUrlFn = (param) => requestUrl(param);
