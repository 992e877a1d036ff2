import { describe, expect, it } from 'vitest';
import { DEFAULT_OBJECTIONS, DEFAULT_SCRIPTS } from './script-library.js';
import { lintScript, lintText, type LintCategory } from './script-linter.js';

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
});
