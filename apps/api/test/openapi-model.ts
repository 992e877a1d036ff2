// The API's OpenAPI document read as a list of operations, with deterministic example inputs
// (authorisation matrix) built from each operation's own schemas. The fuzz suite's generators
// (test/fuzz/) build on the same model.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  [key: string]: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface DocResponse {
  description: string;
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. /api/accounts/{id}/case-file */
  path: string;
  /** Fastify path, e.g. /api/accounts/:id/case-file */
  route: string;
  parameters: Parameter[];
  body?: { mediaType: string; schema: JsonSchema; required: boolean };
  responses: Record<string, DocResponse>;
  security: unknown[] | undefined;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
        responses: Record<string, DocResponse>;
        security?: unknown[];
      }
    >
  >;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const media = op.requestBody ? Object.keys(op.requestBody.content)[0]! : undefined;
      return {
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        parameters: op.parameters ?? [],
        body:
          op.requestBody && media
            ? {
                mediaType: media,
                schema: op.requestBody.content[media]!.schema,
                required: op.requestBody.required ?? false,
              }
            : undefined,
        responses: op.responses,
        security: op.security,
      };
    }),
  );
}

/** OpenAPI 3.0 numeric bounds as plain numbers: exclusiveMinimum may be a boolean next to minimum. */
export function bounds(schema: JsonSchema): { min: number; max: number; integer: boolean } {
  const integer = schema.type === 'integer';
  const step = integer ? 1 : 1e-6;
  let min = schema.minimum ?? -Number.MAX_SAFE_INTEGER;
  let max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  if (schema.exclusiveMinimum === true) min += step;
  else if (typeof schema.exclusiveMinimum === 'number') min = schema.exclusiveMinimum + step;
  if (schema.exclusiveMaximum === true) max -= step;
  else if (typeof schema.exclusiveMaximum === 'number') max = schema.exclusiveMaximum - step;
  return { min, max, integer };
}

export const DATE_PATTERN_SOURCE = '^\\d{4}-\\d{2}-\\d{2}$';
export function isDateSchema(schema: JsonSchema): boolean {
  return (
    schema.format === 'date' ||
    (typeof schema.pattern === 'string' &&
      (schema.pattern.includes('\\d{4}-\\d{2}-\\d{2}') || schema.pattern.includes('(\\d{4})-(\\d{2})-(\\d{2})')))
  );
}
export function isDateTimeSchema(schema: JsonSchema): boolean {
  return schema.format === 'date-time';
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

/** The first member of a union that is not null-only. */
function firstMember(members: JsonSchema[]): JsonSchema {
  return (
    members.find((m) => !(m.nullable && m.enum?.length === 1 && m.enum[0] === null) && m.type !== 'null') ?? members[0]!
  );
}

/**
 * A plain, valid-looking example of a schema: the smallest thing that satisfies it, with the
 * world's ids for fields of those names (and optional fields included when the world has a
 * value for them). Deterministic, so the matrix sends the same request every run.
 */
export function exampleOf(schema: JsonSchema, name: string | undefined, ids: Record<string, string>): unknown {
  if (name && ids[name] !== undefined && (typesOf(schema).includes('string') || schema.anyOf || schema.oneOf))
    return ids[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  if (schema.anyOf?.length) return exampleOf(firstMember(schema.anyOf), name, ids);
  if (schema.oneOf?.length) return exampleOf(firstMember(schema.oneOf), name, ids);
  if (schema.allOf?.length) return exampleOf(schema.allOf[0]!, name, ids);
  if (schema.default !== undefined) return schema.default;
  const type = typesOf(schema)[0];
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || ids[key] !== undefined) out[key] = exampleOf(prop, key, ids);
      }
      return out;
    }
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, 1);
      return schema.items ? Array.from({ length: count }, () => exampleOf(schema.items!, name, ids)) : [];
    }
    case 'integer':
    case 'number': {
      const { min, max } = bounds(schema);
      return Math.min(Math.max(1, Math.ceil(min)), Math.floor(max));
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
    default: {
      if (schema.format === 'uuid') return 'c0ffee00-0000-4000-8000-000000000000';
      if (isDateTimeSchema(schema)) return '2026-11-20T10:00:00.000Z';
      if (isDateSchema(schema)) return '2026-11-01';
      if (schema.format === 'email') return 'someone@example.com';
      if (schema.pattern === '^[A-Z]{3}$') return 'USD';
      if (schema.pattern) return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { seed: 1, numRuns: 1 })[0];
      const text = 'example text';
      return text.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? text.length);
    }
  }
}

/** An operation's URL with its path parameters filled in (encoded) and the given query. */
export function urlOf(op: Operation, pathValues: Record<string, string>, query: [string, string][] = []): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(pathValues[name] ?? 'c0ffee00-0000-4000-8000-000000000000'),
  );
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return qs ? `${path}?${qs}` : path;
}
