// A small checker for the subset of Microsoft's AzureCreateResponse schema (schema/azure-create-response.json,
// copied from Azure/azure-rest-api-specs, MIT) that the emulator needs: property names, JSON types, nullable,
// enum, minimum/maximum, `$ref` and single-`allOf` objects, arrays of enum strings. Hand-written rather than a
// JSON-schema library: the document is OpenAPI 3.0 (nullable, discriminator) and only a few shapes matter;
// the nested shapes the emulator serves (input items, text.format) are checked in responsesRules.ts.
// Error wordings follow OpenAI's (the same ones rules.ts uses for chat completions).
import schemaFile from './schema/azure-create-response.json';
import { oaiError, quoteList, typeName, type Verdict } from './errors';

export interface Schema {
	type?: string;
	nullable?: boolean;
	enum?: string[];
	minimum?: number;
	maximum?: number;
	properties?: Record<string, Schema>;
	required?: string[];
	items?: Schema;
	additionalProperties?: Schema | boolean;
	allOf?: Schema[];
	anyOf?: Schema[];
	$ref?: string;
}

const SCHEMAS = (schemaFile as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;

/** A schema by name (`OpenAI.Reasoning`) or `$ref` (`#/components/schemas/OpenAI.Reasoning`). Throws when missing. */
export function schemaNamed(nameOrRef: string): Schema {
	const s = SCHEMAS[nameOrRef.replace('#/components/schemas/', '')];
	if (!s) throw new Error(`schema ${nameOrRef} is not in the copied subset`);
	return s;
}

/** Follows `$ref` and merges a single `allOf` (the document's way of writing a nullable object). */
export function resolve(s: Schema): Schema {
	if (s.$ref) return resolve({ ...schemaNamed(s.$ref), ...(s.nullable ? { nullable: true } : {}) });
	if (s.allOf && s.allOf.length === 1 && s.allOf[0]) {
		const { allOf, ...rest } = s;
		const inner = resolve(allOf[0] as Schema);
		return { ...inner, ...rest, properties: { ...inner.properties, ...rest.properties } };
	}
	return s;
}

/** The request body schema. */
export const CREATE_RESPONSE: Schema = schemaNamed('AzureCreateResponse');

/** The enum of a named string schema (e.g. OpenAI.Includable), or of a property. */
export function enumOf(s: Schema): readonly string[] {
	return resolve(s).enum ?? [];
}

const TYPE_WORDS: Record<string, string> = {
	string: 'a string', number: 'a decimal', integer: 'an integer', boolean: 'a boolean', object: 'an object', array: 'an array',
};

function typeMatches(type: string, v: unknown): boolean {
	switch (type) {
		case 'string': return typeof v === 'string';
		case 'number': return typeof v === 'number';
		case 'integer': return typeof v === 'number' && Number.isInteger(v);
		case 'boolean': return typeof v === 'boolean';
		case 'array': return Array.isArray(v);
		case 'object': return typeof v === 'object' && v !== null && !Array.isArray(v);
		default: return true;
	}
}

/**
 * Checks `v` at `path` against a schema: type (null only when nullable), enum, minimum/maximum, array items,
 * and for objects each known property (unknown ones: `Unknown parameter: 'PATH.KEY'.`; a property without a
 * schema type, e.g. an anyOf, is left to the caller). `extraKeys` are accepted on top of the schema's.
 */
export function check(schema: Schema, v: unknown, path: string, extraKeys: readonly string[] = []): Verdict | null {
	const s = resolve(schema);
	if (v === null) return s.nullable || !s.type ? null : invalidType(path, s.type, v);
	if (s.type && !typeMatches(s.type, v)) return invalidType(path, s.type, v);
	if (s.enum && typeof v === 'string' && !s.enum.includes(v)) {
		return oaiError(`Invalid value: '${v}'. Supported values are: ${quoteList(s.enum)}.`, path, 'invalid_value');
	}
	if (typeof v === 'number') {
		const kind = s.type === 'integer' ? 'integer' : 'decimal';
		if (s.maximum !== undefined && v > s.maximum) return oaiError(`Invalid '${path}': ${kind} above maximum value. Expected a value <= ${s.maximum}, but got ${v} instead.`, path, `${kind}_above_max_value`);
		if (s.minimum !== undefined && v < s.minimum) return oaiError(`Invalid '${path}': ${kind} below minimum value. Expected a value >= ${s.minimum}, but got ${v} instead.`, path, `${kind}_below_min_value`);
	}
	if (Array.isArray(v) && s.items) {
		for (const [i, item] of v.entries()) {
			const r = check(s.items, item, `${path}[${i}]`);
			if (r) return r;
		}
	}
	if (s.type === 'object' && typeof v === 'object' && !Array.isArray(v)) {
		const o = v as Record<string, unknown>;
		for (const [k, val] of Object.entries(o)) {
			const at = path ? `${path}.${k}` : k;
			const prop = s.properties?.[k];
			if (!prop) {
				if (extraKeys.includes(k)) continue;
				if (typeof s.additionalProperties === 'object') {
					const r = check(s.additionalProperties, val, at);
					if (r) return r;
					continue;
				}
				if (s.properties) return unknownParameter(at);
				continue;
			}
			const r = check(prop, val, at);
			if (r) return r;
		}
		for (const k of s.required ?? []) {
			if (!(k in o)) return oaiError(`Missing required parameter: '${path ? `${path}.${k}` : k}'.`, path ? `${path}.${k}` : k, 'missing_required_parameter');
		}
	}
	return null;
}

function invalidType(path: string, type: string, v: unknown): Verdict {
	return oaiError(`Invalid type for '${path}': expected ${TYPE_WORDS[type] ?? type}, but got ${typeName(v)} instead.`, path, 'invalid_type');
}

/**
 * An unknown field, chat-completions spellings included. CHOICE (Azure's exact text not in the facts):
 * OpenAI's Responses wording `Unknown parameter: 'messages'.`, param = the field, code unknown_parameter.
 */
export function unknownParameter(path: string): Verdict {
	return oaiError(`Unknown parameter: '${path}'.`, path, 'unknown_parameter');
}
