import { createPrismaClient } from '@crm/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from './build-app.js';
import { postOutcome } from './outcomes.js';

// DATABASE_READ_URL (ADR 043): reports and the contact log read through a second client, a
// replica in production. Here that client's connection is read-only, as a hot standby's is, and
// its statements are counted: the reports and the contact log answer from it, and nothing else
// (sign-in, the queue, the case file, recording an outcome, policies, the audit of a read) uses it.
describe('a read client for reports and the contact log', () => {
  const readQueries: string[] = [];
  const t = useTestApp({
    now: '2026-11-24T15:00:00Z',
    readDb: (database) => {
      const url = new URL(database.appUrl);
      url.searchParams.set('options', '-c default_transaction_read_only=on');
      return createPrismaClient(url.toString(), { max: 2, onQuery: (sql) => readQueries.push(sql) });
    },
  });
  let collector: Session, supervisor: Session, admin: Session;
  let accountId = '';

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'rr-s' });
    const team = await t.factories.team('Replica team', sup.id);
    const c = await t.factories.user('collector', { username: 'rr-c', teamId: team.id });
    const creditorId = (await t.factories.creditor('US')).id;
    const a = await t.factories.account({ creditorId, collectorId: c.id, withPhone: true });
    accountId = a.id;
    collector = await t.login('rr-c');
    supervisor = await t.login('rr-s');
    await t.factories.user('admin', { username: 'rr-a' });
    admin = await t.login('rr-a');
  });

  it('the read client is read-only (as a standby is)', async () => {
    const url = new URL(t.database.appUrl);
    url.searchParams.set('options', '-c default_transaction_read_only=on');
    const probe = createPrismaClient(url.toString(), { max: 1 });
    try {
      await expect(probe.$executeRaw`UPDATE users SET display_name = display_name`).rejects.toThrow(/read-only/);
    } finally {
      await probe.$disconnect();
    }
  });

  it('nothing but the reports and the contact log uses it', async () => {
    readQueries.length = 0;
    expect((await collector.inject({ method: 'GET', url: '/api/queue' })).statusCode).toBe(200);
    expect((await collector.inject({ method: 'POST', url: '/api/queue/next' })).statusCode).toBe(200);
    expect((await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).statusCode).toBe(
      200,
    );
    const a = await t.db.account.findUniqueOrThrow({
      where: { id: accountId },
      include: { debtor: { include: { contactPoints: true } } },
    });
    const recorded = await postOutcome(collector, accountId, {
      contactPointId: a.debtor.contactPoints[0]!.id,
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect((await admin.inject({ method: 'GET', url: '/api/policies' })).statusCode).toBe(200);
    expect((await supervisor.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect(readQueries).toEqual([]);
  });

  it('the reports and the contact log answer from it', async () => {
    readQueries.length = 0;
    for (const url of [
      '/api/reports/portfolio-summary',
      '/api/reports/kpis?from=2026-11-01&to=2026-11-24',
      '/api/reports/roll-rates?from=2026-10&to=2026-11',
      '/api/reports/reviews?from=2026-11-01&to=2026-11-24',
    ]) {
      const before = readQueries.length;
      const res = await supervisor.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      expect(readQueries.length, `${url} read through the read client`).toBeGreaterThan(before);
    }
    const reportQueries = readQueries.length;
    // The contact log shows the outcome just recorded on the primary; its audit entry is written there.
    const log = await supervisor.inject({ method: 'GET', url: '/api/contacts' });
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().items.map((i: { account: { id: string } }) => i.account.id)).toContain(accountId);
    expect(readQueries.length).toBeGreaterThan(reportQueries);
    expect(await t.db.auditEvent.count({ where: { action: 'contacts.view' } })).toBeGreaterThan(0);
  });
});
