import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { postOutcome } from '../../../test/outcomes.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createComplianceModule } from '../compliance/compliance.module.js';
import { createMessagesModule } from '../messages/messages.module.js';
import { createDisputesRepository } from './disputes.repository.js';
import { createDisputesService } from './disputes.service.js';

// Tuesday 1 December 2026, 10:00 in New York: a letter sent today is assumed received on
// Tuesday 8 December (five days without Saturday and Sunday), the period ends 30 days later.
const NOW = '2026-12-01T15:00:00Z';

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('validation notices and disputes (Reg F 1006.34, 1006.38)', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, supervisor: Session, outsider: Session;
  let collectorId: string, creditorId: string, ukCreditorId: string;
  const spool = mkdtempSync(path.join(tmpdir(), 'letters-'));
  let sendDue: () => Promise<{ sent: number; blocked: number; rescheduled: number }>;

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'dp-s' });
    const team = await t.factories.team('Disputes', sup.id);
    collectorId = (await t.factories.user('collector', { username: 'dp-c', teamId: team.id })).id;
    await t.factories.user('collector', { username: 'dp-other' });
    creditorId = (await t.factories.creditor('US')).id;
    ukCreditorId = (await t.factories.creditor('UK')).id;
    collector = await t.login('dp-c');
    supervisor = await t.login('dp-s');
    outsider = await t.login('dp-other');
    // The outbox sender as the periodic job runs it, with the app's letter renderer and a spool folder.
    const uow = createUnitOfWork(t.db);
    const { gate } = createComplianceModule({ db: t.db, uow, clock: t.clock });
    const renderer = createDisputesService({
      disputes: createDisputesRepository(t.db),
      uow,
      clock: t.clock,
      collector: { name: 'Northwind Recovery Services', mailingAddress: ['PO Box 1200', 'Wilmington, DE 19899'] },
      // Not used by the renderer.
      audit: undefined as never,
      access: undefined as never,
      gateFacts: undefined as never,
      stopFlags: undefined as never,
      policies: undefined as never,
    });
    const { reminders } = createMessagesModule({
      db: t.db,
      clock: t.clock,
      gate,
      letters: { renderer, spoolDir: spool },
    });
    sendDue = () => reminders.send();
  });

  async function account(
    over: Partial<{ profile: 'US' | 'UK'; language: 'en' | 'zh_CN'; address: boolean; fullName: string }> = {},
  ) {
    const a = await t.factories.account({
      creditorId: over.profile === 'UK' ? ukCreditorId : creditorId,
      profile: over.profile ?? 'US',
      collectorId,
      balanceMinor: 234_567,
      language: over.language ?? 'en',
      fullName: over.fullName ?? 'Maria Lopez',
      withPhone: true,
    });
    if (over.address !== false)
      await t.factories.contactPoint(a.debtorId, {
        kind: 'address',
        type: 'home',
        value: '12 Elm St, Denver, CO 80202',
        country: 'US',
        postalCode: '80202',
        region: 'CO',
      });
    return a;
  }

  const queue = (s: Session, accountId: string, payload: Record<string, unknown> = {}) =>
    s.inject({ method: 'POST', url: `/api/accounts/${accountId}/validation-notices`, payload });
  const dispute = (s: Session, accountId: string, payload: Record<string, unknown>) =>
    s.inject({ method: 'POST', url: `/api/accounts/${accountId}/disputes`, payload });
  const verified = (
    s: Session,
    accountId: string,
    disputeId: string,
    summary = 'Sent the signed agreement and statements',
  ) =>
    s.inject({
      method: 'POST',
      url: `/api/accounts/${accountId}/disputes/${disputeId}/verification-sent`,
      payload: { summary },
    });
  /** Moves the clock and signs in again (sessions last hours, the tests move weeks). */
  const at = async (iso: string) => {
    t.clock.set(iso);
    collector = await t.login('dp-c');
    supervisor = await t.login('dp-s');
  };
  const caseFile = async (accountId: string) =>
    (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();

  it('queues the notice once per account, renders it from the account, and the drop sends it once with its end date', async () => {
    const a = await account();
    // A payment after the itemization date: itemized as paid since.
    await t.db.payment.create({
      data: {
        accountId: a.id,
        amountMinor: 15_000n,
        currency: 'USD',
        paidAt: new Date('2026-11-10T15:00:00Z'),
        channel: 'card',
        reference: `dp-${a.id}`,
      },
    });
    const [first, second] = await Promise.all([
      queue(collector, a.id, { itemizationDate: '2026-10-31' }),
      queue(collector, a.id, { itemizationDate: '2026-10-31' }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
    expect(first.json().id).toBe(second.json().id);
    expect(first.json()).toMatchObject({
      status: 'queued',
      sentAt: null,
      daysLeft: null,
      itemizationDate: '2026-10-31',
      amountOnItemizationMinor: 249_567,
      paymentsCreditsSinceMinor: 15_000,
      currentAmountMinor: 234_567,
      locales: ['en'],
    });
    expect(
      await t.db.outboxMessage.count({ where: { accountId: a.id, kind: 'validation_notice', channel: 'letter' } }),
    ).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: 'validation_notice.queued', entityId: a.id } })).toBe(1);

    // The job sends it the next day (Wednesday): the end date follows the day it goes out.
    t.clock.set('2026-12-02T15:00:00Z');
    const [run1, run2] = await Promise.all([sendDue(), sendDue()]);
    expect(run1.sent + run2.sent).toBe(1);
    t.clock.set(NOW);
    const outbox = await t.db.outboxMessage.findFirstOrThrow({ where: { accountId: a.id, kind: 'validation_notice' } });
    expect(outbox.status).toBe('sent');
    expect(outbox.sentAt?.toISOString()).toBe('2026-12-02T15:00:00.000Z');
    const file = path.join(spool, `${outbox.id}.pdf`);
    expect(readdirSync(spool)).toContain(`${outbox.id}.pdf`);
    const text = pdfText(file);
    for (const expected of [
      'Maria Lopez',
      '12 Elm St',
      'Denver, CO 80202',
      'Northwind Recovery Services is a debt collector',
      'PO Box 1200',
      a.externalId,
      'October 31, 2026',
      '$2,495.67', // owed on the itemization date
      '$150.00', // paid since
      '$2,345.67', // now
      'January 8, 2027', // sent Wednesday 2 Dec: received Wednesday 9 Dec, ends 30 days later
      'www.cfpb.gov/debt-collection',
      'This is not my debt.',
    ])
      expect(text).toContain(expected);

    const list = (await collector.inject({ method: 'GET', url: `/api/accounts/${a.id}/disputes` })).json();
    expect(list.noticeApplies).toBe(true);
    expect(list.notices[0]).toMatchObject({ status: 'sent', validationEndsOn: '2027-01-08', daysLeft: 38 });
    const cf = await caseFile(a.id);
    expect(cf.disputes.notices[0].sentAt).toBe('2026-12-02T15:00:00.000Z');
    // A letter is not a reminder.
    expect(cf.reminders).toEqual([]);

    // Downloading the PDF is an audited read; the stored document is the letter that went out.
    const pdf = await collector.inject({
      method: 'GET',
      url: `/api/accounts/${a.id}/validation-notices/${list.notices[0].id}/pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.equals(readFileSync(file))).toBe(true);
    expect(await t.db.auditEvent.count({ where: { action: 'validation_notice.download', entityId: a.id } })).toBe(1);
    // Another team's collector: refused, and the refusal recorded.
    const refused = await outsider.inject({
      method: 'GET',
      url: `/api/accounts/${a.id}/validation-notices/${list.notices[0].id}/pdf`,
    });
    expect(refused.statusCode).toBe(403);
    expect(
      await t.db.auditEvent.count({ where: { action: 'validation_notice.download.denied', entityId: a.id } }),
    ).toBe(1);

    // After sending, asking again queues a new notice (the one pending per account is gone).
    expect((await queue(collector, a.id)).statusCode).toBe(201);
  });

  it('sends an English notice followed by a complete Chinese translation to a zh-CN customer', async () => {
    const a = await account({ language: 'zh_CN', fullName: '王芳' });
    const res = await queue(collector, a.id);
    expect(res.statusCode).toBe(201);
    expect(res.json().locales).toEqual(['en', 'zh-CN']);
    await sendDue();
    const outbox = await t.db.outboxMessage.findFirstOrThrow({ where: { accountId: a.id, kind: 'validation_notice' } });
    const text = pdfText(path.join(spool, `${outbox.id}.pdf`));
    expect(text).toContain('is a debt collector');
    expect(text).toContain('January 7, 2027');
    expect(text).toContain('2027年1月7日');
    expect(text).toContain('是债务催收方');
    expect(text).toContain('王芳');
    expect(text).toContain('US$2,345.67');
    expect(text.indexOf('is a debt collector')).toBeLessThan(text.indexOf('是债务催收方'));
  });

  it('refuses a profile that sends no notice, and a customer without a postal address, naming the field', async () => {
    const uk = await account({ profile: 'UK' });
    const res = await queue(collector, uk.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ field: 'complianceProfile', message: expect.stringMatching(/UK/) }),
    ]);
    const noAddress = await account({ address: false });
    const res2 = await queue(collector, noAddress.id);
    expect(res2.statusCode).toBe(409);
    expect(res2.json().error.fields[0].field).toBe('address');
    const bad = await queue(collector, noAddress.id, { itemizationDate: '2027-05-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('itemizationDate');
    expect((await queue(outsider, noAddress.id)).statusCode).toBe(403);
  });

  it('a dispute within the validation period holds collection until verification is sent; one verification wins', async () => {
    const a = await account();
    await queue(collector, a.id);
    await sendDue(); // sent today: the period ends on 7 January
    const res = await dispute(collector, a.id, {
      method: 'written',
      receivedAt: '2026-12-20T15:00:00Z',
      amountMinor: 5_000,
      description: 'The late fee of $50 is wrong',
    });
    // The future is refused: receivedAt is checked against the clock.
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('receivedAt');
    await at('2026-12-21T15:00:00Z');
    const ok = await dispute(collector, a.id, {
      method: 'written',
      receivedAt: '2026-12-20T15:00:00Z',
      amountMinor: 5_000,
      description: 'The late fee of $50 is wrong',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      status: 'open',
      timing: 'within_period',
      holdBasis: 'law',
      collectionPaused: true,
      responseDueOn: '2027-01-19',
    });
    const flag = await t.db.stopFlag.findUniqueOrThrow({ where: { id: ok.json().stopFlagId } });
    expect(flag).toMatchObject({ type: 'dispute_hold', accountId: a.id, clearedAt: null });
    const held = await caseFile(a.id);
    expect(held.summary.gate.reasons.map((r: { code: string }) => r.code)).toContain('stop_flag');
    expect(held.disputes.disputes[0]).toMatchObject({ status: 'open', description: 'The late fee of $50 is wrong' });

    // A collector may not record verification; two supervisors' requests at once: one wins.
    expect((await verified(collector, a.id, ok.json().id)).statusCode).toBe(403);
    const both = await Promise.all([
      verified(supervisor, a.id, ok.json().id),
      verified(supervisor, a.id, ok.json().id),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().error.fields[0].field).toBe('status');
    const cleared = await t.db.stopFlag.findUniqueOrThrow({ where: { id: flag.id } });
    expect(cleared.clearedAt).not.toBeNull();
    expect(cleared.clearReason).toBe('verification sent');
    // Through the stop-flag lifecycle: audited as a clear by the supervisor, in the flag history.
    expect(await t.db.auditEvent.count({ where: { action: 'stop_flag.cleared', entityId: flag.id } })).toBe(1);
    const history = await supervisor.inject({ method: 'GET', url: `/api/accounts/${a.id}/stop-flags` });
    expect(history.json().flags.find((f: { id: string }) => f.id === flag.id)).toMatchObject({
      status: 'cleared',
      clearReason: 'verification sent',
      clearedBy: { id: expect.any(String) },
    });
    expect(await t.db.auditEvent.count({ where: { action: 'dispute.verification_sent', entityId: a.id } })).toBe(1);
    const after = await caseFile(a.id);
    expect(after.summary.gate.reasons.map((r: { code: string }) => r.code)).not.toContain('stop_flag');
    expect(after.disputes.disputes[0]).toMatchObject({ status: 'verification_sent', collectionPaused: false });
    await at(NOW);
  });

  it('a dispute after the validation period is recorded without an automatic hold', async () => {
    const a = await account();
    await queue(collector, a.id);
    await sendDue();
    await at('2027-01-20T15:00:00Z');
    const res = await dispute(collector, a.id, {
      method: 'oral',
      receivedAt: '2027-01-20T14:00:00Z',
      description: 'Says the balance is too high',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      timing: 'after_period',
      holdBasis: 'none',
      collectionPaused: false,
      stopFlagId: null,
    });
    const asked = await dispute(collector, a.id, {
      method: 'oral',
      receivedAt: '2027-01-20T14:30:00Z',
      description: 'Disputes again, asks us to wait',
      hold: true,
    });
    expect(asked.json()).toMatchObject({ holdBasis: 'requested', collectionPaused: true });
    await at(NOW);
  });

  it('an outcome `dispute` recorded through POST /contacts creates the dispute record in the same transaction', async () => {
    const a = await account();
    const phone = a.debtor.contactPoints.find((p) => p.kind === 'phone')!.id;
    const res = await postOutcome(collector, a.id, {
      contactPointId: phone,
      disposition: 'dispute',
      flag: { type: 'dispute_hold', reason: 'Says the late fee is wrong' },
    });
    expect(res.statusCode).toBe(201);
    const rows = await t.db.dispute.findMany({ where: { accountId: a.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      method: 'oral',
      status: 'open',
      timing: 'before_notice',
      holdBasis: 'policy',
      contactAttemptId: res.json().id,
      stopFlagId: res.json().stopFlagId,
      description: 'Says the late fee is wrong',
    });
    // Verification sent ends the hold the outcome set.
    expect((await verified(supervisor, a.id, rows[0]!.id)).statusCode).toBe(200);
    const flag = await t.db.stopFlag.findUniqueOrThrow({ where: { id: res.json().stopFlagId } });
    expect(flag.clearReason).toBe('verification sent');
  });

  it('bad input is a 400 naming each field', async () => {
    const a = await account();
    const res = await dispute(collector, a.id, {
      method: 'fax',
      receivedAt: 'yesterday',
      amountMinor: 1.5,
      description: '',
    });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .error.fields.map((f: { field: string }) => f.field)
      .sort();
    expect(fields).toEqual(['amountMinor', 'description', 'method', 'receivedAt']);
    const tooMuch = await dispute(collector, a.id, {
      method: 'written',
      receivedAt: '2026-12-01T10:00:00Z',
      amountMinor: 999_999_999,
      description: 'All of it',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields[0].field).toBe('amountMinor');
    const unknown = await verified(supervisor, a.id, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
  });
});
