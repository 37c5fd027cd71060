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
 * Two finer tools, below KEPT: PARTIAL keeps some exports of a module (the SDK's own code) and
 * stubs the others; REPLACED swaps a module for a smaller file of ours, proved equal on what the
 * plugin passes (tests/build/sdkFlatQuery.test.ts) and pinned to the SDK files it mirrors.
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
			"internal/errors",
			"internal/detect-platform",
			"internal/shims",
			"internal/request-options",
			"internal/headers",
			"internal/parse",
		],
		why: "the client's own machinery: helpers, abort detection, platform headers, fetch/stream shims, header merging, response parsing",
	},
	{
		ids: ["resources/chat", "resources/chat/index", "resources/chat/chat", "resources/chat/completions/index", "resources/chat/completions/completions"],
		why: "client.chat.completions.create, the plugin's call on both clients",
	},
	{
		ids: ["resources/responses", "resources/responses/index", "resources/responses/responses"],
		why: "client.responses.create, the plugin's Responses API call on both clients",
	},
];

/**
 * SDK modules bundled in part: the exports in `keep` are the SDK's own code, bundled as is; the
 * module's other exports become stubs, and what only they used is shaken out.
 * @type {{ id: string, keep: string[], why: string }[]}
 */
export const PARTIAL = [
	{
		id: "lib/ResponsesParser",
		keep: ["addOutputText"],
		why: "responses.create calls addOutputText on every answer (sets `output_text`); the rest (parseResponse, the tool and text-format parsers) serves only responses.parse() and the stream helpers",
	},
];

/**
 * SDK modules replaced by a smaller file of ours that gives the same result on everything the
 * plugin can pass and throws, naming the module, on anything else. `pins` are the SDK files whose
 * behaviour the replacement mirrors: the build check records a hash of them in
 * openai-modules.txt, so an SDK upgrade that changes any of them fails the build until someone
 * re-reads them (and tests/build/sdkFlatQuery.test.ts, which compares with the real function).
 * @type {{ id: string, file: string, pins: string[], why: string }[]}
 */
export const REPLACED = [
	{
		id: "internal/utils/query",
		file: "sdkFlatQuery.mjs",
		pins: ["internal/utils/query", "internal/qs/stringify", "internal/qs/utils", "internal/qs/formats"],
		why: "stringifyQuery over the SDK's copy of qs (about 6 KB) only ever encodes the flat `api-version=<dated version>` of AzureOpenAI's defaultQuery (plus the base URL's own query, strings, if it had one); body encoding as a query is only for an `application/x-www-form-urlencoded` content-type, which the plugin never sets",
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
 * - internal/provider: configureProvider, which the client's constructor calls only when given a
 *   `provider` option (src/azure/client.ts's makeClient never passes one); stubbing it also drops
 *   the module's one side effect, a registry it defines on globalThis at load;
 * - internal/utils/uuid: uuid4, called only by defaultIdempotencyKey(), which buildHeaders calls
 *   only when the client has an `idempotencyHeader`; OpenAI and AzureOpenAI never set one;
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

/** How the build treats a module it reaches: "kept", "partial", "replaced" or "stubbed". */
export function sdkStatus(id) {
	if (REPLACED.some((r) => r.id === id)) return "replaced";
	if (PARTIAL.some((p) => p.id === id)) return "partial";
	return isKept(id) ? "kept" : "stubbed";
}

/** The module id of a path inside node_modules/openai (any separator), or null for other files. */
export function sdkModuleId(path) {
	const m = /(?:^|[\\/])node_modules[\\/]openai[\\/](.+)\.m?js$/.exec(path);
	return m ? m[1].replace(/\\/g, "/") : null;
}
