/** Making validation findings (core/validate.ts and the checks it runs): one call per finding. */
import type { Field, Finding, Fix } from "./validate";

function finding(severity: Finding["severity"], field: Field, message: string, fix: Fix | undefined): Finding {
	return fix ? { field, severity, message, fix } : { field, severity, message };
}

/** An error about `field` (the deployment cannot be sent), with its one-click fix when there is one. */
export const errorAt = (field: Field, message: string, fix?: Fix): Finding => finding("error", field, message, fix);

/** A warning about `field` (the deployment can be sent), with its one-click fix when there is one. */
export const warningAt = (field: Field, message: string, fix?: Fix): Finding => finding("warning", field, message, fix);

/** A required field left empty: an error that the tab shows as a neutral "Required" until the field is touched. */
export const missingAt = (field: Field, message: string, fix?: Fix): Finding => ({ ...finding("error", field, message, fix), missing: true });
