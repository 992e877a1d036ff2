import { authResponseSchema, errorResponseSchema } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { isAuthResponse, isErrorResponse } from './checks';

// The first load checks two answers by hand (ADR 054); each check must accept and refuse what the
// contract's schema does, on the samples below.

const user = {
  id: '5b7c1c9e-3f0a-4c8e-9a51-1d2e3f4a5b6c',
  username: 'collector1',
  displayName: 'Collector One',
  role: 'collector',
  locale: 'en',
  timeZone: 'America/New_York',
  teamId: null,
  teamName: null,
};
const without = (o: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

const authSamples: unknown[] = [
  { user },
  {
    user: { ...user, teamId: '9a0e6a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6', teamName: 'East', locale: 'zh-CN', role: 'admin' },
  },
  { user: { ...user, role: 'owner' } },
  { user: { ...user, locale: 'fr' } },
  { user: { ...user, teamName: 3 } },
  { user: without(user, 'timeZone') },
  { user: without(user, 'teamId') },
  { user: null },
  { users: [user] },
  null,
  'ok',
  [],
];

const error = { code: 'validation_failed', message: 'Invalid request', requestId: 'req-1' };
const errorSamples: unknown[] = [
  { error },
  {
    error: {
      ...error,
      fields: [{ field: 'body.amount', code: 'too_big', params: { max: 10 }, message: 'must be at most 10' }],
    },
  },
  {
    error: {
      ...error,
      code: 'contact_not_allowed',
      reasons: [{ code: 'outside_hours', message: 'Outside hours', params: { opensAt: '08:00', n: 1 } }],
    },
  },
  { error: { ...error, code: 'teapot' } },
  { error: without(error, 'requestId') },
  { error: { ...error, fields: [{ field: 'x', code: 'too_big', message: 'm', params: { max: true } }] } },
  { error: { ...error, fields: [{ code: 'too_big', message: 'm' }] } },
  { error: { ...error, fields: 'x' } },
  { error: { ...error, reasons: [{ code: 'x' }] } },
  { error: 'nope' },
  { message: 'Internal Server Error' },
  null,
  '<html>',
];

describe('hand-written checks of the first load', () => {
  it.each(authSamples.map((s) => [JSON.stringify(s), s]))('auth answer %s as the contract', (_, sample) => {
    expect(isAuthResponse(sample)).toBe(authResponseSchema.safeParse(sample).success);
  });

  it.each(errorSamples.map((s) => [JSON.stringify(s), s]))('error answer %s as the contract', (_, sample) => {
    expect(isErrorResponse(sample)).toBe(errorResponseSchema.safeParse(sample).success);
  });
});
