import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { changePasswordBodySchema } from './auth.js';
import { isoDateSchema, uuidSchema } from './fields.js';
import { postPaymentBodySchema } from './payments.js';
import { PROBLEM_CODES, fieldProblemsOf, problem, problemOfIssue, type FieldProblem } from './problems.js';

const problemsOf = (schema: z.ZodType, value: unknown, withInput = true) => {
  const error = schema.safeParse(value).error;
  if (!error) throw new Error('expected a problem');
  return fieldProblemsOf(error, withInput ? value : undefined).map(({ field, code, params }: FieldProblem) => ({
    field,
    code,
    ...(params ? { params } : {}),
  }));
};

describe('fieldProblemsOf: every zod issue as a code with params', () => {
  const cases: { name: string; schema: z.ZodType; value: unknown; expected: unknown }[] = [
    {
      name: 'text too long',
      schema: z.object({ notes: z.string().max(4000) }),
      value: { notes: 'x'.repeat(4001) },
      expected: [{ field: 'notes', code: 'too_long', params: { max: 4000 } }],
    },
    {
      name: 'text too short',
      schema: z.object({ reason: z.string().min(3, { message: 'must explain why (3+ characters)' }) }),
      value: { reason: 'ab' },
      expected: [{ field: 'reason', code: 'too_short', params: { min: 3 } }],
    },
    {
      name: 'empty text is required',
      schema: z.object({ name: z.string().min(1) }),
      value: { name: '' },
      expected: [{ field: 'name', code: 'required' }],
    },
    {
      name: 'missing field',
      schema: z.object({ name: z.string() }),
      value: {},
      expected: [{ field: 'name', code: 'required' }],
    },
    {
      name: 'missing number with its own type message',
      schema: z.object({ n: z.number({ message: 'must be a number' }) }),
      value: {},
      expected: [{ field: 'n', code: 'required' }],
    },
    {
      name: 'wrong type',
      schema: z.object({ n: z.number() }),
      value: { n: 'x' },
      expected: [{ field: 'n', code: 'invalid_type', params: { expected: 'number' } }],
    },
    {
      name: 'not a whole number',
      schema: z.object({ n: z.number().int() }),
      value: { n: 1.5 },
      expected: [{ field: 'n', code: 'not_integer' }],
    },
    {
      name: 'number too small',
      schema: z.object({ n: z.number().min(5) }),
      value: { n: 1 },
      expected: [{ field: 'n', code: 'too_small', params: { min: 5 } }],
    },
    {
      name: 'number too big',
      schema: z.object({ n: z.number().max(5) }),
      value: { n: 9 },
      expected: [{ field: 'n', code: 'too_big', params: { max: 5 } }],
    },
    {
      name: 'positive',
      schema: z.object({ n: z.number().positive() }),
      value: { n: 0 },
      expected: [{ field: 'n', code: 'must_be_positive' }],
    },
    {
      name: 'list too long',
      schema: z.object({ l: z.array(z.string()).max(1) }),
      value: { l: ['a', 'b'] },
      expected: [{ field: 'l', code: 'too_many', params: { max: 1 } }],
    },
    {
      name: 'list too short',
      schema: z.object({ l: z.array(z.string()).min(1) }),
      value: { l: [] },
      expected: [{ field: 'l', code: 'too_few', params: { min: 1 } }],
    },
    {
      name: 'code list',
      schema: z.object({ c: z.enum(['a', 'b']) }),
      value: { c: 'z' },
      expected: [{ field: 'c', code: 'not_one_of', params: { options: 'a, b' } }],
    },
    {
      name: 'missing code',
      schema: z.object({ c: z.enum(['a', 'b']) }),
      value: {},
      expected: [{ field: 'c', code: 'required' }],
    },
    {
      name: 'literal',
      schema: z.object({ c: z.literal('x') }),
      value: { c: 'y' },
      expected: [{ field: 'c', code: 'must_be', params: { value: 'x' } }],
    },
    {
      name: 'uuid',
      schema: z.object({ id: uuidSchema }),
      value: { id: 'nope' },
      expected: [{ field: 'id', code: 'invalid_format', params: { format: 'uuid' } }],
    },
    {
      name: 'calendar date',
      schema: z.object({ d: isoDateSchema }),
      value: { d: '2026-02-30' },
      expected: [{ field: 'd', code: 'invalid_date' }],
    },
    {
      name: 'unknown fields',
      schema: z.object({}).strict(),
      value: { x: 1, y: 2 },
      expected: [{ field: 'request', code: 'unknown_fields', params: { keys: 'x, y' } }],
    },
    {
      name: 'nested path',
      schema: z.object({ plan: z.array(z.object({ amountMinor: z.number().max(10) })) }),
      value: { plan: [{ amountMinor: 11 }] },
      expected: [{ field: 'plan.0.amountMinor', code: 'too_big', params: { max: 10 } }],
    },
    {
      name: 'refinement with a code',
      schema: z.object({ s: z.string().refine(() => false, { params: problem('duplicate', { value: 'x' }) }) }),
      value: { s: 'a' },
      expected: [{ field: 's', code: 'duplicate', params: { value: 'x' } }],
    },
    {
      name: 'refinement without a code',
      schema: z.object({ s: z.string().refine(() => false) }),
      value: { s: 'a' },
      expected: [{ field: 's', code: 'invalid' }],
    },
    {
      name: 'contracts: must differ',
      schema: changePasswordBodySchema,
      value: { currentPassword: 'abcdefghijklmn', newPassword: 'abcdefghijklmn' },
      expected: [{ field: 'newPassword', code: 'must_differ' }],
    },
  ];
  it.each(cases)('$name', ({ schema, value, expected }) => {
    expect(problemsOf(schema, value)).toEqual(expected);
  });

  it('every problem carries the English message too', () => {
    const [p] = fieldProblemsOf(z.object({ notes: z.string().max(3) }).safeParse({ notes: 'abcd' }).error!);
    expect(p).toEqual({
      field: 'notes',
      code: 'too_long',
      params: { max: 3 },
      message: 'must be at most 3 characters',
    });
  });

  it('without the input, a missing field is still required (the contracts’ message)', () => {
    expect(problemsOf(z.object({ name: z.string() }), {}, false)).toEqual([{ field: 'name', code: 'required' }]);
  });

  it('a payment of zero must be positive', () => {
    const body = {
      accountId: '00000000-0000-4000-8000-000000000000',
      amountMinor: 0,
      currency: 'EUR',
      paidAt: '2026-01-01T00:00:00Z',
      channel: 'x',
      reference: 'r',
    };
    expect(problemsOf(postPaymentBodySchema, body).find((p) => p.field === 'amountMinor')).toEqual({
      field: 'amountMinor',
      code: 'must_be_positive',
    });
  });

  it('only codes from the closed list come out, whatever a refinement names', () => {
    expect(problemOfIssue({ code: 'custom', params: { code: 'made_up' } })).toEqual({ code: 'invalid' });
    expect(problemOfIssue({ code: 'invalid_union' })).toEqual({ code: 'invalid' });
    for (const code of PROBLEM_CODES) expect(problemOfIssue({ code: 'custom', params: { code } }).code).toBe(code);
  });
});
