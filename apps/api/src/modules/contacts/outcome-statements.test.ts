import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@crm/db';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { buildApp, type App } from '../../app.js';
import { loadEnv } from '../../config/env.js';

// 10:00 in New York: inside the US calling window.
const NOW = '2026-11-20T15:00:00Z';
const TX_START = '-- $transaction starts';
const TX_END = '-- $transaction ends';

/**
 * Recording an outcome runs ONE transaction of at most 6 statements, audit and idempotency
 * included (issue 16, ADR 048), and nothing after its commit (the worklist's rows are marked stale
 * inside it, ADR 053). Counted on a client that logs every statement it sends; the
 * client logs no BEGIN, so the unit of work's $transaction is bracketed by markers, and its
 * COMMIT is not a statement of the work.
 */
describe('recording an outcome: statements in its transaction', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session;
  let collectorId = '';
  let creditorId = '';
  let app: App;
  let db: Db;
  let log: string[] = [];

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'os-c1' })).id;
    creditorId = (await t.factories.creditor('US')).id;
    collector = await t.login('os-c1');
    const counting = createPrismaClient(t.database.appUrl, { max: 4, onQuery: (sql) => void log.push(sql) });
    // The client's log has no BEGIN/COMMIT: the unit of work's $transaction is bracketed here instead.
    db = new Proxy(counting, {
      get(target, prop) {
        if (prop === '$transaction')
          return async (...args: Parameters<Db['$transaction']>) => {
            log.push(TX_START);
            try {
              return await (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
            } finally {
              log.push(TX_END);
            }
          };
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    app = await buildApp({ env: loadEnv({ LOG_LEVEL: 'silent', JOBS: 'off' }), db, clock: t.clock });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function usAccount() {
    const account = await t.factories.account({
      creditorId,
      collectorId,
      profile: 'US',
      oldestUnpaidDueDate: '2026-10-15',
      balanceMinor: 300_000,
    });
    const phone = await t.factories.contactPoint(account.debtorId, { value: '+1 212-555-0177' });
    return { accountId: account.id, phoneId: phone.id };
  }

  /** Posts once and returns the statements sent between BEGIN and COMMIT, and how many transactions ran. */
  async function statementsOf(accountId: string, payload: object, key: string, on: App = app) {
    log = [];
    const res = await on.inject({
      method: 'POST',
      url: `/api/accounts/${accountId}/contacts`,
      headers: { cookie: collector.cookie, 'x-csrf-token': collector.csrf, 'idempotency-key': key },
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    if (process.env.SHOW_STATEMENTS) console.log(log.join('\n=====\n'));
    const begins = log.flatMap((sql, i) => (sql === TX_START ? [i] : []));
    const commits = log.flatMap((sql, i) => (sql === TX_END ? [i] : []));
    expect(begins).toHaveLength(1);
    expect(commits).toHaveLength(1);
    // The client logs its own COMMIT (not its BEGIN): not a statement of the work.
    const inside = log.slice(begins[0]! + 1, commits[0]).filter((sql) => !/^\s*COMMIT\s*$/i.test(sql));
    return { res, inside, all: log.slice() };
  }

  it('a promise to pay with a note: at most 6 statements, attempt, promise, audit and key all written', async () => {
    const { accountId, phoneId } = await usAccount();
    const { res, inside } = await statementsOf(
      accountId,
      {
        channel: 'phone',
        direction: 'outbound',
        contactPointId: phoneId,
        partyReached: 'debtor',
        disposition: 'promise_to_pay',
        notes: 'Will pay on Friday',
        promise: { amountMinor: 20_000, dueDate: '2026-11-27', channel: 'card' },
      },
      'os-promise-0001',
    );
    expect(inside.length, inside.join('\n---\n')).toBeLessThanOrEqual(6);
    const id = res.json().id as string;
    const attempt = await t.db.contactAttempt.findUniqueOrThrow({ where: { id }, include: { promises: true } });
    expect(attempt).toMatchObject({ idempotencyKey: 'os-promise-0001', notes: 'Will pay on Friday' });
    expect(attempt.promises).toHaveLength(1);
    expect(
      await t.db.auditEvent.count({
        where: { action: 'contact_attempt.recorded', data: { path: ['attemptId'], equals: id } },
      }),
    ).toBe(1);
  });

  it('the whole request, the worklist included: its transaction and the session, nothing after the commit (ADR 053)', async () => {
    const { accountId, phoneId } = await usAccount();
    // As deployed: sessions and policies cached (ADR 046), so what is left is the recording's own cost.
    const cached = await buildApp({
      env: loadEnv({ LOG_LEVEL: 'silent', JOBS: 'off', CACHE_TTL_SECONDS: '60' }),
      db,
      clock: t.clock,
      cacheNoticesUrl: t.database.appUrl,
    });
    try {
      // The collector's worklist holds the customer (the old code recomputed its rows after the commit: ~15 statements).
      const queue = await cached.inject({ method: 'GET', url: '/api/queue', headers: { cookie: collector.cookie } });
      expect(queue.statusCode).toBe(200);
      const busy = { channel: 'phone', direction: 'outbound', contactPointId: phoneId, partyReached: 'nobody' };
      await statementsOf(accountId, { ...busy, disposition: 'no_answer' }, 'os-total-00001', cached); // caches warm
      const { inside, all } = await statementsOf(accountId, { ...busy, disposition: 'busy' }, 'os-total-00002', cached);
      const statements = all.filter((sql) => sql !== TX_START && sql !== TX_END);
      if (process.env.SHOW_STATEMENTS) console.log(statements.join('\n=====\n'));
      // The three of ADR 048, the worklist's mark with its job; COMMIT.
      expect(inside.length, inside.join('\n---\n')).toBeLessThanOrEqual(4);
      expect(inside.some((sql) => /UPDATE worklist/.test(sql) && /graphile_worker\.add_job/.test(sql))).toBe(true);
      const after = all.slice(all.lastIndexOf(TX_END) + 1);
      expect(after, after.join('\n---\n')).toEqual([]);
      // The whole request: the transaction's 4 and COMMIT (was ~25: session 3, policies 3, 4, ~15 after).
      expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(5);
    } finally {
      await cached.close();
    }
  });

  it('the largest shape, a plan and a callback: at most 6 statements', async () => {
    const { accountId, phoneId } = await usAccount();
    const { res, inside } = await statementsOf(
      accountId,
      {
        channel: 'phone',
        direction: 'outbound',
        contactPointId: phoneId,
        partyReached: 'debtor',
        disposition: 'promise_to_pay',
        notes: 'Three instalments, call back to confirm',
        plan: [
          { amountMinor: 10_000, dueDate: '2026-11-27' },
          { amountMinor: 10_000, dueDate: '2026-12-27' },
          { amountMinor: 10_000, dueDate: '2027-01-27' },
        ],
        callbackAt: '2026-11-23T15:00:00Z',
      },
      'os-plan-00001',
    );
    expect(inside.length, inside.join('\n---\n')).toBeLessThanOrEqual(6);
    const body = res.json();
    expect(body.planId).not.toBeNull();
    expect(body.callbackId).not.toBeNull();
    expect(body.promiseIds).toHaveLength(3);
  });
});
