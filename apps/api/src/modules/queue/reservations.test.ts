import { releaseHiddenUntil } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { wholeQueue } from '../../../test/queue.js';
import { postOutcome } from '../../../test/outcomes.js';

// 10:00 in New York, where the test customers live: callable.
const NOW = '2026-11-20T15:00:00Z';
const MIN = 60_000;

describe('reservations: see, extend, give back, skip (ADR 032)', () => {
  const t = useTestApp({ now: NOW });
  let n = 0;

  /** A collector with `count` accounts of their own (and nothing else in their pool). */
  async function collectorWith(count: number) {
    const team = await t.factories.team(`R${++n}`, (await t.factories.user('supervisor')).id);
    const user = await t.factories.user('collector', { username: `res-${n}`, teamId: team.id });
    const creditor = await t.factories.creditor();
    const accounts: string[] = [];
    for (let i = 0; i < count; i++)
      accounts.push(
        (
          await t.factories.account({
            creditorId: creditor.id,
            collectorId: user.id,
            withPhone: true,
            oldestUnpaidDueDate: '2026-11-01',
          })
        ).id,
      );
    return { user, accounts, session: await t.login(user.username) };
  }
  const next = (s: Session) => s.inject({ method: 'POST', url: '/api/queue/next' });
  const reservation = (s: Session) => s.inject({ method: 'GET', url: '/api/queue/reservation' });
  const extend = (s: Session, accountId: string) =>
    s.inject({ method: 'POST', url: '/api/queue/reservation/extend', payload: { accountId } });
  const release = (s: Session, payload: Record<string, unknown>) =>
    s.inject({ method: 'POST', url: '/api/queue/release', payload });

  it('shows the reservation after a reload, with the server clock, also once it has lapsed', async () => {
    t.clock.set(NOW);
    const { session, accounts } = await collectorWith(1);
    expect((await reservation(session)).statusCode).toBe(204);
    expect((await next(session)).json().accountId).toBe(accounts[0]);
    expect((await reservation(session)).json()).toEqual({
      accountId: accounts[0],
      expiresAt: new Date(Date.parse(NOW) + 15 * MIN).toISOString(),
      now: new Date(NOW).toISOString(),
      leaseSeconds: 15 * 60,
    });
    t.clock.advance(16 * MIN);
    const lapsed = (await reservation(session)).json();
    expect(lapsed.accountId).toBe(accounts[0]);
    expect(Date.parse(lapsed.expiresAt)).toBeLessThan(Date.parse(lapsed.now));
  });

  it("extends the holder's reservation, also a lapsed one nobody took; 404 outside the caller's pool", async () => {
    t.clock.set(NOW);
    const a = await collectorWith(1);
    const b = await collectorWith(0);
    await next(a.session);
    t.clock.advance(10 * MIN);
    const extended = await extend(a.session, a.accounts[0]!);
    expect(extended.statusCode).toBe(200);
    expect(extended.json().expiresAt).toBe(new Date(Date.parse(NOW) + 25 * MIN).toISOString());
    // b is not in a's team: the account is not in b's pool at all (nothing said about who holds it).
    expect((await extend(b.session, a.accounts[0]!)).statusCode).toBe(404);
    t.clock.advance(20 * MIN); // lapsed, nobody took it
    expect((await extend(a.session, a.accounts[0]!)).statusCode).toBe(200);
  });

  it('a skip is audited and keeps the account out of "next" for 30 minutes; a give-back until the end of the day', async () => {
    t.clock.set(NOW);
    const { user, session, accounts } = await collectorWith(2);
    const first = (await next(session)).json().accountId as string;
    const res = await release(session, { accountId: first, kind: 'skip', reason: 'customer_busy_now' });
    expect(res.statusCode).toBe(204);
    const until = releaseHiddenUntil('skip', new Date(NOW), user.timeZone);
    const [event, ...more] = await t.db.auditEvent.findMany({
      where: { requestId: String(res.headers['x-request-id']) },
    });
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actorId: user.id,
      action: 'queue.skip',
      entityType: 'account',
      entityId: first,
      data: { reason: 'customer_busy_now', note: null, hiddenUntil: until.toISOString() },
    });
    expect(await t.db.reservationRelease.findMany({ where: { accountId: first } })).toMatchObject([
      { collectorId: user.id, kind: 'skip', reason: 'customer_busy_now', hiddenUntil: until },
    ]);
    // "Next" offers the other account now, and the skipped one is in no list of theirs.
    const second = (await next(session)).json().accountId as string;
    expect(second).not.toBe(first);
    expect(accounts).toContain(second);
    const queue = await wholeQueue(session);
    expect(queue.items.map((i: { accountId: string }) => i.accountId)).not.toContain(first);
    // The second one given back for the day: nothing left to offer.
    const back = await release(session, {
      accountId: second,
      kind: 'give_back',
      reason: 'other',
      note: 'needs a Cantonese speaker',
    });
    expect(back.statusCode).toBe(204);
    expect((await next(session)).statusCode).toBe(204);
    // After the cooldown the skipped one comes back; the given-back one does not.
    t.clock.advance(31 * MIN);
    expect((await next(session)).json().accountId).toBe(first);
    const gaveBack = await t.db.auditEvent.findFirstOrThrow({
      where: { requestId: String(back.headers['x-request-id']) },
    });
    expect(gaveBack).toMatchObject({
      action: 'queue.give_back',
      data: { reason: 'other', note: 'needs a Cantonese speaker' },
    });
  });

  it('refuses a release without a reason, with other but no note, or of an account the caller does not hold', async () => {
    t.clock.set(NOW);
    const { session, accounts } = await collectorWith(1);
    await next(session);
    const noReason = await release(session, { accountId: accounts[0], kind: 'skip' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
    const noNote = await release(session, { accountId: accounts[0], kind: 'skip', reason: 'other' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['note']);
    expect(await t.db.reservationRelease.count({ where: { accountId: accounts[0] } })).toBe(0);
    expect(
      (await release(session, { accountId: accounts[0], kind: 'give_back', reason: 'wrong_queue' })).statusCode,
    ).toBe(204);
    const again = await release(session, { accountId: accounts[0], kind: 'give_back', reason: 'wrong_queue' });
    expect(again.statusCode).toBe(409);
    expect(await t.db.reservationRelease.count({ where: { accountId: accounts[0] } })).toBe(1);
  });
});

// Accounts in nobody's hands are in every collector's pool: these get a database of their own.
describe('reservations of pool accounts: races and late saves (ADR 032)', () => {
  const t = useTestApp({ now: NOW });
  const extend = (s: Session, accountId: string) =>
    s.inject({ method: 'POST', url: '/api/queue/reservation/extend', payload: { accountId } });
  const release = (s: Session, payload: Record<string, unknown>) =>
    s.inject({ method: 'POST', url: '/api/queue/release', payload });

  it('two collectors extending a lapsed pool account at once: exactly one holds it, the other is told until when', async () => {
    t.clock.set(NOW);
    const creditor = await t.factories.creditor();
    const sessions: Session[] = [];
    for (let i = 0; i < 6; i++) {
      const u = await t.factories.user('collector', { username: `race-${i}` });
      sessions.push(await t.login(u.username));
    }
    for (let round = 0; round < 3; round++) {
      const pool = await t.factories.account({ creditorId: creditor.id, collectorId: null, withPhone: true });
      const results = await Promise.all(sessions.map((s) => extend(s, pool.id)));
      const won = results.filter((r) => r.statusCode === 200);
      const lost = results.filter((r) => r.statusCode === 409);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(sessions.length - 1);
      const holder = await t.db.account.findUniqueOrThrow({ where: { id: pool.id } });
      expect(holder.leaseExpiresAt?.toISOString()).toBe(won[0]!.json().expiresAt);
      for (const r of lost) {
        expect(r.json().error.code).toBe('reservation_taken');
        expect(r.json().error.reasons[0].params.until).toBe(won[0]!.json().expiresAt);
      }
      // The winner gives it back so it does not stay held by them through the next round.
      const winner = sessions[results.indexOf(won[0]!)]!;
      expect((await release(winner, { accountId: pool.id, kind: 'give_back', reason: 'wrong_queue' })).statusCode).toBe(
        204,
      );
    }
  });

  it('keeps a save made after the reservation lapsed (and says so); a lapsed pool account is taken again first, or refused when another collector holds it', async () => {
    t.clock.set(NOW);
    const creditor = await t.factories.creditor();
    const aUser = await t.factories.user('collector', { username: 'late-a' });
    const own = await t.factories.account({ creditorId: creditor.id, collectorId: aUser.id, withPhone: true });
    const pool = await t.factories.account({ creditorId: creditor.id, collectorId: null, withPhone: true });
    const pool2 = await t.factories.account({ creditorId: creditor.id, collectorId: null, withPhone: true });
    const a = await t.login(aUser.username);
    const b = await t.login((await t.factories.user('collector', { username: 'late-b' })).username);
    const noAnswer = (accountId: string) => ({
      contactPointId: accountId === own.id ? own.debtor.contactPoints[0]!.id : undefined,
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    const phoneOf = async (accountId: string) =>
      (await t.db.contactPoint.findFirstOrThrow({ where: { debtor: { accounts: { some: { id: accountId } } } } })).id;

    // Their own account, reservation lapsed: the call is recorded and the answer says it had expired.
    expect((await extend(a, own.id)).statusCode).toBe(200);
    t.clock.advance(16 * MIN);
    const late = await postOutcome(a, own.id, noAnswer(own.id));
    expect(late.statusCode).toBe(201);
    expect(late.json().reservationExpired).toBe(true);
    expect(await t.db.account.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({ leasedById: null });

    // A pool account whose reservation lapsed and nobody took: taken again (what the web does before saving), then saved.
    t.clock.set(NOW);
    expect((await extend(a, pool2.id)).statusCode).toBe(200);
    t.clock.advance(16 * MIN);
    expect((await extend(a, pool2.id)).statusCode).toBe(200);
    const retaken = await postOutcome(a, pool2.id, {
      contactPointId: await phoneOf(pool2.id),
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    expect(retaken.statusCode).toBe(201);
    expect(retaken.json().reservationExpired).toBeUndefined();

    // A pool account b reserved after a's lapsed: a is told until when, nothing is recorded.
    t.clock.set(NOW);
    expect((await extend(a, pool.id)).statusCode).toBe(200);
    t.clock.advance(16 * MIN);
    const taken = await extend(b, pool.id);
    expect(taken.statusCode).toBe(200);
    const refused = await extend(a, pool.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'reservation_taken',
      reasons: [{ code: 'reservation_taken', params: { until: taken.json().expiresAt } }],
    });
    const save = await postOutcome(a, pool.id, {
      contactPointId: await phoneOf(pool.id),
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    expect(save.statusCode).toBe(403); // a pool account opens only under a live reservation
    expect(await t.db.contactAttempt.count({ where: { accountId: pool.id } })).toBe(0);
  });
});
