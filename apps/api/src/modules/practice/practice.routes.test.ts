import { caseFileSchema, suggestedScriptSchema, type PracticeScenarioDetail } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

/** The real tables practice must never write to (ADR 057). */
const REAL_TABLES = [
  'accounts',
  'debtors',
  'contact_attempts',
  'promises',
  'payment_plans',
  'callbacks',
  'stop_flags',
  'verification_tasks',
  'payments',
  'third_parties',
  'contact_points',
  'message_log',
  'stage_transitions',
  'reservation_releases',
  'outbox_messages',
  'worklist',
  'kpi_daily',
  'kpi_daily_collector',
  'kpi_monthly',
  'kpi_monthly_collector',
  'kpi_dirty_days',
  'kpi_days',
  'worklist_builds',
] as const;

describe('practice mode API', () => {
  const t = useTestApp();
  let collector: Session;
  let outsiderCollector: Session;
  let supervisor: Session;
  let outsiderSupervisor: Session;
  let admin: Session;
  const ids = {} as Record<'collector' | 'outsiderCollector' | 'supervisor', string>;
  let scenarios: { id: string; key: string; locale: string }[];
  const scenarioId = (key: string) => scenarios.find((s) => s.key === key)!.id;

  async function counts() {
    const out: Record<string, number> = {};
    for (const table of REAL_TABLES) {
      const rows = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${table}`);
      out[table] = Number(rows[0]!.n);
    }
    return out;
  }

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor');
    const team = await t.factories.team(undefined, sup.id);
    const supB = await t.factories.user('supervisor');
    const teamB = await t.factories.team(undefined, supB.id);
    const col = await t.factories.user('collector', { teamId: team.id, displayName: 'Alex Trainee' });
    const colB = await t.factories.user('collector', { teamId: teamB.id });
    const adm = await t.factories.user('admin');
    Object.assign(ids, { collector: col.id, outsiderCollector: colB.id, supervisor: sup.id });
    // A real account of the trainee's team: practice must leave it (and everything else real) alone.
    const creditor = await t.factories.creditor('US');
    await t.factories.account({ creditorId: creditor.id, collectorId: col.id, overdueMinor: 12000 });
    collector = await t.login(col.username);
    outsiderCollector = await t.login(colB.username);
    supervisor = await t.login(sup.username);
    outsiderSupervisor = await t.login(supB.username);
    admin = await t.login(adm.username);
    scenarios = (await collector.inject({ method: 'GET', url: '/api/practice/scenarios' })).json().items;
  });

  async function start(as: Session, key: string, traineeId?: string) {
    return as.inject({
      method: 'POST',
      url: '/api/practice/sessions',
      payload: { scenarioId: scenarioId(key), ...(traineeId ? { traineeId } : {}) },
    });
  }
  const say = (as: Session, id: string, text: string) =>
    as.inject({ method: 'POST', url: `/api/practice/sessions/${id}/lines`, payload: { text } });

  it('lists at least 12 scenarios in each language, filterable by language', async () => {
    expect(scenarios.filter((s) => s.locale === 'en').length).toBeGreaterThanOrEqual(12);
    expect(scenarios.filter((s) => s.locale === 'zh-CN').length).toBeGreaterThanOrEqual(12);
    const zh = (await collector.inject({ method: 'GET', url: '/api/practice/scenarios?locale=zh-CN' })).json();
    expect(zh.items.length).toBeGreaterThanOrEqual(12);
    expect(zh.items.every((s: { locale: string }) => s.locale === 'zh-CN')).toBe(true);
    // The turn graph (what the customer will say) is for the admins who edit it.
    const detail = await collector.inject({
      method: 'GET',
      url: `/api/practice/scenarios/${scenarioId('en-forgetful')}`,
    });
    expect(detail.statusCode).toBe(403);
  });

  it('a whole practice call: lines linted and answered, outcome, debrief; no real table changes, every write audited', async () => {
    const before = await counts();
    const auditBefore = await t.db.auditEvent.count({ where: { action: { startsWith: 'practice.' } } });

    const started = await start(collector, 'en-forgetful');
    expect(started.statusCode).toBe(201);
    const session = started.json();
    expect(session).toMatchObject({ status: 'in_progress', assignedBy: null, ended: false });
    expect(session.log).toEqual([{ speaker: 'customer', turnKey: 'hello', text: 'Hello?' }]);

    const caseFile = await collector.inject({ method: 'GET', url: `/api/practice/sessions/${session.id}/case-file` });
    expect(caseFile.statusCode).toBe(200);
    const cf = caseFileSchema.parse(caseFile.json());
    expect(cf.account).toMatchObject({ creditorName: 'Harbor Bank', overdueMinor: 12000, stage: 'm1', daysPastDue: 9 });
    expect(cf.customer).toMatchObject({ fullName: 'Emma Taylor', dateOfBirth: '1988-04-12', preferredLanguage: 'en' });
    expect(await t.db.account.count({ where: { id: cf.account.id } })).toBe(0);

    const script = await collector.inject({
      method: 'GET',
      url: `/api/practice/sessions/${session.id}/suggested-script`,
    });
    expect(script.statusCode).toBe(200);
    const s = suggestedScriptSchema.parse(script.json());
    expect(s).toMatchObject({ stage: 'm1', locale: 'en' });
    expect(s.steps.map((x) => x.text).join(' ')).toContain('Harbor Bank');
    expect(s.steps.map((x) => x.text).join(' ')).toContain('Alex Trainee');
    expect(s.objections.length).toBeGreaterThan(0);

    const lines = [
      'Hello, my name is Alex and I am calling from Harbor Bank. Am I speaking with Ms Taylor? Could you confirm your date of birth?',
      'Thank you. This is an attempt to collect a debt, and any information obtained will be used for that purpose. Your payment of $120 is overdue.',
      'Could you pay it today?',
      'Great. Just to confirm: you will pay $120 this Friday by online banking.',
    ];
    const answers: string[] = [];
    for (const line of lines) {
      const res = await say(collector, session.id, line);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().line.findings).toEqual([]);
      answers.push(res.json().customer?.turnKey ?? '(end)');
    }
    expect(answers).toEqual(['confirm', 'reason', 'offer', 'bye']);
    const after = await say(collector, session.id, 'Anything else?');
    expect(after.statusCode).toBe(409);

    const outcome = await collector.inject({
      method: 'POST',
      url: `/api/practice/sessions/${session.id}/outcome`,
      payload: {
        partyReached: 'debtor',
        disposition: 'promise_to_pay',
        promise: { amountMinor: 12000, dueDate: '2026-11-27', channel: 'online_banking' },
      },
    });
    expect(outcome.statusCode, outcome.body).toBe(200);

    const finished = await collector.inject({ method: 'POST', url: `/api/practice/sessions/${session.id}/finish` });
    expect(finished.statusCode, finished.body).toBe(200);
    const debrief = finished.json().debrief;
    expect(debrief).toMatchObject({ score: 100, failed: false, passed: true, outcome: { matches: true } });
    expect(debrief.findings.map((f: { check: string; turn: number | null }) => [f.check, f.turn])).toEqual([
      ['identifiedSelfAndCreditor', 1],
      ['verifiedRightParty', 1],
      ['disclosureGiven', 3],
      ['noProhibitedLanguage', null],
      ['concreteCommitment', 7],
      ['clearSummary', 7],
    ]);
    expect(finished.json().status).toBe('finished');
    expect(
      (await collector.inject({ method: 'POST', url: `/api/practice/sessions/${session.id}/finish` })).statusCode,
    ).toBe(409);

    expect(await counts()).toEqual(before);
    // start, 4 lines, outcome, finish; and the two audited reads
    const audited = await t.db.auditEvent.findMany({
      where: { action: { startsWith: 'practice.' }, entityId: session.id },
      select: { action: true },
    });
    expect(audited.map((a) => a.action).sort()).toEqual(
      [
        'practice.case_file',
        'practice.finish',
        'practice.line',
        'practice.line',
        'practice.line',
        'practice.line',
        'practice.outcome',
        'practice.start',
        'practice.suggested_script',
      ].sort(),
    );
    expect(await t.db.auditEvent.count({ where: { action: { startsWith: 'practice.' } } })).toBe(auditBefore + 9);
  });

  it('every Chinese line goes through the linter: findings per line, and the customer hangs up on a threat', async () => {
    const session = (await start(collector, 'zh-forgetful')).json();
    const ok = await say(collector, session.id, '您好，我是海港银行的小李。请问您是王芳女士本人吗？');
    expect(ok.json()).toMatchObject({
      line: { findings: [] },
      customer: { turnKey: 'confirm', identity: 'confirmed' },
    });
    const bad = await say(collector, session.id, '不还钱就通知你的家人和单位。');
    expect(bad.statusCode).toBe(200);
    expect(bad.json().line.findings.map((f: { category: string }) => f.category)).toContain('third_party_disclosure');
    expect(bad.json().line.intents).toContain('prohibited');
    expect(bad.json()).toMatchObject({ customer: { turnKey: 'hang_up' }, ended: true });
    const done = (
      await collector.inject({ method: 'POST', url: `/api/practice/sessions/${session.id}/finish` })
    ).json();
    expect(done.debrief).toMatchObject({
      score: 0,
      failed: true,
      passed: false,
      outcome: { recorded: null, matches: false },
    });
    expect(done.debrief.findings.find((f: { check: string }) => f.check === 'noProhibitedLanguage')).toMatchObject({
      met: false,
      turn: 3,
    });
  });

  it('bad input is a 400 naming the field; the outcome is checked by the workstation outcome rules', async () => {
    const session = (await start(collector, 'en-forgetful')).json();
    const url = `/api/practice/sessions/${session.id}`;
    const fields = (res: { json(): { error: { fields?: { field: string }[] } } }) =>
      res.json().error.fields?.map((f) => f.field);
    const empty = await collector.inject({ method: 'POST', url: `${url}/lines`, payload: { text: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect(fields(empty)).toEqual(['text']);
    const noPromise = await collector.inject({
      method: 'POST',
      url: `${url}/outcome`,
      payload: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    });
    expect(noPromise.statusCode).toBe(400);
    expect(fields(noPromise)).toEqual(['promise']);
    const unlawful = await collector.inject({
      method: 'POST',
      url: `${url}/outcome`,
      payload: {
        partyReached: 'third_party',
        disposition: 'promise_to_pay',
        promise: { amountMinor: 100, dueDate: '2026-11-30', channel: 'card' },
      },
    });
    expect(unlawful.statusCode).toBe(400);
    expect(fields(unlawful)).toContain('partyReached');
    const badDisposition = await collector.inject({
      method: 'POST',
      url: `${url}/outcome`,
      payload: { partyReached: 'debtor', disposition: 'shouted' },
    });
    expect(badDisposition.statusCode).toBe(400);
    expect(fields(badDisposition)).toEqual(['disposition']);
    const badScenario = await collector.inject({
      method: 'POST',
      url: '/api/practice/sessions',
      payload: { scenarioId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(badScenario.statusCode).toBe(400);
    expect(fields(badScenario)).toEqual(['scenarioId']);
  });

  it('supervisors assign to collectors of their teams and see their attempts; others see nothing of them', async () => {
    const assigned = await start(supervisor, 'en-cash-flow', ids.collector);
    expect(assigned.statusCode, assigned.body).toBe(201);
    const session = assigned.json();
    expect(session.trainee.id).toBe(ids.collector);
    expect(session.assignedBy.id).toBe(ids.supervisor);

    const notMine = await start(supervisor, 'en-cash-flow', ids.outsiderCollector);
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['traineeId']);
    expect((await start(collector, 'en-cash-flow', ids.outsiderCollector)).statusCode).toBe(403);
    expect((await start(admin, 'en-cash-flow', ids.outsiderCollector)).statusCode).toBe(201);

    // The trainee speaks; their supervisor reads; outsiders get 404.
    expect((await say(collector, session.id, 'Hello there.')).statusCode).toBe(200);
    expect((await say(supervisor, session.id, 'Hello there.')).statusCode).toBe(403);
    expect((await say(outsiderCollector, session.id, 'Hello there.')).statusCode).toBe(404);
    expect((await supervisor.inject({ method: 'GET', url: `/api/practice/sessions/${session.id}` })).statusCode).toBe(
      200,
    );
    for (const who of [outsiderSupervisor, outsiderCollector])
      for (const path of ['', '/case-file', '/suggested-script'])
        expect(
          (await who.inject({ method: 'GET', url: `/api/practice/sessions/${session.id}${path}` })).statusCode,
        ).toBe(404);

    const list = async (who: Session, q = '') =>
      (await who.inject({ method: 'GET', url: `/api/practice/sessions${q}` })).json().items as {
        trainee: { id: string };
      }[];
    const mine = await list(collector);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => s.trainee.id === ids.collector)).toBe(true);
    expect((await list(supervisor)).some((s) => s.trainee.id === ids.collector)).toBe(true);
    expect((await list(supervisor)).some((s) => s.trainee.id === ids.outsiderCollector)).toBe(false);
    expect(await list(outsiderSupervisor, `?traineeId=${ids.collector}`)).toEqual([]);
    expect((await list(admin)).some((s) => s.trainee.id === ids.outsiderCollector)).toBe(true);
  });

  it('lines sent at once to one session are taken in turn (each answered, none lost)', async () => {
    const session = (await start(collector, 'en-angry')).json();
    const res = await Promise.all([1, 2, 3].map(() => say(collector, session.id, 'Hello there.')));
    expect(res.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const log = (await collector.inject({ method: 'GET', url: `/api/practice/sessions/${session.id}` })).json().log;
    expect(log.map((e: { speaker: string }) => e.speaker)).toEqual([
      'customer',
      'trainee',
      'customer',
      'trainee',
      'customer',
      'trainee',
      'customer',
    ]);
  });

  it('admins version scenarios: problems name their field; new sessions take the new version, old ones keep theirs', async () => {
    const id = scenarioId('en-unwilling');
    const detail = (
      await admin.inject({ method: 'GET', url: `/api/practice/scenarios/${id}` })
    ).json() as PracticeScenarioDetail;
    expect(detail.version).toBe(1);
    const old = (await start(collector, 'en-unwilling')).json();
    const put = (content: unknown) =>
      admin.inject({ method: 'PUT', url: `/api/practice/scenarios/${id}`, payload: { content } });

    const broken = structuredClone(detail.content);
    broken.turns[0]!.branches.push({ when: ['summary'], next: 'nowhere' });
    const r1 = await put(broken);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
      `content.turns.0.branches.${broken.turns[0]!.branches.length - 1}.next`,
    ]);
    const r2 = await put({ ...detail.content, locale: 'zh-CN' });
    expect(r2.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['content.locale']);
    const r3 = await put({ ...detail.content, persona: 'sleepy' });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['content.persona']);
    expect(
      (
        await collector.inject({
          method: 'PUT',
          url: `/api/practice/scenarios/${id}`,
          payload: { content: detail.content },
        })
      ).statusCode,
    ).toBe(403);

    const saved = await put({ ...detail.content, title: 'Unwilling to pay (v2)' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, title: 'Unwilling to pay (v2)' });
    const fresh = (await start(collector, 'en-unwilling')).json();
    expect(fresh.scenario).toMatchObject({ version: 2, title: 'Unwilling to pay (v2)' });
    const kept = (await collector.inject({ method: 'GET', url: `/api/practice/sessions/${old.id}` })).json();
    expect(kept.scenario.version).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: 'practice_scenario.save', entityId: id } })).toBe(1);
  });
});
