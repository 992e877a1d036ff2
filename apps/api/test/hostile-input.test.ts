import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from './build-app.js';
import { importCsv } from './imports.js';
import { postOutcome } from './outcomes.js';

// Requests a hostile tester sent to a fresh `pnpm start`: each was a 500 (or a dead process, or a
// silently shifted date) before. Each must be a 4xx with the one error shape naming the field.
const NOW = '2026-11-20T15:00:00Z';
const IMPOSSIBLE_DATES = ['2026-02-30', '2026-13-45', '0000-01-01', '99999-01-01'];

const fieldsOf = (body: { error?: { fields?: { field: string }[] } }) => body.error?.fields?.map((f) => f.field) ?? [];

describe('hostile input', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, admin: Session;
  let accountId = '',
    phoneId = '';

  beforeAll(async () => {
    const team = await t.factories.team('H');
    const c = await t.factories.user('collector', { username: 'h-c1', teamId: team.id });
    await t.factories.user('admin', { username: 'h-admin' });
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      balanceMinor: 300_000,
      overdueMinor: 60_000,
    });
    accountId = account.id;
    phoneId = (await t.factories.contactPoint(account.debtorId, { value: '+1 212-555-0142' })).id;
    collector = await t.login('h-c1');
    admin = await t.login('h-admin');
  });

  const alive = async () => expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);

  describe('impossible calendar dates', () => {
    it('are refused by the contact log export, which keeps the server alive', async () => {
      for (const field of ['promiseDueFrom', 'promiseDueTo', 'from', 'to']) {
        for (const date of IMPOSSIBLE_DATES) {
          const res = await admin.inject({ method: 'GET', url: `/api/contacts/export?${field}=${date}` });
          expect(res.statusCode, `${field}=${date}`).toBe(400);
          expect(fieldsOf(res.json())).toEqual([field]);
        }
      }
      await alive();
    });

    it('are refused by the contact log, the KPI report and the reviews report', async () => {
      for (const url of [
        '/api/contacts?from=2026-02-30',
        '/api/contacts?promiseDueTo=0000-01-01',
        '/api/reports/kpis?from=2026-02-30&to=2026-03-31',
        '/api/reports/kpis?from=2026-01-01&to=2026-13-45',
        '/api/reports/reviews?from=0000-01-01&to=2026-01-31',
        '/api/reports/roll-rates?from=0000-01&to=2026-01',
      ]) {
        const res = await admin.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
      }
    });

    it('are refused in a plan instalment and a claimed payment, and nothing is written', async () => {
      const before = await t.db.contactAttempt.count();
      const plan = await postOutcome(collector, accountId, {
        contactPointId: phoneId,
        disposition: 'promise_to_pay',
        plan: [
          { amountMinor: 10_000, dueDate: '2026-11-30' },
          { amountMinor: 10_000, dueDate: '2027-02-30' },
        ],
      });
      expect(plan.statusCode).toBe(400);
      expect(fieldsOf(plan.json())).toEqual(['plan.1.dueDate']);
      const claim = await postOutcome(collector, accountId, {
        contactPointId: phoneId,
        disposition: 'claims_paid',
        claimedPayment: { paidAt: '2026-02-30', amountMinor: 5_000, channel: 'card' },
      });
      expect(claim.statusCode).toBe(400);
      expect(fieldsOf(claim.json())).toEqual(['claimedPayment.paidAt']);
      expect(await t.db.contactAttempt.count()).toBe(before);
      expect(await t.db.verificationTask.count()).toBe(0);
    });

    it('are refused in payment instants (year 0000, February 30th)', async () => {
      for (const paidAt of ['0000-01-01T00:00:00Z', '2026-02-30T10:00:00Z']) {
        const res = await admin.inject({
          method: 'POST',
          url: '/api/payments',
          payload: { accountId, amountMinor: 100, currency: 'USD', paidAt, channel: 'card', reference: `D-${paidAt}` },
        });
        expect(res.statusCode).toBe(400);
        expect(fieldsOf(res.json())).toEqual(['paidAt']);
      }
    });
  });

  describe('values that are well-formed but cannot be true', () => {
    it('a claimed payment of nothing, or paid in the future, a callback in 2999, a payment made next year', async () => {
      const record = (extra: object) =>
        postOutcome(collector, accountId, {
          contactPointId: phoneId,
          ...extra,
        });
      const zero = await record({
        disposition: 'claims_paid',
        claimedPayment: { paidAt: '2026-11-19', amountMinor: 0, channel: 'card' },
      });
      expect(fieldsOf(zero.json())).toEqual(['claimedPayment.amountMinor']);
      const future = await record({
        disposition: 'claims_paid',
        claimedPayment: { paidAt: '2999-12-31', amountMinor: -1, channel: 'card' },
      });
      expect(fieldsOf(future.json())).toEqual(['claimedPayment.amountMinor', 'claimedPayment.paidAt']);
      const callback = await record({ disposition: 'callback_requested', callbackAt: '2999-12-31T15:00:00Z' });
      expect(fieldsOf(callback.json())).toEqual(['callbackAt']);
      const payment = await admin.inject({
        method: 'POST',
        url: '/api/payments',
        payload: {
          accountId,
          amountMinor: 100,
          currency: 'USD',
          paidAt: '2027-11-20T10:00:00Z',
          channel: 'card',
          reference: 'FUTURE-1',
        },
      });
      expect(payment.statusCode).toBe(400);
      expect(fieldsOf(payment.json())).toEqual(['paidAt']);
    });
  });

  describe('text no column can store', () => {
    const nul = 'a\u0000b';
    const surrogate = 'a\ud800b';

    it('is refused in any JSON field, naming it, and nothing is written', async () => {
      for (const bad of [nul, surrogate]) {
        const before = await t.db.contactAttempt.count();
        const res = await postOutcome(collector, accountId, {
          contactPointId: phoneId,
          partyReached: 'nobody',
          disposition: 'no_answer',
          notes: bad,
        });
        expect(res.statusCode).toBe(400);
        expect(fieldsOf(res.json())).toEqual(['notes']);
        expect(await t.db.contactAttempt.count()).toBe(before);

        const login = await t.signIn(bad, 'x');
        expect(login.statusCode).toBe(400);
        expect(fieldsOf(login.json())).toEqual(['username']);

        const payment = await admin.inject({
          method: 'POST',
          url: '/api/payments',
          payload: {
            accountId,
            amountMinor: 100,
            currency: 'USD',
            paidAt: '2026-11-19T10:00:00Z',
            channel: 'card',
            reference: bad,
          },
        });
        expect(payment.statusCode).toBe(400);
        expect(fieldsOf(payment.json())).toEqual(['reference']);

        const lint = await admin.inject({
          method: 'POST',
          url: '/api/scripts/lint',
          payload: { text: `Hello ${bad}`, locale: 'en' },
        });
        expect(lint.statusCode).toBe(400);
        expect(fieldsOf(lint.json())).toEqual(['text']);
      }
    });

    it('is named by its own key, even a key with "/" or "~" in it', async () => {
      const res = await admin.inject({
        method: 'PUT',
        url: '/api/policies/compliance_profile/US',
        payload: { data: { 'a/b~c': '\ud83d' } },
      });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res.json())).toEqual(['data.a/b~c']);
    });

    it('is refused in a query string', async () => {
      const res = await collector.inject({ method: 'GET', url: `/api/accounts?q=${encodeURIComponent(nul)}` });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res.json())).toEqual(['q']);
      const lone = await collector.inject({ method: 'GET', url: '/api/accounts?q=%ED%A0%80' }); // UTF-8 of a lone surrogate: decoded as U+FFFD, harmless
      expect(lone.statusCode).toBe(200);
    });

    it('in one CSV row is that row and column, even when only checking', async () => {
      const csv = `account_external_id,amount,currency,paid_at,channel,reference\nX-1,1.00,USD,2026-11-19,card,R-1\nX-2,1.00,USD,2026-11-19,card,R${nul}2\n`;
      const res = await importCsv(t.app, admin, '/api/imports/payments?mode=validate', csv);
      expect(res.statusCode).toBe(202);
      expect(res.json().errors).toContainEqual({
        line: 3,
        field: 'reference',
        message: 'must not contain a NUL character (\\u0000)',
      });
    });
  });

  describe('shapes no contract has', () => {
    it('JSON nested thousands of levels deep is a 400, not a stack overflow', async () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/api/me/preferences',
        headers: { cookie: collector.cookie, 'x-csrf-token': collector.csrf, 'content-type': 'application/json' },
        payload: deep,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      await alive();
    });

    it('an empty upload is a 400 naming the body; a blank file or one with only its header is a problem on line 1 or 2, nothing written', async () => {
      const upload = (payload: string) => importCsv(t.app, admin, '/api/imports/payments?mode=valid', payload);
      const empty = await upload('');
      expect(empty.statusCode).toBe(400);
      expect(fieldsOf(empty.json())).toEqual(['body']);
      expect((await upload('\n\n')).json()).toMatchObject({
        committed: false,
        errorCount: 1,
        errors: [{ line: 1, field: 'header' }],
      });
      expect((await upload('account_external_id,amount\n')).json()).toMatchObject({
        committed: false,
        errors: [{ line: 1, field: 'header', message: 'missing columns: currency, paid_at, channel, reference' }],
      });
      expect((await upload('account_external_id,amount,currency,paid_at,channel,reference\n')).json()).toMatchObject({
        committed: false,
        errors: [{ line: 2, field: 'file' }],
      });
      for (const mode of ['valid', 'all', 'validate']) {
        const portfolio = await t.app.inject({
          method: 'POST',
          url: `/api/imports/portfolio?mode=${mode}`,
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'text/csv' },
          payload: '',
        });
        expect(portfolio.statusCode, mode).toBe(400);
        expect(fieldsOf(portfolio.json())).toEqual(['body']);
      }
    });
  });

  describe('forged references', () => {
    it('a script version that does not exist is a 400 naming it, and nothing is written', async () => {
      const before = await t.db.contactAttempt.count();
      const res = await postOutcome(collector, accountId, {
        contactPointId: phoneId,
        partyReached: 'nobody',
        disposition: 'no_answer',
        scriptVersionId: '00000000-0000-4000-8000-000000000000',
      });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res.json())).toEqual(['scriptVersionId']);
      expect(await t.db.contactAttempt.count()).toBe(before);
    });

    it('a forged keyset cursor is a 400 naming cursor', async () => {
      const forged = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
      for (const url of [
        `/api/contacts?cursor=${forged(['x', 'y'])}`,
        `/api/contacts?cursor=${forged(['2026-02-30T00:00:00Z', '00000000-0000-4000-8000-000000000000'])}`,
        `/api/contacts?cursor=${forged([1, 2])}`,
        '/api/contacts?cursor=%%%',
        `/api/accounts?cursor=${forged(['2026-13-01', 'y'])}`,
        `/api/accounts?cursor=${forged([null, 'not-a-uuid'])}`,
      ]) {
        const res = await admin.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(400);
        expect(fieldsOf(res.json())).toEqual(['cursor']);
      }
    });

    it('Origin: null on login is refused as cross-site, not a 500', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'null' },
        payload: { username: 'h-admin', password: 'whatever' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    });
  });

  describe('imports without a CSV', () => {
    it('JSON is 415 naming the content type; no body is 400 naming the body', async () => {
      const json = await admin.inject({
        method: 'POST',
        url: '/api/imports/payments?mode=validate',
        payload: { rows: [] },
      });
      expect(json.statusCode).toBe(415);
      expect(json.json().error).toMatchObject({ code: 'unsupported_media_type', fields: [{ field: 'content-type' }] });
      const empty = await admin.inject({ method: 'POST', url: '/api/imports/portfolio?mode=validate' });
      expect(empty.statusCode).toBe(400);
      expect(fieldsOf(empty.json())).toEqual(['body']);
      await alive();
    });
  });

  describe('money', () => {
    it('every money input is bounded by the documented maximum', async () => {
      const res = await admin.inject({
        method: 'POST',
        url: '/api/payments',
        payload: {
          accountId,
          amountMinor: 2 ** 53 - 1,
          currency: 'USD',
          paidAt: '2026-11-19T10:00:00Z',
          channel: 'card',
          reference: 'BIG-1',
        },
      });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res.json())).toEqual(['amountMinor']);
      const promise = await postOutcome(collector, accountId, {
        contactPointId: phoneId,
        disposition: 'promise_to_pay',
        promise: { amountMinor: 10 ** 13, dueDate: '2026-11-25', channel: 'card' },
      });
      expect(promise.statusCode).toBe(400);
      expect(fieldsOf(promise.json())).toContain('promise.amountMinor');
    });

    it('an overpayment is kept as a credit up to the bound, and figures above it (stored before the bound) are still answered', async () => {
      const creditor = await t.factories.creditor();
      const small = await t.factories.account({
        creditorId: creditor.id,
        collectorId: null,
        balanceMinor: 1_000,
        overdueMinor: 0,
        oldestUnpaidDueDate: null,
      });
      const pay = (reference: string) =>
        admin.inject({
          method: 'POST',
          url: '/api/payments',
          payload: {
            accountId: small.id,
            amountMinor: 1_000_000_000_000,
            currency: 'USD',
            paidAt: '2026-10-19T10:00:00Z',
            channel: 'card',
            reference,
          },
        });
      expect((await pay('HUGE-OVER-1')).statusCode).toBe(201);
      const second = await pay('HUGE-OVER-2');
      expect(second.statusCode).toBe(400);
      expect(fieldsOf(second.json())).toEqual(['amountMinor']);
      const caseFile = await admin.inject({ method: 'GET', url: `/api/accounts/${small.id}/case-file` });
      expect(caseFile.statusCode).toBe(200);
      expect(caseFile.json().account.creditMinor).toBe(1_000_000_000_000 - 1_000);
      // A balance stored before the bound existed (up to 2^53) is still shown, never a 500.
      const legacy = await t.factories.account({
        creditorId: creditor.id,
        collectorId: null,
        overdueMinor: 0,
        oldestUnpaidDueDate: null,
      });
      await t.db.account.update({
        where: { id: legacy.id },
        data: { balanceMinor: 2n ** 52n, balanceBaselineMinor: 2n ** 52n },
      });
      const legacyFile = await admin.inject({ method: 'GET', url: `/api/accounts/${legacy.id}/case-file` });
      expect(legacyFile.statusCode).toBe(200);
      expect(legacyFile.json().account.balanceMinor).toBe(2 ** 52);
      expect((await admin.inject({ method: 'GET', url: '/api/accounts?limit=200' })).statusCode).toBe(200);
    });

    it('report totals stay exact past 2^53 (portfolio summary and KPIs)', async () => {
      const creditor = await t.factories.creditor();
      const big = 4_000_000_000_000_000n; // 4e15 minor units each; three of them pass 2^53
      const accounts = [];
      for (let i = 0; i < 3; i++) {
        const a = await t.factories.account({
          creditorId: creditor.id,
          overdueMinor: 0,
          oldestUnpaidDueDate: '2026-10-01',
        });
        await t.db.account.update({ where: { id: a.id }, data: { balanceMinor: big, overdueMinor: big } });
        await t.db.payment.create({
          data: {
            accountId: a.id,
            amountMinor: big,
            currency: 'USD',
            paidAt: new Date('2026-11-19T15:00:00Z'),
            channel: 'card',
            reference: `HUGE-${i}`,
          },
        });
        accounts.push(a);
      }
      const summary = await admin.inject({ method: 'GET', url: '/api/reports/portfolio-summary' });
      expect(summary.statusCode).toBe(200);
      const overdue = summary
        .json()
        .stages.flatMap((s: { overdue: { currency: string; amountMinor: string }[] }) => s.overdue);
      expect(
        overdue.map((o: { amountMinor: string }) => BigInt(o.amountMinor)).reduce((a: bigint, b: bigint) => a + b, 0n),
      ).toBe(3n * big + 60_000n);
      const kpis = await admin.inject({ method: 'GET', url: '/api/reports/kpis?from=2026-11-01&to=2026-11-30' });
      expect(kpis.statusCode).toBe(200);
      expect(kpis.json().totals.collected).toEqual([{ currency: 'USD', amountMinor: (3n * big).toString() }]);
    });
  });

  it('API answers are never cached (Cache-Control: no-store)', async () => {
    for (const url of [`/api/accounts/${accountId}/case-file`, '/api/accounts', '/api/auth/me']) {
      const res = await collector.inject({ method: 'GET', url });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const unauthenticated = await t.app.inject({ method: 'GET', url: '/api/accounts' });
    expect(unauthenticated.headers['cache-control']).toBe('no-store');
  });
});
