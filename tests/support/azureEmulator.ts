/**
 * A strict Azure OpenAI emulator for tests (chat completions and the Responses API): a real `node:http` server on 127.0.0.1
 * that answers like Azure (facts: azure-reasoning-api.md, copied into its own rule table in
 * emulator/rules.ts), so a non-compliant request fails a test exactly as it would fail a user.
 * It is independent of src/ on purpose: a mistake in the plugin's capability table is caught, not mirrored.
 *
 * ```ts
 * const azure = await AzureEmulator.start({ apiKey: 'k-0123456789', deployments: [{ name: 'thinker', family: 'o1' }] });
 * // POST `${azure.url}/openai/deployments/thinker/chat/completions?api-version=2024-12-01-preview`
 * azure.script({ rateLimit: { retryAfterSeconds: 2 } });     // the next request gets a 429
 * await azure.close();
 * ```
 * Defaults: response `model` per family (EmulatedDeployment.model); 192 reasoning tokens per completion
 * for reasoning families, 0 for chat; prompt_tokens = ceil(chars of all message contents / 4);
 * completion_tokens = reasoning + ceil(content chars / 4); content from defaultAnswer. The Responses API,
 * the 2026 families and their options are documented in emulator/types.ts.
 */
export { AzureEmulator } from './emulator/server';
export { defaultAnswer, defaultSummary } from './emulator/responses';
export { FAMILY_RULES, KNOWN_API_VERSIONS, V1_API_VERSIONS } from './emulator/rules';
export type {
	AnswerFn, AuthKind, EffortWording, EmulatedDeployment, EmulatedFamily, EmulatedOperation, EmulatorOptions, Fault,
	FaultKind, OutputFilterCategory, PromptFilterCategory, RecordedRequest, SummaryFn,
} from './emulator/types';
