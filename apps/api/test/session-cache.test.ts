import { createPrismaClient } from '@crm/db';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useSecondApp, useTestApp, type Session } from './build-app.js';
import { TEST_PASSWORD } from './factories.js';

// ADR 046: sessions, users and policies are cached per process and dropped on the database's
// notices (LISTEN/NOTIFY), so a warm request costs no statement for them, and a change made
// through one instance takes effect on the other at once. Two apps on one database, each with its
// own listener and a client that counts every statement it sends.

const counts = { A: [] as string[], B: [] as string[] };
const counting = (name: 'A' | 'B') => (database: { appUrl: string }) =>
  createPrismaClient(database.appUrl, { max: 5, onQuery: (sql) => counts[name].push(sql) });
/** The statements one call sends through an instance's client. */
async function statements(name: 'A' | 'B', call: () => Promise<unknown>) {
  counts[name] = [];
  await call();
  return counts[name];
}
// The session lookup (sessions, and the user with the password hash the auth repository selects)
// and the policies; the route's own work may read users for names.
const AUTH_TABLES = /"?sessions"?|"policies"|"password_hash"/;

describe('sessions, users and policies cached per instance, invalidated across instances', () => {
  const t = useTestApp({ cache: true, appDb: counting('A') });
  const b = useSecondApp(t, {}, { cache: true, appDb: counting('B') });

  const live = async () => {
    await expect.poll(() => t.app.cacheNotices.live && b.app.cacheNotices.live, { timeout: 10_000 }).toBe(true);
  };
  const me = (s: Session) => s.inject({ method: 'GET', url: '/api/auth/me' });

  it('a warm request costs no statement for the session, the role or the policies', async () => {
    await live();
    const c = await t.factories.user('collector', { username: 'warm-col' });
    const creditor = await t.factories.creditor();
    await t.factories.account({ creditorId: creditor.id, collectorId: c.id, oldestUnpaidDueDate: '2026-10-12' });
    const onA = await t.login('warm-col');
    const onB = b.as(onA);

    // The first request on B reads the session; the next ones none (GET /api/auth/me does nothing else).
    expect((await statements('B', () => me(onB))).length).toBeGreaterThan(0);
    const warm = await statements('B', async () => expect((await me(onB)).statusCode).toBe(200));
    expect(warm).toEqual([]);
    await me(onA);
    expect(await statements('A', () => me(onA))).toEqual([]);

    // A route that reads the stage thresholds: once warm, its statements are its own work only.
    await onB.inject({ method: 'GET', url: '/api/accounts' });
    const list = await statements('B', async () =>
      expect((await onB.inject({ method: 'GET', url: '/api/accounts' })).statusCode).toBe(200),
    );
    expect(list.length).toBeGreaterThan(0);
    expect(list.filter((sql) => AUTH_TABLES.test(sql))).toEqual([]);
  });

  it('last-seen is written at most once a minute per session; an idle or expired session is never accepted', async () => {
    await live();
    t.clock.set('2026-11-22T15:00:00Z');
    await t.factories.user('collector', { username: 'idle-col' });
    const onA = await t.login('idle-col');
    const onB = b.as(onA);
    await me(onA);
    await me(onB);
    t.clock.advance(30_000);
    expect(await statements('B', () => me(onB))).toEqual([]);
    t.clock.advance(31_000); // over a minute since sign-in: one write of last-seen, nothing else
    const touch = await statements('B', () => me(onB));
    expect(touch, JSON.stringify(touch)).toHaveLength(1);
    expect(touch[0]).toMatch(/^UPDATE sessions SET last_seen_at/);
    expect(await statements('B', () => me(onB))).toEqual([]);
    // Used on A every 100 minutes (the idle limit is 120): B's copy is older, the stored one decides.
    for (let i = 0; i < 2; i++) {
      t.clock.advance(100 * 60_000);
      expect((await me(onA)).statusCode).toBe(200);
    }
    expect((await me(onB)).statusCode).toBe(200);
    // Idle for longer than the limit: refused on both, though both had it cached.
    t.clock.advance(121 * 60_000);
    expect((await me(onB)).statusCode).toBe(401);
    expect((await me(onA)).statusCode).toBe(401);
    // Past the absolute lifetime (12 h), whatever the activity.
    const late = await t.login('idle-col');
    for (let i = 0; i < 13; i++) {
      t.clock.advance(60 * 60_000);
      await me(late);
    }
    expect((await me(b.as(late))).statusCode).toBe(401);
    t.clock.set('2026-11-22T15:00:00Z');
  });

  it('a policy saved on A is applied by B at once', async () => {
    await live();
    await t.factories.user('admin', { username: 'pol-admin' });
    const admin = await t.login('pol-admin');
    const onB = b.as(await t.login('warm-col'));
    const stage = async () =>
      (await onB.inject({ method: 'GET', url: '/api/accounts' })).json().items[0].stage as string;
    const before = await stage();
    await stage(); // warm
    const saved = await admin.inject({
      method: 'PUT',
      url: '/api/policies/stage_thresholds/default',
      payload: { data: { preDueMaxDpd: 0, m1MaxDpd: 45, m2MaxDpd: 60, m3MaxDpd: 90 } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await stage()).not.toBe(before);
  });

  it('logout on A ends the session on B at once', async () => {
    await live();
    await t.factories.user('collector', { username: 'out-col' });
    const onA = await t.login('out-col');
    const onB = b.as(onA);
    await me(onB);
    expect((await me(onB)).statusCode).toBe(200);
    expect((await onA.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBeLessThan(300);
    expect((await me(onB)).statusCode).toBe(401);
  });

  it('a password change on A ends the other sessions on B; the changing one continues', async () => {
    await live();
    await t.factories.user('collector', { username: 'pw-col' });
    const changing = await t.login('pw-col');
    const other = b.as(await t.login('pw-col'));
    expect((await me(other)).statusCode).toBe(200);
    expect((await me(b.as(changing))).statusCode).toBe(200);
    const res = await changing.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'another long password 42' },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(b.as(changing))).statusCode).toBe(200);
  });

  it('deactivation, a role change and a locale change on A take effect on B at once', async () => {
    await live();
    await t.factories.user('admin', { username: 'u-admin' });
    const admin = await t.login('u-admin');
    const gone = await t.factories.user('collector', { username: 'u-gone' });
    const promoted = await t.factories.user('collector', { username: 'u-promoted' });
    const goneOnB = b.as(await t.login('u-gone'));
    const promotedOnB = b.as(await t.login('u-promoted'));
    const localeOnB = b.as(await t.login('u-admin'));
    for (const s of [goneOnB, promotedOnB, localeOnB]) expect((await me(s)).statusCode).toBe(200);
    // Warm on B: the collector is refused an admin route, and asking costs no statement.
    expect((await promotedOnB.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(403);

    const patch = (id: string, payload: object) => admin.inject({ method: 'PATCH', url: `/api/users/${id}`, payload });
    expect((await patch(gone.id, { active: false })).statusCode).toBe(200);
    expect((await me(goneOnB)).statusCode).toBe(401);
    expect((await patch(promoted.id, { role: 'admin' })).statusCode).toBe(200);
    // A role change ends the user's sessions (users.service): the old role is never served again.
    expect((await promotedOnB.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);

    const prefs = await localeOnB.inject({ method: 'PATCH', url: '/api/me/preferences', payload: { locale: 'zh-CN' } });
    expect(prefs.statusCode, prefs.body).toBe(200);
    const onA = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: localeOnB.cookie } });
    expect(onA.json().user.locale).toBe('zh-CN');
  });

  it('with the listener down, nothing is served from the cache; reconnected, it starts empty', async () => {
    await live();
    await t.factories.user('collector', { username: 'down-col' });
    await t.factories.user('admin', { username: 'down-admin' });
    const admin = await t.login('down-admin');
    const onB = b.as(await t.login('down-col'));
    await me(onB);
    expect(await statements('B', () => me(onB))).toEqual([]);

    // Both listeners cut, as a network failure or a database restart would.
    const owner = new pg.Client({ connectionString: t.database.url });
    await owner.connect();
    await owner.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'crm-cache-listener' AND datname = current_database()`,
    );
    await owner.end();
    await expect.poll(() => b.app.cacheNotices.live || t.app.cacheNotices.live, { timeout: 10_000 }).toBe(false);

    // Every request reads the session again, and a change made meanwhile is seen at once.
    expect((await statements('B', () => me(onB))).length).toBeGreaterThan(0);
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'down-col' } });
    expect(
      (await admin.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { displayName: 'Renamed' } }))
        .statusCode,
    ).toBe(200);
    expect((await me(onB)).json().user.displayName).toBe('Renamed');

    // Back: the copies made before the cut are gone (the notices sent meanwhile were missed).
    await live();
    expect((await me(onB)).json().user.displayName).toBe('Renamed');
    expect(await statements('B', () => me(onB))).toEqual([]);
    await t.db.user.update({ where: { id: user.id }, data: { active: false } });
    await expect.poll(async () => (await me(onB)).statusCode, { timeout: 5000 }).toBe(401);
  });
});
