/** The Entra ID fields of a deployment: read tolerantly, validated, and absent for key deployments. */
import { DEFAULT_AUTHORITY_HOST } from "../../src/core/entra";
import { newDeployment, type DeploymentConfig } from "../../src/core/settings";
import { readDeployment } from "../../src/core/settingsRead";
import { validateDeployment } from "../../src/core/validate";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";

function cfg(over: Partial<DeploymentConfig> = {}): DeploymentConfig {
	return { ...newDeployment("d1"), endpoint: "https://my-res.openai.azure.com", deployment: "o1-prod", auth: "entra", tenant: TENANT, clientId: CLIENT, authorityHost: DEFAULT_AUTHORITY_HOST, ...over };
}

describe("readDeployment", () => {
	test("a key deployment gets no Entra fields (its file stays as it was)", () => {
		const d = readDeployment({ id: "d1", secretName: "k" }, "x");
		expect(d && "auth" in d).toBe(false);
		expect(d && "tenant" in d).toBe(false);
	});
	test("Entra fields are kept", () => {
		const d = readDeployment({ id: "d1", auth: "entra", tenant: TENANT, clientId: CLIENT, authorityHost: "https://login.microsoftonline.us" }, "x");
		expect(d).toMatchObject({ auth: "entra", tenant: TENANT, clientId: CLIENT, authorityHost: "https://login.microsoftonline.us" });
	});
	test("unreadable ones are reported and left out", () => {
		const problems: string[] = [];
		const d = readDeployment({ id: "d1", family: "o1", displayName: "W", auth: "password", tenant: 5, clientId: null }, "x", (m) => problems.push(m));
		expect(d && "auth" in d).toBe(false);
		expect(problems).toEqual(['Deployment "W": authentication, tenant, application (client) ID were not readable and went back to the default.']);
	});
});

describe("validateDeployment with Entra ID", () => {
	test("valid: ready, with the normalised sign-in settings, and no key needed", () => {
		const { ready, findings } = validateDeployment(cfg({ secretName: "", authorityHost: "https://login.microsoftonline.us/" }));
		expect(findings).toEqual([]);
		expect(ready?.entra).toEqual({ authorityHost: "https://login.microsoftonline.us", tenant: TENANT, clientId: CLIENT });
	});
	test("an empty authority host means the default", () => {
		expect(validateDeployment(cfg({ authorityHost: "" })).ready?.entra?.authorityHost).toBe(DEFAULT_AUTHORITY_HOST);
		expect(validateDeployment(cfg({ authorityHost: undefined })).ready?.entra?.authorityHost).toBe(DEFAULT_AUTHORITY_HOST);
	});
	test("a key deployment has no entra part", () => {
		expect(validateDeployment(cfg({ auth: "key", secretName: "k" })).ready?.entra).toBeUndefined();
		expect(validateDeployment(cfg({ auth: undefined, secretName: "" })).findings.map((f) => f.field)).toEqual(["secretName"]);
	});
	test("each bad field is a finding on that field; nothing can be sent", () => {
		const { ready, findings } = validateDeployment(cfg({ tenant: "contoso", clientId: "my-app", authorityHost: "http://login.microsoftonline.com" }));
		expect(ready).toBeNull();
		expect(findings.map((f) => [f.field, f.severity])).toEqual([["tenant", "error"], ["clientId", "error"], ["authorityHost", "error"]]);
		// A short label; the address is in the message.
		expect(findings[2]?.fix).toEqual({ label: "Use the global cloud", patch: { authorityHost: DEFAULT_AUTHORITY_HOST } });
		expect(findings[2]?.message).toContain(DEFAULT_AUTHORITY_HOST);
	});
	test("missing tenant and client id say where to find them", () => {
		const { findings } = validateDeployment(cfg({ tenant: "", clientId: "" }));
		expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/tenant/) as unknown, expect.stringMatching(/App registrations/) as unknown]);
	});
});
