// The fuzz suite's own checks must catch what they claim to: each kind of violation on a made-up
// operation, and nothing on a correct answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../openapi-model.js';
import { createAjv, OperationChecks, toJsonSchema } from './check.js';
import { encodeComponent, requestsFor, type FuzzRequest } from './generators.js';

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
      required: ['code', 'message', 'requestId'],
    },
  },
  required: ['error'],
};
const op: Operation = {
  method: 'POST',
  path: '/api/things/{id}',
  route: '/api/things/:id',
  parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
  body: {
    mediaType: 'application/json',
    required: true,
    schema: {
      type: 'object',
      properties: {
        amount: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 100 },
        note: { type: 'string', nullable: true },
      },
      required: ['amount'],
    },
  },
  responses: {
    '201': {
      description: 'Created',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { id: { type: 'string' } },
            required: ['id'],
            additionalProperties: false,
          },
        },
      },
    },
    '204': { description: 'No content' },
    '400': { description: 'Invalid', content: { 'application/json': { schema: errorSchema } } },
  },
  security: [],
};
const checks = new OperationChecks(op, createAjv());
const request = (over: Partial<FuzzRequest> = {}): FuzzRequest => ({
  method: 'POST',
  url: '/api/things/x',
  headers: {},
  note: 'valid',
  mustReject: false,
  transport: false,
  ...over,
});
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers({ 'content-type': 'application/json; charset=utf-8', ...headers }),
  text: body === undefined ? '' : JSON.stringify(body),
});
const kinds = (req: FuzzRequest, a: ReturnType<typeof answer>) => checks.check(req, a).map((v) => v.kind);
const error400 = (fields?: { field: string; message: string }[]) => ({
  error: { code: 'validation_failed', message: 'no', requestId: 'r1', ...(fields ? { fields } : {}) },
});

describe('fuzz checks', () => {
  it('pass a documented answer', () => {
    expect(kinds(request(), answer(201, { id: 'a' }))).toEqual([]);
    expect(kinds(request(), { ...answer(204, undefined), headers: new Headers() })).toEqual([]);
    expect(
      kinds(
        request({ mustReject: true, faultField: 'amount' }),
        answer(400, error400([{ field: 'amount', message: 'x' }]), { 'x-request-id': 'r1' }),
      ),
    ).toEqual([]);
  });

  it('catch 5xx, undocumented statuses, bodies and media types unlike the document', () => {
    expect(kinds(request(), answer(500, { error: { code: 'internal_error', message: 'x', requestId: 'r' } }))).toEqual([
      'server_error',
    ]);
    expect(kinds(request(), answer(409, error400(), { 'x-request-id': 'r1' }))).toEqual(['undocumented_status']);
    expect(kinds(request(), answer(201, { id: 'a', secret: 'leak' }))).toEqual(['body_not_as_documented']);
    expect(
      kinds(request(), { ...answer(201, { id: 'a' }), headers: new Headers({ 'content-type': 'text/csv' }) }),
    ).toEqual(['wrong_media_type']);
    expect(kinds(request(), { ...answer(204, { id: 'a' }), headers: new Headers() })).toEqual([
      'body_not_as_documented',
    ]);
  });

  it('catch a 4xx without the error shape, or whose request id differs from the header', () => {
    expect(kinds(request(), answer(400, { message: 'bad' }))).toContain('error_shape');
    expect(
      kinds(request(), answer(400, error400([{ field: 'amount', message: 'x' }]), { 'x-request-id': 'other' })),
    ).toEqual(['error_shape']);
  });

  it('catch a 400 naming no field, or not the field at fault, unless the request was broken below field level', () => {
    expect(kinds(request(), answer(400, error400(), { 'x-request-id': 'r1' }))).toEqual(['no_field_named']);
    expect(kinds(request({ transport: true }), answer(400, error400(), { 'x-request-id': 'r1' }))).toEqual([]);
    expect(
      kinds(
        request({ mustReject: true, faultField: 'note' }),
        answer(400, error400([{ field: 'amount', message: 'x' }]), { 'x-request-id': 'r1' }),
      ),
    ).toEqual(['fault_not_named']);
    // Params are validated before the body: naming the id is not missing the body's fault.
    expect(
      kinds(
        request({ mustReject: true, faultField: 'note' }),
        answer(400, error400([{ field: 'id', message: 'x' }]), { 'x-request-id': 'r1' }),
      ),
    ).toEqual([]);
  });

  it('catch invalid input accepted', () => {
    expect(kinds(request({ mustReject: true, note: 'body note := "\\u0000"' }), answer(201, { id: 'a' }))).toEqual([
      'accepted_invalid_input',
    ]);
  });

  it('read OpenAPI 3.0 bounds and nullability as the document means them', () => {
    expect(checks.bodyErrors({ amount: 0 })).not.toBeNull(); // exclusiveMinimum: true
    expect(checks.bodyErrors({ amount: 1, note: null })).toBeNull();
    expect(toJsonSchema({ type: 'string', nullable: true, enum: ['a'] })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
  });
});

describe('fuzz generators', () => {
  it('send lone surrogates as the bytes a client would (not UTF-8), everything else percent-encoded', () => {
    expect(encodeComponent('a\ud800b')).toBe('a%ED%A0%80b');
    expect(encodeComponent('é/ ')).toBe('%C3%A9%2F%20');
  });

  it('mark hostile field values as to be refused, and say which field', () => {
    const requests = fc.sample(
      requestsFor(op, {
        ids: { id: 'c0ffee00-0000-4000-8000-000000000000' },
        foreignIds: ['00000000-0000-0000-0000-000000000000'],
        bodyErrors: (b) => checks.bodyErrors(b),
      }),
      { seed: 7, numRuns: 300 },
    );
    const nul = requests.filter((r) => typeof r.body === 'string' && r.body.includes('\\u0000'));
    expect(nul.length).toBeGreaterThan(0);
    for (const r of nul) expect(r.mustReject, r.note).toBe(true);
    const wrongType = requests.find((r) => r.note.startsWith('body amount := "'));
    expect(wrongType?.mustReject).toBe(true);
    expect(wrongType?.faultField).toBe('amount');
    expect(requests.some((r) => r.note === 'valid' && !r.mustReject)).toBe(true);
  });
});
