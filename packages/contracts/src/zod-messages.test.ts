import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loginBodySchema } from './auth.js';
import { stageSchema } from './fields.js';

const messages = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')} ${i.message}`);

describe('contract messages for checks without their own', () => {
  it('say what is wrong in the contracts’ words', () => {
    const s = z.object({
      name: z.string().max(3),
      tags: z.array(z.string()).max(1),
      n: z.number().int().min(1).max(5),
      note: z.string().min(2),
      flag: z.boolean(),
    });
    expect(messages(s, { name: 'abcd', tags: ['a', 'b'], n: 9, note: 'x', flag: 'yes' })).toEqual([
      'name must be at most 3 characters',
      'tags must have at most 1 items',
      'n must be at most 5',
      'note must be at least 2 characters',
      'flag must be true or false',
    ]);
    expect(messages(s, {})).toEqual([
      'name is required',
      'tags is required',
      'n is required',
      'note is required',
      'flag is required',
    ]);
  });

  it('a value outside a code list names the list; a missing one is required', () => {
    const s = z.object({ stage: stageSchema, kind: z.literal('x') });
    expect(messages(s, { stage: 'm9', kind: 'y' })).toEqual([
      'stage must be one of pre_due, m1, m2, m3, m4_plus',
      'kind must be x',
    ]);
    expect(messages(s, {})).toEqual(['stage is required', 'kind is required']);
  });

  it('a field-wide message no longer stands in for another problem (a 100,000-character password is too long, not missing)', () => {
    expect(messages(loginBodySchema, { username: ['admin'], password: 'x'.repeat(100_000) })).toEqual([
      'username must be text',
      'password must be at most 200 characters',
    ]);
    expect(messages(loginBodySchema, {})).toEqual(['username is required', 'password is required']);
  });
});
