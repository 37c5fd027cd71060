/** What the user is told when an Entra ID sign-in or token refresh (core/entra.ts) stops or waits. */
import type { OAuthError, PollOutcome, RefreshOutcome } from "./entra";

/** The plain message for a sign-in or refresh outcome that stops the flow. */
export function entraMessage(outcome: PollOutcome | RefreshOutcome | { kind: "device-code-failed"; error: OAuthError } | { kind: "unauthorized" } | { kind: "signed-out" } | { kind: "network"; detail: string }): string {
	const said = (e: OAuthError) => (e.description ? ` Microsoft said: ${e.description}` : ` (${e.error})`);
	switch (outcome.kind) {
		case "success":
			return "Signed in.";
		case "pending":
			return "Waiting for you to sign in in the browser…";
		case "slow-down":
			return `Still waiting; the sign-in service asked to check less often (every ${outcome.intervalS} s).`;
		case "expired":
			return "The code expired before sign-in finished. Start again to get a new code.";
		case "denied":
			return "Sign-in was declined. Start again if that was a mistake.";
		case "revoked":
			return `Your sign-in is no longer valid (it was revoked or has expired). Sign in again in the deployment's settings.${said(outcome.error)}`;
		case "device-code-failed":
			return `Could not start the sign-in. Check the tenant and the application (client) ID, and that the app registration allows public client flows.${said(outcome.error)}`;
		case "unauthorized":
			return "Azure refused the sign-in token even after renewing it. Sign in again in the deployment's settings, and check that your account has the Cognitive Services OpenAI User role on the resource.";
		case "signed-out":
			return "This deployment uses Microsoft Entra ID and nobody is signed in. Sign in in the deployment's settings.";
		case "network":
			return `The sign-in service could not be reached: ${outcome.detail}`;
		case "error":
			return `Sign-in failed.${said(outcome.error)}`;
	}
}
