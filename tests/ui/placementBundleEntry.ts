// What tests/ui/placementBundle.test.ts bundles like main.js (same externals): the plugin class,
// with the placement API on it, so that a bundled build's placement can be driven directly.
import AzureReasoningPlugin from "../../src/main";
import { captureTarget, placeAnswer } from "../../src/ui/insertion";

export default class BundledPlugin extends AzureReasoningPlugin {
	static placement = { captureTarget, placeAnswer };
}
