import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { csvLines } from '../../../test/csv.js';

// The audit trail search for admins: filters, keyset paging newest first, CSV export; both audited.

describe('audit trail search', () => {
  const t = useTestApp({ now: '2026-11-22T15:00:00Z' });
  let admin: Session, supervisor: Session, collector: Session;
  let adminId = '',
    collectorId = '',
    evilId = '',
    accountId = '',
    otherAccountId = '',
    externalId = '';

  beforeAll(async () => {
    const a = await t.factories.user('admin', { username: 'at-admin' });
    // Days are the admin's own: Shanghai, UTC+8.
    await t.db.user.update({ where: { id: a.id }, data: { timeZone: 'Asia/Shanghai' } });
    const c = await t.factories.user('collector', { username: 'at-c1' });
    const evil = await t.db.user.create({
      data: {
        username: 'at-evil',
        displayName: '=HYPERLINK("http://x.example","click")',
        passwordHash: 'x',
        role: 'collector',
      },
    });
    await t.factories.user('supervisor', { username: 'at-sup' });
    [adminId, collectorId, evilId] = [a.id, c.id, evil.id];
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({ creditorId: creditor.id, collectorId: c.id });
    accountId = account.id;
    externalId = account.externalId;
    otherAccountId = (await t.factories.account({ creditorId: creditor.id, collectorId: c.id })).id;
    // A known history in March 2025 (clear of the events the logins below write).
    const at = (iso: string) => new Date(iso);
    await t.db.auditEvent.createMany({
      data: [
        {
          at: at('2025-03-01T10:00:00Z'),
          actorId: c.id,
          action: 'case_file.view',
          entityType: 'account',
          entityId: accountId,
          accountIds: [accountId],
          purpose: 'collection',
          requestId: 'req-aaa-1',
        },
        {
          at: at('2025-03-01T15:59:59Z'),
          actorId: c.id,
          action: 'case_file.view.denied',
          entityType: 'account',
          entityId: otherAccountId,
          accountIds: [otherAccountId],
          purpose: 'collection',
          requestId: 'req-bbb-2',
        },
        {
          at: at('2025-03-01T16:00:00Z'),
          actorId: a.id,
          action: 'accounts.list',
          entityType: 'account',
          accountIds: [otherAccountId, accountId],
          purpose: 'administration',
          requestId: 'req-ccc-3',
          data: { query: { q: 'Doe' } },
        },
        // Written before reads listed their accounts: the account is only the entity.
        {
          at: at('2025-03-02T09:00:00Z'),
          actorId: c.id,
          action: 'contact_attempt.recorded',
          entityType: 'account',
          entityId: accountId,
          requestId: 'req-ddd-4',
        },
        {
          at: at('2025-03-03T09:00:00Z'),
          actorId: evil.id,
          action: 'user.update',
          entityType: 'user',
          entityId: '@SUM(1+1)',
          requestId: 'req-eee-5',
          data: { changes: { displayName: '-2+3' } },
        },
      ],
    });
    [admin, supervisor, collector] = await Promise.all([t.login('at-admin'), t.login('at-sup'), t.login('at-c1')]);
  });

  const search = async (query: string) => {
    const res = await admin.inject({ method: 'GET', url: `/api/audit-events?from=2025-03-01&to=2025-03-31&${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: {
        action: string;
        requestId: string;
        accounts: { id: string; externalId: string }[];
        accountCount: number;
        actor: { id: string } | null;
      }[];
      nextCursor: string | null;
    };
  };
  const ids = (page: { items: { requestId: string }[] }) => page.items.map((e) => e.requestId);

  it('lists events newest first, keyset-paged without gaps or repeats', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(['req-eee-5', 'req-ddd-4', 'req-ccc-3', 'req-bbb-2', 'req-aaa-1']);
  });

  it('filters by actor, action (with its refusals), entity and request id', async () => {
    expect(ids(await search(`actorId=${adminId}`))).toEqual(['req-ccc-3']);
    expect(ids(await search('action=case_file.view'))).toEqual(['req-bbb-2', 'req-aaa-1']);
    expect(ids(await search('action=case_file.view.denied'))).toEqual(['req-bbb-2']);
    expect(ids(await search(`entityType=user&entityId=${encodeURIComponent('@SUM(1+1)')}`))).toEqual(['req-eee-5']);
    expect(ids(await search('requestId=req-dd'))).toEqual(['req-ddd-4']);
  });

  it('filters by account, given by id or by account number, whether it was read among others or is the entity', async () => {
    expect(ids(await search(`account=${accountId}`))).toEqual(['req-ddd-4', 'req-ccc-3', 'req-aaa-1']);
    expect(ids(await search(`account=${externalId}`))).toEqual(['req-ddd-4', 'req-ccc-3', 'req-aaa-1']);
    expect(ids(await search('account=NO-SUCH-ACCOUNT'))).toEqual([]);
    const list = (await search('action=accounts.list')).items[0]!;
    expect(list.accountCount).toBe(2);
    expect(list.accounts).toEqual([
      { id: otherAccountId, externalId: expect.any(String) },
      { id: accountId, externalId },
    ]);
  });

  it("takes the dates as days in the admin's own time zone", async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/audit-events?from=2025-03-02&to=2025-03-02' });
    // 2025-03-01T16:00Z is already 2 March in Shanghai; 15:59:59Z is still 1 March.
    expect(ids(res.json())).toEqual(['req-ddd-4', 'req-ccc-3']);
  });

  it('names the field at fault for bad filters and forged cursors', async () => {
    const bad = async (query: string, field: string) => {
      const res = await admin.inject({ method: 'GET', url: `/api/audit-events?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(
        res.json().error.fields.map((f: { field: string }) => f.field),
        query,
      ).toContain(field);
    };
    await bad('cursor=forged', 'cursor');
    await bad(`cursor=${Buffer.from(JSON.stringify(['2026-02-30T00:00:00Z', '1'])).toString('base64url')}`, 'cursor');
    await bad(
      `cursor=${Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'x; DROP'])).toString('base64url')}`,
      'cursor',
    );
    await bad('action=CASE%20FILE', 'action');
    await bad('actorId=nobody', 'actorId');
    await bad('from=2025-03-02&to=2025-03-01', 'to');
    await bad('requestId=%25', 'requestId');
  });

  it('is for admins only, and a refused search is recorded', async () => {
    for (const s of [supervisor, collector]) {
      const res = await s.inject({ method: 'GET', url: '/api/audit-events' });
      expect(res.statusCode).toBe(403);
      expect(
        await t.db.auditEvent.count({
          where: { requestId: String(res.headers['x-request-id']), action: 'audit.search.denied' },
        }),
      ).toBe(1);
    }
    expect((await collector.inject({ method: 'GET', url: '/api/audit-events/export' })).statusCode).toBe(403);
  });

  it('records each search with its filters and the accounts it showed', async () => {
    const res = await admin.inject({
      method: 'GET',
      url: `/api/audit-events?from=2025-03-01&to=2025-03-31&account=${externalId}`,
    });
    const [event] = await t.db.auditEvent.findMany({ where: { requestId: String(res.headers['x-request-id']) } });
    expect(event).toMatchObject({
      actorId: adminId,
      action: 'audit.search',
      entityType: 'audit_trail',
      purpose: 'audit_review',
      data: { query: { account: externalId } },
    });
    expect(new Set(event!.accountIds)).toEqual(new Set([accountId, otherAccountId]));
  });

  it('exports the filtered trail as CSV with every account number, formulas neutralised, and records the export', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/audit-events/export?from=2025-03-01&to=2025-03-31' });
    const lines = csvLines(res);
    expect(lines[0]).toBe(
      'at,actor_username,actor_name,action,purpose,entity_type,entity_id,account_count,accounts,request_id,data',
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(`'=HYPERLINK`);
    expect(lines[1]).toContain(`'@SUM(1+1)`);
    expect(lines.find((l) => l.includes('req-ccc-3'))).toContain(`,2,`);
    expect(lines.find((l) => l.includes('req-ccc-3'))).toContain(externalId);
    const [event] = await t.db.auditEvent.findMany({ where: { requestId: String(res.headers['x-request-id']) } });
    expect(event).toMatchObject({
      actorId: adminId,
      action: 'audit.export',
      purpose: 'audit_review',
      data: { query: { from: '2025-03-01', to: '2025-03-31' } },
    });
    expect(evilId).toBeTruthy();
    expect(collectorId).toBeTruthy();
  });
});
