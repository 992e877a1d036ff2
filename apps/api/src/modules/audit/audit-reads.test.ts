import { randomUUID } from 'node:crypto';
import { personal } from '@crm/contracts';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { buildApp } from '../../app.js';
import { loadEnv } from '../../config/env.js';
import { storableText } from './audit.repository.js';

// Every read of a customer's personal data leaves one audit row: who, when, which accounts,
// why, and the request id; refused reads too (ADR 011).

const NOW = '2026-11-20T15:00:00Z';

describe('audited reads of personal data', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, stranger: Session, supervisor: Session, otherSupervisor: Session, admin: Session;
  let collectorId = '',
    strangerId = '',
    supervisorId = '',
    adminId = '';
  let accountId = '',
    secondId = '',
    strangersAccountId = '',
    externalId = '';

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'ar-sup' });
    const team = await t.factories.team('AR', sup.id);
    const c = await t.factories.user('collector', { username: 'ar-c1', teamId: team.id });
    const other = await t.factories.user('supervisor', { username: 'ar-sup2' });
    const otherTeam = await t.factories.team('AR2', other.id);
    const s = await t.factories.user('collector', { username: 'ar-c2', teamId: otherTeam.id });
    const a = await t.factories.user('admin', { username: 'ar-admin' });
    [collectorId, strangerId, supervisorId, adminId] = [c.id, s.id, sup.id, a.id];
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      fullName: 'Morgan Vale',
      familyName: 'Vale',
      withPhone: true,
    });
    accountId = account.id;
    externalId = account.externalId;
    // The same customer's second account, shown in the first one's case file.
    secondId = (
      await t.db.account.create({
        data: {
          ...(({ id: _i, externalId: _e, debtor: _d, createdAt: _c, updatedAt: _u, ...rest }) => rest)(account),
          externalId: `${account.externalId}-2`,
        },
      })
    ).id;
    strangersAccountId = (
      await t.factories.account({
        creditorId: creditor.id,
        collectorId: s.id,
        fullName: 'Robin Stone',
        withPhone: true,
      })
    ).id;
    await t.db.contactAttempt.create({
      data: {
        accountId,
        debtorId: account.debtorId,
        collectorId: c.id,
        channel: 'phone',
        partyReached: 'debtor',
        disposition: 'right_party_contact',
        startedAt: new Date('2026-11-19T15:00:00Z'),
      },
    });
    const point = await t.db.contactPoint.findFirstOrThrow({ where: { debtorId: account.debtorId } });
    const outbox = await t.db.outboxMessage.create({
      data: {
        accountId,
        kind: 'promise_due',
        channel: 'sms',
        contactPointId: point.id,
        recipient: point.value,
        locale: 'en',
        body: 'Reminder for Morgan Vale',
        sendAfter: t.clock.now(),
        status: 'sent',
      },
    });
    await t.db.messageLog.create({
      data: { outboxId: outbox.id, channel: 'sms', recipient: point.value, body: outbox.body },
    });
    [collector, stranger, supervisor, otherSupervisor, admin] = await Promise.all([
      t.login('ar-c1'),
      t.login('ar-c2'),
      t.login('ar-sup'),
      t.login('ar-sup2'),
      t.login('ar-admin'),
    ]);
  });

  /** The audit rows written by the request that answered `res`. */
  const eventsOf = async (res: { headers: Record<string, unknown> }) => {
    const requestId = String(res.headers['x-request-id']);
    return t.db.auditEvent.findMany({ where: { requestId }, orderBy: { id: 'asc' } });
  };

  it("records a case-file view with the customer's other accounts, by whom and why", async () => {
    const res = await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` });
    expect(res.statusCode).toBe(200);
    const [event, ...more] = await eventsOf(res);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actorId: collectorId,
      action: 'case_file.view',
      entityType: 'account',
      entityId: accountId,
      purpose: 'collection',
    });
    expect(new Set(event!.accountIds)).toEqual(new Set([accountId, secondId]));
    expect(event!.data).toMatchObject({ route: 'GET /api/accounts/:id/case-file' });
  });

  it("records refused case-file reads (someone else's account, an account that does not exist)", async () => {
    const forbidden = await collector.inject({ method: 'GET', url: `/api/accounts/${strangersAccountId}/case-file` });
    expect(forbidden.statusCode).toBe(403);
    expect(await eventsOf(forbidden)).toMatchObject([
      {
        actorId: collectorId,
        action: 'case_file.view.denied',
        entityId: strangersAccountId,
        accountIds: [strangersAccountId],
        data: { status: 403 },
      },
    ]);
    const missing = randomUUID();
    const notFound = await otherSupervisor.inject({ method: 'GET', url: `/api/accounts/${missing}/case-file` });
    expect(notFound.statusCode).toBe(404);
    expect(await eventsOf(notFound)).toMatchObject([
      { action: 'case_file.view.denied', entityId: missing, purpose: 'supervision', data: { status: 404 } },
    ]);
  });

  it("records the suggested script (it carries the customer's name and amounts), and its refusals", async () => {
    const ok = await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/suggested-script` });
    expect(ok.statusCode).toBe(200);
    expect(await eventsOf(ok)).toMatchObject([
      { action: 'script.suggested', entityId: accountId, accountIds: [accountId], purpose: 'collection' },
    ]);
    const denied = await stranger.inject({ method: 'GET', url: `/api/accounts/${accountId}/suggested-script` });
    expect(denied.statusCode).toBe(403);
    expect(await eventsOf(denied)).toMatchObject([
      { actorId: strangerId, action: 'script.suggested.denied', accountIds: [accountId] },
    ]);
  });

  it('records a script preview against a real account with the account it showed', async () => {
    const library = (await admin.inject({ method: 'GET', url: '/api/scripts' })).json() as {
      items: { versions: { id: string; status: string }[] }[];
    };
    const versionId = library.items[0]!.versions[0]!.id;
    const res = await admin.inject({
      method: 'GET',
      url: `/api/scripts/versions/${versionId}/preview?account=${externalId}`,
    });
    expect(res.statusCode).toBe(200);
    expect(await eventsOf(res)).toMatchObject([
      {
        actorId: adminId,
        action: 'script.preview',
        entityType: 'script_version',
        entityId: versionId,
        accountIds: [accountId],
        purpose: 'script_preview',
        data: { query: { account: externalId } },
      },
    ]);
  });

  it('records an account search with its text and every account it returned, in one row', async () => {
    const before = await t.db.auditEvent.count();
    const res = await admin.inject({ method: 'GET', url: '/api/accounts?q=Vale&limit=50' });
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as { id: string }[]).map((a) => a.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(await t.db.auditEvent.count()).toBe(before + 1);
    const [event] = await eventsOf(res);
    expect(event).toMatchObject({
      action: 'accounts.list',
      purpose: 'administration',
      data: { query: { q: 'Vale', limit: 50 }, accounts: ids.length },
    });
    expect(event!.accountIds).toEqual(ids);
  });

  it("records queue views: one's own, and a supervisor viewing a collector's, with every account on the page", async () => {
    // The queue is served a page of one list at a time (ADR 050): each view records the accounts it showed.
    const own = await collector.inject({ method: 'GET', url: '/api/queue' });
    const ownBlocked = await collector.inject({ method: 'GET', url: '/api/queue?list=blocked' });
    expect([own.statusCode, ownBlocked.statusCode]).toEqual([200, 200]);
    const shown = (res: typeof own) => res.json().items.map((i: { accountId: string }) => i.accountId) as string[];
    const queued = shown(own);
    expect([...queued, ...shown(ownBlocked)]).toContain(accountId);
    expect(await eventsOf(own)).toMatchObject([
      { actorId: collectorId, action: 'queue.view', entityType: 'queue', entityId: collectorId, purpose: 'collection' },
    ]);
    expect(new Set((await eventsOf(ownBlocked))[0]!.accountIds)).toEqual(new Set(shown(ownBlocked)));
    const viewed = await supervisor.inject({ method: 'GET', url: `/api/queue?collectorId=${collectorId}` });
    expect(viewed.statusCode).toBe(200);
    const [event] = await eventsOf(viewed);
    expect(event).toMatchObject({
      actorId: supervisorId,
      action: 'queue.view',
      entityId: collectorId,
      purpose: 'supervision',
    });
    expect(new Set(event!.accountIds)).toEqual(new Set(queued));
    const refused = await stranger.inject({ method: 'GET', url: `/api/queue?collectorId=${collectorId}` });
    expect(refused.statusCode).toBe(403);
    expect(await eventsOf(refused)).toMatchObject([
      { actorId: strangerId, action: 'queue.view.denied', entityId: collectorId },
    ]);
    // "Next account" names the account it leases and why: recorded too.
    const next = await collector.inject({ method: 'POST', url: '/api/queue/next' });
    expect(next.statusCode).toBe(200);
    expect(await eventsOf(next)).toMatchObject([
      { actorId: collectorId, action: 'queue.next', accountIds: [next.json().accountId], purpose: 'collection' },
    ]);
    await collector.inject({
      method: 'POST',
      url: '/api/queue/release',
      payload: { accountId: next.json().accountId, kind: 'give_back', reason: 'wrong_queue' },
    });
  });

  it('records the contact log with the accounts on the page, and each export with its filters before it streams', async () => {
    const page = await collector.inject({ method: 'GET', url: '/api/contacts?from=2026-11-01&to=2026-11-30' });
    expect(page.statusCode).toBe(200);
    expect(await eventsOf(page)).toMatchObject([
      {
        action: 'contacts.view',
        entityType: 'contact_log',
        accountIds: [accountId],
        data: { query: { from: '2026-11-01', to: '2026-11-30' } },
      },
    ]);
    const csv = await supervisor.inject({ method: 'GET', url: `/api/contacts/export?collectorId=${collectorId}` });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Morgan Vale');
    // Before the first byte: who and which filters; once it has gone out: which accounts it carried
    // (written after the last byte, so it may land a moment after the response).
    await expect.poll(async () => (await eventsOf(csv)).length).toBe(2);
    expect(await eventsOf(csv)).toMatchObject([
      { actorId: supervisorId, action: 'contacts.export', entityType: 'contact_log', data: { query: { collectorId } } },
      { actorId: supervisorId, action: 'contacts.export.accounts', accountIds: [accountId] },
    ]);
  });

  it('records the message log, and a collector refused it', async () => {
    const res = await supervisor.inject({ method: 'GET', url: '/api/messages' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Morgan Vale');
    expect(await eventsOf(res)).toMatchObject([
      {
        actorId: supervisorId,
        action: 'messages.view',
        entityType: 'message_log',
        accountIds: [accountId],
        purpose: 'supervision',
      },
    ]);
    const refused = await collector.inject({ method: 'GET', url: '/api/messages' });
    expect(refused.statusCode).toBe(403);
    expect(await eventsOf(refused)).toMatchObject([{ actorId: collectorId, action: 'messages.view.denied' }]);
  });

  it('does not serve a read it cannot record (503, no personal data), and keeps refusals refused', async () => {
    const owner = new pg.Client({ connectionString: t.database.url });
    await owner.connect();
    try {
      await owner.query('REVOKE INSERT ON audit_events FROM crm_app');
      const res = await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` });
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({ code: 'service_unavailable', requestId: res.headers['x-request-id'] });
      expect(res.body).not.toContain('Morgan');
      const csv = await collector.inject({ method: 'GET', url: '/api/contacts/export' });
      expect(csv.statusCode).toBe(503);
      expect(csv.body).not.toContain('Morgan');
      const refused = await collector.inject({ method: 'GET', url: `/api/accounts/${strangersAccountId}/case-file` });
      expect(refused.statusCode).toBe(403);
    } finally {
      await owner.query('GRANT INSERT ON audit_events TO crm_app');
      await owner.end();
    }
    expect((await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).statusCode).toBe(
      200,
    );
  });

  it('documents the 503 of every audited route', async () => {
    const doc = (await admin.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    for (const [path, method] of [
      ['/api/accounts/{id}/case-file', 'get'],
      ['/api/accounts', 'get'],
      ['/api/queue', 'get'],
      ['/api/contacts/export', 'get'],
      ['/api/messages', 'get'],
    ] as const) {
      expect(Object.keys(doc.paths[path]![method]!.responses), path).toContain('503');
    }
  });

  it('refuses to start when a route returns personal data without declaring its audit', async () => {
    const app = await buildApp({ env: loadEnv({ LOG_LEVEL: 'silent', JOBS: 'off' }), db: t.db });
    app.register(
      async (api) => {
        api.get(
          '/leaky',
          {
            config: { access: 'authenticated' },
            schema: { response: { 200: z.object({ items: z.array(z.object({ name: personal(z.string()) })) }) } },
          },
          async () => ({ items: [] }),
        );
      },
      { prefix: '/api' },
    );
    await expect(app.ready()).rejects.toThrow(
      /GET \/api\/leaky returns a customer's personal data but does not declare config.audit/,
    );
    await app.close().catch(() => {});
  });

  it('stores what was asked even when it holds NUL or lone surrogates', () => {
    expect(storableText('a\u0000b\uD800c\uDC00d\uD83D\uDE00')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uD83D\uDE00');
  });
});
