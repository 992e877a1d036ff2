import { beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@crm/db';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { buildApp } from '../../app.js';
import { loadEnv } from '../../config/env.js';
import { postOutcome } from '../../../test/outcomes.js';

// 10:00 in New York, 15:00 in London, 23:00 in Shanghai.
const NOW = '2026-11-20T15:00:00Z';

describe('case file, suggested script and outcome recording', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, stranger: Session, supervisor: Session;
  let accountId = '',
    phoneId = '',
    emailId = '',
    otherAccountId = '';

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'w-sup' });
    const team = await t.factories.team('W', sup.id);
    const c = await t.factories.user('collector', { username: 'w-c1', teamId: team.id });
    await t.factories.user('collector', { username: 'w-c2' });
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      oldestUnpaidDueDate: '2026-10-15',
      fullName: 'Taylor Reed',
      familyName: 'Reed',
      balanceMinor: 300_000,
      overdueMinor: 60_000,
    });
    accountId = account.id;
    phoneId = (await t.factories.contactPoint(account.debtorId, { value: '+1 212-555-0142' })).id;
    emailId = (
      await t.factories.contactPoint(account.debtorId, { kind: 'email', type: 'other', value: 'taylor@example.com' })
    ).id;
    const second = await t.db.account.create({
      data: {
        ...(({ id: _id, externalId: _e, debtor: _d, createdAt: _c, updatedAt: _u, ...rest }) => rest)(account),
        externalId: 'A-SECOND',
        oldestUnpaidDueDate: null,
        overdueMinor: 0n,
      },
    });
    otherAccountId = second.id;
    // History: an old conversation with a kept promise and its payment.
    const old = await t.db.contactAttempt.create({
      data: {
        accountId,
        debtorId: account.debtorId,
        collectorId: c.id,
        channel: 'phone',
        contactPointId: phoneId,
        partyReached: 'debtor',
        disposition: 'promise_to_pay',
        startedAt: new Date('2026-09-01T18:10:00Z'),
        notes: 'Agreed to pay on Friday',
      },
    });
    await t.db.paymentPromise.create({
      data: {
        accountId,
        contactAttemptId: old.id,
        amountMinor: 20_000n,
        currency: 'USD',
        dueDate: new Date('2026-09-05T00:00:00Z'),
        channel: 'card',
        status: 'kept',
        paidMinor: 20_000n,
        createdAt: old.startedAt,
      },
    });
    await t.db.payment.create({
      data: {
        accountId,
        amountMinor: 20_000n,
        currency: 'USD',
        paidAt: new Date('2026-09-05T15:00:00Z'),
        channel: 'card',
        reference: 'P-1',
      },
    });
    await t.db.thirdParty.create({
      data: {
        debtorId: account.debtorId,
        name: 'Sam Reed',
        relationship: 'spouse',
        phone: '+1 212-555-0199',
        source: 'application',
      },
    });
    collector = await t.login('w-c1');
    stranger = await t.login('w-c2');
    supervisor = await t.login('w-sup');
  });

  describe('case file', () => {
    it('shows who, how much, how late, history newest first, and whether contact is allowed now', async () => {
      const res = await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` });
      expect(res.statusCode).toBe(200);
      const cf = res.json();
      expect(cf.customer).toMatchObject({
        fullName: 'Taylor Reed',
        salutation: 'ms',
        timeZone: 'America/New_York',
        localTime: '10:00',
        localDate: '2026-11-20',
      });
      expect(cf.account).toMatchObject({
        daysPastDue: 36,
        stage: 'm2',
        overdueMinor: 60_000,
        balanceMinor: 300_000,
        currency: 'USD',
      });
      expect(cf.otherAccounts.map((a: { id: string }) => a.id)).toEqual([otherAccountId]);
      // Newest first; the promise sits above the call that produced it.
      expect(cf.history.map((h: { kind: string }) => h.kind)).toEqual(['payment', 'promise', 'contact']);
      expect(cf.history[1]).toMatchObject({ status: 'kept', amountMinor: 20_000, dueDate: '2026-09-05' });
      const phone = cf.contactPoints.find((p: { id: string }) => p.id === phoneId);
      expect(phone).toMatchObject({ workedBefore: true, gate: { allowed: true } });
      expect(cf.summary).toMatchObject({
        promisesKept: 1,
        willingness: 'keeps_promises',
        bestHours: [14],
        gate: { allowed: true, contactPointId: phoneId },
      });
      // Third parties: who they are and how to reach them (a location call needs the number; the
      // view is audited), with the third-party rules' verdict; never anything about the debt for them.
      expect(cf.thirdParties).toEqual([
        expect.objectContaining({
          relationship: 'spouse',
          source: 'application',
          doNotContact: false,
          callsMade: 0,
          gate: expect.objectContaining({ allowed: true }),
        }),
      ]);
    });

    it('records every view in the audit log', async () => {
      const before = await t.db.auditEvent.count({ where: { action: 'case_file.view', entityId: accountId } });
      await supervisor.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` });
      expect(await t.db.auditEvent.count({ where: { action: 'case_file.view', entityId: accountId } })).toBe(
        before + 1,
      );
    });

    it('is closed to collectors the account is not assigned or leased to', async () => {
      const res = await stranger.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` });
      expect(res.statusCode).toBe(403);
      expect(
        (await stranger.inject({ method: 'GET', url: `/api/accounts/${accountId}/suggested-script` })).statusCode,
      ).toBe(403);
      expect(
        (await collector.inject({ method: 'GET', url: '/api/accounts/00000000-0000-4000-8000-000000000000/case-file' }))
          .statusCode,
      ).toBe(404);
      expect(
        (await collector.inject({ method: 'GET', url: '/api/accounts/not-a-uuid/case-file' })).json().error.fields[0]
          .field,
      ).toBe('id');
    });

    it('uses a fixed number of queries however long the history is', async () => {
      let queries = 0;
      const counting = createPrismaClient(t.database.appUrl, { max: 2, onQuery: () => void queries++ });
      const app = await buildApp({
        env: loadEnv({ LOG_LEVEL: 'silent', JOBS: 'off' }),
        db: counting,
        clock: t.clock,
      });
      const headers = { cookie: collector.cookie };
      const count = async () => {
        queries = 0;
        const res = await app.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file`, headers });
        expect(res.statusCode).toBe(200);
        return queries;
      };
      const small = await count();
      const account = await t.db.account.findUniqueOrThrow({ where: { id: accountId } });
      for (let i = 0; i < 40; i++) {
        await t.db.contactAttempt.create({
          data: {
            accountId,
            debtorId: account.debtorId,
            channel: 'phone',
            partyReached: 'nobody',
            disposition: 'no_answer',
            startedAt: new Date(Date.UTC(2026, 7, 1 + i)),
          },
        });
        await t.db.paymentPromise.create({
          data: {
            accountId,
            amountMinor: 1000n,
            currency: 'USD',
            dueDate: new Date(Date.UTC(2026, 7, 1 + i)),
            createdAt: new Date(Date.UTC(2026, 7, 1 + i)),
            channel: 'card',
            status: 'broken',
          },
        });
      }
      const large = await count();
      expect(large).toBe(small);
      // Session, access check, policies, audit, the case file's own queries and the gate's facts
      // from their one loader (ADR 016; it reads the profiles in force to know how far back to
      // look, and the account's customer and zone), the third parties and the customer's latest
      // attempts (the third-party rules), the validation notices with their letters and the
      // disputes (Reg F 1006.34, 1006.38): a fixed handful.
      expect(small).toBeLessThanOrEqual(36);
      await app.close();
      await counting.$disconnect();
    });
  });

  describe('suggested script', () => {
    it('renders the stage script in the customer’s language with their details', async () => {
      const res = await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/suggested-script` });
      expect(res.statusCode).toBe(200);
      const s = res.json();
      expect(s).toMatchObject({ stage: 'm2', locale: 'en', scriptName: 'M2 firm and factual', version: 1 });
      expect(s.steps.map((x: { key: string }) => x.key)).toEqual([
        'opening',
        'verification',
        'reason',
        'willingness',
        'negotiation',
        'commitment',
        'close',
      ]);
      expect(s.steps[0].text).toContain('Taylor Reed');
      expect(s.steps[0].text).toContain('Test collector');
      expect(s.steps[1].text).toContain('Ms Reed');
      expect(s.steps[1].text).toContain('This is an attempt to collect a debt');
      expect(s.steps[2].text).toContain('$600.00');
      expect(s.steps[2].text).toContain('36 days past due');
      // Every variable is filled on the server except the promise read-back, which the desk fills as the collector types (ADR 035).
      const left = [...JSON.stringify(s.steps).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
      expect(new Set(left)).toEqual(new Set(['promiseAmount', 'promiseDate', 'promiseChannel']));
      expect(s.objections.map((o: { category: string }) => o.category)).toEqual(
        expect.arrayContaining(['already_paid', 'cash_flow', 'wrong_person']),
      );
    });

    it('speaks Chinese to a Chinese-speaking customer, with amounts in their currency', async () => {
      const creditor = await t.factories.creditor('CN');
      const c = await t.db.user.findUniqueOrThrow({ where: { username: 'w-c1' } });
      const cn = await t.factories.account({
        creditorId: creditor.id,
        collectorId: c.id,
        profile: 'CN',
        language: 'zh_CN',
        timeZone: 'Asia/Shanghai',
        fullName: '王芳',
        familyName: '王',
        currency: 'CNY',
        oldestUnpaidDueDate: '2026-11-05',
        overdueMinor: 50_000,
      });
      const s = (await collector.inject({ method: 'GET', url: `/api/accounts/${cn.id}/suggested-script` })).json();
      expect(s).toMatchObject({ locale: 'zh-CN', stage: 'm1' });
      expect(s.steps[1].text).toContain('王女士');
      expect(s.steps[2].text).toContain('¥500.00');
      expect(s.objections[0].customerSays).toMatch(/[\u4e00-\u9fff]/);

      // Without a published Chinese script for the stage, the English one is used.
      await t.db.scriptVersion.updateMany({
        where: { script: { stage: 'm1', locale: 'zh_CN' } },
        data: { status: 'archived' },
      });
      const fallback = (
        await collector.inject({ method: 'GET', url: `/api/accounts/${cn.id}/suggested-script` })
      ).json();
      expect(fallback).toMatchObject({ locale: 'en', stage: 'm1', scriptName: 'Early arrears (M1)' });
      expect(fallback.steps[2].text).toContain('CN¥500.00');
    });
  });

  describe('recording an outcome', () => {
    const promiseBody = {
      channel: 'phone',
      contactPointId: '',
      partyReached: 'debtor',
      disposition: 'promise_to_pay',
      notes: 'Will pay Friday by card',
      objections: ['cash_flow'],
      promise: { amountMinor: 60_000, dueDate: '2026-11-27', channel: 'card' },
    };

    it('records a promise atomically, once per idempotency key, and shows it in the case file', async () => {
      const body = { ...promiseBody, contactPointId: phoneId };
      const headers = { 'idempotency-key': 'key-promise-0001' };
      const first = await t.app.inject({
        method: 'POST',
        url: `/api/accounts/${accountId}/contacts`,
        headers: { cookie: collector.cookie, 'x-csrf-token': collector.csrf, ...headers },
        payload: body,
      });
      expect(first.statusCode).toBe(201);
      const created = first.json();
      expect(created.promiseIds).toHaveLength(1);
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/accounts/${accountId}/contacts`,
        headers: { cookie: collector.cookie, 'x-csrf-token': collector.csrf, ...headers },
        payload: body,
      });
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().id).toBe(created.id);
      expect(await t.db.contactAttempt.count({ where: { idempotencyKey: 'key-promise-0001' } })).toBe(1);
      expect(await t.db.paymentPromise.count({ where: { contactAttemptId: created.id } })).toBe(1);

      const cf = (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();
      expect(cf.history[0]).toMatchObject({
        kind: 'promise',
        status: 'pending',
        amountMinor: 60_000,
        dueDate: '2026-11-27',
      });
      expect(cf.history[1]).toMatchObject({
        kind: 'contact',
        disposition: 'promise_to_pay',
        notes: 'Will pay Friday by card',
        objections: ['cash_flow'],
      });
      // US: after a conversation, no more calls about this debt for 7 days.
      expect(cf.summary.gate).toMatchObject({ allowed: false });
      expect(cf.summary.gate.reasons[0].code).toBe('quiet_period_after_conversation');
      expect(await t.db.auditEvent.count({ where: { action: 'contact_attempt.recorded', entityId: accountId } })).toBe(
        1,
      );
    });

    it('refuses a call the gate forbids, with every reason, and writes nothing', async () => {
      const before = await t.db.contactAttempt.count();
      const res = await collector.inject({
        method: 'POST',
        url: `/api/accounts/${accountId}/contacts`,
        payload: { channel: 'phone', contactPointId: phoneId, partyReached: 'nobody', disposition: 'no_answer' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'contact_not_allowed',
        reasons: [{ code: 'quiet_period_after_conversation' }],
      });
      // US does not allow overriding it.
      const override = await postOutcome(collector, accountId, {
        contactPointId: phoneId,
        partyReached: 'nobody',
        disposition: 'no_answer',
        override: { reasonCode: 'supervisor_approved', note: 'please' },
      });
      expect(override.statusCode).toBe(409);
      expect(override.json().error.message).toContain('cannot be overridden');
      expect(await t.db.contactAttempt.count()).toBe(before);
      // The customer may always call us: inbound attempts are recorded.
      const inbound = await postOutcome(collector, accountId, {
        direction: 'inbound',
        contactPointId: phoneId,
        disposition: 'right_party_contact',
        notes: 'Customer called to confirm the date',
      });
      expect(inbound.statusCode).toBe(201);
    });

    it('names each bad field and writes nothing', async () => {
      const before = await t.db.contactAttempt.count();
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [
          { promise: { amountMinor: 60_000, dueDate: '2026-11-19', channel: 'card' } },
          'promise.dueDate',
          /in the past/,
        ],
        [
          { promise: { amountMinor: 60_000, dueDate: '2027-02-01', channel: 'card' } },
          'promise.dueDate',
          /more than 30 days away/,
        ],
        [
          { promise: { amountMinor: 0, dueDate: '2026-11-27', channel: 'card' } },
          'promise.amountMinor',
          /more than zero/,
        ],
        [
          { promise: { amountMinor: 10.5, dueDate: '2026-11-27', channel: 'card' } },
          'promise.amountMinor',
          /whole number/,
        ],
        [
          {
            promise: undefined,
            plan: [
              { amountMinor: 200_000, dueDate: '2026-11-27' },
              { amountMinor: 200_000, dueDate: '2026-12-27' },
            ],
          },
          'plan',
          /exceeds the account balance/,
        ],
        [{ promise: undefined }, 'promise', /required/],
        [
          { disposition: 'callback_requested', promise: undefined, callbackAt: '2026-11-21T03:00:00Z' },
          'callbackAt',
          /outside the calling window/,
        ],
        [{ disposition: 'callback_requested', promise: undefined }, 'callbackAt', /required/],
        [{ contactPointId: emailId }, 'contactPointId', /cannot be used for phone/],
        [{ partyReached: 'third_party' }, 'partyReached', /must be debtor/],
        [{ disposition: 'claims_paid', promise: undefined }, 'claimedPayment', /required/],
        [{ channel: 'fax' }, 'channel', /must be one of/],
        // Code lists (ADR 016): objections and the claimed payment's channel are checked against theirs.
        [{ objections: ['cash_flow', 'the dog ate it'] }, 'objections.1', /must be one of already_paid, /],
        [
          {
            disposition: 'claims_paid',
            promise: undefined,
            claimedPayment: { paidAt: '2026-11-19', amountMinor: 5_000, channel: 'a friend' },
          },
          'claimedPayment.channel',
          /must be one of bank_transfer, /,
        ],
        // The outcome rules (packages/domain outcome-rules.ts): what a third party may give, what fits each outcome.
        [
          {
            partyReached: 'third_party',
            disposition: 'message_left',
            promise: undefined,
            callbackAt: '2026-11-21T15:00:00Z',
          },
          'callbackAt',
          /cannot be set when the customer was not reached/,
        ],
        [
          { partyReached: 'third_party', disposition: 'wrong_number', promise: undefined, objections: ['cash_flow'] },
          'objections',
          /only recorded when the customer was reached/,
        ],
        [
          { partyReached: 'debtor', disposition: 'wrong_number', promise: undefined },
          'partyReached',
          /must be third_party or nobody/,
        ],
        [{ disposition: 'refused', callbackAt: '2026-11-21T15:00:00Z' }, 'promise', /only a promise to pay/],
        [
          { disposition: 'dispute', promise: undefined, flag: { type: 'cease_request', reason: 'wants us to stop' } },
          'flag.type',
          /must be dispute_hold/,
        ],
      ];
      for (const [change, field, message] of cases) {
        const res = await collector.inject({
          method: 'POST',
          url: `/api/accounts/${otherAccountId}/contacts`,
          payload: { ...promiseBody, contactPointId: phoneId, ...change },
        });
        expect(res.statusCode, field).toBe(400);
        const found = res.json().error.fields.find((f: { field: string }) => f.field === field);
        expect(found, `${field} in ${res.body}`).toBeDefined();
        expect(found.message).toMatch(message);
      }
      expect(await t.db.contactAttempt.count()).toBe(before);
    });

    it('records a payment plan, a callback and a dispute flag, which then stops contact', async () => {
      const plan = await postOutcome(collector, otherAccountId, {
        contactPointId: phoneId,
        disposition: 'promise_to_pay',
        plan: [
          { amountMinor: 30_000, dueDate: '2026-11-30' },
          { amountMinor: 30_000, dueDate: '2026-12-30' },
        ],
        planChannel: 'direct_debit',
      });
      expect(plan.statusCode).toBe(201);
      expect(plan.json().promiseIds).toHaveLength(2);
      const stored = await t.db.paymentPromise.findMany({
        where: { planId: plan.json().planId },
        orderBy: { sequence: 'asc' },
      });
      expect(stored.map((p) => [p.sequence, Number(p.amountMinor), p.channel])).toEqual([
        [1, 30_000, 'direct_debit'],
        [2, 30_000, 'direct_debit'],
      ]);
    });

    it('lets a UK collector override a cap with a reason, audit-logged', async () => {
      const creditor = await t.factories.creditor('UK');
      const c = await t.db.user.findUniqueOrThrow({ where: { username: 'w-c1' } });
      const uk = await t.factories.account({
        creditorId: creditor.id,
        collectorId: c.id,
        profile: 'UK',
        timeZone: 'Europe/London',
        withPhone: true,
      });
      const phone = uk.debtor.contactPoints[0]!.id;
      for (let d = 0; d < 7; d++) {
        await t.db.contactAttempt.create({
          data: {
            accountId: uk.id,
            debtorId: uk.debtorId,
            channel: 'phone',
            contactPointId: phone,
            partyReached: 'nobody',
            disposition: 'no_answer',
            startedAt: new Date(Date.UTC(2026, 10, 14 + d, 10)),
          },
        });
      }
      const body = { channel: 'phone', contactPointId: phone, partyReached: 'nobody', disposition: 'voicemail' };
      const refused = await collector.inject({ method: 'POST', url: `/api/accounts/${uk.id}/contacts`, payload: body });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.reasons[0].code).toBe('call_cap_reached');
      const res = await postOutcome(collector, uk.id, {
        ...body,
        override: { reasonCode: 'customer_requested_contact', note: 'Customer emailed asking for a call today' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().overrideUsed).toBe(true);
      expect(await t.db.auditEvent.count({ where: { action: 'contact_gate.override', entityId: uk.id } })).toBe(1);
    });

    it('records a dispute with a hold that stops further contact', async () => {
      const creditor = await t.factories.creditor();
      const c = await t.db.user.findUniqueOrThrow({ where: { username: 'w-c1' } });
      const acc = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
      const phone = acc.debtor.contactPoints[0]!.id;
      const res = await postOutcome(collector, acc.id, {
        contactPointId: phone,
        disposition: 'dispute',
        flag: { type: 'dispute_hold', reason: 'Says the late fee is wrong' },
      });
      expect(res.statusCode).toBe(201);
      const cf = (await collector.inject({ method: 'GET', url: `/api/accounts/${acc.id}/case-file` })).json();
      expect(cf.stopFlags[0]).toMatchObject({
        type: 'dispute_hold',
        reason: 'Says the late fee is wrong',
        accountId: acc.id,
      });
      expect(cf.summary.gate.reasons.map((r: { code: string }) => r.code)).toContain('stop_flag');
      expect(cf.summary.gate.nextAllowedAt).toBeNull();
    });

    it('records a message left with a third party, and the stop flag they give, without marking the number wrong', async () => {
      const creditor = await t.factories.creditor();
      const c = await t.db.user.findUniqueOrThrow({ where: { username: 'w-c1' } });
      const acc = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
      const phone = acc.debtor.contactPoints[0]!.id;
      const res = await collector.inject({
        method: 'POST',
        url: `/api/accounts/${acc.id}/contacts`,
        payload: {
          channel: 'phone',
          contactPointId: phone,
          partyReached: 'third_party',
          disposition: 'message_left',
          flag: { type: 'deceased', reason: 'His sister says he passed away in October' },
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect((await t.db.contactPoint.findUniqueOrThrow({ where: { id: phone } })).status).not.toBe('invalid');
      const cf = (await collector.inject({ method: 'GET', url: `/api/accounts/${acc.id}/case-file` })).json();
      expect(cf.history[0]).toMatchObject({
        kind: 'contact',
        partyReached: 'third_party',
        disposition: 'message_left',
      });
      expect(cf.summary.gate.reasons.map((r: { code: string }) => r.code)).toContain('stop_flag');
    });
  });
});
