import { describe, expect, it } from 'vitest';
import { DEFAULT_OBJECTIONS, DEFAULT_SCRIPTS } from './script-library.js';
import { lintScript, lintText, type LintCategory, type WordSegmenter } from './script-linter.js';

const categories = (text: string, locale: 'en' | 'zh-CN') => lintText(text, locale).map((f) => f.category);

// For each category, ordinary variations that must be flagged (English, simplified and traditional Chinese).
const FLAGGED: Record<Exclude<LintCategory, 'missing_disclosure'>, { en: string[]; zh: string[] }> = {
  arrest_or_crime: {
    en: [
      'You will end up behind bars.',
      'We will have a warrant issued.',
      'The sheriff will come to collect.',
      'If you do not pay you will be arrested.',
      'You could go to JAIL for this.',
      'Not paying is a crime and you may face criminal charges.',
      'The police will come for you.',
      'The police will be informed.',
      'We will report you to the police.',
    ],
    zh: [
      '我们已经报警了。',
      '我們已經報警了。',
      '不还钱就逮捕你。',
      '你这是诈骗，要坐牢的。',
      '警察会来抓你。',
      '你這是詐騙，要坐牢。',
    ],
  },
  impersonation: {
    en: [
      'This call is from the district attorney.',
      'I work with the police department.',
      'This is the court calling about your case.',
      "I'm a police officer.",
      'We are calling on behalf of the government.',
    ],
    zh: ['我们是人民法院。', '我是法院的工作人员。', '这里是公安局。', '我們是律師事務所的。', '這裡是法院。'],
  },
  false_legal_action: {
    en: [
      'We will take your car.',
      'Your wages will be garnished next week.',
      'We will empty your bank account.',
      'We will sue you tomorrow.',
      'We are going to seize your house.',
      'We will freeze all your bank accounts.',
      'We will take you to court this week.',
    ],
    zh: [
      '我们会把你的车拖走。',
      '明天就起诉你。',
      '我们会冻结你所有的银行账户。',
      '法院会查封你的房子。',
      '我們會凍結你的帳戶。',
      '法院已經立案了。',
    ],
  },
  false_urgency: {
    en: [
      'This offer expires in one hour.',
      'After today there is nothing I can do.',
      'Your case will be escalated to our legal department.',
      'This is your last chance.',
      'At 3 pm the system will automatically hand your file to headquarters.',
      'Before 3 o’clock, nobody can stop it after that.',
      'Pay by 5 pm or it goes to legal.',
    ],
    zh: [
      '这是最后通牒。',
      '今天必须还清。',
      '这是你最后的机会。',
      '系统会在下午三点前自动上报总部。',
      '過了今天就沒有機會了。',
      '系統三点之前自動移交法务。',
    ],
  },
  third_party_disclosure: {
    en: [
      'Your mother will hear about this.',
      'Everyone at work will know.',
      'We will tell your employer about this debt.',
      'Your family will be informed — we will call your wife.',
      'We will let your neighbours know.',
      'We will post your name on social media.',
    ],
    zh: [
      '你的通讯录我们都会打一遍。',
      '我们会通知你的家人。',
      '我们会打电话给你单位领导。',
      '你的同事和朋友我們都會聯繫。',
      '把你的情况发到朋友圈。',
      '你們全家都會知道。',
    ],
  },
  insult: {
    en: [
      'You should be ashamed.',
      'You people never pay.',
      'You are a liar and a deadbeat.',
      'Shame on you.',
      'How pathetic.',
    ],
    zh: ['你就是个老赖。', '真不要脸。', '你這個騙子。'],
  },
  blacklist_or_relatives: {
    en: [
      'You will be on a debtors list.',
      'You will be blacklisted.',
      "Your children's future will be ruined, your kids won't get jobs.",
      'Your credit will be ruined forever.',
      'You will never get a mortgage again.',
    ],
    zh: ['你们家孩子以后考不了公务员。', '你会上黑名单。', '这会影响你孩子上学。', '你會進黑名單。'],
  },
  borrow_to_pay: {
    en: [
      'Sell something to pay.',
      'Ask your parents for the money.',
      'Borrow the money from a friend.',
      'Just use another credit card.',
      'Sell your car and pay us.',
      'Take out a payday loan.',
      'You should ask your family to lend you the money.',
      'Why not put it on another credit card?',
      "Why don't you get a cash advance?",
    ],
    zh: [
      '把房子抵押了还。',
      '找你爸妈要钱。',
      '你去借钱还上。',
      '用别的信用卡刷一下。',
      '把车卖掉还钱。',
      '找朋友借一下。',
      '让你家人帮你还。',
      '你可以先借个网贷。',
      '讓你父母幫你墊一下。',
    ],
  },
  private_channel_or_fee: {
    en: [
      'Send it to my PayPal.',
      'Use Western Union.',
      'Pay it into my personal account.',
      'There is a processing fee of $50.',
      'Transfer it to me directly.',
    ],
    zh: ['需要先交保证金。', '转到我个人的微信。', '需要交一笔手续费。', '轉到個人帳戶就行。'],
  },
  visit_or_violence: {
    en: [
      'Our field agent will visit you.',
      'We will send someone to your house.',
      'Accidents happen.',
      'We will come to your home tomorrow.',
      'You will regret this.',
      'We know where you live.',
    ],
    zh: ['你最好小心一点。', '我们会上门找你。', '你小心点。', '後果自負。', '我们去你单位。'],
  },
};

// Lawful wording that must not be flagged.
const LAWFUL: { en: string[]; zh: string[] } = {
  en: [
    'We can discuss a payment plan.',
    'We will not contact your employer or your family about this account.',
    'If we cannot agree, we will write to you setting out the options and what happens next.',
    'You can call us back at any time.',
    'Late payments may be reported to credit reference agencies as the law allows.',
    'Please pay only through the official channels of {{creditor}}.',
    'I understand this is difficult. Let us find a way forward together.',
    'Could we agree on a date that works for you?',
    "We don't want you to borrow money to pay us.",
    'Please do not sell anything or borrow to pay this.',
    'You can post a cheque to the address on your statement.',
    'Could I call you back at 3 pm?',
    'You can pay by card or bank transfer.',
    'This is not a criminal matter.',
    "After today's call I will send you a letter with what we agreed.",
    'We will never ask you to sell anything or to pay anyone but {{creditor}}.',
    'If you dispute the debt, we will pause collection while we check.',
    'You can get free advice from a debt charity.',
    // Everyday lawful lines (ADR 022): words the concepts use (take, call, payday, office, friend) in harmless senses.
    'Could we agree a smaller payment now and the rest on payday?',
    'First wording, could we agree a date?',
    'What is your take-home pay each month?',
    "Let's take things one step at a time.",
    'You can call our office between 8 am and 8 pm.',
    'Could you tell me your date of birth to confirm I am speaking to the right person?',
    'Can I take a payment from your debit card today?',
    'Is now a good time to talk?',
    "If you'd like, a friend or family member can help you with the budget form.",
    'Your partner can join the call if you give permission.',
    'We can freeze interest and charges while you get advice.',
    'We can put the account on hold for 30 days while you get debt advice.',
    'If you are struggling, we can pause collection.',
    'Please call us back on 0800 123 456 at a time that suits you.',
    'Do you have any other debts we should know about?',
    'Would you like us to send the details by email?',
    'We will write to you with the agreement.',
    "I'll send you a letter confirming the plan today.",
    'Your minimum payment is due on Friday.',
    'Could you manage a payment by the end of the month?',
    'Thanks for your time today, have a good evening.',
    'If your circumstances change, please tell us.',
    'You can ask your bank to set up a standing order.',
    'Do you want to talk to a free debt adviser first?',
    'I will note that you prefer calls after 6 pm.',
    'We never visit customers at home.',
    'The court has not been involved and no legal action is planned.',
    'You can check your credit report for free.',
    "If you're worried about bailiffs, I can explain what we do and don't do.",
    'Your employer will not be contacted.',
    'Does your family know about the plan?',
    "I'm sorry, I didn't catch that; could you repeat it?",
    'We can set a reminder the day before your payment.',
  ],
  zh: [
    '我们可以为您提供分期还款的选项。',
    '我们不会联系您的家人或单位。',
    '我们絕不會上門。',
    '如果今天无法达成一致，我们会书面告知您可选方案和后续流程。',
    '请只通过{{creditor}}的官方渠道还款。',
    '我理解您的难处，我们一起想想办法。',
    '我们不希望您借钱来还款。',
    '您的家人不会知道这件事。',
    '请小心保管您的银行卡信息。',
    '您的房屋抵押贷款本月已逾期。',
    '我们不会收取任何保证金。',
    '如果您对欠款有异议，我们会暂停催收并核实。',
    '您好，请问现在方便通话吗？',
    '我们可以先暂停催收，等您咨询完再联系。',
    '您可以找家人一起看看还款计划。',
    '请问您这个月的收入大概是多少？',
    '您可以通过官方App还款，也可以到网点办理。',
    '如果您的情况有变化，请告诉我们。',
    '我们会在还款日前一天提醒您。',
    '这个月先还一部分，下个月再还剩下的，可以吗？',
    '请问您方便留一个晚上的联系时间吗？',
    '我们会给您寄一份书面的还款协议。',
    '您的卡目前暂停使用，还清后可以申请恢复。',
    '请您核实一下身份证后四位。',
    '有任何问题可以拨打我们的客服热线。',
    '如果您已经还款，请告诉我还款时间、金额和渠道。',
    '我们理解您最近失业了，可以申请延期。',
    '您可以用借记卡或者支付宝向官方账户还款。',
    '您可以用借记卡还款。',
    '您家人知道还款计划吗？',
    '请牢记我们的官方电话，谨防诈骗。',
    '您可以用借记卡先还一部分。',
    '如果方便，可以用借记卡来还。',
  ],
};

describe('script linter', () => {
  for (const [category, samples] of Object.entries(FLAGGED)) {
    it(`flags ${category} in English and Chinese (simplified and traditional)`, () => {
      for (const text of samples.en) expect(categories(text, 'en'), text).toContain(category);
      for (const text of samples.zh) expect(categories(text, 'zh-CN'), text).toContain(category);
    });
  }

  it('does not flag lawful wording', () => {
    for (const text of LAWFUL.en) expect(lintText(text, 'en'), text).toEqual([]);
    for (const text of LAWFUL.zh) expect(lintText(text, 'zh-CN'), text).toEqual([]);
  });

  it('reports the span, the excerpt, an explanation and a lawful alternative', () => {
    const text = 'Thank you. We will sue you tomorrow unless you pay.';
    const [finding] = lintText(text, 'en');
    expect(finding).toMatchObject({ category: 'false_legal_action', excerpt: 'sue you' });
    expect(text.slice(finding!.start, finding!.end)).toBe('sue you');
    expect(finding!.suggestion).toMatch(/write to you/);
    const zh = '您好。我們會凍結你的帳戶。';
    const [f] = lintText(zh, 'zh-CN');
    expect(zh.slice(f!.start, f!.end)).toBe('凍結你的帳戶');
    expect(f!.suggestion).toMatch(/书面/);
  });

  it('survives spacing and line breaks', () => {
    expect(categories('you  will be\narrested', 'en')).toContain('arrest_or_crime');
    expect(categories('我们会 通知 你的 家人', 'zh-CN')).toContain('third_party_disclosure');
  });

  it('passes the default script library and objection answers with no findings', () => {
    for (const script of DEFAULT_SCRIPTS)
      expect(lintScript(script.steps, script.locale, 'US'), `${script.stage} ${script.locale}`).toEqual([]);
    for (const o of DEFAULT_OBJECTIONS) expect(lintText(`${o.answer}`, o.locale), o.answer).toEqual([]);
  });

  it('requires the opening to identify the collector and creditor, and the US disclosure', () => {
    const steps = DEFAULT_SCRIPTS.find((s) => s.locale === 'en')!.steps;
    const noNames = steps.map((s) =>
      s.key === 'opening' ? { ...s, text: 'Hello, may I speak with {{customerFullName}}?' } : s,
    );
    expect(lintScript(noNames, 'en', 'UK').map((f) => f.category)).toEqual(['missing_disclosure']);
    const noDisclosure = steps.map((s) =>
      s.key === 'verification' ? { ...s, text: 'Please confirm your date of birth.' } : s,
    );
    expect(lintScript(noDisclosure, 'en', 'US').map((f) => f.category)).toEqual(['missing_disclosure']);
    expect(lintScript(noDisclosure, 'en', 'UK')).toEqual([]);
  });

  it("catches the issue's misses: parents, suing tomorrow and freezing every card, downstairs tonight, wife and boss, insults, spaced letters", () => {
    const cases: [string, 'en' | 'zh-CN', LintCategory][] = [
      ['Your parents will hear all about this from us.', 'en', 'third_party_disclosure'],
      ['我们会打电话告诉你父母。', 'zh-CN', 'third_party_disclosure'],
      ["We'll sue you tomorrow and freeze all your cards.", 'en', 'false_legal_action'],
      ['明天就起诉你，冻结你所有的卡。', 'zh-CN', 'false_legal_action'],
      ['Someone will be waiting downstairs for you this evening.', 'en', 'visit_or_violence'],
      ['今晚我们就在你家楼下等你。', 'zh-CN', 'visit_or_violence'],
      ['We will let your wife and your boss know.', 'en', 'third_party_disclosure'],
      ['You are deadbeats and liars.', 'en', 'insult'],
      ['You will be a r r e s t e d.', 'en', 'arrest_or_crime'],
      ['We will t.e.l.l your employer.', 'en', 'third_party_disclosure'],
      ['你 就 是 个 老 赖。', 'zh-CN', 'insult'],
      ['妳這個騙子。', 'zh-CN', 'insult'],
    ];
    for (const [text, locale, category] of cases) expect(categories(text, locale), text).toContain(category);
  });

  it('does not flag a lawful warning not to pay into a personal account', () => {
    for (const text of [
      'Never pay into a personal account; we will never ask you to.',
      'Please do not pay anyone into a personal account.',
    ])
      expect(lintText(text, 'en'), text).toEqual([]);
    for (const text of ['请勿向任何个人账户转账，我们不会要求您这样做。', '請勿匯款到任何個人帳戶。'])
      expect(lintText(text, 'zh-CN'), text).toEqual([]);
  });

  it('reports spans in the original text when letters are spaced out or characters are full-width or traditional', () => {
    const spaced = 'Hello. We will s u e  you tomorrow.';
    const [a] = lintText(spaced, 'en');
    expect(a).toMatchObject({ category: 'false_legal_action', excerpt: 's u e  you' });
    expect(spaced.slice(a!.start, a!.end)).toBe(a!.excerpt);
    const wide = 'ｗｅ ｗｉｌｌ ｓｕｅ ｙｏｕ';
    const [b] = lintText(wide, 'en');
    expect(b?.excerpt).toBe('ｓｕｅ ｙｏｕ');
    const zh = '好的。明天就起訴妳，凍結妳所有的帳戶。';
    const found = lintText(zh, 'zh-CN');
    expect(found.map((f) => f.excerpt)).toEqual(['起訴', '凍結妳所有']);
  });

  it('cuts Chinese with the segmenter it is given, and only Chinese', () => {
    const seen: string[] = [];
    const segment: WordSegmenter = (text) => {
      seen.push(text);
      return [...text];
    };
    expect(lintText('OK, 我们会通知你的家人 today.', 'zh-CN', segment).map((f) => f.category)).toEqual([
      'third_party_disclosure',
    ]);
    expect(seen).toEqual(['我们会通知你的家人']);
  });
});
