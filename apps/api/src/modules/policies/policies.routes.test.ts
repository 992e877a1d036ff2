import { POLICY_KEYS, type PolicyKindCode } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { PolicyInvalidError } from '../../lib/errors.js';
import { createPoliciesRepository } from './policies.repository.js';

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

  it('refuses a profile below the law, naming each field and its rule; stricter is always allowed', async () => {
    const current = (await admin.inject({ method: 'GET', url: '/api/policies/compliance_profile/US/versions' })).json()
      .items[0];
    // The example: calls 06:00-23:30, 20 calls in 7 days, no quiet period and no cease flag.
    const res = await admin.inject({
      method: 'PUT',
      url: '/api/policies/compliance_profile/US',
      payload: {
        data: {
          ...current.data,
          callWindow: { start: '06:00', end: '23:30' },
          callCap: { maxCalls: 20, windowDays: 7 },
          quietDaysAfterConversation: 0,
          stopFlags: ['attorney_represented', 'dispute_hold', 'bankruptcy', 'deceased'],
        },
      },
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((f: { field: string }) => f.field)).toEqual([
      'data.callWindow.start',
      'data.callWindow.end',
      'data.callCap.maxCalls',
      'data.quietDaysAfterConversation',
      'data.stopFlags',
    ]);
    expect(error.fields[4].message).toContain('must include cease_request');
    expect(error.reasons.map((r: { params: { rule: string } }) => r.params.rule)).toEqual([
      'Reg F 12 CFR 1006.6(b)(1)(i)',
      'Reg F 12 CFR 1006.6(b)(1)(i)',
      'Reg F 12 CFR 1006.14(b)(2)(i)(A)',
      'Reg F 12 CFR 1006.14(b)(2)(i)(B)',
      'FDCPA 15 USC 1692c(c)',
    ]);
    expect(await t.db.policy.count({ where: { kind: 'compliance_profile', key: 'US' } })).toBe(current.version);

    const cn = (await admin.inject({ method: 'GET', url: '/api/policies/compliance_profile/CN/versions' })).json()
      .items[0];
    const noCap = await admin.inject({
      method: 'PUT',
      url: '/api/policies/compliance_profile/CN',
      payload: { data: { ...cn.data, dailyUnansweredCapPerContactPoint: null } },
    });
    expect(noCap.statusCode).toBe(400);
    expect(noCap.json().error.fields).toEqual([
      expect.objectContaining({
        field: 'data.dailyUnansweredCapPerContactPoint',
        message: expect.stringContaining('must be set, at most 6'),
      }),
    ]);

    const stricter = await admin.inject({
      method: 'PUT',
      url: '/api/policies/compliance_profile/US',
      payload: {
        data: {
          ...current.data,
          callWindow: { start: '09:00', end: '20:00' },
          callCap: { maxCalls: 5, windowDays: 7 },
          quietDaysAfterConversation: 10,
          stopFlags: [...current.data.stopFlags, 'do_not_contact'],
        },
      },
    });
    expect(stricter.statusCode).toBe(200);
    expect(stricter.json().floorProblems).toBeUndefined();
  });

  it('applies a stored profile that is looser than the law as the stricter of the two, and shows admins what is off', async () => {
    const current = (await admin.inject({ method: 'GET', url: '/api/policies/compliance_profile/US/versions' })).json()
      .items[0];
    // Written outside the API (as before floors existed): 06:00-23:30 and no cease flag.
    const version = current.version + 1;
    await t.db.policy.create({
      data: {
        kind: 'compliance_profile',
        key: 'US',
        version,
        data: { ...current.data, callWindow: { start: '06:00', end: '23:30' }, stopFlags: ['deceased'] },
      },
    });
    t.clock.set('2026-11-20T11:30:00Z'); // 06:30 in New York
    try {
      const file = (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();
      expect(file.summary.gate.allowed).toBe(false);
      expect(file.summary.gate.reasons[0]).toMatchObject({
        code: 'outside_calling_window',
        params: { start: '08:00', end: '21:00' },
      });
      const listed = (await admin.inject({ method: 'GET', url: '/api/policies' }))
        .json()
        .items.find((p: { kind: string; key: string }) => p.kind === 'compliance_profile' && p.key === 'US');
      expect(listed.version).toBe(version);
      expect(listed.floorProblems.map((p: { field: string }) => p.field)).toEqual([
        'callWindow.start',
        'callWindow.end',
        'stopFlags',
        'stopFlags',
        'stopFlags',
        'stopFlags',
      ]);
    } finally {
      t.clock.set('2026-11-20T15:00:00Z');
      await t.db.policy.delete({ where: { kind_key_version: { kind: 'compliance_profile', key: 'US', version } } });
    }
  });

  it('saves made at the same moment all become versions, one after the other, each audited with its version', async () => {
    const path = '/api/policies/queue_weights/default';
    const current = (await admin.inject({ method: 'GET', url: '/api/policies' }))
      .json()
      .items.find((p: { kind: string }) => p.kind === 'queue_weights');
    const saves = await Promise.all(
      [10, 20, 30, 40, 50].map((callbackDue) =>
        admin.inject({ method: 'PUT', url: path, payload: { data: { ...current.data, callbackDue } } }),
      ),
    );
    expect(saves.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const versions = saves.map((r) => r.json().version as number).sort((a, b) => a - b);
    expect(versions).toEqual([1, 2, 3, 4, 5].map((n) => current.version + n));
    const audited = await t.db.auditEvent.findMany({
      where: { action: 'policy.save', data: { path: ['kind'], equals: 'queue_weights' } },
    });
    expect(audited.map((a) => (a.data as { version: number }).version).sort((a, b) => a - b)).toEqual(versions);
  });

  describe('a stored policy that is not valid', () => {
    /** Writes a version the API would never accept (as a hand edit or an older release might). */
    async function corrupt(kind: PolicyKindCode, key: string, data: unknown) {
      const last = await t.db.policy.findFirst({ where: { kind, key }, orderBy: { version: 'desc' } });
      const version = (last?.version ?? 0) + 1;
      await t.db.policy.create({ data: { kind, key, version, data: data as object } });
      return { version, restore: () => t.db.policy.delete({ where: { kind_key_version: { kind, key, version } } }) };
    }

    it('is an error naming its kind, key and version, never a silent default, for every kind', async () => {
      const policies = createPoliciesRepository(t.db);
      const cases: [PolicyKindCode, unknown][] = [
        ['stage_thresholds', { preDueMaxDpd: 0, m1MaxDpd: 60, m2MaxDpd: 30, m3MaxDpd: 90 }],
        ['compliance_profile', { profile: 'US', callWindow: '08:00-21:00' }],
        ['promise_rules', { graceDays: 'three', minAmountMinor: 100, maxHorizonDays: 30 }],
        ['queue_weights', null],
      ];
      for (const [kind, data] of cases) {
        const key = POLICY_KEYS[kind][0];
        const { version, restore } = await corrupt(kind, key, data);
        // Each way the services read policies.
        const read = {
          stage_thresholds: policies.stageThresholds,
          compliance_profile: policies.complianceProfiles,
          promise_rules: () => policies.promiseRules(),
          queue_weights: policies.queueWeights,
        }[kind]();
        const err = await read.then(
          () => null,
          (e: unknown) => e,
        );
        expect(err, kind).toBeInstanceOf(PolicyInvalidError);
        expect((err as PolicyInvalidError).policy).toEqual({ kind, key, version });
        expect((err as PolicyInvalidError).message).toContain(`${kind}/${key} (version ${version})`);
        expect((err as PolicyInvalidError).problems.length).toBeGreaterThan(0);
        await restore();
        await expect(policies.read(kind, key)).resolves.toBeDefined();
      }
    });

    it('makes what depends on it answer 500 naming it, while admins can still see it and save a valid version', async () => {
      const good = await t.db.policy.findFirstOrThrow({
        where: { kind: 'stage_thresholds', key: 'default' },
        orderBy: { version: 'desc' },
      });
      const { version } = await corrupt('stage_thresholds', 'default', { preDueMaxDpd: 0, m1MaxDpd: 'thirty' });
      const file = await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` });
      expect(file.statusCode).toBe(500);
      expect(file.json().error).toMatchObject({ code: 'internal_error' });
      expect(file.json().error.message).toContain(`stage_thresholds/default (version ${version}) is not valid`);

      const list = await admin.inject({ method: 'GET', url: '/api/policies' });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.find((p: { kind: string }) => p.kind === 'stage_thresholds')).toMatchObject({
        version,
        data: { m1MaxDpd: 'thirty' },
      });
      const fixed = await admin.inject({
        method: 'PUT',
        url: '/api/policies/stage_thresholds/default',
        payload: { data: good.data },
      });
      expect(fixed.statusCode).toBe(200);
      expect(fixed.json().version).toBe(version + 1);
      expect((await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).statusCode).toBe(
        200,
      );
    });
  });
});
