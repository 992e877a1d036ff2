import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

describe('policies', () => {
  // 10:00 in New York: inside the default 08:00-21:00 window.
  const t = useTestApp({ now: '2026-11-20T15:00:00Z' });
  let admin: Session, supervisor: Session, collector: Session;
  let accountId = '';

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'p-admin' });
    await t.factories.user('supervisor', { username: 'p-sup' });
    const c = await t.factories.user('collector', { username: 'p-col' });
    const creditor = await t.factories.creditor('US');
    accountId = (await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true })).id;
    admin = await t.login('p-admin');
    supervisor = await t.login('p-sup');
    collector = await t.login('p-col');
  });

  it('lists the policies in force, defaults included as version 0', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/policies' });
    expect(res.statusCode).toBe(200);
    const us = res
      .json()
      .items.find((p: { kind: string; key: string }) => p.kind === 'compliance_profile' && p.key === 'US');
    expect(us.data.callWindow).toEqual({ start: '08:00', end: '21:00' });
  });

  it('saves a new version that takes effect at once (a narrower calling window closes the gate), audited', async () => {
    const current = (await admin.inject({ method: 'GET', url: '/api/policies' }))
      .json()
      .items.find((p: { kind: string; key: string }) => p.kind === 'compliance_profile' && p.key === 'US');
    const res = await admin.inject({
      method: 'PUT',
      url: '/api/policies/compliance_profile/US',
      payload: { data: { ...current.data, callWindow: { start: '11:00', end: '20:00' } } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(current.version + 1);
    const file = (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();
    expect(file.summary.gate.allowed).toBe(false);
    expect(file.summary.gate.reasons[0].code).toBe('outside_calling_window');
    expect(await t.db.auditEvent.count({ where: { action: 'policy.save' } })).toBe(1);
  });

  it('keeps every version with who saved it; the history lists them newest first', async () => {
    const path = '/api/policies/promise_rules/default';
    const before = (await admin.inject({ method: 'GET', url: `${path}/versions` })).json().items;
    expect(before.map((v: { version: number }) => v.version)).toEqual([1]); // the defaults written at start
    expect(before[0].createdByName).toBeNull();
    await admin.inject({ method: 'PUT', url: path, payload: { data: { ...before[0].data, graceDays: 5 } } });
    await admin.inject({ method: 'PUT', url: path, payload: { data: { ...before[0].data, graceDays: 7 } } });
    const items = (await admin.inject({ method: 'GET', url: `${path}/versions` })).json().items;
    expect(items.map((v: { version: number; data: { graceDays: number } }) => [v.version, v.data.graceDays])).toEqual([
      [3, 7],
      [2, 5],
      [1, before[0].data.graceDays],
    ]);
    expect(items[0].createdByName).toEqual(expect.any(String));
    expect((await admin.inject({ method: 'GET', url: '/api/policies/promise_rules/US/versions' })).statusCode).toBe(
      400,
    );
    expect((await supervisor.inject({ method: 'GET', url: `${path}/versions` })).statusCode).toBe(403);
  });

  it('validates: windows inside the day and in order, caps positive, thresholds increasing; admins only', async () => {
    const bad = await admin.inject({
      method: 'PUT',
      url: '/api/policies/compliance_profile/UK',
      payload: {
        data: {
          profile: 'UK',
          callWindow: { start: '21:00', end: '25:00' },
          callCap: { maxCalls: 0, windowDays: 7 },
          dailyUnansweredCapPerContactPoint: null,
          quietDaysAfterConversation: 0,
          stopFlags: [],
          overrideAllowed: false,
          retentionYears: 6,
        },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['data.callCap.maxCalls', 'data.callWindow.end']);
    const order = await admin.inject({
      method: 'PUT',
      url: '/api/policies/stage_thresholds/default',
      payload: { data: { preDueMaxDpd: 0, m1MaxDpd: 60, m2MaxDpd: 30, m3MaxDpd: 90 } },
    });
    expect(order.statusCode).toBe(400);
    const wrongKey = await admin.inject({
      method: 'PUT',
      url: '/api/policies/promise_rules/US',
      payload: { data: { graceDays: 3, minAmountMinor: 0, maxHorizonDays: 60 } },
    });
    expect(wrongKey.json().error.fields[0].field).toBe('key');
    expect(
      (
        await supervisor.inject({
          method: 'PUT',
          url: '/api/policies/promise_rules/default',
          payload: { data: { graceDays: 3, minAmountMinor: 0, maxHorizonDays: 60 } },
        })
      ).statusCode,
    ).toBe(403);
    // Only the two promise rule versions the history test saved: nothing refused was stored.
    expect(
      await t.db.policy.count({
        where: { kind: { in: ['stage_thresholds', 'promise_rules'] }, createdById: { not: null } },
      }),
    ).toBe(2);
  });
});
