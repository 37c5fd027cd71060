/**
 * What of the `openai` SDK goes into main.js: an allow-list of the SDK's modules the plugin KEEPS.
 * Every other SDK module that esbuild reaches from a kept one is replaced at bundle time by a tiny
 * stub (scripts/build/sdkStubPlugin.mjs) that throws, naming what was removed, if it is ever used;
 * whatever only a stub would have imported never enters the bundle at all.
 *
 * Why this is safe: the plugin calls exactly two SDK methods, non-streaming, on two clients:
 * `client.chat.completions.create` and `client.responses.create`, on `OpenAI` (v1 API, base URL
 * `<endpoint>/openai/v1`) and `AzureOpenAI` (dated API). The SDK's client class constructs every
 * resource it knows (admin, audio, beta, files, …) in its constructor, so esbuild cannot shake
 * them out on its own: they are stubbed here instead. tests/build/sdkSurface.test.ts proves from
 * the built main.js that both methods exist and work on both clients; the e2e and UI suites run
 * on the stubbed bundle.
 *
 * Module ids are paths inside node_modules/openai without the extension (esbuild takes the .mjs
 * build). An entry ending in "/" keeps the whole folder.
 *
 * When the SDK is upgraded, the build compares what this list classifies against
 * scripts/build/openai-modules.txt and fails on any change: see the README's "Development".
 */

/** @type {{ ids: string[], why: string }[]} */
export const KEPT = [
	{
		ids: ["index", "client", "azure", "version", "error", "resources/index", "resources/shared"],
		why: "the package entry, the OpenAI client (request building, retries, headers, logging) and AzureOpenAI on top of it; the error classes the client throws; the resource index the client constructs its resources from",
	},
	{
		ids: ["core/api-promise", "core/error", "core/resource"],
		why: "what every call returns (APIPromise), the error hierarchy, the APIResource base class",
	},
	{
		ids: [
			"internal/tslib",
			"internal/utils",
			"internal/utils/values",
			"internal/utils/base64",
			"internal/utils/bytes",
			"internal/utils/env",
			"internal/utils/log",
			"internal/utils/sleep",
			"internal/utils/uuid",
			"internal/utils/query",
			"internal/errors",
			"internal/detect-platform",
			"internal/shims",
			"internal/request-options",
			"internal/headers",
			"internal/parse",
			"internal/provider",
			"internal/qs/",
		],
		why: "the client's own machinery: helpers, abort detection, platform headers, fetch/stream shims, header merging, response parsing, the provider hook, query strings (api-version)",
	},
	{
		ids: ["resources/chat", "resources/chat/index", "resources/chat/chat", "resources/chat/completions/index", "resources/chat/completions/completions"],
		why: "client.chat.completions.create, the plugin's call on both clients",
	},
	{
		ids: ["resources/responses", "resources/responses/index", "resources/responses/responses"],
		why: "client.responses.create, the plugin's Responses API call on both clients",
	},
	{
		ids: ["lib/ResponsesParser"],
		why: "responses.create calls its addOutputText on every answer (sets `output_text`)",
	},
];

/*
 * What the build stubs today (scripts/build/openai-modules.txt lists every module), and why:
 * - resources/*: the resources the client constructs but the plugin never calls: admin, audio,
 *   batches, beta (assistants, threads, realtime, chatkit, …), completions (legacy), containers,
 *   conversations, embeddings, evals, files, fine-tuning, graders, images, models, moderations,
 *   realtime, skills, uploads, vector-stores, videos, webhooks;
 * - lib/*: helpers reachable only from stream(), parse() and runTools() (ChatCompletionStream,
 *   the runners, ResponseStream, the structured-output parser), never from create();
 * - core/streaming (and internal/decoders/line, which only it imports): the SSE `Stream`. The only
 *   kept code that touches it is internal/parse's defaultParseResponse, and only inside
 *   `if (props.options.stream)`; `options.stream` is set by create() from `body.stream ?? false`
 *   (resources/chat/completions/completions, resources/responses/responses), and the plugin never
 *   sends `stream` (src/core/request.ts builds the body; src/azure/client.ts calls the two
 *   create() methods). The other users of Stream (lib/ChatCompletionStream, lib/responses/
 *   ResponseStream, the runners) are stubbed already. `stream: true` would fail on its answer with
 *   "openai/core/streaming: Stream.fromSSEResponse was removed …" (tests/build/sdkSurface.test.ts);
 * - core/pagination (Page classes, PagePromise): reached only through the client's getAPIList/
 *   requestAPIList, which only list() methods call (chat.completions.list, …messages.list,
 *   responses.inputItems.list), and the package entry's re-export of PagePromise, which the plugin
 *   does not import; the kept resources only pass `CursorPage` as an argument inside list().
 *   Caveat: requestAPIList starts makeRequest before `new PagePromise` throws, so a list() call
 *   would still send its GET (the answer is dropped) while throwing "…core/pagination: PagePromise";
 * - internal/utils/path: the `path` tag that encodes ids into URLs, used only inside the methods
 *   that take an id (retrieve, update, delete, cancel, list of messages/input items); both
 *   create() methods post to a constant path ('/chat/completions', '/responses');
 * - resources/chat/completions/messages, resources/responses/input-items and input-tokens: the
 *   sub-resources the kept constructors build (`this.messages = new Messages(client)`): they
 *   construct quietly as stubs and throw on any use (`client.responses.inputItems.list` throws);
 * - core/uploads: toFile/toStreamingFile for file uploads: the plugin uploads nothing;
 * - auth/workload-identity-auth: used only with the `workloadIdentity` option, never passed;
 * - bedrock: BedrockOpenAI, exported by the package entry and unused.
 */

const keptExact = new Set(KEPT.flatMap((k) => k.ids.filter((id) => !id.endsWith("/"))));
const keptFolders = KEPT.flatMap((k) => k.ids.filter((id) => id.endsWith("/")));

/** True when the module (its id inside the openai package, no extension) is bundled as is. */
export function isKept(id) {
	return keptExact.has(id) || keptFolders.some((f) => id.startsWith(f));
}

/** The module id of a path inside node_modules/openai (any separator), or null for other files. */
export function sdkModuleId(path) {
	const m = /(?:^|[\\/])node_modules[\\/]openai[\\/](.+)\.m?js$/.exec(path);
	return m ? m[1].replace(/\\/g, "/") : null;
}
