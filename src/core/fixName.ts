/**
 * What a one-click fix changes, in words: the accessible name of its button. The visible label is
 * short ("Use 600"); a screen reader that reaches the button out of its finding hears the label
 * first (so speech input still finds it by what it shows), then what it sets:
 * "Use 600: set max completion tokens to 600".
 */
import { formatCount } from "./count";
import { getFamily, isFamilyId, OPERATION_LABELS, type Operation } from "./families";
import { FIELD_LABELS, type DeploymentConfig } from "./settings";

type Key = keyof Omit<DeploymentConfig, "id">;

/** Keys a fix sets along with its real change (Azure's list of efforts): the label already covers them. */
const UNSPOKEN = new Set<Key>(["supportedEfforts", "omitParams"]);

function valueText(key: Key, value: unknown): string {
	if (key === "family") return isFamilyId(value) ? getFamily(value).label : "none";
	if (key === "apiStyle") return value === "v1" ? "the v1 API" : "the dated API";
	if (key === "operation") return OPERATION_LABELS[value as Operation] ?? JSON.stringify(value);
	if (typeof value === "number") return formatCount(value);
	if (typeof value === "boolean") return value ? "on" : "off";
	if (value === "" || value === undefined) return "the default";
	return typeof value === "string" ? value : JSON.stringify(value);
}

export function fixName(fix: { label: string; patch?: Partial<DeploymentConfig> }): string {
	if (!fix.patch) return fix.label;
	const parts = (Object.keys(fix.patch) as Key[]).filter((k) => k in FIELD_LABELS && !UNSPOKEN.has(k)).map((k) => `${FIELD_LABELS[k]} to ${valueText(k, fix.patch?.[k])}`);
	return parts.length === 0 ? fix.label : `${fix.label}: set ${parts.join(", ")}`;
}
