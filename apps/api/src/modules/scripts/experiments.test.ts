import { assignVariant, experimentBucket } from '@crm/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { postOutcome } from '../../../test/outcomes.js';

// 10:00 in New York; accounts 15 days late are in M1.
const NOW = '2026-11-20T15:00:00Z';

describe('champion/challenger experiments (ADR 056)', () => {
  const t = useTestApp({ now: NOW });
  let admin: Session, supervisor: Session, collector: Session;
  let collectorId = '',
    creditorId = '',
    scriptId = '',
    v1 = '';

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'x-admin' });
    await t.factories.user('supervisor', { username: 'x-sup' });
    collectorId = (await t.factories.user('collector', { username: 'x-col' })).id;
    creditorId = (await t.factories.creditor('US')).id;
    admin = await t.login('x-admin');
    supervisor = await t.login('x-sup');
    collector = await t.login('x-col');
    const list = (await admin.inject({ method: 'GET', url: '/api/scripts' })).json();
    const m1 = list.items.find((s: { stage: string; locale: string }) => s.stage === 'm1' && s.locale === 'en');
    scriptId = m1.id;
    v1 = m1.versions.find((v: { status: string }) => v.status === 'published').id;
  });

  /** A draft of the M1 English script whose closing step says `closing`. */
  async function draft(closing: string) {
    const d = (await admin.inject({ method: 'POST', url: `/api/scripts/${scriptId}/drafts`, payload: {} })).json();
    const steps = d.steps.map((s: { key: string; text: string }, i: number, all: unknown[]) =>
      i === all.length - 1 ? { ...s, text: closing } : s,
    );
    const put = await admin.inject({ method: 'PUT', url: `/api/scripts/versions/${d.id}`, payload: { steps } });
    expect(put.statusCode).toBe(200);
    return d.id as string;
  }
  const body = (challenger: string, over: Record<string, unknown> = {}) => ({
    name: 'Shorter close',
    stage: 'm1',
    locale: 'en',
    champion: { scriptVersionId: v1, share: 50 },
    challengers: [{ scriptVersionId: challenger, share: 50 }],
    ...over,
  });
  const create = (as: Session, payload: unknown) => as.inject({ method: 'POST', url: '/api/experiments', payload });
  const act = (id: string, action: string, payload?: unknown) =>
    admin.inject({ method: 'POST', url: `/api/experiments/${id}/${action}`, ...(payload ? { payload } : {}) });
  const m1Account = () =>
    t.factories.account({ creditorId, collectorId, profile: 'US', withPhone: true, oldestUnpaidDueDate: '2026-11-05' });

  it('refuses an unlawful challenger, a champion that is not published and shares not adding to 100, naming the field', async () => {
    const unlawful = await draft('This is your last chance to pay today. Thank you.');
    const fields = async (payload: unknown) => {
      const res = await create(admin, payload);
      expect(res.statusCode).toBe(400);
      return res.json().error.fields as { field: string; message: string }[];
    };
    expect(await fields(body(unlawful))).toEqual([
      expect.objectContaining({
        field: 'challengers/0/scriptVersionId',
        message: expect.stringContaining('compliance finding'),
      }),
    ]);
    const lawful = await draft('Thank you for your time today. Goodbye.');
    expect(await fields(body(lawful, { champion: { scriptVersionId: lawful, share: 50 } }))).toContainEqual(
      expect.objectContaining({ field: 'champion/scriptVersionId' }),
    );
    expect(await fields(body(lawful, { challengers: [{ scriptVersionId: lawful, share: 40 }] }))).toEqual([
      expect.objectContaining({
        field: 'challengers',
        message: "the shares (the champion's included) add up to 90%, not 100%",
      }),
    ]);
    // Nothing was written: the draft is still a draft.
    expect((await t.db.scriptVersion.findUniqueOrThrow({ where: { id: lawful } })).status).toBe('draft');
  });

  it('is admin-only to write, supervisors read; a challenger draft is frozen as approved', async () => {
    const lawful = await draft('Thank you, and have a good day.');
    expect((await create(collector, body(lawful))).statusCode).toBe(403);
    expect((await create(supervisor, body(lawful))).statusCode).toBe(403);
    const res = await create(admin, body(lawful));
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ status: 'draft', variants: [{ champion: true, share: 50 }, { champion: false }] });
    expect((await t.db.scriptVersion.findUniqueOrThrow({ where: { id: lawful } })).status).toBe('approved');
    // Frozen: the challenger can no longer be edited.
    const put = await admin.inject({ method: 'PUT', url: `/api/scripts/versions/${lawful}`, payload: { steps: [] } });
    expect(put.statusCode).toBeGreaterThanOrEqual(400);
    expect((await supervisor.inject({ method: 'GET', url: `/api/experiments/${e.id}` })).statusCode).toBe(200);
    expect((await collector.inject({ method: 'GET', url: `/api/experiments/${e.id}` })).statusCode).toBe(403);
    expect((await supervisor.inject({ method: 'POST', url: `/api/experiments/${e.id}/start` })).statusCode).toBe(403);
    const audits = await t.db.auditEvent.findMany({ where: { entityId: e.id } });
    expect(audits.map((a) => a.action)).toEqual(['experiment.create']);
  });

  it('runs at most one experiment per stage and language, even when two start at once; shows and records the account variant; promotes the winner', async () => {
    const challenger = await draft('Thanks for working this out with me today.');
    // The first freezes the draft as approved; an approved version may run again in the second.
    const a = await create(admin, body(challenger));
    const b = await create(admin, body(challenger));
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const started = await Promise.all([act(a.json().id, 'start'), act(b.json().id, 'start')]);
    expect(started.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const running = started.find((r) => r.statusCode === 200)!.json();
    const other = started.find((r) => r.statusCode === 409) === started[0] ? a.json() : b.json();
    expect(running.status).toBe('running');
    expect((await act(other.id, 'start')).statusCode).toBe(409);

    // Each account sees its own variant, the one the domain computes, and the database's bucket agrees.
    type Variant = { id: string; scriptVersionId: string; bucketFrom: number; bucketTo: number };
    const variants: Variant[] = running.variants.map((v: { id: string; scriptVersionId: string }, i: number) => ({
      ...v,
      bucketFrom: i === 0 ? 0 : 50,
      bucketTo: i === 0 ? 49 : 99,
    }));
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const account = await m1Account();
      const expected = assignVariant(running.id, account.id, variants)!;
      const [row] = await t.db.$queryRaw<{ bucket: number }[]>`
        SELECT experiment_bucket(${running.id}::uuid, ${account.id}::uuid) AS bucket`;
      expect(row!.bucket).toBe(experimentBucket(running.id, account.id));
      const script = await collector.inject({ method: 'GET', url: `/api/accounts/${account.id}/suggested-script` });
      expect(script.json().scriptVersionId).toBe(expected.scriptVersionId);
      // The same on a second call.
      const again = await collector.inject({ method: 'GET', url: `/api/accounts/${account.id}/suggested-script` });
      expect(again.json().scriptVersionId).toBe(expected.scriptVersionId);
      seen.add(expected.id);
      const outcome = await postOutcome(collector, account.id, {
        contactPointId: account.debtor.contactPoints[0]!.id,
        disposition: 'right_party_contact',
        scriptVersionId: expected.scriptVersionId,
      });
      expect(outcome.statusCode).toBe(201);
      const attempt = await t.db.contactAttempt.findUniqueOrThrow({ where: { id: outcome.json().id } });
      expect(attempt.experimentVariantId).toBe(expected.id);
    }
    // A call made with the other variant's script (a stale desk) records no variant: it would blur the comparison.
    const staleAccount = await m1Account();
    const stale = variants.find((v) => v.id !== assignVariant(running.id, staleAccount.id, variants)!.id)!;
    const staleCall = await postOutcome(collector, staleAccount.id, {
      contactPointId: staleAccount.debtor.contactPoints[0]!.id,
      disposition: 'right_party_contact',
      scriptVersionId: stale.scriptVersionId,
    });
    expect(staleCall.statusCode).toBe(201);
    expect(
      (await t.db.contactAttempt.findUniqueOrThrow({ where: { id: staleCall.json().id } })).experimentVariantId,
    ).toBeNull();
    expect(seen.size).toBe(2);

    const results = (await supervisor.inject({ method: 'GET', url: `/api/experiments/${running.id}` })).json();
    const attempts = results.variants.map((v: { results: { attempts: number } }) => v.results.attempts);
    expect(attempts.reduce((x: number, y: number) => x + y, 0)).toBe(8); // the stale call is not counted

    // Promote the challenger: published, the champion archived; the experiment stays readable.
    const winner = running.variants.find((v: { champion: boolean }) => !v.champion);
    const promoted = await act(running.id, 'promote', { variantId: winner.id });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ status: 'promoted', winnerVariantId: winner.id });
    expect((await t.db.scriptVersion.findUniqueOrThrow({ where: { id: challenger } })).status).toBe('published');
    expect((await t.db.scriptVersion.findUniqueOrThrow({ where: { id: v1 } })).status).toBe('archived');
    expect((await act(running.id, 'stop')).statusCode).toBe(409);
    const after = (await admin.inject({ method: 'GET', url: `/api/experiments/${running.id}` })).json();
    expect(after.variants.map((v: { results: { attempts: number } }) => v.results.attempts)).toEqual(attempts);
    // No experiment runs: every account gets the published (promoted) version.
    const account = await m1Account();
    const script = await collector.inject({ method: 'GET', url: `/api/accounts/${account.id}/suggested-script` });
    expect(script.json().scriptVersionId).toBe(challenger);
    v1 = challenger; // the published version for later tests
    const audits = await t.db.auditEvent.findMany({ where: { entityId: running.id }, orderBy: { at: 'asc' } });
    expect(audits.map((x) => x.action)).toEqual(['experiment.create', 'experiment.start', 'experiment.promote']);
  });

  it('reports rates with Wilson intervals and the verdict from SQL (hand-computed: 20/100 vs 35/100, p = 0.0175)', async () => {
    const challenger = await draft('Thank you; I will send you the details today.');
    const e = (await create(admin, body(challenger))).json();
    expect((await act(e.id, 'start')).statusCode).toBe(200);
    const account = await m1Account();
    const [champion, chall] = e.variants;
    // 100 right-party contacts on each variant; 20 (champion) and 35 (challenger) with a promise;
    // of the challenger's promises 10 kept and 5 broken; one payment of 50.00 attributed.
    for (const [variant, promised] of [
      [champion, 20],
      [chall, 35],
    ] as const) {
      for (let i = 0; i < 100; i++) {
        const attempt = await t.db.contactAttempt.create({
          data: {
            accountId: account.id,
            debtorId: account.debtorId,
            collectorId,
            channel: 'phone',
            partyReached: 'debtor',
            disposition: 'right_party_contact',
            startedAt: new Date(NOW),
            scriptVersionId: variant.scriptVersionId,
            experimentVariantId: variant.id,
          },
        });
        if (i < promised)
          await t.db.paymentPromise.create({
            data: {
              accountId: account.id,
              contactAttemptId: attempt.id,
              amountMinor: 10_000n,
              currency: 'USD',
              dueDate: new Date('2026-11-25'),
              channel: 'card',
              status: variant === chall && i < 10 ? 'kept' : variant === chall && i < 15 ? 'broken' : 'pending',
              paidMinor: variant === chall && i < 10 ? 10_000n : 0n,
            },
          });
        if (variant === chall && i === 0)
          await t.db.payment.create({
            data: {
              accountId: account.id,
              amountMinor: 5_000n,
              currency: 'USD',
              paidAt: new Date(NOW),
              channel: 'card',
              reference: `x-${attempt.id}`,
              attributedAttemptId: attempt.id,
            },
          });
      }
    }
    const res = (await supervisor.inject({ method: 'GET', url: `/api/experiments/${e.id}` })).json();
    const [a, b] = res.variants;
    expect(a.results).toMatchObject({ attempts: 100, rightPartyContacts: 100 });
    expect(a.results.promiseRate).toMatchObject({ successes: 20, trials: 100, rate: 0.2 });
    expect(b.results.promiseRate.successes).toBe(35);
    // Wilson 35/100: centre (0.35 + 0.019207) / 1.038415 = 0.355550; half 1.887458 * sqrt(0.002275 + 0.000096) = 0.091920.
    expect(b.results.promiseRate.low).toBeCloseTo(0.26363, 4);
    expect(b.results.promiseRate.high).toBeCloseTo(0.44747, 4);
    expect(b.results.keptRate).toMatchObject({ successes: 10, trials: 15 });
    expect(b.results.money).toEqual([
      {
        currency: 'USD',
        rightPartyContacts: 100,
        judgedMinor: '150000',
        paidMinor: '100000',
        keptAmountRate: 100_000 / 150_000,
        collectedMinor: '5000',
        collectedPerRpcMinor: 50,
      },
    ]);
    expect(a.verdict).toBeNull();
    expect(b.verdict).toMatchObject({ kind: 'winner', winner: 'challenger' });
    expect(b.verdict.pValue).toBeCloseTo(0.017529, 5);
    expect(b.verdict.sentence).toMatch(/^v\d+ beats v\d+\.$/);
    // Stopped: results stay; the published script is shown again.
    expect((await act(e.id, 'stop')).json()).toMatchObject({ status: 'stopped' });
    const script = await collector.inject({ method: 'GET', url: `/api/accounts/${account.id}/suggested-script` });
    expect(script.json().scriptVersionId).toBe(v1);
    expect((await admin.inject({ method: 'GET', url: '/api/experiments' })).json().items.length).toBeGreaterThan(1);

    // Another version published since: promoting the challenger would replace it, so it is refused;
    // the champion may still be recorded as the winner, leaving the library as it is.
    const newer = await draft('Thank you. Goodbye for now.');
    const published = await admin.inject({
      method: 'POST',
      url: `/api/scripts/versions/${newer}/publish`,
      payload: {},
    });
    expect(published.statusCode).toBe(200);
    expect((await act(e.id, 'promote', { variantId: chall.id })).statusCode).toBe(409);
    expect((await t.db.scriptVersion.findUniqueOrThrow({ where: { id: challenger } })).status).toBe('approved');
    expect((await act(e.id, 'promote', { variantId: champion.id })).json()).toMatchObject({
      status: 'promoted',
      winnerVariantId: champion.id,
    });
    expect((await t.db.scriptVersion.findUniqueOrThrow({ where: { id: newer } })).status).toBe('published');
  });
});
