// The floor for any plugin built on the openai SDK: a plugin that bundles AzureOpenAI and
// nothing else. `npm run bench` builds it with the plugin's own esbuild settings and measures
// both the same way.
import { Plugin } from "obsidian";
import { AzureOpenAI } from "openai";

export default class FloorPlugin extends Plugin {
	client: AzureOpenAI | null = null;

	onload(): void {
		this.client = new AzureOpenAI({ endpoint: "https://floor.openai.azure.com", apiKey: "floor", apiVersion: "2024-12-01-preview", dangerouslyAllowBrowser: true });
	}
}
