import { practiceScenarioContentSchema, type PracticeIntent, type PracticeScenarioContent } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import {
  type IntentContext,
  lineIntents,
  openingLog,
  PRACTICE_MAX_LINES,
  practiceEnded,
  scenarioGraphProblems,
  scorePractice,
  stepPractice,
} from './practice.js';
import { DEFAULT_PRACTICE_SCENARIOS } from './practice-scenarios.js';
import { lintText } from './script-linter.js';
import { outcomeProblems } from './outcome-rules.js';

const scenario = (key: string): PracticeScenarioContent => {
  const s = DEFAULT_PRACTICE_SCENARIOS.find((x) => x.key === key);
  if (!s) throw new Error(key);
  return s.content;
};

/** Plays lines through the engine, linting each as the API does (here with the default segmenter). */
function play(content: PracticeScenarioContent, lines: string[]) {
  let log = openingLog(content);
  const turns: string[] = [];
  for (const line of lines) {
    const step = stepPractice(content, log, line, lintText(line, content.locale));
    log = step.log;
    turns.push(step.customer?.speaker === 'customer' ? step.customer.turnKey : '(end)');
  }
  return { log, turns };
}

describe('lineIntents', () => {
  const en: IntentContext = { locale: 'en', creditorName: 'Harbor Bank' };
  const zh: IntentContext = { locale: 'zh-CN', creditorName: '海港银行' };
  const cases: [string, IntentContext, string, PracticeIntent[], PracticeIntent[]][] = [
    [
      'self and creditor',
      en,
      'Hi, my name is Alex and I am calling from Harbor Bank.',
      ['identified_self', 'named_creditor'],
      ['debt_detail'],
    ],
    [
      'verification',
      en,
      'Am I speaking with Ms Taylor? Could you confirm your date of birth?',
      ['verify_identity'],
      ['debt_detail'],
    ],
    ['US disclosure', en, 'This is an attempt to collect a debt.', ['disclosure'], []],
    ['debt detail', en, 'Your payment of $120 is overdue.', ['debt_detail'], ['commitment']],
    ['asks for payment', en, 'Could you pay it today?', ['ask_payment'], ['offer_plan']],
    ['offers a plan', en, 'We could set up a payment plan in three instalments.', ['offer_plan'], []],
    ['commitment: amount and date', en, 'So $120 on Friday.', ['commitment'], []],
    ['amount without date is no commitment', en, 'So $120 then.', [], ['commitment']],
    ['summary', en, 'Just to confirm, you will pay $120 on Friday.', ['summary', 'commitment'], []],
    ['empathy', en, 'I understand, that sounds hard.', ['empathy'], []],
    ['payment details', en, 'When did you pay, and what was the reference?', ['ask_payment_details'], []],
    ['zh self and creditor', zh, '您好，我是海港银行的小李。', ['identified_self', 'named_creditor'], []],
    ['zh verification', zh, '请问您是王芳女士本人吗？', ['verify_identity'], ['debt_detail']],
    ['zh disclosure', zh, '我是就您的账户来电，本次通话可能会被录音。', ['disclosure'], []],
    ['zh debt detail', zh, '您有 800 元逾期未还。', ['debt_detail'], []],
    ['zh asks for payment', zh, '您今天方便还款吗？', ['ask_payment'], []],
    ['zh plan', zh, '我们可以为您办理分期。', ['offer_plan'], []],
    ['zh commitment and summary', zh, '跟您确认一下：周五还 800 元。', ['commitment', 'summary'], []],
  ];
  it.each(cases)('%s', (_name, ctx, text, present, absent) => {
    const intents = lineIntents(text, ctx, []);
    for (const i of present) expect(intents, text).toContain(i);
    for (const i of absent) expect(intents, text).not.toContain(i);
  });

  it('any linter finding is prohibited language', () => {
    const text = 'If you do not pay we will tell your employer.';
    expect(lineIntents(text, en, lintText(text, 'en'))).toContain('prohibited');
    const zhText = '不还钱就通知你的家人和单位。';
    expect(lineIntents(zhText, zh, lintText(zhText, 'zh-CN'))).toContain('prohibited');
  });
});

describe('the default scenario library', () => {
  it('has at least 12 scenarios per language, each valid and its graph sound', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const mine = DEFAULT_PRACTICE_SCENARIOS.filter((s) => s.content.locale === locale);
      expect(mine.length).toBeGreaterThanOrEqual(12);
      expect(new Set(mine.map((s) => s.content.persona)).size).toBe(mine.length);
    }
    expect(new Set(DEFAULT_PRACTICE_SCENARIOS.map((s) => s.key)).size).toBe(DEFAULT_PRACTICE_SCENARIOS.length);
    for (const s of DEFAULT_PRACTICE_SCENARIOS) {
      const parsed = practiceScenarioContentSchema.safeParse(s.content);
      expect(parsed.error?.issues ?? [], s.key).toEqual([]);
      expect(scenarioGraphProblems(s.content), s.key).toEqual([]);
    }
  });
});

describe('stepping a scenario', () => {
  const forgetful = scenario('en-forgetful');
  const model = [
    'Hello, my name is Alex and I am calling from Harbor Bank. Am I speaking with Ms Taylor? Could you confirm your date of birth?',
    'Thank you. This is an attempt to collect a debt, and any information obtained will be used for that purpose. Your payment of $120 is overdue.',
    'Could you pay it today?',
    'Great. Just to confirm: you will pay $120 this Friday by online banking.',
  ];

  it('branches on what the trainee did, and ends the call where the graph ends', () => {
    const { log, turns } = play(forgetful, model);
    expect(turns).toEqual(['confirm', 'reason', 'offer', 'bye']);
    expect(practiceEnded(forgetful, log)).toBe(true);
    expect(() => stepPractice(forgetful, log, 'Anything else?', [])).toThrow(/ended/);
  });

  it('takes the default branch when no branch matches (the customer asks again)', () => {
    const { turns } = play(forgetful, ['Hello there.', 'Hello?']);
    expect(turns).toEqual(['who', 'who']);
  });

  it('debt detail before verification makes the customer guarded', () => {
    expect(play(forgetful, ['You owe us $120.']).turns).toEqual(['who_guard']);
  });

  it('prohibited language ends the call (the customer hangs up)', () => {
    const { log, turns } = play(forgetful, [model[0]!, 'Pay today or we will tell your employer.']);
    expect(turns).toEqual(['confirm', 'hang_up']);
    const last = log[log.length - 1]!;
    expect(last.speaker === 'customer' && last.turnKey).toBe('hang_up');
  });

  it('ends the call after the line limit', () => {
    let log = openingLog(forgetful);
    for (let i = 0; i < PRACTICE_MAX_LINES; i++) log = stepPractice(forgetful, log, 'Hello there.', []).log;
    expect(practiceEnded(forgetful, log)).toBe(true);
  });

  it('the Chinese forgetful customer follows the same arc', () => {
    const { turns } = play(scenario('zh-forgetful'), [
      '您好，我是海港银行的小李。请问您是王芳女士本人吗？',
      '谢谢。我是就您的账户来电，本次通话可能会被录音。您本期 800 元逾期未还。',
      '您今天方便还款吗？',
      '好的，跟您确认一下：您这周五通过网银还 800 元。',
    ]);
    expect(turns).toEqual(['confirm', 'reason', 'offer', 'bye']);
  });
});

describe('the debrief', () => {
  const forgetful = scenario('en-forgetful');
  const checks = (d: ReturnType<typeof scorePractice>) =>
    Object.fromEntries(d.findings.map((f) => [f.check, [f.met, f.turn]]));

  it('a model call scores 100, every finding pointing at its turn, and passes with the expected outcome', () => {
    const { log } = play(forgetful, [
      'Hello, my name is Alex and I am calling from Harbor Bank. Am I speaking with Ms Taylor? Could you confirm your date of birth?',
      'Thank you. This is an attempt to collect a debt, and any information obtained will be used for that purpose. Your payment of $120 is overdue.',
      'Could you pay it today?',
      'Great. Just to confirm: you will pay $120 this Friday by online banking.',
    ]);
    const d = scorePractice(forgetful, log, { partyReached: 'debtor', disposition: 'promise_to_pay' });
    // log: 0 hello, 1 trainee, 2 confirm, 3 trainee, 4 reason, 5 trainee, 6 offer, 7 trainee
    expect(checks(d)).toEqual({
      identifiedSelfAndCreditor: [true, 1],
      verifiedRightParty: [true, 1],
      disclosureGiven: [true, 3],
      noProhibitedLanguage: [true, null],
      concreteCommitment: [true, 7],
      clearSummary: [true, 7],
    });
    expect(d).toMatchObject({ score: 100, failed: false, passed: true, outcome: { matches: true } });
  });

  it('debt detail before the right party is confirmed fails verification at that turn', () => {
    const { log } = play(forgetful, [
      'Hi, this is Alex from Harbor Bank, your payment of $120 is overdue.',
      'Am I speaking with Ms Taylor?',
    ]);
    const d = scorePractice(forgetful, log, null);
    expect(checks(d).verifiedRightParty).toEqual([false, 1]);
    expect(d.outcome).toEqual({
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
      recorded: null,
      matches: false,
    });
    expect(d.passed).toBe(false);
  });

  it('prohibited language fails the debrief (score 0) and points at the line', () => {
    const { log } = play(forgetful, [
      'My name is Alex from Harbor Bank. Am I speaking with Ms Taylor?',
      'Pay today or we will tell your employer.',
    ]);
    const d = scorePractice(forgetful, log, { partyReached: 'debtor', disposition: 'promise_to_pay' });
    expect(checks(d).noProhibitedLanguage).toEqual([false, 3]);
    expect(d.findings.find((f) => f.check === 'noProhibitedLanguage')!.note).toContain('third_party_disclosure');
    expect(d).toMatchObject({ score: 0, failed: true, passed: false });
  });

  it('a wrong number: the debt kept private and a wrong number recorded passes; commitment and summary do not apply', () => {
    const wrong = scenario('en-wrong-number');
    const good = play(wrong, [
      'Hello, my name is Alex. Am I speaking with Mr Grant?',
      'I am sorry, I must have the wrong number. Goodbye.',
    ]);
    expect(good.turns).toEqual(['confirm', 'bye']);
    const d = scorePractice(wrong, good.log, { partyReached: 'third_party', disposition: 'wrong_number' });
    expect(checks(d)).toEqual({
      identifiedSelfAndCreditor: [true, 1],
      verifiedRightParty: [true, 1],
      disclosureGiven: [null, null],
      noProhibitedLanguage: [true, null],
      concreteCommitment: [null, null],
      clearSummary: [null, null],
    });
    expect(d).toMatchObject({ score: 100, passed: true });

    const bad = play(wrong, [
      'Hello, my name is Alex. Am I speaking with Mr Grant?',
      'He owes us $260, please tell him.',
    ]);
    const dBad = scorePractice(wrong, bad.log, { partyReached: 'debtor', disposition: 'right_party_contact' });
    expect(checks(dBad).verifiedRightParty).toEqual([false, 3]);
    expect(dBad.outcome.matches).toBe(false);
    expect(dBad.score).toBe(67);
  });

  it('a promise without amount and date misses the commitment; summary before it does not count', () => {
    const { log } = play(forgetful, [
      'Hello, my name is Alex and I am calling from Harbor Bank. Am I speaking with Ms Taylor?',
      'This is an attempt to collect a debt. Just to confirm, your balance is overdue.',
      'Could you pay it today?',
      'Thanks, bye.',
    ]);
    const d = scorePractice(forgetful, log, { partyReached: 'debtor', disposition: 'promise_to_pay' });
    expect(checks(d).concreteCommitment).toEqual([false, null]);
    expect(checks(d).clearSummary).toEqual([true, 3]);
    expect(d.score).toBe(83);
  });
});

describe('scenarioGraphProblems', () => {
  const base = scenario('en-forgetful');
  it.each([
    ['an unknown start', { ...base, start: 'nowhere' }, 'content.start'],
    [
      'a branch to an unknown turn',
      {
        ...base,
        turns: base.turns.map((t, i) =>
          i === 0 ? { ...t, branches: [{ when: ['summary' as const], next: 'gone' }] } : t,
        ),
      },
      'content.turns.0.branches.0.next',
    ],
    [
      'a default to an unknown turn',
      { ...base, turns: base.turns.map((t, i) => (i === 1 ? { ...t, next: 'gone' } : t)) },
      'content.turns.1.next',
    ],
    ['a duplicated key', { ...base, turns: [...base.turns, base.turns[0]!] }, `content.turns.${base.turns.length}.key`],
    ['no end', { ...base, turns: [{ key: 'hello', text: 'Hello?', branches: [], next: 'hello' }] }, 'content.turns'],
  ])('%s names the field', (_name, content, field) => {
    expect(scenarioGraphProblems(content as PracticeScenarioContent).map((p) => p.field)).toContain(field);
  });
});

describe('every default scenario can be passed by a lawful call', () => {
  const hi = (creditor: string, name: string) =>
    `Hello, my name is Alex and I am calling from ${creditor}. Am I speaking with ${name}?`;
  const zhHi = (creditor: string, name: string) => `您好，我是${creditor}的小李。请问您是${name}本人吗？`;
  const US = 'This is an attempt to collect a debt, and any information obtained will be used for that purpose.';
  const CN = '我是就您的账户来电，本次通话可能会被录音。';
  const cases: [string, string[]][] = [
    [
      'en-forgetful',
      [
        hi('Harbor Bank', 'Ms Taylor'),
        `${US} Your payment of $120 is overdue.`,
        'Could you pay it today?',
        'Just to confirm: $120 this Friday.',
      ],
    ],
    [
      'en-cash-flow',
      [
        hi('Harbor Bank', 'Mr Brooks'),
        `${US} Your account is $380 overdue.`,
        'We could set up a payment plan.',
        'Just to confirm: $190 on the 15th and the rest on the 30th.',
      ],
    ],
    [
      'en-angry',
      [
        hi('Summit Card Services', 'Mr Hale'),
        'I understand, and I am sorry about the repeated calls.',
        `${US} Your account is $450 overdue.`,
        'Could you pay something?',
        'Just to confirm: $150 next Monday by card.',
      ],
    ],
    [
      'en-already-paid',
      [
        hi('Harbor Bank', 'Ms Lin'),
        `${US} Your payment of $90 is overdue.`,
        'When did you pay, and what was the reference?',
        'Just to confirm: $90 on the 3rd by bank transfer, reference GL-4471. We will check it.',
      ],
    ],
    [
      'en-cheque-in-mail',
      [
        hi('Harbor Bank', 'Mr Price'),
        `${US} Your payment of $75 is overdue.`,
        'When did you send it, and what is the cheque number?',
        'Just to confirm: cheque 1043 for $75, posted on Tuesday.',
      ],
    ],
    [
      'en-disputes',
      [
        hi('Summit Card Services', 'Ms Stone'),
        `${US} Your account is $320 overdue.`,
        'I understand. When did you return it?',
        'Just to confirm: I will register a dispute for the $320 charge and review it.',
      ],
    ],
    [
      'en-asks-plan',
      [
        hi('Harbor Bank', 'Ms Cole'),
        `${US} Your account is $900 overdue.`,
        'Yes, we can set up a payment plan.',
        'Just to confirm: $300 on the 1st of each month.',
      ],
    ],
    [
      'en-unwilling',
      [
        hi('Summit Card Services', 'Mr Weiss'),
        `${US} Your account is $1,200 overdue.`,
        'We could set up a payment plan.',
        'Just to confirm: you do not want to set anything up today; we will write to you with the options.',
      ],
    ],
    [
      'en-relative-answers',
      [
        'Hello, my name is Alex. Am I speaking with Ms Kim?',
        'No problem. Could you ask her to call Alex back on 555 0100? Thank you.',
      ],
    ],
    [
      'en-wrong-number',
      ['Hello, my name is Alex. Am I speaking with Mr Grant?', 'I am sorry, I must have the wrong number. Goodbye.'],
    ],
    [
      'en-job-loss',
      [
        hi('Harbor Bank', 'Mr Romero'),
        `${US} Your account is $360 overdue.`,
        'I am sorry to hear that. We could set up a smaller payment plan.',
        'Just to confirm: $40 on the 20th.',
      ],
    ],
    [
      'en-call-later',
      [
        hi('Harbor Bank', 'Ms Quinn'),
        'Of course. This call may be recorded. Shall I call you back on Thursday at 6:30 pm?',
        'Just to confirm: I will call you on Thursday at 6:30 pm.',
      ],
    ],
    [
      'zh-forgetful',
      [
        zhHi('海港银行', '王芳女士'),
        `${CN}您本期 800 元逾期未还。`,
        '您今天方便还款吗？',
        '跟您确认一下：您这周五还 800 元。',
      ],
    ],
    [
      'zh-cash-flow',
      [
        zhHi('海港银行', '陈刚先生'),
        `${CN}您有 3000 元逾期。`,
        '我们可以为您办理分期。',
        '跟您确认一下：15号还 1500 元，月底再还 1500 元。',
      ],
    ],
    [
      'zh-angry',
      [
        zhHi('远山消费金融', '赵强先生'),
        '我理解您的心情，很抱歉给您带来困扰。',
        `${CN}您有 3600 元逾期。`,
        '您今天方便还款吗？',
        '跟您确认一下：下周一还 1200 元。',
      ],
    ],
    [
      'zh-already-paid',
      [
        zhHi('海港银行', '刘洋女士'),
        `${CN}您本期 600 元还款未到账。`,
        '请问您是什么时候还的？通过什么渠道？',
        '跟您确认一下：3号银行转账 600 元，我们核实后联系您。',
      ],
    ],
    [
      'zh-cheque-in-mail',
      [
        zhHi('海港银行', '孙伟先生'),
        `${CN}您本期 500 元逾期未还。`,
        '请问支票号是多少？哪天寄的？',
        '跟您确认一下：支票号 1043，500 元，星期二寄出。',
      ],
    ],
    [
      'zh-disputes',
      [
        zhHi('远山消费金融', '周静女士'),
        `${CN}您有 2400 元逾期。`,
        '我理解您。请问是哪天退的货？',
        '跟您确认一下：我会为这笔 2400 元登记争议并复核。',
      ],
    ],
    [
      'zh-asks-plan',
      [
        zhHi('海港银行', '吴丽女士'),
        `${CN}您有 6000 元逾期。`,
        '可以，我们可以为您办理分期。',
        '跟您确认一下：每期 2000 元，下个月1号开始。',
      ],
    ],
    [
      'zh-unwilling',
      [
        zhHi('远山消费金融', '郑军先生'),
        `${CN}您有 9000 元逾期。`,
        '我们可以为您办理分期。',
        '跟您确认一下：您今天不同意还款，我们会书面告知您可选方案。',
      ],
    ],
    ['zh-relative-answers', ['您好，我姓李。请问是林晓女士本人吗？', '没关系，麻烦您请她回电给小李，谢谢。']],
    ['zh-wrong-number', ['您好，我姓李。请问是黄涛先生本人吗？', '抱歉，打错了，打扰您了。']],
    [
      'zh-job-loss',
      [
        zhHi('海港银行', '马亮先生'),
        `${CN}您有 2600 元逾期。`,
        '听到这个消息很抱歉，我理解您。我们可以为您办理小额分期。',
        '跟您确认一下：20号先还 300 元。',
      ],
    ],
    [
      'zh-call-later',
      [
        zhHi('海港银行', '何敏女士'),
        `好的。${CN}星期四晚上六点半给您回电可以吗？`,
        '跟您确认一下：星期四晚上六点半给您回电。',
      ],
    ],
  ];
  it("each scenario's expected outcome can be recorded under the workstation's outcome rules", () => {
    const parts: Record<string, object> = {
      promise_to_pay: { promise: {} },
      claims_paid: { claimedPayment: {} },
      callback_requested: { callbackAt: '2026-12-03T18:30:00Z' },
      dispute: { flag: { type: 'dispute_hold' } },
    };
    for (const s of DEFAULT_PRACTICE_SCENARIOS) {
      const { partyReached, disposition } = s.content.expected;
      const body = { channel: 'phone' as const, contactPointId: 'p', partyReached, disposition, ...parts[disposition] };
      expect(outcomeProblems(body), s.key).toEqual([]);
    }
  });
  it('covers the whole library', () => {
    expect(cases.map(([k]) => k).sort()).toEqual(DEFAULT_PRACTICE_SCENARIOS.map((s) => s.key).sort());
  });
  it.each(cases)('%s', (key, lines) => {
    const content = scenario(key);
    const { log } = play(content, lines);
    expect(practiceEnded(content, log), JSON.stringify(log.at(-1))).toBe(true);
    const d = scorePractice(content, log, content.expected);
    expect(
      d.findings.filter((f) => f.met === false),
      JSON.stringify(log.map((e) => (e.speaker === 'customer' ? e.turnKey : e.intents))),
    ).toEqual([]);
    expect(d).toMatchObject({ score: 100, passed: true });
  });
});
