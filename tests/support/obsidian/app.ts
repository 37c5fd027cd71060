// App and its smaller services: MetadataCache, FileManager, SecretStorage.
import type { Command, SecretStorage as ObsidianSecretStorage } from "obsidian";
import type { View, WorkspaceLeaf } from "./workspace";
import { FakeElement } from "./element";
import { Events } from "./events";
import type { TFile } from "./files";
import { Vault, type VaultOptions } from "./vault";
import { Workspace } from "./workspace";

export class MetadataCache extends Events {
	getFileCache(_file: TFile): null {
		return null;
	}
	getCache(_path: string): null {
		return null;
	}
}

export class FileManager {
	constructor(private readonly vault: () => Vault) {}

	/**
	 * A link to `file` as the user's link settings write it: a wikilink, or a Markdown link when the
	 * vault's "useMarkdownLinks" is on (Settings → Files and links → Use [[Wikilinks]] off); the
	 * shortest path ("newLinkFormat" shortest, the default): the name alone when no other file has it.
	 */
	generateMarkdownLink(file: TFile, _sourcePath: string, subpath?: string, alias?: string): string {
		const vault = this.vault();
		const unique = vault.getFiles().filter((f) => f.name === file.name).length <= 1;
		const path = unique ? file.name : file.path;
		if (vault.getConfig("useMarkdownLinks") === true) {
			const text = alias ?? (file.extension === "md" ? file.basename : file.name);
			return `[${text}](${encodeURI(path)}${subpath ?? ""})`;
		}
		const target = file.extension === "md" ? path.replace(/\.md$/, "") : path;
		return `[[${target}${subpath ?? ""}${alias ? `|${alias}` : ""}]]`;
	}
}

/** In memory only, never on disk. */
export class SecretStorage extends Events implements Pick<ObsidianSecretStorage, "setSecret" | "getSecret" | "listSecrets"> {
	private secrets = new Map<string, string>();

	/** The id must be lowercase alphanumeric with optional dashes, as Obsidian documents; throws otherwise. */
	setSecret(id: string, secret: string): void {
		if (!/^[a-z0-9-]+$/.test(id)) {
			throw new Error(`Invalid secret ID "${id}": use lowercase letters, digits and dashes`);
		}
		this.secrets.set(id, secret);
	}
	getSecret(id: string): string | null {
		return this.secrets.get(id) ?? null;
	}
	listSecrets(): string[] {
		return [...this.secrets.keys()];
	}
}

/** What Obsidian keeps in private places (app.commands, app.setting, the status bar), exposed for tests. */
export interface StandInRegistry {
	commands: Map<string, Command>;
	settingTabs: unknown[];
	editorExtensions: unknown[];
	statusBarEl: FakeElement;
	ribbonEl: FakeElement;
	/** registerView's creators, by view type. */
	viewCreators: Map<string, (leaf: WorkspaceLeaf) => View>;
}

export class App {
	vault: Vault;
	workspace: Workspace;
	metadataCache = new MetadataCache();
	fileManager = new FileManager(() => this.vault);
	secretStorage = new SecretStorage();
	/** Stand-in only. */
	readonly standIn: StandInRegistry = {
		commands: new Map(),
		settingTabs: [],
		editorExtensions: [],
		statusBarEl: new FakeElement("div", "status-bar"),
		ribbonEl: new FakeElement("div", "side-dock-ribbon"),
		viewCreators: new Map(),
	};
	private localStorage = new Map<string, unknown>();

	constructor(vaultDir: string, vaultOptions: VaultOptions = {}) {
		this.vault = new Vault(vaultDir, vaultOptions);
		this.workspace = new Workspace(this);
	}

	isDarkMode(): boolean {
		return false;
	}
	loadLocalStorage(key: string): unknown {
		return this.localStorage.get(key) ?? null;
	}
	saveLocalStorage(key: string, data: unknown): void {
		if (data === null || data === undefined) this.localStorage.delete(key);
		else this.localStorage.set(key, data);
	}
}
