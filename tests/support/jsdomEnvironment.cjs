// jsdom for the settings-tab tests, plus the few Web APIs that Node has and jsdom lacks (fetch's
// Response and Request, TextDecoder/TextEncoder, streams, structuredClone), which the openai SDK and
// the requestUrl stand-in need: the Test deployment button runs the real client in these tests.
const { TestEnvironment } = require("jest-environment-jsdom");

const FROM_NODE = ["Response", "Request", "Headers", "fetch", "FormData", "Blob", "File", "TextDecoder", "TextEncoder", "ReadableStream", "WritableStream", "TransformStream", "structuredClone", "setImmediate", "clearImmediate"];

class JsdomWithNodeWebApis extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		for (const name of FROM_NODE) {
			if (this.global[name] === undefined && globalThis[name] !== undefined) this.global[name] = globalThis[name];
		}
	}
}

module.exports = JsdomWithNodeWebApis;
