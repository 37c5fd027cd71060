/**
 * Merging settings changed in two places since they were last in step: `local` (what the settings
 * tab changed and has not saved yet) and `remote` (the file, changed by sync from another device),
 * both from `base` (what was last read or saved). A three-way merge of JSON values: what only one
 * side changed is taken from it; where both changed the same value, the local edit wins (the user
 * is looking at it). Lists of items with an `id` (deployments, templates) merge item by item: an
 * item added on either side is kept, one removed on one side and unchanged on the other is removed.
 */
import { isRecord } from "./record";

type Json = unknown;

function same(a: Json, b: Json): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function idOf(v: Json): string | null {
	return isRecord(v) && typeof v.id === "string" ? v.id : null;
}

function isIdList(v: Json): v is Record<string, Json>[] {
	return Array.isArray(v) && v.every((x) => idOf(x) !== null);
}

function mergeIdLists(base: Json, local: Record<string, Json>[], remote: Record<string, Json>[]): Json[] {
	const byId = (list: Json) => new Map((isIdList(list) ? list : []).map((x) => [idOf(x) as string, x]));
	const b = byId(base);
	const l = byId(local);
	const out: Json[] = [];
	for (const r of remote) {
		const id = idOf(r) as string;
		const mine = l.get(id);
		if (mine !== undefined) out.push(mergeValues(b.get(id) ?? r, mine, r));
		else if (!b.has(id) || !same(b.get(id), r)) out.push(r); // added there, or removed here but changed there
	}
	const inRemote = new Set(remote.map((r) => idOf(r)));
	for (const mine of local) {
		const id = idOf(mine) as string;
		if (inRemote.has(id)) continue;
		if (!b.has(id) || !same(b.get(id), mine)) out.push(mine); // added here, or removed there but changed here
	}
	return out;
}

export function mergeValues(base: Json, local: Json, remote: Json): Json {
	if (same(local, base)) return remote;
	if (same(remote, base) || same(local, remote)) return local;
	if (isIdList(local) && isIdList(remote)) return mergeIdLists(base, local, remote);
	if (isRecord(local) && isRecord(remote)) {
		const b = isRecord(base) ? base : {};
		const out: Record<string, Json> = {};
		for (const key of new Set([...Object.keys(remote), ...Object.keys(local)])) {
			if (!(key in local)) {
				if (!(key in b) || !same(b[key], remote[key])) out[key] = remote[key];
			} else if (!(key in remote)) {
				if (!(key in b) || !same(b[key], local[key])) out[key] = local[key];
			} else out[key] = mergeValues(b[key], local[key], remote[key]);
		}
		return out;
	}
	return local;
}

/** The settings after merging the tab's unsaved changes (`local`) into those read from the file (`remote`). */
export function mergeSettings<T>(base: T, local: T, remote: T): T {
	return structuredClone(mergeValues(base, local, remote)) as T;
}
