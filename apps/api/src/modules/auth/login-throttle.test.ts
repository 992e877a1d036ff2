import { createPrismaClient } from '@crm/db';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-app.js';
import { TEST_PASSWORD } from '../../../test/factories.js';
import { buildApp } from '../../app.js';
import { loadEnv } from '../../config/env.js';

const START = '2026-11-22T15:00:00Z'; // the start of a one-minute window
const login = (
  username: string,
  password: string,
  more: { remoteAddress?: string; headers?: Record<string, string> } = {},
) => ({
  method: 'POST' as const,
  url: '/api/auth/login',
  payload: { username, password },
  ...more,
});

describe('sign-in limits (no proxy trusted: the default)', () => {
  const t = useTestApp({
    now: START,
    env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5', LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '8' },
  });
  const next = () => t.clock.advance(60_000); // a fresh window for each test

  it('ignores X-Forwarded-For: rotating it gives no extra guesses', async () => {
    next();
    await t.factories.user('collector', { username: 'xff' });
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      codes.push(
        (await t.app.inject(login('xff', 'guess', { headers: { 'x-forwarded-for': `198.51.100.${i}` } }))).statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('limits guesses at one username from many addresses together', async () => {
    next();
    await t.factories.user('collector', { username: 'many-ips' });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++)
      codes.push((await t.app.inject(login('many-ips', 'guess', { remoteAddress: `203.0.113.${i}` }))).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Counted by username, whatever its case.
    expect((await t.app.inject(login('MANY-IPS', 'guess', { remoteAddress: '203.0.113.99' }))).statusCode).toBe(429);
  });

  it('limits one address spraying many usernames, and leaves other addresses alone', async () => {
    next();
    const codes: number[] = [];
    for (let i = 0; i < 10; i++)
      codes.push((await t.app.inject(login(`sprayed-${i}`, 'guess', { remoteAddress: '192.0.2.10' }))).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    const res = await t.app.inject(login('sprayed-x', 'guess', { remoteAddress: '192.0.2.10' }));
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.app.inject(login('sprayed-x', 'guess', { remoteAddress: '192.0.2.11' }))).statusCode).toBe(401);
    // IPv6: one subscriber's /64 is one address.
    for (let i = 0; i < 8; i++)
      await t.app.inject(login(`v6-${i}`, 'guess', { remoteAddress: `2001:db8:5:6::${i + 1}` }));
    expect((await t.app.inject(login('v6-x', 'guess', { remoteAddress: '2001:db8:5:6:ffff::1' }))).statusCode).toBe(
      429,
    );
  });

  it('does not count successful sign-ins: a whole office behind one address signs in', async () => {
    next();
    for (let i = 0; i < 12; i++) await t.factories.user('collector', { username: `office-${i}` });
    for (let i = 0; i < 12; i++) {
      expect(
        (await t.app.inject(login(`office-${i}`, TEST_PASSWORD, { remoteAddress: '192.0.2.50' }))).statusCode,
      ).toBe(200);
    }
  });

  it('holds under parallel guesses: exactly the limit is checked, the rest get 429', async () => {
    next();
    await t.factories.user('collector', { username: 'burst' });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.app.inject(login('burst', `guess-${i}`, { remoteAddress: `198.18.0.${i}` })),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(25);
    expect(
      await t.db.auditEvent.count({
        where: { action: 'auth.login_failed', data: { path: ['username'], equals: 'burst' } },
      }),
    ).toBe(5);
  });

  it('shares the counters between API instances through PostgreSQL', async () => {
    next();
    await t.factories.user('collector', { username: 'two-apps' });
    const db2 = createPrismaClient(t.database.url, { max: 2 });
    const env = loadEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JOBS: 'off',
      PASSWORD_SCRYPT_LOG2_N: '12',
      LOGIN_RATE_LIMIT_PER_MINUTE: '5',
    });
    const second = await buildApp({ env, db: db2, clock: t.clock });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++)
        codes.push(
          (await (i % 2 ? second : t.app).inject(login('two-apps', 'guess', { remoteAddress: `203.0.113.${100 + i}` })))
            .statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await second.close();
      await db2.$disconnect();
    }
  });
});

describe('sign-in limits behind a trusted proxy (TRUST_PROXY)', () => {
  // Injected requests come from 127.0.0.1: the trusted proxy here.
  const t = useTestApp({
    now: START,
    env: { TRUST_PROXY: '127.0.0.1', LOGIN_RATE_LIMIT_PER_MINUTE: '100', LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '3' },
  });

  it('counts the client address the trusted proxy reports, and only from that proxy', async () => {
    const from = (xff: string, remoteAddress = '127.0.0.1') => ({ remoteAddress, headers: { 'x-forwarded-for': xff } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await t.app.inject(login(`p-${i}`, 'guess', from('203.0.113.1')))).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    // Another client behind the same proxy has its own count.
    expect((await t.app.inject(login('p-x', 'guess', from('203.0.113.2')))).statusCode).toBe(401);
    // A client that is not the proxy cannot choose its address with the header.
    const direct: number[] = [];
    for (let i = 0; i < 4; i++)
      direct.push(
        (await t.app.inject(login(`d-${i}`, 'guess', from(`203.0.113.${50 + i}`, '198.51.100.7')))).statusCode,
      );
    expect(direct).toEqual([401, 401, 401, 429]);
  });
});
