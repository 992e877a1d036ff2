import { Prisma } from '@crm/db';
import { ATTRIBUTE_PAYMENTS_SQL } from '@crm/db/attribution';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KpiGroupBy, KpiQuery, SessionUser } from '@crm/contracts';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { csvLines } from '../../../test/csv.js';
import { createKpiSummary } from './reports.module.js';
import { createKpisRepository } from './kpis.repository.js';
import { createKpisService } from './kpis.service.js';

/**
 * Hand-checked fixtures for the KPI report. The supervisor works in New York (UTC-5 in
 * November); the period is November 2026. Expected figures are worked out in the comments.
 */
describe('KPI report', () => {
  const t = useTestApp({ now: '2026-12-03T15:00:00Z' });
  let supervisor: Session, admin: Session, c1Session: Session;
  const id = { c1: '', c2: '', c3: '', t1: '', script: '' };

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'k-sup' });
    await t.db.user.update({ where: { id: sup.id }, data: { timeZone: 'America/New_York' } });
    const other = await t.factories.user('supervisor', { username: 'k-sup2' });
    const t1 = await t.factories.team('K Team 1', sup.id);
    const t2 = await t.factories.team('K Team 2', other.id);
    id.t1 = t1.id;
    id.c1 = (await t.factories.user('collector', { username: 'k-c1', teamId: t1.id })).id;
    id.c2 = (await t.factories.user('collector', { username: 'k-c2', teamId: t1.id })).id;
    id.c3 = (await t.factories.user('collector', { username: 'k-c3', teamId: t2.id })).id;
    await t.factories.user('admin', { username: 'k-admin' });
    await t.db.user.update({ where: { username: 'k-admin' }, data: { timeZone: 'America/New_York' } });
    id.script = (
      await t.db.scriptVersion.findFirstOrThrow({
        where: { status: 'published', script: { stage: 'm1', locale: 'en' } },
      })
    ).id;
    const creditor = await t.factories.creditor();
    const a1 = await t.factories.account({ creditorId: creditor.id, collectorId: id.c1 });
    const a2 = await t.factories.account({ creditorId: creditor.id, collectorId: id.c1, currency: 'CNY' });
    const a3 = await t.factories.account({ creditorId: creditor.id, collectorId: id.c2 });
    const a4 = await t.factories.account({ creditorId: creditor.id, collectorId: id.c3 });

    const attempt = async (
      accountId: string,
      collectorId: string,
      at: string,
      party: 'debtor' | 'third_party' | 'nobody',
      stage: 'm1' | 'm2' | 'm3',
      scriptVersionId: string | null = null,
    ) => {
      const account = await t.db.account.findUniqueOrThrow({ where: { id: accountId } });
      const disposition =
        party === 'debtor' ? 'promise_to_pay' : party === 'third_party' ? 'wrong_number' : 'no_answer';
      return (
        await t.db.contactAttempt.create({
          data: {
            accountId,
            debtorId: account.debtorId,
            collectorId,
            channel: 'phone',
            partyReached: party,
            disposition,
            startedAt: new Date(at),
            stage,
            scriptVersionId,
          },
        })
      ).id;
    };
    // As recording does: the promise carries its attempt's collector, stage and script version.
    const promise = async (
      accountId: string,
      attemptId: string,
      createdAt: string,
      amountMinor: number,
      currency: string,
      dueDate: string,
      status: 'pending' | 'kept' | 'partly_kept' | 'broken',
      paidMinor = 0,
    ) => {
      const a = await t.db.contactAttempt.findUniqueOrThrow({ where: { id: attemptId } });
      return t.db.paymentPromise.create({
        data: {
          accountId,
          contactAttemptId: attemptId,
          createdById: a.collectorId,
          stage: a.stage,
          scriptVersionId: a.scriptVersionId,
          amountMinor: BigInt(amountMinor),
          currency,
          dueDate: new Date(`${dueDate}T00:00:00Z`),
          channel: 'card',
          status,
          paidMinor: BigInt(paidMinor),
          createdAt: new Date(createdAt),
        },
      });
    };
    const payment = (
      accountId: string,
      amountMinor: number,
      currency: string,
      paidAt: string,
      reference: string,
      reversalOfId: string | null = null,
    ) =>
      t.db.payment.create({
        data: {
          accountId,
          amountMinor: BigInt(amountMinor),
          currency,
          paidAt: new Date(paidAt),
          channel: 'card',
          reference,
          reversalOfId,
        },
      });

    // Collector 1
    await attempt(a1.id, id.c1, '2026-11-02T15:00:00Z', 'nobody', 'm1');
    const p1 = await attempt(a1.id, id.c1, '2026-11-03T15:00:00Z', 'debtor', 'm1', id.script);
    await promise(a1.id, p1, '2026-11-03T15:00:00Z', 10_000, 'USD', '2026-11-10', 'kept', 10_000);
    const p2 = await attempt(a2.id, id.c1, '2026-11-05T02:00:00Z', 'debtor', 'm2'); // 4 Nov, 21:00 in New York
    await promise(a2.id, p2, '2026-11-05T02:00:00Z', 50_000, 'CNY', '2026-11-30', 'pending'); // due on the last day: not judged yet
    const p3 = await attempt(a2.id, id.c1, '2026-10-31T12:00:00Z', 'debtor', 'm2'); // before the period
    await promise(a2.id, p3, '2026-10-31T12:00:00Z', 20_000, 'CNY', '2026-11-05', 'partly_kept', 5_000);
    const p6 = await attempt(a1.id, id.c1, '2026-11-20T15:00:00Z', 'debtor', 'm1', id.script);
    await promise(a1.id, p6, '2026-11-20T15:00:00Z', 5_000, 'USD', '2026-12-05', 'pending'); // not due in the period
    await payment(a1.id, 10_000, 'USD', '2026-11-09T15:00:00Z', 'K-1');
    await payment(a2.id, 5_000, 'CNY', '2026-11-04T10:00:00Z', 'K-2'); // last touch: the 31 October attempt, collector 1
    // Collector 2
    await attempt(a3.id, id.c2, '2026-11-10T20:00:00Z', 'third_party', 'm3');
    const p4 = await attempt(a3.id, id.c2, '2026-11-12T20:00:00Z', 'debtor', 'm3');
    await promise(a3.id, p4, '2026-11-12T20:00:00Z', 30_000, 'USD', '2026-11-20', 'broken');
    await attempt(a3.id, id.c2, '2026-12-01T04:30:00Z', 'nobody', 'm3'); // 30 Nov, 23:30 in New York: inside
    await attempt(a3.id, id.c2, '2026-12-01T05:30:00Z', 'nobody', 'm3'); // 1 Dec, 00:30 in New York: outside
    const bounced = await payment(a3.id, 4_000, 'USD', '2026-11-11T10:00:00Z', 'K-3');
    await payment(a3.id, -4_000, 'USD', '2026-11-13T10:00:00Z', 'K-3-NSF', bounced.id); // reversed: neither counts
    await payment(a3.id, 2_500, 'USD', '2026-11-25T10:00:00Z', 'K-4');
    // Collector 3, another team
    const p5 = await attempt(a4.id, id.c3, '2026-11-15T15:00:00Z', 'debtor', 'm1');
    await promise(a4.id, p5, '2026-11-15T15:00:00Z', 7_000, 'USD', '2026-11-18', 'kept', 7_000);

    // As posting does: every payment credited to the last attempt before it.
    await t.db.$executeRawUnsafe(ATTRIBUTE_PAYMENTS_SQL, null);
    supervisor = await t.login('k-sup');
    admin = await t.login('k-admin');
    c1Session = await t.login('k-c1');
  });

  const kpis = async (who: Session, query: string) => {
    const res = await who.inject({ method: 'GET', url: `/api/reports/kpis?from=2026-11-01&to=2026-11-30&${query}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('per collector: hand-checked figures, the supervisor sees only their team', async () => {
    const report = await kpis(supervisor, 'groupBy=collector');
    expect(report.timeZone).toBe('America/New_York');
    expect(report.groups.map((g: { key: string }) => g.key)).toEqual(expect.arrayContaining([id.c1, id.c2]));
    expect(report.groups).toHaveLength(2);
    const c1 = report.groups.find((g: { key: string }) => g.key === id.c1);
    expect(c1).toEqual({
      key: id.c1,
      label: expect.any(String),
      attempts: 4, // 2, 3, 4 (New York) and 20 November
      contacts: 3,
      rightPartyContacts: 3,
      promisesMade: 3,
      promisesMadeAmount: [
        { currency: 'CNY', amountMinor: '50000' },
        { currency: 'USD', amountMinor: '15000' },
      ],
      promisesDue: 3, // due 5, 10 and 30 November
      kept: 1,
      partlyKept: 1,
      broken: 0,
      pendingDue: 1, // due on the last day, grace running: not broken
      keptAmount: [{ currency: 'USD', amountMinor: '10000' }],
      partlyKeptAmount: [{ currency: 'CNY', amountMinor: '20000' }],
      brokenAmount: [],
      keptRateByCount: 0.5,
      keptRateByAmount: [
        { currency: 'CNY', rate: 0.25 },
        { currency: 'USD', rate: 1 },
      ],
      collected: [
        { currency: 'CNY', amountMinor: '5000' },
        { currency: 'USD', amountMinor: '10000' },
      ],
    });
    const c2 = report.groups.find((g: { key: string }) => g.key === id.c2);
    expect(c2).toMatchObject({
      attempts: 3, // 10, 12 and 30 November (23:30 New York); 1 December 00:30 is outside
      contacts: 2,
      rightPartyContacts: 1,
      promisesMade: 1,
      promisesDue: 1,
      broken: 1,
      brokenAmount: [{ currency: 'USD', amountMinor: '30000' }],
      keptRateByCount: 0,
      keptRateByAmount: [{ currency: 'USD', rate: 0 }],
      collected: [{ currency: 'USD', amountMinor: '2500' }], // the bounced payment and its reversal count for nothing
    });
    expect(report.totals).toMatchObject({
      attempts: 7,
      promisesMade: 4,
      kept: 1,
      partlyKept: 1,
      broken: 1,
      pendingDue: 1,
      keptRateByCount: 1 / 3,
    });
  });

  it('agrees with the raw records counted independently in SQL', async () => {
    const report = await kpis(admin, 'groupBy=collector');
    const raw = await t.db.$queryRaw<
      { collector_id: string; attempts: bigint; contacts: bigint; rpc: bigint }[]
    >(Prisma.sql`
      SELECT collector_id, count(*) AS attempts, count(*) FILTER (WHERE party_reached <> 'nobody') AS contacts, count(*) FILTER (WHERE party_reached = 'debtor') AS rpc
      FROM contact_attempts
      WHERE (started_at AT TIME ZONE 'America/New_York')::date BETWEEN '2026-11-01' AND '2026-11-30'
      GROUP BY collector_id`);
    const outcomes = await t.db.$queryRaw<
      { collector_id: string; kept: bigint; broken: bigint; made: bigint }[]
    >(Prisma.sql`
      SELECT ca.collector_id,
             count(*) FILTER (WHERE p.status = 'kept' AND p.due_date BETWEEN '2026-11-01' AND '2026-11-30') AS kept,
             count(*) FILTER (WHERE p.status = 'broken' AND p.due_date BETWEEN '2026-11-01' AND '2026-11-30') AS broken,
             count(*) FILTER (WHERE (p.created_at AT TIME ZONE 'America/New_York')::date BETWEEN '2026-11-01' AND '2026-11-30') AS made
      FROM promises p JOIN contact_attempts ca ON ca.id = p.contact_attempt_id GROUP BY ca.collector_id`);
    // Collected, by the definition (the last attempt before each payment), not via the stored attribution.
    const collected = await t.db.$queryRaw<{ collector_id: string; currency: string; total: bigint }[]>(Prisma.sql`
      SELECT lt.collector_id, pay.currency, sum(pay.amount_minor) AS total FROM payments pay
      CROSS JOIN LATERAL (SELECT ca.collector_id FROM contact_attempts ca WHERE ca.account_id = pay.account_id AND ca.started_at <= pay.paid_at ORDER BY ca.started_at DESC LIMIT 1) lt
      WHERE (pay.paid_at AT TIME ZONE 'America/New_York')::date BETWEEN '2026-11-01' AND '2026-11-30'
        AND pay.reversal_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reversal_of_id = pay.id)
      GROUP BY 1, 2`);
    for (const c of collected) {
      const g = report.groups.find((x: { key: string }) => x.key === c.collector_id);
      expect(g.collected).toContainEqual({ currency: c.currency, amountMinor: String(c.total) });
    }
    expect(raw).toHaveLength(3);
    for (const r of raw) {
      const g = report.groups.find((x: { key: string }) => x.key === r.collector_id);
      expect([g.attempts, g.contacts, g.rightPartyContacts]).toEqual([
        Number(r.attempts),
        Number(r.contacts),
        Number(r.rpc),
      ]);
      const o = outcomes.find((x) => x.collector_id === r.collector_id)!;
      expect([g.kept, g.broken, g.promisesMade]).toEqual([Number(o.kept), Number(o.broken), Number(o.made)]);
    }
  });

  it('groups by team, stage, script version and day, with the time zone boundary on the right day', async () => {
    const byTeam = await kpis(supervisor, 'groupBy=team');
    expect(byTeam.groups).toEqual([expect.objectContaining({ key: id.t1, label: 'K Team 1', attempts: 7 })]);
    const byStage = await kpis(supervisor, 'groupBy=stage');
    expect(
      Object.fromEntries(byStage.groups.map((g: { key: string; attempts: number }) => [g.key, g.attempts])),
    ).toEqual({ m1: 3, m2: 1, m3: 3 });
    const byScript = await kpis(supervisor, 'groupBy=scriptVersion');
    expect(byScript.groups.find((g: { key: string | null }) => g.key === id.script)).toMatchObject({
      label: 'm1 · en · v1',
      attempts: 2,
      promisesMade: 2,
      kept: 1,
    });
    const byDay = await kpis(supervisor, 'groupBy=day');
    expect(byDay.groups.find((g: { key: string }) => g.key === '2026-11-30')).toMatchObject({
      attempts: 1,
      pendingDue: 1,
    });
    expect(byDay.groups.find((g: { key: string }) => g.key === '2026-11-04')).toMatchObject({
      attempts: 1,
      promisesMade: 1,
      collected: [{ currency: 'CNY', amountMinor: '5000' }],
    });
  });

  it('shows collectors only their own figures, admins everyone, and validates the period', async () => {
    const own = await kpis(c1Session, 'groupBy=collector');
    expect(own.groups.map((g: { key: string }) => g.key)).toEqual([id.c1]);
    expect((await kpis(admin, 'groupBy=collector')).groups).toHaveLength(3);
    const filtered = await kpis(admin, `groupBy=collector&teamId=${id.t1}`);
    expect(filtered.groups).toHaveLength(2);
    const bad = await admin.inject({ method: 'GET', url: '/api/reports/kpis?from=2026-11-30&to=2026-11-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('to');
    const badGroup = await admin.inject({
      method: 'GET',
      url: '/api/reports/kpis?from=2026-11-01&to=2026-11-30&groupBy=planet',
    });
    expect(badGroup.json().error.fields[0].field).toBe('groupBy');
    const tooLong = await admin.inject({ method: 'GET', url: '/api/reports/kpis?from=2025-01-01&to=2026-11-30' });
    expect(tooLong.json().error.fields[0].field).toBe('to');
  });

  describe('contact log behind the numbers', () => {
    const log = async (who: Session, query: string) => {
      const items: { id: string; collector: { id: string } | null; startedAt: string; promises: unknown[] }[] = [];
      let cursor: string | null = null;
      do {
        const res = await who.inject({
          method: 'GET',
          url: `/api/contacts?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`,
        });
        expect(res.statusCode).toBe(200);
        items.push(...res.json().items);
        cursor = res.json().nextCursor;
      } while (cursor);
      return items;
    };

    it('has exactly the attempts each KPI counts (pages of 2, newest first, none twice)', async () => {
      const report = await kpis(supervisor, 'groupBy=collector');
      for (const g of report.groups) {
        const period = `from=2026-11-01&to=2026-11-30&collectorId=${g.key}`;
        const attempts = await log(supervisor, period);
        expect(attempts).toHaveLength(g.attempts);
        expect(new Set(attempts.map((a) => a.id)).size).toBe(attempts.length);
        expect(attempts.map((a) => a.startedAt)).toEqual([...attempts.map((a) => a.startedAt)].sort().reverse());
        expect(await log(supervisor, `${period}&reached=anyone`)).toHaveLength(g.contacts);
        expect(await log(supervisor, `${period}&reached=debtor`)).toHaveLength(g.rightPartyContacts);
        expect(await log(supervisor, `${period}&hasPromise=true`)).toHaveLength(g.promisesMade);
        const due = `collectorId=${g.key}&promiseDueFrom=2026-11-01&promiseDueTo=2026-11-30`;
        expect(await log(supervisor, due)).toHaveLength(g.promisesDue);
        expect(await log(supervisor, `${due}&promiseStatus=kept`)).toHaveLength(g.kept);
        expect(await log(supervisor, `${due}&promiseStatus=broken`)).toHaveLength(g.broken);
      }
    });

    it("keeps to the viewer's scope and filters by stage, script and override", async () => {
      expect(
        (await log(supervisor, 'from=2026-10-01&to=2026-12-31')).every(
          (a) => a.collector && [id.c1, id.c2].includes(a.collector.id),
        ),
      ).toBe(true);
      expect(await log(c1Session, 'from=2026-10-01&to=2026-12-31')).toHaveLength(5);
      expect(await log(admin, 'from=2026-10-01&to=2026-12-31')).toHaveLength(10);
      expect(await log(supervisor, `scriptVersionId=${id.script}`)).toHaveLength(2);
      expect(await log(supervisor, 'stage=m3')).toHaveLength(4);
      expect(await log(supervisor, 'overrideUsed=true')).toHaveLength(0);
      const bad = await supervisor.inject({ method: 'GET', url: '/api/contacts?cursor=forged' });
      expect(bad.json().error.fields[0].field).toBe('cursor');
      const badStage = await supervisor.inject({ method: 'GET', url: '/api/contacts?stage=m9' });
      expect(badStage.json().error.fields[0].field).toBe('stage');
    });

    it('exports the filtered log as CSV, streamed, with a header row', async () => {
      const res = await supervisor.inject({
        method: 'GET',
        url: `/api/contacts/export?from=2026-11-01&to=2026-11-30&collectorId=${id.c2}`,
      });
      const lines = csvLines(res);
      expect(lines[0]).toBe(
        'started_at,collector,account,customer,channel,direction,party_reached,disposition,stage,script_version,promises,override_reason,notes',
      );
      expect(lines).toHaveLength(4);
      expect(lines[1]).toContain('2026-12-01T04:30:00.000Z');
      expect(lines.some((l) => l.includes('$300.00 due 2026-11-20 (broken)'))).toBe(true);
      expect(await t.db.auditEvent.count({ where: { action: 'contacts.export' } })).toBe(1);
    });
  });

  describe('quality reviews', () => {
    const checks = {
      identifiedSelfAndCreditor: true,
      verifiedRightParty: true,
      disclosureGiven: false,
      noProhibitedLanguage: true,
      clearSummary: false,
    };

    it('a supervisor scores an attempt of their team, the collector sees it, and the report counts it', async () => {
      const [attempt] = (
        await supervisor.inject({ method: 'GET', url: `/api/contacts?collectorId=${id.c1}&hasPromise=true&limit=1` })
      ).json().items;
      const res = await supervisor.inject({
        method: 'PUT',
        url: `/api/contacts/${attempt.id}/review`,
        payload: { checks, comment: 'State the amount and date back to the customer.', coaching: true },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        score: 60,
        coaching: true,
        comment: 'State the amount and date back to the customer.',
      });
      // Saving again replaces the review.
      await supervisor.inject({
        method: 'PUT',
        url: `/api/contacts/${attempt.id}/review`,
        payload: { checks: { ...checks, clearSummary: true }, comment: 'Better summary.', coaching: true },
      });

      const mine = (await c1Session.inject({ method: 'GET', url: '/api/contacts?coaching=true' })).json().items;
      expect(mine).toHaveLength(1);
      expect(mine[0].review).toMatchObject({
        score: 80,
        coaching: true,
        comment: 'Better summary.',
        checks: { ...checks, clearSummary: true },
      });
      expect(
        (
          await c1Session.inject({ method: 'GET', url: '/api/contacts?reviewed=false&from=2026-10-01&to=2026-12-31' })
        ).json().items,
      ).toHaveLength(4);

      const report = (
        await supervisor.inject({ method: 'GET', url: '/api/reports/reviews?from=2026-10-01&to=2026-12-31' })
      ).json();
      expect(report.collectors.find((c: { collector: { id: string } }) => c.collector.id === id.c1)).toEqual({
        collector: { id: id.c1, displayName: expect.any(String) },
        attempts: 5,
        reviewed: 1,
        reviewedShare: 0.2,
        averageScore: 80,
        failed: 0,
        coaching: 1,
      });
      expect(await t.db.auditEvent.count({ where: { action: 'contact.review', entityId: attempt.id } })).toBe(2);
    });

    it('prohibited language fails the review whatever else scored (score 0), and the log and the report show it', async () => {
      const [attempt] = (
        await supervisor.inject({
          method: 'GET',
          url: `/api/contacts?collectorId=${id.c1}&reviewed=false&from=2026-10-01&to=2026-12-31&limit=1`,
        })
      ).json().items;
      // Everything else met: this scored 80/100 before.
      const res = await supervisor.inject({
        method: 'PUT',
        url: `/api/contacts/${attempt.id}/review`,
        payload: {
          checks: { ...checks, disclosureGiven: true, clearSummary: true, noProhibitedLanguage: false },
          comment: 'Threatened to tell the employer.',
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ score: 0, failed: true });
      const logged = (await c1Session.inject({ method: 'GET', url: '/api/contacts?reviewed=true' })).json().items;
      expect(
        logged
          .map((i: { review: { score: number; failed: boolean } }) => i.review)
          .sort((a: { score: number }, b: { score: number }) => a.score - b.score),
      ).toEqual([
        expect.objectContaining({ score: 0, failed: true }),
        expect.objectContaining({ score: 80, failed: false }),
      ]);
      const report = (
        await supervisor.inject({ method: 'GET', url: '/api/reports/reviews?from=2026-10-01&to=2026-12-31' })
      ).json();
      expect(report.collectors.find((c: { collector: { id: string } }) => c.collector.id === id.c1)).toMatchObject({
        reviewed: 2,
        averageScore: 40,
        failed: 1,
      });
    });

    it("is for supervisors of the collector's team and admins; the checklist is validated", async () => {
      const [other] = (await admin.inject({ method: 'GET', url: `/api/contacts?collectorId=${id.c3}&limit=1` })).json()
        .items;
      expect(
        (await supervisor.inject({ method: 'PUT', url: `/api/contacts/${other.id}/review`, payload: { checks } }))
          .statusCode,
      ).toBe(404);
      expect(
        (await c1Session.inject({ method: 'PUT', url: `/api/contacts/${other.id}/review`, payload: { checks } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await admin.inject({ method: 'PUT', url: `/api/contacts/${other.id}/review`, payload: { checks } }))
          .statusCode,
      ).toBe(200);
      const bad = await admin.inject({
        method: 'PUT',
        url: `/api/contacts/${other.id}/review`,
        payload: { checks: { ...checks, clearSummary: 'yes' } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0].field).toBe('checks.clearSummary');
    });
  });

  /**
   * The daily summary (ADR 045) against the live query: the report over HTTP (summary where it
   * holds a clean day, base tables elsewhere) must equal the report computed from the base tables
   * only, for the fixture and for seeded random periods, viewers, groupings and filters, with the
   * summary absent, partial, complete, after changes and after the refresh job.
   */
  describe('daily summary', () => {
    const repo = () => createKpisRepository(t.db);
    const live = () => createKpisService({ kpis: { ...repo(), measures: repo().liveMeasures } });
    const summary = () => createKpiSummary({ db: t.db, clock: t.clock });
    const sessionUser = async (username: string): Promise<SessionUser> => {
      const u = await t.db.user.findUniqueOrThrow({ where: { username } });
      return {
        id: u.id,
        username,
        displayName: u.displayName,
        role: u.role,
        locale: u.locale,
        timeZone: u.timeZone,
        teamId: u.teamId,
        teamName: null,
      } as SessionUser;
    };
    const viewers = () => [
      { name: 'k-admin', session: admin },
      { name: 'k-sup', session: supervisor },
      { name: 'k-c1', session: c1Session },
    ];
    const GROUPS: KpiGroupBy[] = ['collector', 'team', 'stage', 'scriptVersion', 'day', 'week'];
    /** Seeded cases (mulberry32), so a failure names a case that can be replayed. */
    const cases = () => {
      let seed = 20261206;
      const rnd = () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
      };
      const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
      const day = (n: number) => new Date(Date.UTC(2026, 9, 25 + n)).toISOString().slice(0, 10);
      const out: { viewer: number; q: KpiQuery }[] = GROUPS.map((groupBy, i) => ({
        viewer: i % 3,
        q: { from: '2026-11-01', to: '2026-11-30', groupBy },
      }));
      // Whole months and parts of months around them (ADR 051: whole clean months from the monthly
      // roll-up, the partial months' days from the daily summary), each grouping and viewer.
      const spans: [string, string][] = [
        ['2026-10-01', '2026-12-31'],
        ['2026-11-01', '2026-12-31'],
        ['2026-10-15', '2026-11-30'],
        ['2026-10-31', '2026-12-01'],
        ['2026-11-01', '2026-11-29'],
      ];
      spans.forEach(([from, to], i) =>
        GROUPS.forEach((groupBy, j) => out.push({ viewer: (i + j) % 3, q: { from, to, groupBy } })),
      );
      out.push({ viewer: 1, q: { from: '2026-10-01', to: '2026-12-31', groupBy: 'stage', collectorId: id.c1 } });
      out.push({ viewer: 0, q: { from: '2026-11-01', to: '2026-11-30', groupBy: 'collector', teamId: id.t1 } });
      for (let i = 0; i < 24; i++) {
        const a = Math.floor(rnd() * 45);
        const b = a + Math.floor(rnd() * 30);
        const filter = pick([{}, {}, { collectorId: id.c1 }, { collectorId: id.c2 }, { teamId: id.t1 }]);
        out.push({ viewer: Math.floor(rnd() * 3), q: { from: day(a), to: day(b), groupBy: pick(GROUPS), ...filter } });
      }
      return out;
    };
    const query = (q: KpiQuery) =>
      new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string')).toString();
    /** Every case: the API's report equals the live one. */
    const expectEqualToLive = async () => {
      for (const c of cases()) {
        const v = viewers()[c.viewer]!;
        const res = await v.session.inject({ method: 'GET', url: `/api/reports/kpis?${query(c.q)}` });
        expect(res.statusCode).toBe(200);
        const expected = await live().report(await sessionUser(v.name), c.q);
        expect({ case: c, report: res.json() }).toEqual({ case: c, report: JSON.parse(JSON.stringify(expected)) });
      }
    };
    /**
     * A (deliberately) wrong summary: +1000 attempts on one row of the day, in both daily tables
     * and in the month's roll-ups (so the monthly roll-up stays the sum of its days).
     */
    const tamper = async (day: string) => {
      for (const table of ['kpi_daily', 'kpi_daily_collector'])
        await t.db.$executeRawUnsafe(
          `UPDATE ${table} SET attempts = attempts + 1000 WHERE id = (SELECT min(id) FROM ${table} WHERE zone = 'America/New_York' AND day = '${day}' AND attempts > 0)`,
        );
      await tamperMonth(`${day.slice(0, 7)}-01`);
    };
    const tamperMonth = async (month: string) => {
      for (const table of ['kpi_monthly', 'kpi_monthly_collector'])
        await t.db.$executeRawUnsafe(
          `UPDATE ${table} SET attempts = attempts + 1000 WHERE id = (SELECT min(id) FROM ${table} WHERE zone = 'America/New_York' AND month = '${month}' AND attempts > 0)`,
        );
    };
    /** The monthly roll-ups (ADR 051) are exactly the sums of their months' daily rows (and no other rows). */
    const expectMonthlyEqualsDaily = async () => {
      for (const [daily, monthly, keys] of [
        ['kpi_daily', 'kpi_monthly', 'collector_id, stage, script_version_id, currency'],
        ['kpi_daily_collector', 'kpi_monthly_collector', 'collector_id, currency'],
      ] as const) {
        const cols = `zone, month::text AS month, ${keys}, days::text AS days, attempts::text AS attempts, made_amount::text AS made, collected::text AS collected, resolved_paid::text AS paid`;
        const fromDaily = await t.db.$queryRawUnsafe<unknown[]>(
          `SELECT ${cols} FROM (SELECT zone, date_trunc('month', day)::date AS month, ${keys}, count(*) AS days, sum(attempts) AS attempts, sum(made_amount) AS made_amount, sum(collected) AS collected, sum(resolved_paid) AS resolved_paid FROM ${daily} GROUP BY 1, 2, ${keys}) x ORDER BY 1, 2, ${keys}, 4`,
        );
        const kept = await t.db.$queryRawUnsafe<unknown[]>(`SELECT ${cols} FROM ${monthly} ORDER BY 1, 2, ${keys}, 4`);
        expect(kept.length).toBeGreaterThan(0);
        expect({ monthly, rows: kept }).toEqual({ monthly, rows: fromDaily });
      }
    };
    const byStageAttempts = async () => (await kpis(admin, 'groupBy=stage')).totals.attempts as number;
    const novemberAttempts = async () => (await kpis(admin, 'groupBy=collector')).totals.attempts as number;
    const marks = async () =>
      (await t.db.$queryRaw<{ day: string }[]>`SELECT DISTINCT day::text AS day FROM kpi_dirty_days ORDER BY 1`).map(
        (r) => r.day,
      );

    it('equals the live query with no summary, a partial one and a complete one', async () => {
      // The fixture's inserts marked their days (triggers): nothing is summarised yet, all is live.
      expect(await marks()).toContain('2026-11-03');
      await expectEqualToLive();

      // Part of the span summarised (a hole from 21 to 24 November stays live).
      await summary().rebuild({ from: '2026-10-20', to: '2026-11-20' });
      await summary().rebuild({ from: '2026-11-25', to: '2026-12-31' });
      const zones = await t.db.$queryRaw<{ zone: string }[]>`SELECT DISTINCT zone FROM kpi_days ORDER BY 1`;
      expect(zones.map((z) => z.zone)).toEqual(['America/New_York', 'UTC']);
      // Only the hole's days (those with facts) are still marked: the rebuilt days' marks are gone.
      const left = await marks();
      expect(left.length).toBeGreaterThan(0);
      expect(left.every((d) => d >= '2026-11-21' && d <= '2026-11-24')).toBe(true);
      await expectEqualToLive();

      await summary().rebuild();
      expect(await marks()).toEqual([]);
      await expectMonthlyEqualsDaily();
      await expectEqualToLive();

      // The report really reads the summary: a (deliberately) wrong summary row shows through...
      // (by collector from the roll-up per collector, by stage from the full summary).
      const before = [await novemberAttempts(), await byStageAttempts()];
      await tamper('2026-11-03');
      expect([await novemberAttempts(), await byStageAttempts()]).toEqual([before[0]! + 1000, before[1]! + 1000]);
      // ...and recomputing the day puts it right.
      await summary().rebuild({ from: '2026-11-03', to: '2026-11-03' });
      expect([await novemberAttempts(), await byStageAttempts()]).toEqual(before);
    }, 180_000);

    it('after changes: read live at once, and from the summary again once the refresh job ran', async () => {
      await summary().rebuild();
      // An outcome recorded, a promise judged, a payment reversed, an attempt corrected.
      const account = await t.db.account.findFirstOrThrow({ where: { assignedCollectorId: id.c1 } });
      await t.db.contactAttempt.create({
        data: {
          accountId: account.id,
          debtorId: account.debtorId,
          collectorId: id.c1,
          channel: 'phone',
          partyReached: 'debtor',
          disposition: 'callback_requested',
          startedAt: new Date('2026-11-16T14:00:00Z'),
          stage: 'm1',
        },
      });
      await t.db.paymentPromise.updateMany({
        where: { dueDate: new Date('2026-11-30T00:00:00Z') },
        data: { status: 'broken' },
      });
      const k4 = await t.db.payment.findFirstOrThrow({ where: { reference: 'K-4' } });
      await t.db.payment.create({
        data: {
          accountId: k4.accountId,
          amountMinor: -k4.amountMinor,
          currency: k4.currency,
          paidAt: new Date('2026-12-02T10:00:00Z'),
          channel: 'card',
          reference: 'K-4-NSF',
          reversalOfId: k4.id,
        },
      });
      await t.db.contactAttempt.updateMany({
        where: { startedAt: new Date('2026-11-10T20:00:00Z') },
        data: { partyReached: 'debtor' },
      });
      expect(await marks()).toEqual(
        expect.arrayContaining(['2026-11-16', '2026-11-30', '2026-11-25', '2026-12-02', '2026-11-10']),
      );
      await expectEqualToLive();

      // The job's handler recomputes exactly the marked days; the summary serves them again.
      const marked = (await marks()).length;
      expect(await summary().refresh()).toEqual({ days: Math.min(marked, 31) });
      while ((await summary().refresh()).days > 0);
      expect(await marks()).toEqual([]);
      // The refresh kept the monthly roll-ups (old rows of each day out, new ones in, empty groups dropped).
      await expectMonthlyEqualsDaily();
      await expectEqualToLive();
      const before = await novemberAttempts();
      await tamper('2026-11-16');
      expect(await novemberAttempts()).toBe(before + 1000);
      await summary().recheck(); // today is 3 December: 16 November is not among the days it rechecks
      expect(await novemberAttempts()).toBe(before + 1000);
      await summary().rebuild({ from: '2026-11-16', to: '2026-11-16' });
      expect(await novemberAttempts()).toBe(before);
    }, 180_000);

    it('reads whole clean months from the monthly roll-up, the rest of the period by day, and a dirty month by day', async () => {
      await summary().rebuild();
      const attempts = async (q: string) =>
        (
          await admin.inject({ method: 'GET', url: `/api/reports/kpis?${q}` }).then((r) => {
            expect(r.statusCode).toBe(200);
            return r.json();
          })
        ).totals.attempts as number;
      const periods = [
        'from=2026-11-01&to=2026-11-30&groupBy=collector', // the whole month
        'from=2026-10-20&to=2026-12-10&groupBy=stage', // the whole month and parts of two others
        'from=2026-11-02&to=2026-11-30&groupBy=collector', // not a whole month
        'from=2026-11-01&to=2026-11-30&groupBy=day', // by day: never the monthly roll-up
      ];
      const before = await Promise.all(periods.map(attempts));
      // Only the monthly roll-ups made wrong: the whole months read them, nothing else does.
      await tamperMonth('2026-11-01');
      expect(await Promise.all(periods.map(attempts))).toEqual([
        before[0]! + 1000,
        before[1]! + 1000,
        before[2],
        before[3],
      ]);
      // A change on one day of the month: the month is not clean, so it is read day by day (exact).
      const account = await t.db.account.findFirstOrThrow({ where: { assignedCollectorId: id.c2 } });
      await t.db.contactAttempt.create({
        data: {
          accountId: account.id,
          debtorId: account.debtorId,
          collectorId: id.c2,
          channel: 'phone',
          partyReached: 'nobody',
          disposition: 'no_answer',
          startedAt: new Date('2026-11-20T14:00:00Z'),
          stage: 'm1',
        },
      });
      expect(await Promise.all(periods.map(attempts))).toEqual(before.map((n) => n! + 1));
      // The rebuild recomputes the months from their days: right again, and from the roll-up.
      // (an instant marks its UTC day and the days either side: every zone's local day is among them)
      await summary().rebuild({ from: '2026-11-19', to: '2026-11-21' });
      expect(await marks()).toEqual([]);
      await expectMonthlyEqualsDaily();
      expect(await Promise.all(periods.map(attempts))).toEqual(before.map((n) => n! + 1));
      await tamperMonth('2026-11-01');
      expect((await Promise.all(periods.map(attempts)))[0]).toBe(before[0]! + 1001);
      await summary().rebuild({ from: '2026-11-01', to: '2026-11-01' });
      await expectEqualToLive();
    }, 180_000);
  });
});
