/**
 * Bundled in place of the openai SDK's internal/utils/query (see REPLACED in sdkAllowList.mjs):
 * its `stringifyQuery(query)` is `qs.stringify(query, { arrayFormat: "brackets" })` over the SDK's
 * copy of qs (internal/qs/*, about 6 KB in main.js). The plugin's only query is AzureOpenAI's
 * `defaultQuery`, `{ "api-version": "<dated version>" }`, merged by the client's buildURL with the
 * base URL's own query (strings) and the call's `query` (none for create()).
 *
 * For a plain object of flat values this gives byte for byte what qs gives (proved against the
 * SDK's real function in tests/build/sdkFlatQuery.test.ts):
 * - keys in Object.keys order, `key=value` joined by "&"; a non-object query gives "";
 * - a string, number, boolean or bigint value: String(value), encoded; null: `key=`; undefined:
 *   left out;
 * - encoding as qs's default (RFC 3986, UTF-8): every character but A-Z a-z 0-9 - . _ ~ as
 *   percent-encoded UTF-8 bytes with upper-case hex, which is encodeURIComponent plus ! ' ( ) *.
 *
 * Anything else (an object, array, Date, function or symbol value, i.e. the nested shapes qs
 * spells as `a[b]=…`, `a[]=…`) throws, naming this module, rather than be sent differently. So
 * does a string with a lone UTF-16 surrogate (encodeURIComponent's URIError), which qs would
 * encode as bytes no server could decode.
 */
const removed = (what) =>
	new Error(
		`openai/internal/utils/query: ${what}: this plugin's copy of the openai SDK encodes only flat query values (scripts/build/sdkFlatQuery.mjs, see sdkAllowList.mjs)`,
	);

/** qs's RFC 3986 encoding: encodeURIComponent leaves ! ' ( ) * as they are, qs does not. */
function encode(text) {
	return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function stringifyQuery(query) {
	if (typeof query !== "object" || query === null) return "";
	const parts = [];
	for (const key of Object.keys(query)) {
		const value = query[key];
		if (value === undefined) continue;
		const t = typeof value;
		if (value !== null && t !== "string" && t !== "number" && t !== "boolean" && t !== "bigint") {
			throw removed(`the value of "${key}" is a ${Array.isArray(value) ? "array" : t}`);
		}
		try {
			parts.push(`${encode(key)}=${value === null ? "" : encode(String(value))}`);
		} catch (err) {
			if (err instanceof URIError) throw removed(`"${key}" or its value holds a lone UTF-16 surrogate`);
			throw err;
		}
	}
	return parts.join("&");
}
