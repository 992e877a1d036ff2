import { randomUUID } from 'node:crypto';
import { createPrismaClient, type Db } from '@crm/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { buildApp } from '../../app.js';
import { loadEnv } from '../../config/env.js';

// The case file costs a fixed, small number of statements however long the account's history
// (ADR 047): the session lookup, ONE statement for the access facts, every record the page shows,
// the gate's facts and the policies, and the audit row of the read (ADR 011).

const NOW = '2026-11-20T15:00:00Z';

describe('case file statements', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, stranger: Session;
  let accountId = '',
    debtorId = '',
    collectorId = '';
  let app: FastifyInstance, counting: Db;
  let statements: string[] = [];

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'cs-sup' });
    const team = await t.factories.team('CS', sup.id);
    const c = await t.factories.user('collector', { username: 'cs-c1', teamId: team.id });
    await t.factories.user('collector', { username: 'cs-c2' });
    collectorId = c.id;
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      oldestUnpaidDueDate: '2026-10-15',
      fullName: 'Jordan Quill',
      familyName: 'Quill',
      withPhone: true,
    });
    accountId = account.id;
    debtorId = account.debtorId;
    counting = createPrismaClient(t.database.appUrl, { max: 2, onQuery: (sql) => void statements.push(sql) });
    // With the session cache and its listener, as a deployment runs (ADR 046).
    app = await buildApp({
      env: loadEnv({ LOG_LEVEL: 'silent', JOBS: 'off' }),
      db: counting,
      clock: t.clock,
      cacheNoticesUrl: t.database.appUrl,
    });
    for (let i = 0; i < 100 && !app.cacheNotices.live; i++) await new Promise((r) => setTimeout(r, 100));
    [collector, stranger] = await Promise.all([t.login('cs-c1'), t.login('cs-c2')]);
  });
  afterAll(async () => {
    await app?.close();
    await counting?.$disconnect();
  });

  const get = async (as: Session, id = accountId) => {
    statements = [];
    const res = await app.inject({
      method: 'GET',
      url: `/api/accounts/${id}/case-file`,
      headers: { cookie: as.cookie },
    });
    // The session lookup (sessions, the user and their team) is the auth plugin's, made free by a
    // cache in another part of this issue; the rest is the case file's own work.
    const session = statements.filter((s) => /^SELECT [^]*? FROM "public"\."(sessions|users|teams)"/.test(s.trim()));
    const own = statements.filter((s) => !session.includes(s));
    return { res, statements: [...statements], session, own };
  };

  /** `n` of everything the page lists: attempts with notes, promises, payments, plans, flags, disputes... */
  async function addHistory(n: number, round: number) {
    const point = await t.db.contactPoint.findFirstOrThrow({ where: { debtorId } });
    const tp = await t.db.thirdParty.create({
      data: { debtorId, name: `Neighbour ${round}`, relationship: 'neighbour', source: 'customer' },
    });
    for (let i = 0; i < n; i++) {
      const day = new Date(Date.UTC(2026, 5, 1 + i, 14, round));
      const attempt = await t.db.contactAttempt.create({
        data: {
          accountId,
          debtorId,
          collectorId,
          channel: 'phone',
          contactPointId: i % 3 === 0 ? null : point.id,
          thirdPartyId: i % 3 === 0 ? tp.id : null,
          partyReached: i % 2 ? 'debtor' : 'nobody',
          disposition: i % 2 ? 'right_party_contact' : 'no_answer',
          notes: `Note ${round}-${i}`,
          startedAt: day,
        },
      });
      const plan = await t.db.paymentPlan.create({ data: { accountId, contactAttemptId: attempt.id, createdAt: day } });
      await t.db.paymentPromise.create({
        data: {
          accountId,
          planId: plan.id,
          sequence: 1,
          amountMinor: 1000n,
          currency: 'USD',
          dueDate: day,
          createdAt: day,
          channel: 'card',
          status: 'broken',
        },
      });
      await t.db.payment.create({
        data: { accountId, amountMinor: 500n, currency: 'USD', paidAt: day, channel: 'card', reference: randomUUID() },
      });
      await t.db.stopFlag.create({
        data: {
          debtorId,
          accountId,
          type: 'do_not_contact',
          reason: `cleared ${i}`,
          setAt: day,
          clearedAt: day,
        },
      });
      await t.db.dispute.create({
        data: {
          accountId,
          status: 'closed',
          method: 'written',
          currency: 'USD',
          description: `Dispute ${round}-${i}`,
          receivedAt: day,
          timing: 'before_notice',
          holdBasis: 'none',
          createdById: collectorId,
        },
      });
      await t.db.verificationTask.create({
        data: {
          accountId,
          claimedPaidOn: day,
          claimedAmountMinor: 700n,
          claimedChannel: 'card',
        },
      });
      await t.db.outboxMessage.create({
        data: {
          accountId,
          kind: 'promise_reminder',
          channel: 'sms',
          contactPointId: point.id,
          recipient: point.value,
          locale: 'en',
          body: `Reminder ${round}-${i}`,
          sendAfter: day,
          status: 'sent',
          sentAt: day,
        },
      });
    }
  }

  it('costs the same few statements with a long history as with a short one: session, one read, one audit row', async () => {
    // The first request of a session reads it; the next ones are served by the cache (ADR 046).
    const cold = await get(collector);
    expect(cold.session.length).toBeGreaterThan(0);
    const small = await get(collector);
    expect(small.res.statusCode).toBe(200);
    await addHistory(30, 1);
    const large = await get(collector);
    expect(large.res.statusCode).toBe(200);
    const body = large.res.json();
    // The history is all there (30 attempts, promises, payments and plans), and the count did not grow.
    expect(body.history.filter((h: { kind: string }) => h.kind === 'contact')).toHaveLength(30);
    expect(body.history).toHaveLength(120);
    expect(body.disputes.disputes).toHaveLength(30);
    expect(body.claimedPayments).toHaveLength(30);
    expect(body.reminders).toHaveLength(30);
    expect(body.thirdParties[0].callsMade).toBe(10);
    expect(large.statements).toHaveLength(small.statements.length);
    // The case file's own work: ONE read (access facts, records, gate facts, policies), then the
    // audit row of the read. With the session lookup at most one statement (or free), <= 3 in all.
    expect(large.own).toHaveLength(2);
    expect(large.own[0]).toContain('AS "caseFile"');
    expect(large.own[1]).toMatch(/^\/\* prepared \*\/\s+INSERT INTO audit_events/);
    expect(large.statements).toHaveLength(large.session.length + 2);
    // With the session cache warm (ADR 046) the whole request is those two: at most 3, as issue 16 asks.
    expect(large.session).toHaveLength(0);
    expect(large.statements.length).toBeLessThanOrEqual(3);
  });

  it('writes the audit row of the read, naming the account and the customer', async () => {
    const { res } = await get(collector);
    expect(res.statusCode).toBe(200);
    const events = await t.db.auditEvent.findMany({ where: { requestId: String(res.headers['x-request-id']) } });
    expect(events).toMatchObject([
      { actorId: collectorId, action: 'case_file.view', entityType: 'account', entityId: accountId },
    ]);
    expect(events[0]!.accountIds).toEqual([accountId]);
  });

  it('refuses someone else’s account with 403 and no personal data, and records the refusal', async () => {
    const { res, own } = await get(stranger);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('Quill');
    expect(res.body).not.toContain('Note 1-');
    expect(Object.keys(res.json())).toEqual(['error']);
    const events = await t.db.auditEvent.findMany({ where: { requestId: String(res.headers['x-request-id']) } });
    expect(events).toMatchObject([{ action: 'case_file.view.denied', entityId: accountId, data: { status: 403 } }]);
    // As before: the access decision, then the refusal's audit row (and nothing else).
    expect(own).toHaveLength(2);
    expect(own[1]).toMatch(/^\/\* prepared \*\/\s+INSERT INTO audit_events/);

    const missing = randomUUID();
    const notFound = await get(collector, missing);
    expect(notFound.res.statusCode).toBe(404);
    const denied = await t.db.auditEvent.findMany({
      where: { requestId: String(notFound.res.headers['x-request-id']) },
    });
    expect(denied).toMatchObject([{ action: 'case_file.view.denied', entityId: missing, data: { status: 404 } }]);
  });
});
