import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { importCsv } from '../../../test/imports.js';
import { TEST_PASSWORD } from '../../../test/factories.js';
import { postOutcome } from '../../../test/outcomes.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createAuditRepository } from './audit.repository.js';

/**
 * "Audit inside the transaction" is the one way writes happen (ADR 018): every audited write and
 * its audit event commit together or not at all. Each case below makes the database refuse that
 * one action's audit event (a trigger on audit_events, installed by the owner for the duration of
 * the request), sends the real request, and checks that nothing of the write is kept; then, with
 * the trigger gone, the same request succeeds and its event is there.
 */
describe('a write and its audit event commit together', () => {
  const t = useTestApp({ now: '2026-11-20T15:00:00Z' });
  let admin: Session;
  let collector: Session;
  let collectorId = '';
  let creditorId = '';
  let creditorCode = '';
  let scripts: { id: string; versions: { id: string; status: string }[] }[] = [];

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'aw-admin' });
    await t.factories.user('collector', { username: 'aw-login' });
    await t.factories.user('collector', { username: 'aw-logout' });
    await t.factories.user('collector', { username: 'aw-password' });
    collectorId = (await t.factories.user('collector', { username: 'aw-collector' })).id;
    const creditor = await t.factories.creditor();
    creditorCode = creditor.code;
    creditorId = creditor.id;
    admin = await t.login('aw-admin');
    collector = await t.login('aw-collector');
    scripts = (await admin.inject({ method: 'GET', url: '/api/scripts' })).json().items;
  });

  /** While `send` runs, the database refuses to store an audit event whose action is `action` (and that meets `also`). */
  async function withAuditRefused<T>(action: string, send: () => Promise<T>, also = 'TRUE'): Promise<T> {
    await t.db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit store unavailable (test)'; END $$`,
    );
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW
       WHEN (NEW.action = '${action.replaceAll("'", "''")}' AND ${also}) EXECUTE FUNCTION test_refuse_audit()`,
    );
    try {
      return await send();
    } finally {
      await t.db.$executeRawUnsafe('DROP TRIGGER test_refuse_audit ON audit_events');
    }
  }

  const userId = async (username: string) => (await t.db.user.findUniqueOrThrow({ where: { username } })).id;
  const sessionsOf = async (username: string) => t.db.session.count({ where: { userId: await userId(username) } });
  const objection = {
    category: 'cash_flow',
    locale: 'en',
    customerSays: 'I get paid next week.',
    answer: 'Could we agree a smaller payment now and the rest on payday?',
    stages: ['m1'],
  };
  const createObjection = async () => {
    const res = await admin.inject({ method: 'POST', url: '/api/objections', payload: objection });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const objectionState = async (id: string) => ({
    current: await t.db.objectionAnswer.findUniqueOrThrow({ where: { id }, select: { version: true, answer: true } }),
    versions: await t.db.objectionAnswerVersion.count({ where: { objectionId: id } }),
  });
  const newDraft = async (scriptId: string) => {
    const res = await admin.inject({ method: 'POST', url: `/api/scripts/${scriptId}/drafts`, payload: {} });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; steps: { key: string; text: string }[] };
  };
  const versionsOf = (scriptId: string) =>
    t.db.scriptVersion.findMany({
      where: { scriptId },
      orderBy: { version: 'asc' },
      select: { id: true, status: true, steps: true },
    });

  interface Case {
    action: string;
    /** Creates what the write needs; returns the request and what it must leave unchanged when refused. */
    prepare(): Promise<{ send(): Promise<LightMyRequestResponse>; state(): Promise<unknown> }>;
  }
  const cases: Case[] = [
    {
      action: 'contact_attempt.recorded',
      prepare: async () => {
        const account = await t.factories.account({ creditorId, collectorId, profile: 'US' });
        const phone = await t.factories.contactPoint(account.debtorId, { value: '+1 212-555-0190' });
        return {
          send: () =>
            postOutcome(collector, account.id, {
              contactPointId: phone.id,
              disposition: 'promise_to_pay',
              promise: { amountMinor: 5_000, dueDate: '2026-11-27', channel: 'card' },
            }),
          state: async () => ({
            attempts: await t.db.contactAttempt.count({ where: { accountId: account.id } }),
            promises: await t.db.paymentPromise.count({ where: { accountId: account.id } }),
          }),
        };
      },
    },
    {
      action: 'payment.posted',
      prepare: async () => {
        const account = await t.factories.account({ creditorId, balanceMinor: 100_000 });
        const payment = {
          accountId: account.id,
          amountMinor: 1_000,
          currency: 'USD',
          paidAt: '2026-11-20T10:00:00Z',
          channel: 'card',
          reference: `AW-${account.id}`,
          source: 'manual',
        };
        return {
          send: () => admin.inject({ method: 'POST', url: '/api/payments', payload: payment }),
          state: async () => ({
            payments: await t.db.payment.count({ where: { accountId: account.id } }),
            balance: (await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).balanceMinor,
          }),
        };
      },
    },
    {
      action: 'accounts.assign',
      prepare: async () => {
        const other = await t.factories.creditor();
        for (let i = 0; i < 3; i++)
          await t.factories.account({ creditorId: other.id, oldestUnpaidDueDate: '2026-11-05', collectorId: null });
        return {
          send: () =>
            admin.inject({
              method: 'POST',
              url: '/api/accounts/assignments',
              payload: { filter: { creditorId: other.id, unassignedOnly: true }, to: { collectorId } },
            }),
          state: () => t.db.account.count({ where: { creditorId: other.id, assignedCollectorId: collectorId } }),
        };
      },
    },
    {
      action: 'policy.save',
      prepare: async () => {
        const current = (await admin.inject({ method: 'GET', url: '/api/policies' }))
          .json()
          .items.find((i: { kind: string; key: string }) => i.kind === 'promise_rules');
        return {
          send: () =>
            admin.inject({
              method: 'PUT',
              url: `/api/policies/promise_rules/${current.key}`,
              payload: { data: current.data },
            }),
          state: () => t.db.policy.count(),
        };
      },
    },
    {
      action: 'auth.login',
      prepare: async () => ({
        send: () => t.signIn('aw-login', TEST_PASSWORD),
        state: () => sessionsOf('aw-login'),
      }),
    },
    {
      action: 'auth.logout',
      prepare: async () => {
        const session = await t.login('aw-logout');
        return {
          send: () => session.inject({ method: 'POST', url: '/api/auth/logout' }),
          state: () => sessionsOf('aw-logout'),
        };
      },
    },
    {
      action: 'auth.password_changed',
      prepare: async () => {
        const session = await t.login('aw-password');
        await t.login('aw-password');
        return {
          send: () =>
            session.inject({
              method: 'POST',
              url: '/api/me/password',
              payload: { currentPassword: TEST_PASSWORD, newPassword: 'a new and long passphrase' },
            }),
          state: async () => ({
            hash: (await t.db.user.findUniqueOrThrow({ where: { username: 'aw-password' } })).passwordHash,
            sessions: await sessionsOf('aw-password'),
          }),
        };
      },
    },
    {
      action: 'user.create',
      prepare: async () => ({
        send: () =>
          admin.inject({
            method: 'POST',
            url: '/api/users',
            payload: { username: 'aw-new', displayName: 'New', role: 'collector', password: 'a long enough password' },
          }),
        state: () => t.db.user.count({ where: { username: 'aw-new' } }),
      }),
    },
    {
      action: 'user.update',
      prepare: async () => {
        const user = await t.factories.user('collector');
        return {
          send: () =>
            admin.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { displayName: 'Renamed' } }),
          state: async () => (await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).displayName,
        };
      },
    },
    {
      action: 'user.reset_password',
      prepare: async () => {
        const user = await t.factories.user('collector');
        await t.login(user.username);
        return {
          send: () =>
            admin.inject({
              method: 'POST',
              url: `/api/users/${user.id}/password`,
              payload: { password: 'a reset and long password' },
            }),
          state: async () => ({
            hash: (await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash,
            sessions: await t.db.session.count({ where: { userId: user.id } }),
          }),
        };
      },
    },
    {
      action: 'team.create',
      prepare: async () => ({
        send: () => admin.inject({ method: 'POST', url: '/api/teams', payload: { name: 'Audited team' } }),
        state: () => t.db.team.count({ where: { name: 'Audited team' } }),
      }),
    },
    {
      action: 'team.update',
      prepare: async () => {
        const team = await t.factories.team();
        return {
          send: () =>
            admin.inject({ method: 'PATCH', url: `/api/teams/${team.id}`, payload: { name: 'Renamed team' } }),
          state: async () => (await t.db.team.findUniqueOrThrow({ where: { id: team.id } })).name,
        };
      },
    },
    {
      action: 'contact.review',
      prepare: async () => {
        const collector = await t.factories.user('collector');
        const creditor = await t.factories.creditor();
        const account = await t.factories.account({ creditorId: creditor.id, collectorId: collector.id });
        const attempt = await t.db.contactAttempt.create({
          data: {
            accountId: account.id,
            debtorId: account.debtorId,
            collectorId: collector.id,
            channel: 'phone',
            partyReached: 'debtor',
            disposition: 'right_party_contact',
            startedAt: new Date('2026-11-19T15:00:00Z'),
          },
        });
        const checks = {
          identifiedSelfAndCreditor: true,
          verifiedRightParty: true,
          disclosureGiven: true,
          noProhibitedLanguage: true,
          clearSummary: false,
        };
        return {
          send: () =>
            admin.inject({
              method: 'PUT',
              url: `/api/contacts/${attempt.id}/review`,
              payload: { checks, comment: 'Summarise.', coaching: true },
            }),
          state: () => t.db.contactReview.count({ where: { contactAttemptId: attempt.id } }),
        };
      },
    },
    {
      action: 'objection.create',
      prepare: async () => ({
        send: () =>
          admin.inject({ method: 'POST', url: '/api/objections', payload: { ...objection, customerSays: 'Audited.' } }),
        state: () => t.db.objectionAnswer.count({ where: { customerSays: 'Audited.' } }),
      }),
    },
    {
      action: 'objection.update',
      prepare: async () => {
        const id = await createObjection();
        return {
          send: () =>
            admin.inject({
              method: 'PUT',
              url: `/api/objections/${id}`,
              payload: { ...objection, answer: 'Could we agree a date for the rest?', expectedVersion: 1 },
            }),
          state: () => objectionState(id),
        };
      },
    },
    {
      action: 'objection.restore',
      prepare: async () => {
        const id = await createObjection();
        const update = { ...objection, answer: 'Could we agree a date for the rest?' };
        expect((await admin.inject({ method: 'PUT', url: `/api/objections/${id}`, payload: update })).statusCode).toBe(
          200,
        );
        const first = await t.db.objectionAnswerVersion.findFirstOrThrow({ where: { objectionId: id, version: 1 } });
        return {
          send: () =>
            admin.inject({
              method: 'POST',
              url: `/api/objections/${id}/versions/${first.id}/restore`,
              payload: { expectedVersion: 2 },
            }),
          state: () => objectionState(id),
        };
      },
    },
    {
      action: 'script.draft',
      prepare: async () => {
        const scriptId = scripts[0]!.id;
        return {
          send: () => admin.inject({ method: 'POST', url: `/api/scripts/${scriptId}/drafts`, payload: {} }),
          state: () => versionsOf(scriptId),
        };
      },
    },
    {
      action: 'script.edit',
      prepare: async () => {
        const scriptId = scripts[1]!.id;
        const draft = await newDraft(scriptId);
        const steps = draft.steps.map((s, i) => (i === 0 ? { ...s, text: `${s.text} Thank you.` } : s));
        return {
          send: () => admin.inject({ method: 'PUT', url: `/api/scripts/versions/${draft.id}`, payload: { steps } }),
          state: () => versionsOf(scriptId),
        };
      },
    },
    {
      action: 'script.publish',
      prepare: async () => {
        const scriptId = scripts[2]!.id;
        const draft = await newDraft(scriptId);
        return {
          send: () => admin.inject({ method: 'POST', url: `/api/scripts/versions/${draft.id}/publish`, payload: {} }),
          state: () => versionsOf(scriptId),
        };
      },
    },
    {
      action: 'consent.contact_point',
      prepare: async () => {
        const account = await t.factories.account({ creditorId, collectorId, withPhone: true });
        const phone = account.debtor.contactPoints[0]!;
        return {
          send: () =>
            collector.inject({
              method: 'PUT',
              url: `/api/accounts/${account.id}/consent/contact-points/${phone.id}`,
              payload: { optedOut: false, optedOutChannels: ['sms'], workInconvenient: false, note: 'Said no texts' },
            }),
          state: () =>
            t.db.contactPoint.findUniqueOrThrow({ where: { id: phone.id }, select: { optedOutChannels: true } }),
        };
      },
    },
    {
      action: 'consent.preferences',
      prepare: async () => {
        const account = await t.factories.account({ creditorId, collectorId });
        const payload = {
          preferredChannel: 'email',
          preferredTime: null,
          inconvenientTimes: [{ start: '12:00', end: '13:00' }],
          note: 'Lunch is inconvenient',
        };
        return {
          send: () =>
            collector.inject({ method: 'PUT', url: `/api/accounts/${account.id}/consent/preferences`, payload }),
          state: () =>
            t.db.debtor.findUniqueOrThrow({
              where: { id: account.debtorId },
              select: { preferredChannel: true, inconvenientTimes: true },
            }),
        };
      },
    },
    {
      action: 'consent.third_party',
      prepare: async () => {
        const account = await t.factories.account({ creditorId, collectorId });
        const tp = await t.db.thirdParty.create({
          data: { debtorId: account.debtorId, name: 'Sam', relationship: 'spouse', source: 'test' },
        });
        return {
          send: () =>
            collector.inject({
              method: 'PUT',
              url: `/api/accounts/${account.id}/consent/third-parties/${tp.id}`,
              payload: { doNotContact: true, moreContactRequested: false, note: 'Asked not to be called' },
            }),
          state: () => t.db.thirdParty.findUniqueOrThrow({ where: { id: tp.id }, select: { doNotContact: true } }),
        };
      },
    },
    {
      action: 'contact_point.added',
      prepare: async () => {
        const account = await t.factories.account({ creditorId, collectorId });
        return {
          send: () =>
            collector.inject({
              method: 'POST',
              url: `/api/accounts/${account.id}/contact-points`,
              payload: { kind: 'phone', type: 'work', value: '+1 808 555 0123' },
            }),
          state: () => t.db.contactPoint.count({ where: { debtorId: account.debtorId } }),
        };
      },
    },
    {
      action: 'contact_point.updated',
      prepare: async () => {
        const account = await t.factories.account({ creditorId, collectorId });
        const phone = await t.factories.contactPoint(account.debtorId, { value: '+1 212-555-0778' });
        return {
          send: () =>
            collector.inject({
              method: 'PATCH',
              url: `/api/accounts/${account.id}/contact-points/${phone.id}`,
              payload: { status: 'invalid', reason: 'Wrong number' },
            }),
          state: () =>
            t.db.contactPoint.findUniqueOrThrow({
              where: { id: phone.id },
              select: { status: true, statusReason: true },
            }),
        };
      },
    },
    {
      action: 'consent.sms_stop',
      prepare: async () => {
        await t.factories.user('service', { username: 'aw-feed' });
        const feed = await t.login('aw-feed');
        const account = await t.factories.account({ creditorId });
        const phone = await t.factories.contactPoint(account.debtorId, { value: '+1 212-555-0777' });
        return {
          send: () =>
            feed.inject({ method: 'POST', url: '/api/inbound/sms', payload: { from: '+12125550777', body: 'STOP' } }),
          state: () =>
            t.db.contactPoint.findUniqueOrThrow({ where: { id: phone.id }, select: { optedOutChannels: true } }),
        };
      },
    },
  ];

  // Imports run as jobs (ADR 042): the upload is accepted (202); the refused event fails the import
  // with its reason and nothing of the file is kept; the same file uploaded again lands.
  const importCases: {
    action: string;
    prepare(): Promise<{ send(): ReturnType<typeof importCsv>; state(): Promise<unknown> }>;
  }[] = [
    {
      action: 'import.portfolio',
      prepare: async () => {
        const header =
          'debtor_external_id,account_external_id,currency,family_name,given_name,time_zone,mobile_phone,creditor_code,' +
          'product,balance,overdue,instalment,oldest_unpaid_due_date,opened_at';
        const row = `AW-D1,AW-A1,USD,Doe,Jo,America/New_York,+1 212-555-0199,${creditorCode},credit_card,1200,100,50,2026-10-01,2025-01-01`;
        const csv = `${header}\n${row}\n`;
        return {
          send: () => importCsv(t.app, admin, '/api/imports/portfolio?mode=all', csv),
          state: async () => ({
            debtors: await t.db.debtor.count({ where: { externalId: 'AW-D1' } }),
            accounts: await t.db.account.count({ where: { externalId: 'AW-A1' } }),
          }),
        };
      },
    },
    {
      action: 'import.payments',
      prepare: async () => {
        const creditor = await t.factories.creditor();
        const account = await t.factories.account({ creditorId: creditor.id });
        const csv =
          'account_external_id,amount,currency,paid_at,channel,reference\n' +
          `${account.externalId},12.50,USD,2026-11-19,card,AW-P1\n${account.externalId},7.50,USD,2026-11-19,card,AW-P2\n`;
        return {
          send: () => importCsv(t.app, admin, '/api/imports/payments?mode=all&source=aw', csv),
          state: async () => ({
            payments: await t.db.payment.count({ where: { accountId: account.id } }),
            balance: (await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).balanceMinor,
          }),
        };
      },
    },
  ];

  it.each(importCases)(
    '$action: refused audit event, the import failed with the reason, nothing kept; then the same file lands',
    async (c) => {
      const { send, state } = await c.prepare();
      const before = await state();
      const events = () => t.db.auditEvent.count({ where: { action: c.action } });
      const eventsBefore = await events();

      const refused = await withAuditRefused(c.action, send);
      expect(refused.statusCode).toBe(202);
      expect(refused.view).toMatchObject({ status: 'failed', phase: 'failed', report: null });
      expect(refused.view!.error).toContain('audit store unavailable (test)');
      expect(await state()).toEqual(before);
      expect(await events()).toBe(eventsBefore);

      const accepted = await send();
      expect(accepted.view).toMatchObject({ status: 'succeeded', report: { committed: true } });
      expect(await state()).not.toEqual(before);
      expect(await events()).toBe(eventsBefore + 1);
    },
  );

  it.each(cases)('$action: refused audit event, nothing kept; then the same request succeeds', async (c) => {
    const { send, state } = await c.prepare();
    const before = await state();
    const events = () => t.db.auditEvent.count({ where: { action: c.action } });
    const eventsBefore = await events();

    const refused = await withAuditRefused(c.action, send);
    expect(refused.statusCode, refused.body).toBeGreaterThanOrEqual(500);
    expect(await state()).toEqual(before);
    expect(await events()).toBe(eventsBefore);

    const accepted = await send();
    expect(accepted.statusCode, accepted.body).toBeLessThan(300);
    expect(await state()).not.toEqual(before);
    expect(await events()).toBe(eventsBefore + 1);
  });

  it('a write cannot record its event outside its transaction: record takes the transaction, required by its type', async () => {
    const audit = createAuditRepository(t.db);
    const entry = { actorId: null, action: 'test.write', entityType: 'test' };
    // @ts-expect-error the write's transaction is required (pnpm typecheck fails if this line compiles)
    await expect(audit.record(entry)).rejects.toThrow();
    // The transaction fails after its event was written: the event goes with it.
    await expect(
      createUnitOfWork(t.db)(async (tx) => {
        await audit.record(entry, tx);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await t.db.auditEvent.count({ where: { action: 'test.write' } })).toBe(0);
    // An event with no write of its own says so by its method's name.
    await audit.recordStandalone({ ...entry, action: 'test.read' });
    expect(await t.db.auditEvent.count({ where: { action: 'test.read' } })).toBe(1);
  });

  it('a payments file is one transaction with an event per batch: a refused batch leaves nothing of the file (ADR 042)', async () => {
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({ creditorId: creditor.id, balanceMinor: 10_000_000 });
    const lines = Array.from({ length: 2_001 }, (_, i) => `${account.externalId},0.01,USD,2026-11-19,card,AW-B${i}`);
    const csv = `account_external_id,amount,currency,paid_at,channel,reference\n${lines.join('\n')}\n`;
    const send = () => importCsv(t.app, admin, '/api/imports/payments?mode=all&source=aw-batches', csv);
    const events = async () =>
      (
        await t.db.auditEvent.findMany({
          where: { action: 'import.payments', data: { path: ['source'], equals: 'aw-batches' } },
          orderBy: { id: 'asc' },
        })
      ).map((e) => e.data);
    const kept = () => t.db.payment.count({ where: { accountId: account.id } });

    // The second batch's event is refused: the whole file is rolled back, the first batch with it
    // (before imports were jobs, the first batch stayed: a half-applied file).
    const refused = await withAuditRefused('import.payments', send, "NEW.data->>'batch' = '2'");
    expect(refused.view).toMatchObject({ status: 'failed', report: null });
    expect(refused.view!.error).toContain('audit store unavailable (test)');
    expect(await kept()).toBe(0);
    expect(await events()).toEqual([]);
    expect((await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).balanceMinor).toBe(10_000_000n);

    // Sent again: all of it is written, with an event per batch.
    const again = await send();
    expect(again.json()).toMatchObject({ committed: true, writtenRows: 2_001, duplicateRows: 0 });
    expect(await kept()).toBe(2_001);
    expect(await events()).toEqual([
      expect.objectContaining({ batch: 1, batches: 2, written: 2_000, lines: [2, 2_001] }),
      expect.objectContaining({ batch: 2, batches: 2, written: 1, lines: [2_002, 2_002] }),
    ]);
  });
});
