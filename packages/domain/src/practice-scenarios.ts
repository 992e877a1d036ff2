import type { PracticeIntent, PracticeScenarioContent, PracticeTurn } from '@crm/contracts';

/**
 * The default practice scenario library (issue 17, ADR 057): 12 scenarios in English and 12 in
 * Chinese, one per persona, built from the objection library's categories. Written as version 1
 * by ensureReferenceData; admins version them afterwards. Every turn also has a first branch on
 * prohibited language: the customer hangs up (a threat or an insult ends a real call too).
 */
export interface DefaultPracticeScenario {
  key: string;
  content: PracticeScenarioContent;
}

type Branch = [PracticeIntent[], string | null];
type TurnSpec = { text: string; branches?: Branch[]; next: string | null; identity?: 'confirmed' | 'denied' };
type Lang = 'en' | 'zh-CN';

const HANG_UP: Record<Lang, string> = {
  en: 'Are you threatening me? I am hanging up, and I will complain about this call.',
  'zh-CN': '你这是在威胁我吗？我要挂电话了，我会投诉你们。',
};

/** The opening every call shares: who is calling, who answered. */
function opening(
  locale: Lang,
  confirmText: string,
  identity: 'confirmed' | 'denied',
  afterConfirm: Branch[],
  confirmDefault: string | null,
) {
  const en = locale === 'en';
  const spec: Record<string, TurnSpec> = {
    hello: {
      text: en ? 'Hello?' : '喂，你好？',
      branches: [
        [['verify_identity'], 'confirm'],
        [['debt_detail'], 'who_guard'],
      ],
      next: 'who',
    },
    who: {
      text: en ? 'Sorry, who is calling, and who do you want?' : '不好意思，你是哪位？找谁？',
      branches: [
        [['verify_identity'], 'confirm'],
        [['debt_detail'], 'who_guard'],
      ],
      next: 'who',
    },
    who_guard: {
      text: en
        ? 'Hold on. I am not discussing anything until I know who you are and who you want.'
        : '等一下，你先说清楚你是谁、找谁，不然我什么都不谈。',
      branches: [[['verify_identity'], 'confirm']],
      next: 'who',
    },
    confirm: { text: confirmText, identity, branches: afterConfirm, next: confirmDefault },
  };
  return spec;
}

function build(
  key: string,
  base: Omit<PracticeScenarioContent, 'start' | 'turns'>,
  turns: Record<string, TurnSpec>,
): DefaultPracticeScenario {
  const list: PracticeTurn[] = Object.entries(turns).map(([k, t]) => ({
    key: k,
    text: t.text,
    ...(t.identity ? { identity: t.identity } : {}),
    // A closing turn (nothing after it) stays closing: the call is over once it is said.
    branches: (t.next === null && !t.branches?.length
      ? []
      : [[['prohibited'], 'hang_up'] as Branch, ...(t.branches ?? [])]
    ).map(([when, next]) => ({ when, next })),
    next: t.next,
  }));
  list.push({ key: 'hang_up', text: HANG_UP[base.locale], branches: [], next: null });
  return { key, content: { ...base, start: 'hello', turns: list } };
}

// ---- Shared closings ------------------------------------------------------------------------------

function promiseClose(locale: Lang, offer: string): Record<string, TurnSpec> {
  const en = locale === 'en';
  return {
    offer: {
      text: offer,
      branches: [
        [['commitment', 'summary'], 'bye'],
        [['commitment'], 'agreed'],
        [['summary'], 'bye'],
      ],
      next: 'agreed',
    },
    agreed: {
      text: en ? 'Fine. Is that everything?' : '好的，还有别的事吗？',
      branches: [[['summary'], 'bye']],
      next: 'bye_short',
    },
    bye: { text: en ? 'Yes, that is right. Thank you, goodbye.' : '对，没错。谢谢，再见。', next: null },
    bye_short: { text: en ? 'Okay. Bye.' : '嗯，那先这样，再见。', next: null },
  };
}

// ---- English ---------------------------------------------------------------------------------------

const US = { complianceProfile: 'US' as const, currency: 'USD' };
const enAccount = (
  creditorName: string,
  product: string,
  balance: number,
  overdue: number,
  instalment: number,
  dpd: number,
  missed: number,
) => ({
  creditorName,
  product,
  ...US,
  balanceMinor: balance,
  overdueMinor: overdue,
  instalmentMinor: instalment,
  daysPastDue: dpd,
  missedInstalments: missed,
});
const enCustomer = (salutation: 'mr' | 'ms', givenName: string, familyName: string, dateOfBirth: string) => ({
  salutation,
  givenName,
  familyName,
  dateOfBirth,
  timeZone: 'America/New_York',
  phone: '+1 212 555 0147',
});

const EN: DefaultPracticeScenario[] = [
  build(
    'en-forgetful',
    {
      title: 'Forgot the due date',
      persona: 'forgetful',
      stage: 'm1',
      locale: 'en',
      briefing: 'Ms Emma Taylor, a good payer, missed one card payment of $120. She simply forgot.',
      customer: enCustomer('ms', 'Emma', 'Taylor', '1988-04-12'),
      account: enAccount('Harbor Bank', 'Credit card', 245000, 12000, 12000, 9, 1),
      objections: ['forgot'],
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    },
    {
      ...opening(
        'en',
        'Yes, this is Emma Taylor. What is this about?',
        'confirmed',
        [[['debt_detail'], 'reason']],
        'what',
      ),
      what: { text: 'Okay... and what do you need from me?', branches: [[['debt_detail'], 'reason']], next: 'what' },
      reason: {
        text: 'Oh no, did I miss it? I completely forgot, it has been a busy month. Sorry about that.',
        branches: [
          [['ask_payment'], 'offer'],
          [['offer_plan'], 'offer'],
        ],
        next: 'reason_wait',
      },
      reason_wait: { text: 'So what should I do now?', branches: [[['ask_payment'], 'offer']], next: 'reason_wait' },
      ...promiseClose('en', 'I can pay the $120 this Friday by online banking. Would that work?'),
    },
  ),
  build(
    'en-cash-flow',
    {
      title: 'Cash-flow trouble until payday',
      persona: 'cash_flow',
      stage: 'm2',
      locale: 'en',
      briefing: 'Mr Daniel Brooks is two instalments behind ($380). His hours were cut; he is paid on the 15th.',
      customer: enCustomer('mr', 'Daniel', 'Brooks', '1979-09-30'),
      account: enAccount('Harbor Bank', 'Personal loan', 612000, 38000, 19000, 41, 2),
      objections: ['cash_flow'],
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    },
    {
      ...opening('en', 'Speaking, this is Daniel. Who is this?', 'confirmed', [[['debt_detail'], 'reason']], 'what'),
      what: { text: 'Right. What is the call about?', branches: [[['debt_detail'], 'reason']], next: 'what' },
      reason: {
        text: 'Look, I know. Money is really tight right now, my hours got cut. I cannot pay $380 at once.',
        branches: [
          [['offer_plan'], 'offer'],
          [['empathy', 'ask_payment'], 'partial'],
          [['ask_payment'], 'cannot'],
        ],
        next: 'cannot',
      },
      cannot: {
        text: 'I told you, I do not have it. Is there anything smaller I could do?',
        branches: [[['offer_plan'], 'offer']],
        next: 'cannot',
      },
      partial: {
        text: 'Maybe part of it. Could we split it somehow?',
        branches: [[['offer_plan'], 'offer']],
        next: 'cannot',
      },
      ...promiseClose('en', 'If I can pay $190 on the 15th and the rest on the 30th, I can manage that.'),
    },
  ),
  build(
    'en-angry',
    {
      title: 'Angry and shouting',
      persona: 'angry',
      stage: 'm2',
      locale: 'en',
      briefing: 'Mr Victor Hale is furious about repeated calls. Stay calm, acknowledge, steer to a commitment.',
      customer: enCustomer('mr', 'Victor', 'Hale', '1971-02-03'),
      account: enAccount('Summit Card Services', 'Credit card', 388000, 45000, 15000, 52, 2),
      objections: ['call_later'],
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    },
    {
      ...opening(
        'en',
        'YES, this is Victor Hale. Another call? What do you want NOW?',
        'confirmed',
        [[['empathy'], 'calmer']],
        'shout',
      ),
      shout: {
        text: 'I am sick of this! Every week someone calls me! Why should I even talk to you?',
        branches: [[['empathy'], 'calmer']],
        next: 'shout',
      },
      calmer: {
        text: 'Fine. At least you are listening. So what is it?',
        branches: [[['debt_detail'], 'reason']],
        next: 'calmer',
      },
      reason: {
        text: 'I know it is late. I had a bad couple of months. What do you want me to do?',
        branches: [
          [['ask_payment'], 'offer'],
          [['offer_plan'], 'offer'],
        ],
        next: 'reason',
      },
      ...promiseClose('en', 'Alright. I will pay $150 next Monday by card. Then stop calling me every week.'),
    },
  ),
  build(
    'en-already-paid',
    {
      title: '"I already paid"',
      persona: 'already_paid',
      stage: 'm1',
      locale: 'en',
      briefing: 'Ms Grace Lin says she paid last week. Capture when, how much and through which channel; do not press.',
      customer: enCustomer('ms', 'Grace', 'Lin', '1992-11-21'),
      account: enAccount('Harbor Bank', 'Credit card', 154000, 9000, 9000, 14, 1),
      objections: ['already_paid'],
      expected: { partyReached: 'debtor', disposition: 'claims_paid' },
    },
    {
      ...opening('en', 'Yes, Grace speaking.', 'confirmed', [[['debt_detail'], 'paid']], 'what'),
      what: { text: 'What can I do for you?', branches: [[['debt_detail'], 'paid']], next: 'what' },
      paid: {
        text: 'But I already paid that! I sent it last week.',
        branches: [
          [['ask_payment_details'], 'details'],
          [['ask_payment'], 'insist'],
        ],
        next: 'insist',
      },
      insist: {
        text: 'I am telling you, I paid. Why are you asking me to pay again?',
        branches: [[['ask_payment_details'], 'details']],
        next: 'insist',
      },
      details: {
        text: 'It was $90 on the 3rd, by bank transfer. The reference was GL-4471.',
        branches: [[['summary'], 'bye']],
        next: 'details_wait',
      },
      details_wait: { text: 'So will you check it?', branches: [[['summary'], 'bye']], next: 'bye_short' },
      bye: { text: 'Yes, exactly. Thank you for checking. Goodbye.', next: null },
      bye_short: { text: 'Okay. Bye.', next: null },
    },
  ),
  build(
    'en-cheque-in-mail',
    {
      title: '"The cheque is in the mail"',
      persona: 'cheque_in_mail',
      stage: 'm1',
      locale: 'en',
      briefing: 'Mr Owen Price says he mailed a cheque. Get the date, amount and cheque number.',
      customer: enCustomer('mr', 'Owen', 'Price', '1965-06-17'),
      account: enAccount('Harbor Bank', 'Store card', 98000, 7500, 7500, 18, 1),
      objections: ['payment_in_progress'],
      expected: { partyReached: 'debtor', disposition: 'claims_paid' },
    },
    {
      ...opening('en', 'Owen Price, yes.', 'confirmed', [[['debt_detail'], 'mailed']], 'what'),
      what: { text: 'And this is about?', branches: [[['debt_detail'], 'mailed']], next: 'what' },
      mailed: {
        text: 'The cheque is in the mail. I sent it days ago, you should have it soon.',
        branches: [
          [['ask_payment_details'], 'details'],
          [['ask_payment'], 'vague'],
        ],
        next: 'vague',
      },
      vague: {
        text: 'It is on its way, I said. Just wait for it.',
        branches: [[['ask_payment_details'], 'details']],
        next: 'vague',
      },
      details: {
        text: 'Let me see... cheque number 1043, for $75, posted on Tuesday.',
        branches: [[['summary'], 'bye']],
        next: 'details_wait',
      },
      details_wait: { text: 'Anything else?', branches: [[['summary'], 'bye']], next: 'bye_short' },
      bye: { text: 'That is right. Goodbye.', next: null },
      bye_short: { text: 'Fine, bye.', next: null },
    },
  ),
  build(
    'en-disputes',
    {
      title: 'Disputes the amount',
      persona: 'disputes_debt',
      stage: 'm2',
      locale: 'en',
      briefing: 'Ms Rachel Stone says she was charged twice for a returned item. Log a dispute; stop pressing.',
      customer: enCustomer('ms', 'Rachel', 'Stone', '1984-01-09'),
      account: enAccount('Summit Card Services', 'Credit card', 210000, 32000, 16000, 38, 2),
      objections: ['dispute'],
      expected: { partyReached: 'debtor', disposition: 'dispute' },
    },
    {
      ...opening('en', 'This is Rachel.', 'confirmed', [[['debt_detail'], 'dispute']], 'what'),
      what: { text: 'What is the call about?', branches: [[['debt_detail'], 'dispute']], next: 'what' },
      dispute: {
        text: 'That amount is wrong. I returned the TV and I was charged twice. I am not paying for something I sent back.',
        branches: [
          [['ask_payment'], 'angrier'],
          [['ask_payment_details'], 'details'],
          [['empathy'], 'details'],
        ],
        next: 'details_ask',
      },
      angrier: {
        text: 'Did you even listen? I am disputing it. I want this reviewed.',
        branches: [
          [['empathy'], 'details'],
          [['ask_payment_details'], 'details'],
        ],
        next: 'angrier',
      },
      details_ask: {
        text: 'So what happens now?',
        branches: [[['ask_payment_details'], 'details']],
        next: 'details_ask',
      },
      details: {
        text: 'I returned it on the 2nd of last month, I have the receipt. The charge was $320.',
        branches: [[['summary'], 'bye']],
        next: 'bye_short',
      },
      bye: { text: 'Good. I will wait to hear from you. Goodbye.', next: null },
      bye_short: { text: 'Okay, goodbye.', next: null },
    },
  ),
  build(
    'en-asks-plan',
    {
      title: 'Asks for a payment plan',
      persona: 'asks_for_plan',
      stage: 'm3',
      locale: 'en',
      briefing: 'Ms Hannah Cole wants to pay but needs instalments for the $900 overdue.',
      customer: enCustomer('ms', 'Hannah', 'Cole', '1990-07-25'),
      account: enAccount('Harbor Bank', 'Personal loan', 540000, 90000, 30000, 75, 3),
      objections: ['cash_flow'],
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    },
    {
      ...opening('en', 'Yes, Hannah Cole speaking.', 'confirmed', [[['debt_detail'], 'ask']], 'what'),
      what: { text: 'What is this regarding?', branches: [[['debt_detail'], 'ask']], next: 'what' },
      ask: {
        text: 'I know I am behind. I want to sort it out, but I cannot pay $900 at once. Can we do a plan?',
        branches: [[['offer_plan'], 'offer']],
        next: 'ask_again',
      },
      ask_again: { text: 'Is a plan possible or not?', branches: [[['offer_plan'], 'offer']], next: 'ask_again' },
      ...promiseClose('en', 'Three payments of $300, on the 1st of each month starting next month, would be fine.'),
    },
  ),
  build(
    'en-unwilling',
    {
      title: 'Unwilling to pay',
      persona: 'unwilling',
      stage: 'm3',
      locale: 'en',
      briefing:
        'Mr Carl Weiss refuses to pay. Stay lawful: explain options and consequences factually; record the refusal.',
      customer: enCustomer('mr', 'Carl', 'Weiss', '1975-12-01'),
      account: enAccount('Summit Card Services', 'Credit card', 720000, 120000, 40000, 82, 3),
      objections: [],
      expected: { partyReached: 'debtor', disposition: 'refused' },
    },
    {
      ...opening('en', 'Yeah, Carl. What?', 'confirmed', [[['debt_detail'], 'no']], 'what'),
      what: { text: 'Get to the point.', branches: [[['debt_detail'], 'no']], next: 'what' },
      no: {
        text: 'I am not paying. The bank makes enough money. Do what you want.',
        branches: [
          [['offer_plan'], 'still_no'],
          [['ask_payment'], 'still_no'],
        ],
        next: 'still_no',
      },
      still_no: {
        text: 'No. Not today, not in instalments. We are done here.',
        branches: [[['summary'], 'bye']],
        next: 'bye_short',
      },
      bye: { text: 'Whatever. Bye.', next: null },
      bye_short: { text: 'Bye.', next: null },
    },
  ),
  build(
    'en-relative-answers',
    {
      title: 'A relative answers the phone',
      persona: 'relative_answers',
      stage: 'm1',
      locale: 'en',
      briefing: "Ms Laura Kim's sister answers. Never mention the debt; leave only your name and number.",
      customer: enCustomer('ms', 'Laura', 'Kim', '1993-03-14'),
      account: enAccount('Harbor Bank', 'Credit card', 132000, 11000, 11000, 12, 1),
      objections: ['wrong_person'],
      expected: { partyReached: 'third_party', disposition: 'message_left' },
    },
    {
      ...opening(
        'en',
        'No, Laura is out. I am her sister. What is this about? Is she in trouble?',
        'denied',
        [[['debt_detail'], 'told']],
        'bye',
      ),
      told: { text: 'Oh, I did not know she owed money. I will tell the family.', next: null },
      bye: { text: 'Sure, I will tell her you called. Bye.', next: null },
    },
  ),
  build(
    'en-wrong-number',
    {
      title: 'Wrong number',
      persona: 'wrong_number',
      stage: 'm2',
      locale: 'en',
      briefing:
        "The number on file is no longer Mr Peter Grant's. Apologise, say nothing of the account, record a wrong number.",
      customer: enCustomer('mr', 'Peter', 'Grant', '1981-08-08'),
      account: enAccount('Summit Card Services', 'Credit card', 305000, 26000, 13000, 35, 2),
      objections: ['wrong_person'],
      expected: { partyReached: 'third_party', disposition: 'wrong_number' },
    },
    {
      ...opening(
        'en',
        'Peter who? There is no Peter here. I have had this number for a year.',
        'denied',
        [
          [['debt_detail'], 'told'],
          [['verify_identity'], 'sure'],
        ],
        'bye',
      ),
      sure: { text: 'Yes, I am sure. You have the wrong number.', branches: [[['debt_detail'], 'told']], next: 'bye' },
      told: { text: "Why are you telling me about someone else's debts? That is not my business.", next: null },
      bye: { text: 'No problem. Bye.', next: null },
    },
  ),
  build(
    'en-job-loss',
    {
      title: 'Lost their job',
      persona: 'job_loss',
      stage: 'm2',
      locale: 'en',
      briefing: 'Mr Luis Romero lost his job last month. Show understanding; offer hardship options and a small plan.',
      customer: enCustomer('mr', 'Luis', 'Romero', '1986-05-19'),
      account: enAccount('Harbor Bank', 'Credit card', 410000, 36000, 18000, 44, 2),
      objections: ['job_loss_or_illness'],
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    },
    {
      ...opening('en', 'Yes, this is Luis.', 'confirmed', [[['debt_detail'], 'lost']], 'what'),
      what: { text: 'What is it about?', branches: [[['debt_detail'], 'lost']], next: 'what' },
      lost: {
        text: 'I lost my job last month. I am looking, but right now I have almost nothing coming in.',
        branches: [
          [['empathy', 'offer_plan'], 'offer'],
          [['offer_plan'], 'hesitant'],
          [['ask_payment'], 'cannot'],
        ],
        next: 'cannot',
      },
      cannot: {
        text: 'I cannot pay the whole thing. Did you hear what I said?',
        branches: [
          [['empathy'], 'hesitant'],
          [['offer_plan'], 'hesitant'],
        ],
        next: 'cannot',
      },
      hesitant: {
        text: 'Maybe something small. What would that look like?',
        branches: [[['offer_plan'], 'offer']],
        next: 'offer',
      },
      ...promiseClose('en', 'I could do $40 on the 20th, until I find work.'),
    },
  ),
  build(
    'en-call-later',
    {
      title: '"Call me later"',
      persona: 'call_later',
      stage: 'pre_due',
      locale: 'en',
      briefing: 'Ms Nora Quinn is at work and wants a call later. Fix a precise time; record the callback.',
      customer: enCustomer('ms', 'Nora', 'Quinn', '1997-10-05'),
      account: enAccount('Harbor Bank', 'Credit card', 88000, 0, 6000, -3, 0),
      objections: ['call_later'],
      expected: { partyReached: 'debtor', disposition: 'callback_requested' },
    },
    {
      ...opening(
        'en',
        'Yes, this is Nora, but I am at work. Can you call me later?',
        'confirmed',
        [
          [['ask_payment'], 'when'],
          [['debt_detail'], 'when'],
        ],
        'time',
      ),
      when: { text: 'Later, I said. I really cannot talk now.', branches: [[['summary'], 'bye']], next: 'time_ask' },
      time_ask: { text: 'After six is better.', branches: [[['summary'], 'bye']], next: 'bye_short' },
      time: {
        text: 'Yes, Thursday at 6:30 pm works. Call me then.',
        branches: [[['summary'], 'bye']],
        next: 'bye_short',
      },
      bye: { text: 'Exactly. Talk then, bye.', next: null },
      bye_short: { text: 'Okay, bye.', next: null },
    },
  ),
];

// ---- Chinese ---------------------------------------------------------------------------------------

const CN = { complianceProfile: 'CN' as const, currency: 'CNY' };
const zhAccount = (
  creditorName: string,
  product: string,
  balance: number,
  overdue: number,
  instalment: number,
  dpd: number,
  missed: number,
) => ({
  creditorName,
  product,
  ...CN,
  balanceMinor: balance,
  overdueMinor: overdue,
  instalmentMinor: instalment,
  daysPastDue: dpd,
  missedInstalments: missed,
});
const zhCustomer = (salutation: 'mr' | 'ms', givenName: string, familyName: string, dateOfBirth: string) => ({
  salutation,
  givenName,
  familyName,
  dateOfBirth,
  timeZone: 'Asia/Shanghai',
  phone: '+86 138 0013 8000',
});

const ZH: DefaultPracticeScenario[] = [
  build(
    'zh-forgetful',
    {
      title: '忘记还款日',
      persona: 'forgetful',
      stage: 'm1',
      locale: 'zh-CN',
      briefing: '王芳女士一向按时还款，这次忘了还本期 800 元。',
      customer: zhCustomer('ms', '芳', '王', '1989-05-06'),
      account: zhAccount('海港银行', '信用卡', 1250000, 80000, 80000, 8, 1),
      objections: ['forgot'],
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    },
    {
      ...opening('zh-CN', '对，我是王芳。有什么事吗？', 'confirmed', [[['debt_detail'], 'reason']], 'what'),
      what: { text: '嗯，你说吧，什么事？', branches: [[['debt_detail'], 'reason']], next: 'what' },
      reason: {
        text: '啊，是吗？我这个月太忙，完全忘了。不好意思。',
        branches: [
          [['ask_payment'], 'offer'],
          [['offer_plan'], 'offer'],
        ],
        next: 'reason_wait',
      },
      reason_wait: { text: '那我现在应该怎么办？', branches: [[['ask_payment'], 'offer']], next: 'reason_wait' },
      ...promiseClose('zh-CN', '我这周五通过网银还 800 元，可以吗？'),
    },
  ),
  build(
    'zh-cash-flow',
    {
      title: '资金周转困难',
      persona: 'cash_flow',
      stage: 'm2',
      locale: 'zh-CN',
      briefing: '陈刚先生逾期两期共 3000 元，生意回款慢，15 号才有钱。',
      customer: zhCustomer('mr', '刚', '陈', '1980-02-11'),
      account: zhAccount('海港银行', '消费贷款', 4800000, 300000, 150000, 42, 2),
      objections: ['cash_flow'],
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    },
    {
      ...opening('zh-CN', '我是陈刚，你哪位？', 'confirmed', [[['debt_detail'], 'reason']], 'what'),
      what: { text: '什么事，直说吧。', branches: [[['debt_detail'], 'reason']], next: 'what' },
      reason: {
        text: '我知道。最近生意回款慢，手头真的紧，一下子拿不出 3000 元。',
        branches: [
          [['offer_plan'], 'offer'],
          [['empathy', 'ask_payment'], 'partial'],
          [['ask_payment'], 'cannot'],
        ],
        next: 'cannot',
      },
      cannot: { text: '我说了现在没钱。有没有少一点的办法？', branches: [[['offer_plan'], 'offer']], next: 'cannot' },
      partial: { text: '能还一部分吧。能不能分开还？', branches: [[['offer_plan'], 'offer']], next: 'cannot' },
      ...promiseClose('zh-CN', '15号先还 1500 元，月底再还 1500 元，这样我可以。'),
    },
  ),
  build(
    'zh-angry',
    {
      title: '情绪激动、大声吼叫',
      persona: 'angry',
      stage: 'm2',
      locale: 'zh-CN',
      briefing: '赵强先生对频繁来电非常不满。保持冷静，先安抚，再争取承诺。',
      customer: zhCustomer('mr', '强', '赵', '1972-08-19'),
      account: zhAccount('远山消费金融', '信用卡', 2600000, 360000, 120000, 55, 2),
      objections: ['call_later'],
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    },
    {
      ...opening('zh-CN', '是我，赵强！又打电话？你们到底想干什么？', 'confirmed', [[['empathy'], 'calmer']], 'shout'),
      shout: {
        text: '烦死了！每个星期都有人打来！我凭什么跟你谈？',
        branches: [[['empathy'], 'calmer']],
        next: 'shout',
      },
      calmer: { text: '行吧，你至少在听。说吧，什么事？', branches: [[['debt_detail'], 'reason']], next: 'calmer' },
      reason: {
        text: '我知道晚了，这两个月事情多。你要我怎么样？',
        branches: [
          [['ask_payment'], 'offer'],
          [['offer_plan'], 'offer'],
        ],
        next: 'reason',
      },
      ...promiseClose('zh-CN', '好吧，下周一我用支付宝还 1200 元。别再每周打电话了。'),
    },
  ),
  build(
    'zh-already-paid',
    {
      title: '“我已经还了”',
      persona: 'already_paid',
      stage: 'm1',
      locale: 'zh-CN',
      briefing: '刘洋女士说上周已经还款。记录还款时间、金额和渠道，不要继续催促。',
      customer: zhCustomer('ms', '洋', '刘', '1993-12-02'),
      account: zhAccount('海港银行', '信用卡', 980000, 60000, 60000, 15, 1),
      objections: ['already_paid'],
      expected: { partyReached: 'debtor', disposition: 'claims_paid' },
    },
    {
      ...opening('zh-CN', '是我，刘洋。', 'confirmed', [[['debt_detail'], 'paid']], 'what'),
      what: { text: '请问有什么事？', branches: [[['debt_detail'], 'paid']], next: 'what' },
      paid: {
        text: '我已经还了啊！上周就转过去了。',
        branches: [
          [['ask_payment_details'], 'details'],
          [['ask_payment'], 'insist'],
        ],
        next: 'insist',
      },
      insist: {
        text: '我说了我还了，为什么还让我还？',
        branches: [[['ask_payment_details'], 'details']],
        next: 'insist',
      },
      details: {
        text: '3号用银行转账还的 600 元，流水号 LY2088。',
        branches: [[['summary'], 'bye']],
        next: 'details_wait',
      },
      details_wait: { text: '那你们会核实吧？', branches: [[['summary'], 'bye']], next: 'bye_short' },
      bye: { text: '对，就是这样。谢谢核实，再见。', next: null },
      bye_short: { text: '好，再见。', next: null },
    },
  ),
  build(
    'zh-cheque-in-mail',
    {
      title: '“支票已经寄出”',
      persona: 'cheque_in_mail',
      stage: 'm1',
      locale: 'zh-CN',
      briefing: '孙伟先生说支票已寄出。问清寄出日期、金额和支票号。',
      customer: zhCustomer('mr', '伟', '孙', '1966-04-23'),
      account: zhAccount('海港银行', '商户分期', 700000, 50000, 50000, 19, 1),
      objections: ['payment_in_progress'],
      expected: { partyReached: 'debtor', disposition: 'claims_paid' },
    },
    {
      ...opening('zh-CN', '我是孙伟，你说。', 'confirmed', [[['debt_detail'], 'mailed']], 'what'),
      what: { text: '是关于什么的？', branches: [[['debt_detail'], 'mailed']], next: 'what' },
      mailed: {
        text: '支票已经寄出去了，过几天你们就能收到。',
        branches: [
          [['ask_payment_details'], 'details'],
          [['ask_payment'], 'vague'],
        ],
        next: 'vague',
      },
      vague: { text: '已经在路上了，等着就行。', branches: [[['ask_payment_details'], 'details']], next: 'vague' },
      details: {
        text: '我看看……支票号 1043，500 元，星期二寄的。',
        branches: [[['summary'], 'bye']],
        next: 'details_wait',
      },
      details_wait: { text: '还有别的吗？', branches: [[['summary'], 'bye']], next: 'bye_short' },
      bye: { text: '对，没错。再见。', next: null },
      bye_short: { text: '好，再见。', next: null },
    },
  ),
  build(
    'zh-disputes',
    {
      title: '对欠款金额有异议',
      persona: 'disputes_debt',
      stage: 'm2',
      locale: 'zh-CN',
      briefing: '周静女士说退货后仍被重复扣款。登记争议，停止催收争议部分。',
      customer: zhCustomer('ms', '静', '周', '1985-10-30'),
      account: zhAccount('远山消费金融', '信用卡', 1500000, 240000, 120000, 37, 2),
      objections: ['dispute'],
      expected: { partyReached: 'debtor', disposition: 'dispute' },
    },
    {
      ...opening('zh-CN', '我是周静。', 'confirmed', [[['debt_detail'], 'dispute']], 'what'),
      what: { text: '什么事？', branches: [[['debt_detail'], 'dispute']], next: 'what' },
      dispute: {
        text: '这个金额不对。电视我已经退了，还被扣了两次钱。退掉的东西我不会付钱。',
        branches: [
          [['ask_payment'], 'angrier'],
          [['ask_payment_details'], 'details'],
          [['empathy'], 'details'],
        ],
        next: 'details_ask',
      },
      angrier: {
        text: '你有没有在听？我对这笔有异议，我要求复核。',
        branches: [
          [['empathy'], 'details'],
          [['ask_payment_details'], 'details'],
        ],
        next: 'angrier',
      },
      details_ask: { text: '那现在怎么处理？', branches: [[['ask_payment_details'], 'details']], next: 'details_ask' },
      details: {
        text: '上个月2号退的货，我有凭证。扣款是 2400 元。',
        branches: [[['summary'], 'bye']],
        next: 'bye_short',
      },
      bye: { text: '好，我等你们的消息。再见。', next: null },
      bye_short: { text: '好，再见。', next: null },
    },
  ),
  build(
    'zh-asks-plan',
    {
      title: '主动要求分期',
      persona: 'asks_for_plan',
      stage: 'm3',
      locale: 'zh-CN',
      briefing: '吴丽女士愿意还款，但 6000 元逾期需要分期。',
      customer: zhCustomer('ms', '丽', '吴', '1991-06-15'),
      account: zhAccount('海港银行', '消费贷款', 3600000, 600000, 200000, 76, 3),
      objections: ['cash_flow'],
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    },
    {
      ...opening('zh-CN', '是我，吴丽。', 'confirmed', [[['debt_detail'], 'ask']], 'what'),
      what: { text: '请问是什么事？', branches: [[['debt_detail'], 'ask']], next: 'what' },
      ask: {
        text: '我知道欠了。我想解决，但一次拿不出 6000 元。能不能分期？',
        branches: [[['offer_plan'], 'offer']],
        next: 'ask_again',
      },
      ask_again: { text: '到底能不能分期？', branches: [[['offer_plan'], 'offer']], next: 'ask_again' },
      ...promiseClose('zh-CN', '分三期，每期 2000 元，从下个月1号开始，可以吗？'),
    },
  ),
  build(
    'zh-unwilling',
    {
      title: '拒绝还款',
      persona: 'unwilling',
      stage: 'm3',
      locale: 'zh-CN',
      briefing: '郑军先生拒绝还款。依法沟通，客观说明选项和后果，记录拒绝。',
      customer: zhCustomer('mr', '军', '郑', '1976-01-27'),
      account: zhAccount('远山消费金融', '信用卡', 5200000, 900000, 300000, 84, 3),
      objections: [],
      expected: { partyReached: 'debtor', disposition: 'refused' },
    },
    {
      ...opening('zh-CN', '是我，干嘛？', 'confirmed', [[['debt_detail'], 'no']], 'what'),
      what: { text: '有话快说。', branches: [[['debt_detail'], 'no']], next: 'what' },
      no: {
        text: '我不还。银行赚得够多了，你们爱怎么样怎么样。',
        branches: [
          [['offer_plan'], 'still_no'],
          [['ask_payment'], 'still_no'],
        ],
        next: 'still_no',
      },
      still_no: { text: '不还，分期也不还。就这样。', branches: [[['summary'], 'bye']], next: 'bye_short' },
      bye: { text: '随便，挂了。', next: null },
      bye_short: { text: '挂了。', next: null },
    },
  ),
  build(
    'zh-relative-answers',
    {
      title: '亲属接听电话',
      persona: 'relative_answers',
      stage: 'm1',
      locale: 'zh-CN',
      briefing: '林晓女士的妈妈接了电话。不得提及欠款，只留姓名和回电号码。',
      customer: zhCustomer('ms', '晓', '林', '1994-09-09'),
      account: zhAccount('海港银行', '信用卡', 860000, 70000, 70000, 11, 1),
      objections: ['wrong_person'],
      expected: { partyReached: 'third_party', disposition: 'message_left' },
    },
    {
      ...opening('zh-CN', '她不在，我是她妈妈。什么事？她出什么事了吗？', 'denied', [[['debt_detail'], 'told']], 'bye'),
      told: { text: '啊？她欠钱了？我要告诉家里人。', next: null },
      bye: { text: '好，我跟她说你打过电话。再见。', next: null },
    },
  ),
  build(
    'zh-wrong-number',
    {
      title: '打错电话',
      persona: 'wrong_number',
      stage: 'm2',
      locale: 'zh-CN',
      briefing: '登记的号码已不属于黄涛先生。道歉，不提账户，记录错号。',
      customer: zhCustomer('mr', '涛', '黄', '1982-03-03'),
      account: zhAccount('远山消费金融', '信用卡', 2100000, 180000, 90000, 34, 2),
      objections: ['wrong_person'],
      expected: { partyReached: 'third_party', disposition: 'wrong_number' },
    },
    {
      ...opening(
        'zh-CN',
        '黄涛？这里没有这个人，这个号我用了一年了。',
        'denied',
        [
          [['debt_detail'], 'told'],
          [['verify_identity'], 'sure'],
        ],
        'bye',
      ),
      sure: { text: '我确定，你打错了。', branches: [[['debt_detail'], 'told']], next: 'bye' },
      told: { text: '别人欠钱跟我说干什么？跟我没关系。', next: null },
      bye: { text: '没事，再见。', next: null },
    },
  ),
  build(
    'zh-job-loss',
    {
      title: '失业',
      persona: 'job_loss',
      stage: 'm2',
      locale: 'zh-CN',
      briefing: '马亮先生上个月失业。表示理解，提供困难客户方案和小额分期。',
      customer: zhCustomer('mr', '亮', '马', '1987-07-07'),
      account: zhAccount('海港银行', '信用卡', 2900000, 260000, 130000, 45, 2),
      objections: ['job_loss_or_illness'],
      expected: { partyReached: 'debtor', disposition: 'promise_to_pay' },
    },
    {
      ...opening('zh-CN', '我是马亮。', 'confirmed', [[['debt_detail'], 'lost']], 'what'),
      what: { text: '什么事？', branches: [[['debt_detail'], 'lost']], next: 'what' },
      lost: {
        text: '我上个月失业了，正在找工作，现在基本没有收入。',
        branches: [
          [['empathy', 'offer_plan'], 'offer'],
          [['offer_plan'], 'hesitant'],
          [['ask_payment'], 'cannot'],
        ],
        next: 'cannot',
      },
      cannot: {
        text: '全部还不了。你没听我说吗？',
        branches: [
          [['empathy'], 'hesitant'],
          [['offer_plan'], 'hesitant'],
        ],
        next: 'cannot',
      },
      hesitant: { text: '少一点也许可以。大概怎么还？', branches: [[['offer_plan'], 'offer']], next: 'offer' },
      ...promiseClose('zh-CN', '20号我可以先还 300 元，等找到工作再多还。'),
    },
  ),
  build(
    'zh-call-later',
    {
      title: '“晚点再打”',
      persona: 'call_later',
      stage: 'pre_due',
      locale: 'zh-CN',
      briefing: '何敏女士在上班，要求晚点再联系。约定准确的回电时间，记录回电。',
      customer: zhCustomer('ms', '敏', '何', '1998-11-11'),
      account: zhAccount('海港银行', '信用卡', 600000, 0, 40000, -3, 0),
      objections: ['call_later'],
      expected: { partyReached: 'debtor', disposition: 'callback_requested' },
    },
    {
      ...opening(
        'zh-CN',
        '是我，何敏，不过我在上班。能晚点再打吗？',
        'confirmed',
        [
          [['ask_payment'], 'when'],
          [['debt_detail'], 'when'],
        ],
        'time',
      ),
      when: { text: '我说了晚点，现在真的不方便。', branches: [[['summary'], 'bye']], next: 'time_ask' },
      time_ask: { text: '六点以后比较好。', branches: [[['summary'], 'bye']], next: 'bye_short' },
      time: { text: '好，星期四晚上六点半可以，到时候打给我。', branches: [[['summary'], 'bye']], next: 'bye_short' },
      bye: { text: '对，就这样，再见。', next: null },
      bye_short: { text: '好，再见。', next: null },
    },
  ),
];

export const DEFAULT_PRACTICE_SCENARIOS: DefaultPracticeScenario[] = [...EN, ...ZH];
