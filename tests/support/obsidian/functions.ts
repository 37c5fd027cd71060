// Obsidian's small free functions and constants.
import type { IconName } from "obsidian";

/**
 * Obsidian's rule: backslashes and runs of slashes become one "/", leading and trailing slashes go,
 * non-breaking spaces become spaces, the result is NFC; an empty result is "/".
 */
export function normalizePath(path: string): string {
	let p = path.replace(/[\\/]+/g, "/").replace(/^\/+|\/+$/g, "");
	if (p === "") p = "/";
	return p.replace(/[\u00A0\u202F]/g, " ").normalize("NFC");
}

/** The desktop app on Linux. */
export const Platform = {
	isDesktop: true,
	isMobile: false,
	isDesktopApp: true,
	isMobileApp: false,
	isIosApp: false,
	isAndroidApp: false,
	isPhone: false,
	isTablet: false,
	isMacOS: false,
	isWin: false,
	isLinux: true,
	isSafari: false,
	resourcePathPrefix: "app://local/",
};

/** Stand-in only: the phone app (true) or the desktop app on Linux (false), as Platform reports them. */
export function setMobile(mobile: boolean): void {
	Object.assign(Platform, { isDesktop: !mobile, isMobile: mobile, isDesktopApp: !mobile, isMobileApp: mobile, isPhone: mobile, isLinux: !mobile, isAndroidApp: mobile });
}

/** No icons without a DOM. */
export function setIcon(_parent: unknown, _iconId: IconName): void {}
