// Request generators for the fuzz suite, built from an operation's documented schemas: valid
// inputs (what the document allows) and hostile ones (a valid request with one thing broken:
// wrong types, missing fields, huge strings, NUL, lone surrogates, impossible dates, extreme
// numbers, forged ids and cursors, bad encodings, malformed bodies).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  bounds,
  isDateSchema,
  isDateTimeSchema,
  type JsonSchema,
  type Operation,
  type Parameter,
} from '../openapi-model.js';

export interface FuzzRequest {
  method: string;
  /** Path and query, already percent-encoded (or deliberately not). */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** What this request is: `valid`, or the one thing that was broken. */
  note: string;
  /** The field the broken thing is in (body path `a.0.b`, or a parameter name). */
  faultField?: string;
  /** The input must be refused (4xx): it breaks the document's own schema or the API's text/date rules. */
  mustReject: boolean;
  /** Broken below the field level (URL encoding, JSON syntax, content type, size): 4xx without a field is fine. */
  transport: boolean;
}

export interface GeneratorContext {
  /** Values for fields by name (the world's ids, aimed at one team's data). */
  ids: Record<string, string>;
  /** Ids of other things, for forged references (another team's account, unknown ids). */
  foreignIds: string[];
  /** Validates a body against the operation's documented request schema; null when valid. */
  bodyErrors(body: unknown): { keyword: string; instancePath: string }[] | null;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

export const IMPOSSIBLE_DATES = [
  '2026-02-30',
  '2026-13-45',
  '0000-01-01',
  '99999-01-01',
  '2026-00-10',
  '2025-02-29',
  '2026-04-31',
  '2026-1-1',
];
export const IMPOSSIBLE_DATE_TIMES = [
  '2026-02-30T10:00:00Z',
  '2026-13-45T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '+099999-01-01T00:00:00Z',
  '2026-11-20T25:61:00Z',
  '2026-11-20T10:00:00+99:00',
];
const NUL_STRINGS = ['\u0000', 'a\u0000b', 'note \u0000 end'];
const SURROGATE_STRINGS = ['\ud800', 'a\udfffb', '\ud83d', 'x\udc00y'];
const NUMBERS = [
  2 ** 53,
  2 ** 53 - 1,
  -(2 ** 53),
  2 ** 63,
  -1,
  0,
  -0,
  1.5,
  0.1,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  -(2 ** 31) - 1,
];
const NUMERIC_STRINGS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '0x10',
  ' 1',
  '',
  '-0',
  '9007199254740993',
  '1e3',
  '١٢٣',
  '1,000',
];
const INJECTION_STRINGS = [
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '-1+1',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u202etxt.exe',
  '😀𠀋',
  '%00',
  '${jndi:ldap://x}',
];
const FORGED_IDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  '1',
  "' OR 1=1 --",
  '00000000-0000-0000-0000-00000000000g',
  `${randomUUID()}x`,
];
const WRONG_TYPES: unknown[] = [null, true, false, 0, 1, -1, '', 'text', [], [1, 'a'], {}, { a: 1 }];
/** Bad percent-encodings, sent as they are (not encoded again). */
export const RAW_PATH_SEGMENTS = ['%E0%A4%A', '%', '%FF', '%C0%AF', '%ED%A0%80', '%00', '..%2F..%2F', 'a%2Fb', '%zz'];

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
export const FORGED_CURSORS = [
  'AAAA',
  '!!!!',
  'eyJ',
  b64('not json'),
  b64([]),
  b64(['x']),
  b64(['not-a-date', 'not-a-uuid']),
  b64(['2026-02-30T00:00:00Z', '00000000-0000-0000-0000-000000000000']),
  b64(['0000-01-01T00:00:00Z', 'x', 'y']),
  b64(['\u0000', '\ud800']),
  b64([null, null]),
  b64([1, 2]),
  b64({ a: 1 }),
  b64(['9'.repeat(60), 'x'.repeat(60)]),
  b64(Array.from({ length: 50 }, () => 'x')),
];

const huge = (n: number) => fc.constant('x'.repeat(n));

/** Objects whose keys would poison prototypes: Fastify's JSON parser refuses the whole body. */
const PROTOTYPE_POISON: unknown[] = [
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
];
const isPoison = (value: unknown) => PROTOTYPE_POISON.includes(value);
/** Longer path segments are refused by the router (maxParamLength) before any route is known. */
const ROUTER_PARAM_LIMIT = 1000;

/** Hostile values suited to a field's schema (plus generic ones). */
export function hostileValue(
  schema: JsonSchema | undefined,
  name: string | undefined,
  ctx: GeneratorContext,
): fc.Arbitrary<unknown> {
  const s = schema ?? {};
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...WRONG_TYPES),
    fc.constantFrom(...NUL_STRINGS, ...SURROGATE_STRINGS),
  ];
  if (types.includes('string') || !types.length) {
    options.push(
      fc.constantFrom(...INJECTION_STRINGS),
      fc.oneof(huge(1_001), huge(70_000)),
      fc.constantFrom(...NUMERIC_STRINGS),
    );
    if (isDateSchema(s))
      options.push(
        fc.constantFrom(...IMPOSSIBLE_DATES),
        fc.constantFrom(...IMPOSSIBLE_DATES),
        fc.constantFrom(...IMPOSSIBLE_DATE_TIMES),
      );
    if (isDateTimeSchema(s))
      options.push(
        fc.constantFrom(...IMPOSSIBLE_DATE_TIMES),
        fc.constantFrom(...IMPOSSIBLE_DATE_TIMES),
        fc.constantFrom(...IMPOSSIBLE_DATES),
      );
    if (s.format === 'uuid' || (name && ctx.ids[name]))
      options.push(fc.constantFrom(...FORGED_IDS, ...ctx.foreignIds), fc.constantFrom(...ctx.foreignIds));
    if (name === 'cursor') options.push(fc.constantFrom(...FORGED_CURSORS), fc.constantFrom(...FORGED_CURSORS));
    if (s.enum)
      options.push(
        fc.constantFrom(...s.enum.map((v) => (typeof v === 'string' ? v.toUpperCase() + '_' : v)), 'unknown_value'),
      );
  }
  if (types.includes('integer') || types.includes('number'))
    options.push(fc.constantFrom(...NUMBERS), fc.constantFrom(...NUMBERS), fc.constantFrom(...NUMERIC_STRINGS));
  if (types.includes('array'))
    options.push(fc.constant(Array.from({ length: 1_000 }, () => 'x')), fc.constant([null]), fc.constant([[]]));
  if (types.includes('object')) options.push(fc.constantFrom(...PROTOTYPE_POISON), fc.constant([]));
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------
// Valid values

function bigRange(min: number, max: number): fc.Arbitrary<number> {
  if (min >= -(2 ** 31) && max <= 2 ** 31 - 1) return fc.integer({ min, max });
  return fc.bigInt({ min: BigInt(Math.ceil(min)), max: BigInt(Math.floor(max)) }).map(Number);
}

const validDate = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2030-12-31T00:00:00Z'),
  noInvalidDate: true,
});

/** Values the document allows for a schema (the world's ids for fields of those names, mostly). */
export function validValue(
  schema: JsonSchema,
  name: string | undefined,
  ctx: GeneratorContext,
  depth = 0,
): fc.Arbitrary<unknown> {
  const types = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : schema.properties
        ? ['object']
        : schema.items
          ? ['array']
          : [];
  const known = name ? ctx.ids[name] : undefined;
  let arb: fc.Arbitrary<unknown>;
  if (known !== undefined && (types.includes('string') || schema.anyOf || schema.oneOf)) {
    arb = fc.oneof(
      { arbitrary: fc.constant(known), weight: 6 },
      { arbitrary: fc.constantFrom(...ctx.foreignIds), weight: 1 },
    );
  } else if (schema.const !== undefined) arb = fc.constant(schema.const);
  else if (schema.enum?.length) arb = fc.constantFrom(...schema.enum);
  else if (schema.anyOf?.length || schema.oneOf?.length)
    arb = fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((m) => validValue(m, name, ctx, depth + 1)));
  else if (schema.allOf?.length) arb = validValue(schema.allOf[0]!, name, ctx, depth + 1);
  else {
    switch (types[0]) {
      case 'object': {
        const props = Object.entries(schema.properties ?? {});
        if (!props.length) {
          arb =
            depth > 3
              ? fc.constant({})
              : fc.dictionary(
                  fc.string({ minLength: 1, maxLength: 12 }),
                  fc.oneof(fc.integer(), fc.string({ maxLength: 20 }), fc.boolean()),
                  { maxKeys: 4 },
                );
          break;
        }
        arb = fc.record(Object.fromEntries(props.map(([key, prop]) => [key, validValue(prop, key, ctx, depth + 1)])), {
          requiredKeys: props.map(([key]) => key).filter((key) => schema.required?.includes(key)),
        });
        break;
      }
      case 'array': {
        const maxLength = Math.min(schema.maxItems ?? 3, Math.max(schema.minItems ?? 0, 3));
        arb = schema.items
          ? fc.array(validValue(schema.items, name, ctx, depth + 1), { minLength: schema.minItems ?? 0, maxLength })
          : fc.constant([]);
        break;
      }
      case 'integer': {
        const { min, max } = bounds(schema);
        const lo = Math.ceil(min);
        const hi = Math.floor(max);
        const small = bigRange(Math.max(lo, -1000), Math.min(hi, Math.max(lo, -1000) + 100_000));
        arb = fc.oneof(
          { arbitrary: small, weight: 5 },
          { arbitrary: bigRange(lo, hi), weight: 1 },
          { arbitrary: fc.constantFrom(lo, hi), weight: 1 },
        );
        break;
      }
      case 'number': {
        const { min, max } = bounds(schema);
        arb = fc.double({ min: Math.max(min, -1e9), max: Math.min(max, 1e9), noNaN: true, noDefaultInfinity: true });
        break;
      }
      case 'boolean':
        arb = fc.boolean();
        break;
      case 'null':
        arb = fc.constant(null);
        break;
      default: {
        if (schema.format === 'uuid') arb = fc.uuid({ version: 4 });
        else if (isDateTimeSchema(schema)) arb = validDate.map((d) => d.toISOString());
        else if (isDateSchema(schema)) arb = validDate.map((d) => d.toISOString().slice(0, 10));
        else if (schema.format === 'email')
          arb = fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
        else if (schema.pattern)
          arb = fc
            .stringMatching(new RegExp(schema.pattern), { size: 'xsmall' })
            .filter((v) => v.length <= (schema.maxLength ?? Infinity) && v.length >= (schema.minLength ?? 0));
        else {
          const minLength = schema.minLength ?? 0;
          const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
          arb = fc.oneof(
            { arbitrary: fc.string({ minLength, maxLength }), weight: 4 },
            { arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }), weight: 1 },
            { arbitrary: fc.constant('x'.repeat(schema.maxLength ?? minLength)), weight: 1 },
          );
        }
      }
    }
  }
  return schema.nullable ? fc.option(arb, { nil: null, freq: 6 }) : arb;
}

// ---------------------------------------------------------------------------------------------
// Paths inside a JSON value, and the schema at a path

type Path = (string | number)[];

export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

export function schemaAt(schema: JsonSchema | undefined, path: Path): JsonSchema | undefined {
  let current = schema;
  for (const segment of path) {
    if (!current) return undefined;
    const members = current.anyOf ?? current.oneOf ?? current.allOf;
    if (members)
      current = members.find((m) => (typeof segment === 'number' ? m.items : m.properties?.[segment])) ?? members[0];
    if (!current) return undefined;
    current =
      typeof segment === 'number'
        ? current.items
        : (current.properties?.[segment] ??
          (typeof current.additionalProperties === 'object' ? current.additionalProperties : undefined));
  }
  return current;
}

function setAt(value: unknown, path: Path, next: unknown): unknown {
  if (!path.length) return next;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = setAt(copy[path[0]!], path.slice(1), next);
  return copy;
}

function deleteAt(value: unknown, path: Path): unknown {
  if (path.length === 1) {
    if (Array.isArray(value)) return value.filter((_, i) => i !== path[0]);
    const { [path[0]!]: _, ...rest } = value as Record<string, unknown>;
    return rest;
  }
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = deleteAt(copy[path[0]!], path.slice(1));
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Rules every text and date field follows, whatever its schema says

function hasBadText(value: unknown): boolean {
  if (typeof value === 'string')
    return (
      value.includes('\u0000') || /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)
    );
  if (Array.isArray(value)) return value.some(hasBadText);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasBadText(k) || hasBadText(v));
  return false;
}

function isImpossibleDate(schema: JsonSchema | undefined, value: unknown): boolean {
  if (!schema || typeof value !== 'string' || !(isDateSchema(schema) || isDateTimeSchema(schema))) return false;
  return IMPOSSIBLE_DATES.includes(value) || IMPOSSIBLE_DATE_TIMES.includes(value);
}

/** Schema keywords a wrong value certainly breaks, whatever the API trims or coerces first. */
const CERTAIN_KEYWORDS = new Set([
  'type',
  'required',
  'enum',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'maxLength',
  'maxItems',
  'minItems',
  'format',
]);

// ---------------------------------------------------------------------------------------------
// Encoding

/** encodeURIComponent, except lone surrogates become their WTF-8 bytes (what a client could send). */
export function encodeComponent(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff)
      out += `%ED%${(0xa0 | ((code >> 6) & 0x0f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Requests

interface Base {
  path: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: unknown;
  csv: { bytes: Uint8Array; note: string } | undefined;
}

interface Parts {
  path: Record<string, string>;
  rawPath: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body?: unknown;
  rawBody?: string | Uint8Array;
  contentType?: string;
}

function build(
  op: Operation,
  parts: Parts,
  meta: Omit<FuzzRequest, 'method' | 'url' | 'headers' | 'body'>,
): FuzzRequest {
  const path = op.path.replace(
    /\{(\w+)\}/g,
    (_, name: string) => parts.rawPath[name] ?? encodeComponent(parts.path[name] ?? ''),
  );
  const qs = parts.query.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&');
  const headers = { ...parts.headers };
  let body: string | Uint8Array | undefined;
  if (parts.rawBody !== undefined) body = parts.rawBody;
  else if (parts.body !== undefined) body = JSON.stringify(parts.body);
  if (body !== undefined) headers['content-type'] = parts.contentType ?? 'application/json';
  return {
    method: op.method,
    url: qs ? `${path}?${qs}` : path,
    headers,
    ...(body === undefined ? {} : { body }),
    ...meta,
  };
}

/** Header values are ISO-8859-1 on the wire: printable ASCII within the documented length. */
function headerValue(schema: JsonSchema): fc.Arbitrary<string> {
  const unit = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:');
  return fc.string({ unit, minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 64, 64) });
}

function queryArb(params: Parameter[], ctx: GeneratorContext): fc.Arbitrary<[string, string][]> {
  if (!params.length) return fc.constant([]);
  return fc
    .tuple(
      ...params.map((p) =>
        p.required
          ? validValue(p.schema, p.name, ctx).map((v) => [v] as const)
          : fc.option(
              validValue(p.schema, p.name, ctx).map((v) => [v] as const),
              { nil: undefined, freq: 2 },
            ),
      ),
    )
    .map((values) =>
      values.flatMap((v, i): [string, string][] => (v === undefined ? [] : [[params[i]!.name, stringify(v[0])]])),
    );
}

/** A CSV upload: a header and a few rows, valid-looking or with hostile cells, as bytes. */
function csvArb(op: Operation, ctx: GeneratorContext): fc.Arbitrary<{ bytes: Uint8Array; note: string }> {
  const payments = op.path.endsWith('/payments');
  const columns = payments
    ? ['account_external_id', 'amount', 'currency', 'paid_at', 'channel', 'reference']
    : [
        'debtor_external_id',
        'account_external_id',
        'currency',
        'family_name',
        'given_name',
        'full_name',
        'date_of_birth',
        'preferred_language',
        'time_zone',
        'mobile_phone',
        'email',
        'balance',
        'overdue',
        'instalment',
        'oldest_unpaid_due_date',
        'opened_at',
        'status',
        'assigned_collector',
      ];
  const validCell = (column: string): fc.Arbitrary<string> => {
    if (column.endsWith('external_id'))
      return fc.oneof(fc.constant(ctx.ids.account ?? 'A1'), fc.stringMatching(/^[A-Z][0-9]{3,8}$/));
    if (['amount', 'balance', 'overdue', 'instalment'].includes(column))
      return fc.integer({ min: 0, max: 1_000_000 }).map((n) => (n / 100).toFixed(2));
    if (column === 'currency') return fc.constantFrom('USD', 'GBP', 'CNY', 'JPY');
    if (column.includes('date') || column.endsWith('_at')) return validDate.map((d) => d.toISOString().slice(0, 10));
    if (column === 'preferred_language') return fc.constantFrom('en', 'zh-CN');
    if (column === 'time_zone') return fc.constantFrom('America/New_York', 'Europe/London', 'Asia/Shanghai');
    if (column === 'mobile_phone') return fc.constantFrom('+1 212-555-0142', '+44 20 7946 0018', '13800138000');
    if (column === 'email') return fc.emailAddress();
    if (column === 'status') return fc.constantFrom('open', 'closed');
    if (column === 'channel') return fc.constantFrom('bank_transfer', 'card', 'cash');
    return fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,20}$/);
  };
  const hostileCell = fc.oneof(
    fc.constantFrom(
      ...NUL_STRINGS,
      ...INJECTION_STRINGS,
      ...NUMERIC_STRINGS,
      ...IMPOSSIBLE_DATES,
      ...IMPOSSIBLE_DATE_TIMES,
      '9007199254740993',
      '1e308',
      '-1',
      '"unbalanced',
      'a,b',
      'a;b',
      '\n',
    ),
    fc.constant('x'.repeat(5_000)),
  );
  const quote = (cell: string) => (/[",;\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const row = fc.tuple(...columns.map(validCell), fc.nat(columns.length * 3), hostileCell).map(([...cells]) => {
    const hostile = cells.pop() as string;
    const at = cells.pop() as number;
    const values = cells as string[];
    if (at < columns.length) values[at] = hostile; // a third of the rows carry one hostile cell
    return values.map(quote).join(',');
  });
  const invalidUtf8 = [
    new Uint8Array([0xff, 0xfe, 0x41]),
    new Uint8Array([0xed, 0xa0, 0x80]),
    new Uint8Array([0xc0, 0xaf]),
  ];
  return fc
    .tuple(
      fc.array(row, { minLength: 0, maxLength: 8 }),
      fc.constantFrom(
        'plain',
        'plain',
        'plain',
        'bom',
        'semicolon',
        'missing-column',
        'invalid-utf8',
        'empty',
        'only-header',
      ),
      fc.constantFrom(...invalidUtf8),
    )
    .map(([rows, variant, bad]) => {
      let header = columns.join(',');
      if (variant === 'missing-column') header = columns.slice(1).join(',');
      let text = [header, ...rows].join('\n') + '\n';
      if (variant === 'semicolon') text = text.replace(/,/g, ';');
      if (variant === 'bom') text = `\ufeff${text}`;
      if (variant === 'empty') text = '';
      if (variant === 'only-header') text = `${header}\n`;
      let bytes: Uint8Array = Buffer.from(text, 'utf8');
      if (variant === 'invalid-utf8')
        bytes = Buffer.concat([
          Buffer.from(`${header}\n`),
          Buffer.from(bad),
          Buffer.from(',1.00,USD,2026-11-01,card,r1\n'),
        ]);
      return { bytes, note: `csv ${variant}, ${rows.length} rows` };
    });
}

/**
 * Requests for one operation: about a third valid per the document, the rest a valid request
 * with one thing broken. Each request says what was broken and whether it must be refused.
 */
export function requestsFor(op: Operation, ctx: GeneratorContext): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const csv = op.body?.mediaType === 'text/csv';
  const jsonBody = op.body && !csv ? op.body.schema : undefined;

  const base: fc.Arbitrary<Base> = fc.record({
    path: fc.record(
      Object.fromEntries(pathParams.map((p) => [p.name, validValue(p.schema, p.name, ctx).map(stringify)])),
    ) as fc.Arbitrary<Record<string, string>>,
    query: queryArb(queryParams, ctx),
    headers: fc.record(Object.fromEntries(headerParams.map((p) => [p.name, headerValue(p.schema)])), {
      requiredKeys: [],
    }) as fc.Arbitrary<Record<string, string>>,
    body: jsonBody ? validValue(jsonBody, undefined, ctx) : fc.constant(undefined),
    csv: csv ? csvArb(op, ctx) : fc.constant(undefined),
  });

  const valid = base.map((b) =>
    build(
      op,
      {
        path: b.path,
        rawPath: {},
        query: b.query,
        headers: b.headers,
        body: b.body,
        ...(b.csv ? { rawBody: b.csv.bytes, contentType: 'text/csv' } : {}),
      },
      { note: b.csv ? `valid query, ${b.csv.note}` : 'valid', mustReject: false, transport: false },
    ),
  );

  const mutations: { arbitrary: fc.Arbitrary<FuzzRequest>; weight: number }[] = [];
  const partsOf = (b: Base): Parts => ({
    path: b.path,
    rawPath: {},
    query: b.query,
    headers: b.headers,
    body: b.body,
    ...(b.csv ? { rawBody: b.csv.bytes, contentType: 'text/csv' } : {}),
  });

  if (pathParams.length) {
    mutations.push({
      weight: 3,
      arbitrary: fc.tuple(base, fc.constantFrom(...pathParams), fc.nat(9)).chain(([b, p, n]) =>
        fc
          .oneof(hostileValue(p.schema, p.name, ctx).map(stringify), fc.constantFrom(...FORGED_IDS, ...ctx.foreignIds))
          .map((value) => {
            const v = n === 0 ? 'a'.repeat(150) : value;
            // A lone surrogate can only travel as bytes that are not UTF-8, which the router cannot decode;
            // a segment over the router's limit is refused before any route is known. No field to name.
            const undecodable = /[\ud800-\udfff]/.test(v) || v.length > ROUTER_PARAM_LIMIT;
            return build(
              op,
              { ...partsOf(b), path: { ...b.path, [p.name]: v } },
              {
                note: `path ${p.name} := ${show(v)}`,
                faultField: p.name,
                mustReject: hasBadText(v) || v === '',
                transport: undecodable,
              },
            );
          }),
      ),
    });
    mutations.push({
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...pathParams), fc.constantFrom(...RAW_PATH_SEGMENTS))
        .map(([b, p, raw]) =>
          build(
            op,
            { ...partsOf(b), rawPath: { [p.name]: raw } },
            { note: `path ${p.name} raw ${raw}`, faultField: p.name, mustReject: false, transport: true },
          ),
        ),
    });
  }
  if (queryParams.length) {
    mutations.push({
      weight: 4,
      arbitrary: fc.tuple(base, fc.constantFrom(...queryParams)).chain(([b, p]) =>
        hostileValue(p.schema, p.name, ctx).map((value) => {
          const v = stringify(value);
          const query = [...b.query.filter(([k]: [string, string]) => k !== p.name), [p.name, v] as [string, string]];
          // In a URL a lone surrogate can only be sent as bytes that are not UTF-8, which the query
          // parser keeps as the literal text `%ED%A0%80`: harmless text, not a surrogate. NUL does arrive.
          const mustReject =
            v.includes('\u0000') ||
            isImpossibleDate(p.schema, v) ||
            (p.schema.enum !== undefined && !p.schema.enum.includes(v));
          return build(
            op,
            { ...partsOf(b), query },
            { note: `query ${p.name} := ${show(v)}`, faultField: p.name, mustReject, transport: false },
          );
        }),
      ),
    });
    mutations.push({
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...queryParams), fc.constantFrom('duplicate', 'unknown', 'drop', 'raw'))
        .map(([b, p, how]) => {
          if (how === 'duplicate') {
            const value = b.query.find(([k]: [string, string]) => k === p.name)?.[1] ?? 'x';
            return build(
              op,
              { ...partsOf(b), query: [...b.query, [p.name, value], [p.name, `${value}2`]] },
              { note: `query ${p.name} given twice`, faultField: p.name, mustReject: false, transport: false },
            );
          }
          if (how === 'unknown')
            return build(
              op,
              { ...partsOf(b), query: [...b.query, ['__proto__', 'x'], ['constructor[prototype][polluted]', '1']] },
              { note: 'query unknown parameters', mustReject: false, transport: false },
            );
          if (how === 'raw') {
            const req = build(op, partsOf(b), {
              note: `query ${p.name} raw %E0%A4%A`,
              faultField: p.name,
              mustReject: false,
              transport: true,
            });
            return { ...req, url: `${req.url}${req.url.includes('?') ? '&' : '?'}${p.name}=%E0%A4%A` };
          }
          return build(
            op,
            { ...partsOf(b), query: b.query.filter(([k]: [string, string]) => k !== p.name) },
            { note: `query ${p.name} left out`, faultField: p.name, mustReject: p.required === true, transport: false },
          );
        }),
    });
  }
  if (jsonBody) {
    mutations.push({
      weight: 6,
      arbitrary: fc.tuple(base, fc.nat()).chain(([b, n]) => {
        const paths = pathsOf(b.body);
        if (!paths.length)
          return fc.constant(
            build(
              op,
              { ...partsOf(b), body: { unexpected: 'field' } },
              { note: 'body with an unknown field only', mustReject: false, transport: false },
            ),
          );
        const path = paths[n % paths.length]!;
        const fieldSchema = schemaAt(jsonBody, path);
        return hostileValue(fieldSchema, String(path[path.length - 1]), ctx).map((value) => {
          const body = setAt(b.body, path, value);
          const errors = ctx.bodyErrors(body);
          const certain = errors?.some((e) => CERTAIN_KEYWORDS.has(e.keyword)) ?? false;
          const mustReject = certain || hasBadText(value) || isImpossibleDate(fieldSchema, value) || isPoison(value);
          return build(
            op,
            { ...partsOf(b), body },
            {
              note: `body ${path.join('.')} := ${show(value)}`,
              faultField: path.join('.'),
              mustReject,
              transport: isPoison(value),
            },
          );
        });
      }),
    });
    mutations.push({
      weight: 2,
      arbitrary: fc.tuple(base, fc.nat()).map(([b, n]) => {
        const paths = pathsOf(b.body);
        if (!paths.length)
          return build(op, { ...partsOf(b), body: undefined }, { note: 'no body', mustReject: true, transport: true });
        const path = paths[n % paths.length]!;
        const body = deleteAt(b.body, path);
        const errors = ctx.bodyErrors(body);
        return build(
          op,
          { ...partsOf(b), body },
          {
            note: `body ${path.join('.')} left out`,
            faultField: path.join('.'),
            mustReject: errors?.some((e) => e.keyword === 'required') ?? false,
            transport: false,
          },
        );
      }),
    });
  }
  if (op.method !== 'GET') {
    // Whatever the route, the JSON parser refuses malformed or empty JSON and the body limit
    // holds; the rest must be refused where the route takes a body at all.
    const takesBody = Boolean(op.body);
    mutations.push({
      weight: 2,
      arbitrary: fc
        .tuple(
          base,
          fc.constantFrom(
            'null',
            'array',
            'string',
            'number',
            'malformed',
            'truncated',
            'empty',
            'text/plain',
            'form',
            'no-type',
            'huge',
            'deep',
          ),
        )
        .map(([b, how]) => {
          const parts = partsOf(b);
          const meta = (note: string, mustReject: boolean, transport: boolean) => ({
            note: `body ${note}`,
            mustReject,
            transport,
          });
          const json = JSON.stringify(b.body ?? {});
          switch (how) {
            case 'null':
              return build(
                op,
                { ...parts, rawBody: 'null', contentType: 'application/json' },
                meta('null', takesBody, false),
              );
            case 'array':
              return build(
                op,
                { ...parts, rawBody: '[]', contentType: 'application/json' },
                meta('[]', takesBody, false),
              );
            case 'string':
              return build(
                op,
                { ...parts, rawBody: '"text"', contentType: 'application/json' },
                meta('"text"', takesBody, false),
              );
            case 'number':
              return build(
                op,
                { ...parts, rawBody: '1e999', contentType: 'application/json' },
                meta('1e999', takesBody, false),
              );
            case 'malformed':
              return build(
                op,
                { ...parts, rawBody: '{"a":', contentType: 'application/json' },
                meta('malformed JSON', true, true),
              );
            case 'truncated':
              return build(op, { ...parts, rawBody: '{', contentType: 'application/json' }, meta('{', true, true));
            case 'empty':
              return build(
                op,
                { ...parts, rawBody: '', contentType: csv ? 'text/csv' : 'application/json' },
                meta('empty', !csv || takesBody, true),
              );
            case 'text/plain':
              return build(
                op,
                { ...parts, rawBody: json, contentType: 'text/plain' },
                meta('as text/plain', takesBody, true),
              );
            case 'form':
              return build(
                op,
                { ...parts, rawBody: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
                meta('as a form', true, true),
              );
            case 'no-type': {
              const req = build(op, { ...parts, rawBody: json }, meta('without content-type', takesBody, true));
              delete req.headers['content-type'];
              return req;
            }
            case 'huge':
              return build(
                op,
                {
                  ...parts,
                  rawBody: JSON.stringify({ pad: 'x'.repeat(1_100_000) }),
                  contentType: csv ? 'text/csv' : 'application/json',
                },
                meta('over 1 MB', !csv, true),
              );
            case 'deep':
            default:
              return build(
                op,
                { ...parts, rawBody: `${'['.repeat(5_000)}${']'.repeat(5_000)}`, contentType: 'application/json' },
                meta('nested 5,000 deep', takesBody, false),
              );
          }
        }),
    });
  }
  if (csv) {
    mutations.push({
      weight: 2,
      arbitrary: fc
        .tuple(base, fc.constantFrom('json', 'none'))
        .map(([b, how]) =>
          how === 'json'
            ? build(
                op,
                { ...partsOf(b), rawBody: JSON.stringify({ rows: [] }), contentType: 'application/json' },
                { note: 'import sent as JSON', mustReject: true, transport: true },
              )
            : build(
                op,
                { ...partsOf(b), rawBody: undefined, body: undefined },
                { note: 'import without a body', mustReject: true, transport: true },
              ),
        ),
    });
  }
  if (headerParams.length) {
    mutations.push({
      weight: 1,
      arbitrary: fc
        .tuple(
          base,
          fc.constantFrom(...headerParams),
          fc.constantFrom('', 'x', 'k'.repeat(500), 'key with spaces', 'ключ-ключ-ключ'),
        )
        .map(([b, p, v]) => {
          const req = build(op, partsOf(b), {
            note: `header ${p.name} := ${show(v)}`,
            faultField: p.name,
            mustReject: false,
            transport: false,
          });
          // Header values must be ISO-8859-1 for the client; anything else is sent percent-encoded.
          req.headers[p.name] = /^[\x20-\x7e]*$/.test(v) ? v : encodeURIComponent(v);
          return req;
        }),
    });
  }
  if (!mutations.length) return valid;
  const total = mutations.reduce((sum, m) => sum + m.weight, 0);
  return fc.oneof(
    { arbitrary: valid, weight: 35 },
    ...mutations.map((m) => ({ arbitrary: m.arbitrary, weight: Math.max(1, Math.round((m.weight * 65) / total)) })),
  );
}

/** A value, short enough for a report line. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 60)}... (${text.length} chars)` : text;
}
