import type { PracticeLogEntry, PracticeScenarioContent } from '@crm/contracts';
import { lintText, openingLog, practiceEnded, scorePractice, stepPractice, type RecordedOutcome } from '@crm/domain';
import type pg from 'pg';

/**
 * Demo practice attempts (issue 17, ADR 057) for collector1 (English) and collector2 (Chinese):
 * each a weaker first try and better later ones, so a trainee's history shows a trend. Played
 * through the same engine and scored by the same debrief as the API (the seed lints with the
 * default word segmenter; the API with jieba). Only the practice tables are written.
 */
interface Attempt {
  key: string;
  daysAgo: number;
  lines: string[];
  outcome: (RecordedOutcome & Record<string, unknown>) | null;
}

const promise = (amountMinor: number, dueDate: string, channel: string) => ({
  promise: { amountMinor, dueDate, channel },
});

function attempts(today: string): Record<'collector1' | 'collector2', Attempt[]> {
  const soon = (d: number) => new Date(Date.parse(`${today}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
  return {
    collector1: [
      {
        key: 'en-forgetful',
        daysAgo: 6,
        lines: [
          'Hi, this is Alex from Harbor Bank. Your payment of $120 is overdue.',
          'Am I speaking with Ms Taylor?',
          'Could you pay it today?',
          'Okay, thanks, bye.',
        ],
        outcome: { partyReached: 'debtor', disposition: 'right_party_contact' },
      },
      {
        key: 'en-forgetful',
        daysAgo: 3,
        lines: [
          'Hello, my name is Alex and I am calling from Harbor Bank. Am I speaking with Ms Taylor? Could you confirm your date of birth?',
          'Thank you. This is an attempt to collect a debt, and any information obtained will be used for that purpose. Your payment of $120 is overdue.',
          'Could you pay it today?',
          'Great. Just to confirm: you will pay $120 this Friday by online banking.',
        ],
        outcome: {
          partyReached: 'debtor',
          disposition: 'promise_to_pay',
          ...promise(12000, soon(3), 'online_banking'),
        },
      },
      {
        key: 'en-wrong-number',
        daysAgo: 1,
        lines: [
          'Hello, my name is Alex. Am I speaking with Mr Grant?',
          'I am sorry, I must have the wrong number. Goodbye.',
        ],
        outcome: { partyReached: 'third_party', disposition: 'wrong_number' },
      },
    ],
    collector2: [
      {
        key: 'zh-forgetful',
        daysAgo: 5,
        lines: [
          '您好，我是海港银行的小李。请问您是王芳女士本人吗？',
          '您本期 800 元逾期未还，不还钱就通知你的家人和单位。',
        ],
        outcome: null,
      },
      {
        key: 'zh-forgetful',
        daysAgo: 2,
        lines: [
          '您好，我是海港银行的小李。请问您是王芳女士本人吗？',
          '谢谢。我是就您的账户来电，本次通话可能会被录音。您本期 800 元逾期未还。',
          '您今天方便还款吗？',
          '好的，跟您确认一下：您这周五通过网银还 800 元。',
        ],
        outcome: {
          partyReached: 'debtor',
          disposition: 'promise_to_pay',
          ...promise(80000, soon(3), 'online_banking'),
        },
      },
      {
        key: 'zh-already-paid',
        daysAgo: 1,
        lines: [
          '您好，我是海港银行的小李。请问您是刘洋女士本人吗？',
          '谢谢。我是就您的账户来电，本次通话可能会被录音。系统显示您本期 600 元还款未到账。',
          '请问您是什么时候还的？通过什么渠道？有流水号吗？',
          '好的，跟您确认一下：3号银行转账 600 元，流水号 LY2088，我们核实后联系您。',
        ],
        outcome: {
          partyReached: 'debtor',
          disposition: 'claims_paid',
          claimedPayment: { paidAt: soon(-4), amountMinor: 60000, channel: 'bank_transfer', reference: 'LY2088' },
        },
      },
    ],
  };
}

export async function seedPracticeAttempts(
  client: pg.PoolClient,
  opts: { now: Date; collectorIds: Record<string, string> },
): Promise<void> {
  const { rows } = await client.query<{ key: string; id: string; content: PracticeScenarioContent }>(
    `SELECT DISTINCT ON (s.key) s.key, v.id, v.content
       FROM practice_scenarios s JOIN practice_scenario_versions v ON v.scenario_id = s.id
      ORDER BY s.key, v.version DESC`,
  );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const today = opts.now.toISOString().slice(0, 10);
  for (const [username, list] of Object.entries(attempts(today))) {
    const traineeId = opts.collectorIds[username];
    if (!traineeId) continue;
    for (const a of list) {
      const scenario = byKey.get(a.key);
      if (!scenario) continue;
      const c = scenario.content;
      let log: PracticeLogEntry[] = openingLog(c);
      for (const line of a.lines) {
        if (practiceEnded(c, log)) break;
        log = stepPractice(c, log, line, lintText(line, c.locale)).log;
      }
      const debrief = scorePractice(c, log, a.outcome);
      const startedAt = new Date(opts.now.getTime() - a.daysAgo * 86_400_000 - 3_600_000);
      await client.query(
        `INSERT INTO practice_sessions (id, trainee_id, scenario_version_id, status, log, outcome, debrief, score, passed, started_at, finished_at)
         VALUES (gen_random_uuid(), $1, $2, 'finished', $3::jsonb, $4::jsonb, $5::jsonb, $6, $7, $8, $9)`,
        [
          traineeId,
          scenario.id,
          JSON.stringify(log),
          a.outcome ? JSON.stringify(a.outcome) : null,
          JSON.stringify(debrief),
          debrief.score,
          debrief.passed,
          startedAt,
          new Date(startedAt.getTime() + 6 * 60_000),
        ],
      );
    }
  }
}
