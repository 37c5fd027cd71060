/** What the --vault demo tests compare: every file under a folder (dot-folders included) with its bytes, before and after a run. */
import * as fs from "node:fs";
import * as path from "node:path";

/** Every file under `dir`, dot-folders included, with its bytes, by "/"-separated path. */
export function files(dir: string): Map<string, Buffer> {
	const all = new Map<string, Buffer>();
	for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (e.isFile()) all.set(path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"), fs.readFileSync(path.join(e.parentPath, e.name)));
	}
	return all;
}

/** The files of `dir` that differ from `before`: new, changed, removed. */
export function differences(dir: string, before: Map<string, Buffer>): { added: string[]; changed: string[]; removed: string[] } {
	const after = files(dir);
	return {
		added: [...after.keys()].filter((p) => !before.has(p)).sort(),
		changed: [...after.keys()].filter((p) => before.has(p) && !before.get(p)?.equals(after.get(p) as Buffer)).sort(),
		removed: [...before.keys()].filter((p) => !after.has(p)),
	};
}

/** The text the demo printed under `--- name ---`, up to the next section. */
export const section = (out: string, name: string): string | undefined => out.split(`--- ${name} ---\n`)[1]?.split("\n--- ")[0];
