import { parsePolicyDocument } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES } from './policies.js';

describe('default policies', () => {
  it.each(DEFAULT_POLICIES.map((p) => [p.kind, p.key, p] as const))(
    '%s %s passes the schema every stored version is read with',
    (_kind, _key, policy) => {
      expect(parsePolicyDocument(policy.kind, policy.key, policy.data)).toEqual({ ok: true, data: policy.data });
    },
  );
});
