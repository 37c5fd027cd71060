/**
 * The content hash a batch summary records of its source, so that running the batch again
 * knows which notes changed. FNV-1a, 64 bits, over the text's UTF-8 bytes, with line endings
 * made "\n" first (a note synced between Windows and macOS is the same note). Pure and
 * synchronous: Web Crypto's `crypto.subtle.digest` exists in Obsidian (Electron and the mobile
 * webviews) but is async and outside core's reach; this is not a defence against tampering, only
 * a change detector, and 64 bits make an unnoticed change about one chance in 1.8e19.
 */

/** "fnv1a64:" and 16 hex digits. */
export const HASH_PREFIX = "fnv1a64:";

/** The 64-bit FNV-1a of `text`'s UTF-8 bytes (as given, no normalisation), as 16 hex digits. */
export function fnv1a64(text: string): string {
	// Four 16-bit limbs, least significant first: the offset basis 0xcbf29ce484222325.
	let h0 = 0x2325;
	let h1 = 0x8422;
	let h2 = 0x9ce4;
	let h3 = 0xcbf2;
	const step = (byte: number) => {
		h0 ^= byte;
		// h * 0x100000001b3 (mod 2^64) = h * 0x1b3 + (h << 40).
		const t0 = h0 * 0x1b3;
		const t1 = h1 * 0x1b3 + (t0 >>> 16);
		const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
		const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
		h0 = t0 & 0xffff;
		h1 = t1 & 0xffff;
		h2 = t2 & 0xffff;
		h3 = t3 & 0xffff;
	};
	for (const ch of text) {
		const cp = ch.codePointAt(0) ?? 0;
		if (cp < 0x80) step(cp);
		else if (cp < 0x800) {
			step(0xc0 | (cp >> 6));
			step(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			step(0xe0 | (cp >> 12));
			step(0x80 | ((cp >> 6) & 0x3f));
			step(0x80 | (cp & 0x3f));
		} else {
			step(0xf0 | (cp >> 18));
			step(0x80 | ((cp >> 12) & 0x3f));
			step(0x80 | ((cp >> 6) & 0x3f));
			step(0x80 | (cp & 0x3f));
		}
	}
	const hex = (n: number) => n.toString(16).padStart(4, "0");
	return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/** What a summary records of its source's text: `fnv1a64:<16 hex>`, line endings ignored. */
export function contentHash(text: string): string {
	return HASH_PREFIX + fnv1a64(text.replace(/\r\n?/g, "\n"));
}
