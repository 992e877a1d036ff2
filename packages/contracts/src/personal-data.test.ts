import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  caseFileSchema,
  contactLogResponseSchema,
  listAccountsResponseSchema,
  messageLogResponseSchema,
  queueResponseSchema,
  suggestedScriptSchema,
} from './index.js';
import { carriesPersonalData, personal } from './personal-data.js';

describe('personal data tags', () => {
  it('are found however deeply the field is nested', () => {
    const name = personal(z.string());
    expect(carriesPersonalData(z.object({ a: z.array(z.object({ b: name.nullable().optional() })) }))).toBe(true);
    expect(
      carriesPersonalData(
        z.object({
          u: z.discriminatedUnion('k', [z.object({ k: z.literal('x') }), z.object({ k: z.literal('y'), v: name })]),
        }),
      ),
    ).toBe(true);
    expect(carriesPersonalData(z.object({ a: z.string(), b: z.number() }))).toBe(false);
    expect(carriesPersonalData(z.null())).toBe(false);
  });

  it('mark every response that shows a customer', () => {
    for (const schema of [
      caseFileSchema,
      listAccountsResponseSchema,
      queueResponseSchema,
      contactLogResponseSchema,
      messageLogResponseSchema,
      suggestedScriptSchema,
    ]) {
      expect(carriesPersonalData(schema)).toBe(true);
    }
  });
});
