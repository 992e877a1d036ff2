// Checks one response against the API's rules and its own OpenAPI document.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, Operation } from '../openapi-model.js';
import type { FuzzRequest } from './generators.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export type ViolationKind =
  | 'server_error'
  | 'process_died'
  | 'no_response'
  | 'undocumented_status'
  | 'body_not_as_documented'
  | 'wrong_media_type'
  | 'error_shape'
  | 'no_field_named'
  | 'fault_not_named'
  | 'accepted_invalid_input';

export interface Violation {
  kind: ViolationKind;
  detail: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** OpenAPI 3.0 schema -> JSON Schema draft 7 for Ajv: nullable, boolean exclusive bounds. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as JsonSchema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example' || key.startsWith('x-')) continue;
    out[key] =
      ['properties', 'patternProperties', 'definitions'].includes(key) && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toJsonSchema(v)]))
        : toJsonSchema(value);
  }
  if (source.exclusiveMinimum === true) {
    out.exclusiveMinimum = source.minimum;
    delete out.minimum;
  } else if (source.exclusiveMinimum === false) delete out.exclusiveMinimum;
  if (source.exclusiveMaximum === true) {
    out.exclusiveMaximum = source.maximum;
    delete out.maximum;
  } else if (source.exclusiveMaximum === false) delete out.exclusiveMaximum;
  if (source.nullable === true) {
    if (out.type !== undefined) {
      out.type = Array.isArray(out.type) ? [...new Set([...(out.type as string[]), 'null'])] : [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

/** Compiled validators of one operation: request body, and each documented response. */
export class OperationChecks {
  private readonly responses = new Map<string, { mediaType: string | null; validate: ValidateFunction | null }>();
  readonly validateBody: ValidateFunction | null;

  /** Which part of a request each parameter name is in (path, query, header). */
  private readonly partOf: Map<string, string>;

  constructor(
    readonly op: Operation,
    ajv: Ajv,
  ) {
    this.partOf = new Map(op.parameters.map((p) => [p.name, p.in]));
    this.validateBody =
      op.body && op.body.mediaType === 'application/json' ? ajv.compile(toJsonSchema(op.body.schema) as object) : null;
    for (const [status, response] of Object.entries(op.responses)) {
      const mediaType = response.content ? Object.keys(response.content)[0]! : null;
      const schema = mediaType ? response.content![mediaType]!.schema : undefined;
      this.responses.set(status, {
        mediaType,
        validate: mediaType === 'application/json' && schema ? ajv.compile(toJsonSchema(schema) as object) : null,
      });
    }
  }

  private part(field: string): string {
    return this.partOf.get(field.split('.')[0]!) ?? 'body';
  }

  bodyErrors(body: unknown): { keyword: string; instancePath: string }[] | null {
    if (!this.validateBody) return null;
    return this.validateBody(body)
      ? null
      : (this.validateBody.errors ?? []).map((e) => ({ keyword: e.keyword, instancePath: e.instancePath }));
  }

  /** Everything wrong with one answer to one request. */
  check(req: FuzzRequest, answer: Answer): Violation[] {
    const out: Violation[] = [];
    const { status } = answer;
    // A 5xx is reported as such (never documented: no need to say so twice).
    if (status >= 500) out.push({ kind: 'server_error', detail: `${status}` });
    const documented = this.responses.get(String(status));
    if (!documented) {
      if (status < 500)
        out.push({
          kind: 'undocumented_status',
          detail: `${status} is not among ${[...this.responses.keys()].join(', ')}`,
        });
    } else if (documented.mediaType === null) {
      if (answer.text.length)
        out.push({
          kind: 'body_not_as_documented',
          detail: `${status} is documented without a body, got ${answer.text.length} bytes`,
        });
    } else {
      const contentType = answer.headers.get('content-type') ?? '';
      if (!contentType.startsWith(documented.mediaType))
        out.push({
          kind: 'wrong_media_type',
          detail: `${status} ${contentType || 'no content-type'}, documented ${documented.mediaType}`,
        });
      else if (documented.validate) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(answer.text);
        } catch {
          out.push({ kind: 'body_not_as_documented', detail: `${status} body is not JSON` });
        }
        if (parsed !== undefined && !documented.validate(parsed)) {
          const errors = (documented.validate.errors ?? [])
            .slice(0, 3)
            .map((e) => `${e.instancePath || '/'} ${e.message}`);
          out.push({ kind: 'body_not_as_documented', detail: `${status}: ${errors.join('; ')}` });
        }
      }
    }

    if (status >= 400 && status < 500) {
      let error:
        | { code?: unknown; message?: unknown; requestId?: unknown; fields?: { field: string; message: string }[] }
        | undefined;
      try {
        error = (JSON.parse(answer.text) as { error?: typeof error }).error;
      } catch {
        // below
      }
      if (
        !error ||
        typeof error.code !== 'string' ||
        typeof error.message !== 'string' ||
        typeof error.requestId !== 'string'
      ) {
        out.push({ kind: 'error_shape', detail: `${status} ${answer.text.slice(0, 120)}` });
      } else {
        if (answer.headers.get('x-request-id') !== error.requestId)
          out.push({
            kind: 'error_shape',
            detail: `${status} requestId ${String(error.requestId)} differs from x-request-id ${answer.headers.get('x-request-id')}`,
          });
        if (status === 400 && !req.transport) {
          const fields = error.fields ?? [];
          if (!fields.length || fields.some((f) => typeof f.field !== 'string' || !f.field)) {
            out.push({
              kind: 'no_field_named',
              detail: `400 ${String(error.code)} "${String(error.message).slice(0, 100)}" names no field`,
            });
          } else if (
            req.mustReject &&
            req.faultField &&
            !fields.some((f) => sameField(f.field, req.faultField!)) &&
            fields.every((f) => this.part(f.field) === this.part(req.faultField!))
          ) {
            // Fastify validates params, body, query in turn and stops at the first part that fails,
            // so a fault is only missed when the fields named are in the same part as the fault.
            out.push({
              kind: 'fault_not_named',
              detail: `400 names ${fields.map((f) => f.field).join(', ')}, not ${req.faultField}`,
            });
          }
        }
      }
    }
    if (req.mustReject && status < 400)
      out.push({ kind: 'accepted_invalid_input', detail: `${status} for ${req.note}` });
    return out;
  }
}

/** `plan.0.dueDate` names the same field as `plan.0.dueDate`, `plan` or `plan.0.dueDate.x`. */
function sameField(named: string, fault: string): boolean {
  const a = named.replace(/\[(\d+)\]/g, '.$1');
  return (
    a === fault ||
    fault.startsWith(`${a}.`) ||
    a.startsWith(`${fault}.`) ||
    a.endsWith(`.${fault}`) ||
    a === fault.split('.').pop()
  );
}
