import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-app.js';
import { TEST_PASSWORD } from '../../../test/factories.js';

const NEW_PASSWORD = 'a different long password';
const change = (currentPassword: unknown, newPassword: unknown) => ({
  method: 'POST' as const,
  url: '/api/me/password',
  payload: { currentPassword, newPassword },
});

describe('changing one’s own password', () => {
  const t = useTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });

  it('needs the current password, ends the user’s other sessions, keeps this one, and is audited', async () => {
    const user = await t.factories.user('collector', { username: 'pw-owner' });
    await t.factories.user('collector', { username: 'pw-bystander' });
    const here = await t.login('pw-owner');
    const elsewhere = await t.login('pw-owner');
    const bystander = await t.login('pw-bystander');

    const res = await here.inject(change(TEST_PASSWORD, NEW_PASSWORD));
    expect(res.statusCode).toBe(204);
    expect((await here.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect(
      (await here.inject({ method: 'PATCH', url: '/api/me/preferences', payload: { locale: 'en' } })).statusCode,
    ).toBe(200); // CSRF token still good
    expect((await elsewhere.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await bystander.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);

    expect((await t.signIn('pw-owner', TEST_PASSWORD)).statusCode).toBe(401);
    await t.login('pw-owner', NEW_PASSWORD);
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'auth.password_changed', entityId: user.id },
    });
    expect(event.actorId).toBe(user.id);
    expect(event.data).toMatchObject({ endedSessions: 1 });
    expect(JSON.stringify(event.data)).not.toContain(NEW_PASSWORD);
  });

  it('refuses a wrong current password naming the field, audits it, and limits guesses like sign-ins', async () => {
    const user = await t.factories.user('supervisor', { username: 'pw-guess' });
    const s = await t.login('pw-guess');
    const wrong = await s.inject(change('not my password', NEW_PASSWORD));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'validation_failed',
      fields: [{ field: 'currentPassword', code: 'invalid', message: 'is not your current password' }],
    });
    expect(await t.db.auditEvent.count({ where: { action: 'auth.password_change_failed', entityId: user.id } })).toBe(
      1,
    );
    await s.inject(change('guess 2', NEW_PASSWORD));
    await s.inject(change('guess 3', NEW_PASSWORD));
    const limited = await s.inject(change(TEST_PASSWORD, NEW_PASSWORD));
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    // The same counter as sign-in: the username is throttled there too, and the password is unchanged.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'pw-guess', password: TEST_PASSWORD },
          remoteAddress: '192.0.2.1',
        })
      ).statusCode,
    ).toBe(429);
    t.clock.advance(60_000);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await s.inject(change(TEST_PASSWORD, NEW_PASSWORD))).statusCode).toBe(204);
    t.clock.set('2026-11-22T15:00:00Z');
  });

  it('applies the password rules of admin resets, naming the field', async () => {
    await t.factories.user('admin', { username: 'pw-rules' });
    const s = await t.login('pw-rules');
    const short = await s.inject(change(TEST_PASSWORD, 'short'));
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual([
      { field: 'newPassword', code: 'too_short', params: { min: 12 }, message: 'must be at least 12 characters' },
    ]);
    const same = await s.inject(change(TEST_PASSWORD, TEST_PASSWORD));
    expect(same.json().error.fields).toEqual([
      { field: 'newPassword', code: 'must_differ', message: 'must differ from the current password' },
    ]);
    const missing = await s.inject({ method: 'POST', url: '/api/me/password', payload: { newPassword: NEW_PASSWORD } });
    expect(missing.json().error.fields).toEqual([
      { field: 'currentPassword', code: 'required', message: 'is required' },
    ]);
    expect(
      (
        await s.inject({
          method: 'POST',
          url: '/api/me/password',
          payload: { currentPassword: TEST_PASSWORD, newPassword: 'x'.repeat(201) },
        })
      ).json().error.fields[0].field,
    ).toBe('newPassword');
  });

  it('needs a session and the CSRF header; every role may change its own', async () => {
    expect((await t.app.inject(change(TEST_PASSWORD, NEW_PASSWORD))).statusCode).toBe(401);
    await t.factories.user('service', { username: 'pw-feed' });
    const s = await t.login('pw-feed');
    const noCsrf = await s.inject({ ...change(TEST_PASSWORD, NEW_PASSWORD), csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    expect((await s.inject(change(TEST_PASSWORD, NEW_PASSWORD))).statusCode).toBe(204);
  });

  it('changes once when the same change is sent twice at the same time', async () => {
    await t.factories.user('collector', { username: 'pw-twice' });
    const s = await t.login('pw-twice');
    const results = await Promise.all([
      s.inject(change(TEST_PASSWORD, NEW_PASSWORD)),
      s.inject(change(TEST_PASSWORD, 'yet another long password')),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    // Both may have checked the old password; only one replaces it, the other is told (409), or
    // sees the new one already in place (400 naming currentPassword).
    expect(codes.filter((c) => c === 204)).toHaveLength(1);
    expect([400, 409]).toContain(codes.find((c) => c !== 204));
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });
});
