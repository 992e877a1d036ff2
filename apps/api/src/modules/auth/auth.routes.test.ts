import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-app.js';
import { TEST_PASSWORD } from '../../../test/factories.js';

const START = '2026-11-22T15:00:00Z';

describe('auth', () => {
  const t = useTestApp({ now: START, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5' } });

  it('logs in, sets an http-only session cookie and a CSRF cookie, and returns the user', async () => {
    const team = await t.factories.team();
    const user = await t.factories.user('collector', { username: 'ana', teamId: team.id });
    const res = await t.signIn('ana', 'correct horse battery staple');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: {
        id: user.id,
        username: 'ana',
        displayName: 'Test collector',
        role: 'collector',
        locale: 'en',
        timeZone: 'UTC',
        teamId: team.id,
        teamName: team.name,
      },
    });
    const session = res.cookies.find((c) => c.name === 'crm_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(res.cookies.find((c) => c.name === 'crm_csrf')?.httpOnly).toBeFalsy();
    expect(res.body).not.toContain('passwordHash');
  });

  it('gives the same 401 for a wrong password and an unknown user', async () => {
    await t.factories.user('collector', { username: 'ben' });
    const wrong = await t.signIn('ben', 'nope');
    const unknown = await t.signIn('nobody', 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('Username or password is incorrect.');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    expect(wrong.json().error.code).toBe('unauthenticated');
    const failures = await t.db.auditEvent.count({ where: { action: 'auth.login_failed' } });
    expect(failures).toBe(2);
  });

  it('refuses inactive users', async () => {
    await t.factories.user('collector', { username: 'gone', active: false });
    const res = await t.signIn('gone', 'correct horse battery staple');
    expect(res.statusCode).toBe(401);
  });

  it('rate-limits failed sign-ins per username, with Retry-After', async () => {
    await t.factories.user('collector', { username: 'carl' });
    const codes: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await t.signIn('carl', 'guess');
      codes.push(last.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    expect(last!.json().error.code).toBe('rate_limited');
    // Windows are whole minutes of the clock: 2026-11-22T15:00:00Z is the start of one.
    expect(last!.headers['retry-after']).toBe('60');
    // Even the right password waits; the next window starts afresh.
    expect((await t.signIn('carl', TEST_PASSWORD)).statusCode).toBe(429);
    t.clock.advance(60_000);
    expect((await t.signIn('carl', TEST_PASSWORD)).statusCode).toBe(200);
    t.clock.set(START);
  });

  it('names the missing field on a bad body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      fields: [{ field: 'password', code: 'required', message: 'is required' }],
    });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('refuses a cross-site login', async () => {
    await t.factories.user('collector', { username: 'dora' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', host: 'localhost:3000' },
      payload: { username: 'dora', password: 'correct horse battery staple' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('returns the user from /me, 401 without a session, and ends the session on logout', async () => {
    await t.factories.user('supervisor', { username: 'eve' });
    const s = await t.login('eve');
    const me = await s.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.username).toBe('eve');

    const anonymous = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({
      error: { code: 'unauthenticated', message: expect.any(String), requestId: expect.any(String) },
    });

    expect((await s.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    await t.factories.user('collector', { username: 'fay' });
    const s = await t.login('fay');
    const without = await s.inject({
      method: 'PATCH',
      url: '/api/me/preferences',
      payload: { locale: 'zh-CN' },
      csrf: false,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
    const withHeader = await s.inject({ method: 'PATCH', url: '/api/me/preferences', payload: { locale: 'zh-CN' } });
    expect(withHeader.statusCode).toBe(200);
    expect(withHeader.json().user.locale).toBe('zh-CN');
    // Persisted per user: a new session sees it.
    const again = await t.login('fay');
    expect((await again.inject({ method: 'GET', url: '/api/auth/me' })).json().user.locale).toBe('zh-CN');
  });

  it('rejects an unknown locale naming the field', async () => {
    await t.factories.user('collector', { username: 'gus' });
    const s = await t.login('gus');
    const res = await s.inject({ method: 'PATCH', url: '/api/me/preferences', payload: { locale: 'fr' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('locale');
  });

  it('ends sessions after the idle timeout', async () => {
    await t.factories.user('collector', { username: 'hal' });
    const s = await t.login('hal');
    t.clock.advance(119 * 60_000);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    t.clock.advance(121 * 60_000);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('stores only a hash of the session token and a scrypt hash of the password', async () => {
    const user = await t.factories.user('collector', { username: 'ivy' });
    const s = await t.login('ivy');
    const token = s.cookie.match(/crm_session=([^;]+)/)![1]!;
    const rows = await t.db.session.findMany({ where: { userId: user.id } });
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(user.passwordHash).toMatch(/^scrypt\$4096\$8\$1\$/); // the test cost, PASSWORD_SCRYPT_LOG2_N=12
  });
});
