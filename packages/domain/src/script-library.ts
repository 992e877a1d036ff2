import { OBJECTION_CATEGORIES, SCRIPT_BRANCHES, type ObjectionCategoryCode } from '@crm/contracts';
import type { StageCode } from './stages.js';

/**
 * The default call script library (English and Simplified Chinese, every stage) and the
 * objection answers. Written to be lawful and respectful (compliance.md): identify yourself and
 * the creditor, verify the right party before disclosing anything, give the required disclosure,
 * ask open questions, offer plans and forbearance, never threaten, never urge borrowing.
 * This is data: admins edit later versions in the script library.
 */

export type ScriptLocale = 'en' | 'zh-CN';
export type StepKey = 'opening' | 'verification' | 'reason' | 'willingness' | 'negotiation' | 'commitment' | 'close';
/** The willingness branches: the one code list the contact attempt records the chosen one from. */
export type BranchKey = (typeof SCRIPT_BRANCHES)[number];

export interface ScriptStep {
  key: StepKey;
  title: string;
  text: string;
  branches?: { key: BranchKey; title: string; text: string }[];
}

/** Variables a script may use, as {{name}}. Anything else is an error. */
export const SCRIPT_VARIABLES = [
  'customerName',
  'customerFullName',
  'creditor',
  'overdueAmount',
  'instalmentAmount',
  'balanceAmount',
  'dueDate',
  'daysPastDue',
  'missedInstalments',
  'collectorName',
  'requiredDisclosure',
  'promiseAmount',
  'promiseDate',
  'promiseChannel',
] as const;
export type ScriptVariable = (typeof SCRIPT_VARIABLES)[number];

/**
 * Variables the desk fills live from the outcome being typed (the promise read back at the close,
 * ADR 035): the server leaves them in the text, the web fills them as the collector types.
 */
export const DESK_SCRIPT_VARIABLES = ['promiseAmount', 'promiseDate', 'promiseChannel'] as const;
export type DeskScriptVariable = (typeof DESK_SCRIPT_VARIABLES)[number];
/** The variables the server fills from the account, the customer and the collector. */
export type ServerScriptVariable = Exclude<ScriptVariable, DeskScriptVariable>;

const VARIABLE = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** Names used in `text` that are not script variables. */
export function unknownVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE)]
    .map((m) => m[1]!)
    .filter((name) => !(SCRIPT_VARIABLES as readonly string[]).includes(name));
}

/**
 * Fills {{variables}}; names without a value (unknown ones, or the desk's when filling on the
 * server) are left visible so they are noticed, never silently blanked.
 */
export function renderScriptText(text: string, values: Partial<Record<ScriptVariable, string>>): string {
  return text.replace(
    VARIABLE,
    (whole, name: string) => (Object.hasOwn(values, name) ? values[name as ScriptVariable] : undefined) ?? whole,
  );
}

const EN_COMMON = {
  opening: {
    title: 'Opening',
    text: 'Hello, may I speak with {{customerFullName}}, please? My name is {{collectorName}} and I am calling from {{creditor}}.',
  },
  verification: {
    title: 'Right-party verification',
    text: 'Before I go on, I need to make sure I am speaking with the right person. Could you please confirm your date of birth and the first line of your address? (Disclose nothing about the account to anyone else. If it is not the customer, ask only when they can be reached, leave your name and number, and end the call.) Thank you, {{customerName}}. {{requiredDisclosure}}',
  },
  willingness: {
    title: 'Willingness and ability',
    text: 'Listen, take notes, and let silence work. Which of these fits best?',
    branches: [
      {
        key: 'willing_able' as const,
        title: 'Willing and able',
        text: 'Thank you. Could you make the payment of {{overdueAmount}} today? I can take it now by card or give you the bank details.',
      },
      {
        key: 'willing_unable' as const,
        title: 'Willing but unable',
        text: 'I understand. Let us look at what you can afford. How much could you pay each month, and on which day are you paid? We can also set a smaller first payment.',
      },
      {
        key: 'unwilling' as const,
        title: 'Unwilling',
        text: 'I hear that you do not want to pay at the moment. Can you tell me more about why? If you think the amount is wrong, I can register a dispute and we will stop asking for payment while it is reviewed.',
      },
    ],
  },
  commitment: {
    title: 'Commitment',
    text: 'Ask for a concrete commitment: "Will you pay {{overdueAmount}} on Friday?" rather than "When can you pay?". Agree the amount, the date and how the customer will pay.',
  },
  close: {
    title: 'Summary and close',
    text: 'So, to confirm: you will pay {{promiseAmount}} on {{promiseDate}} by {{promiseChannel}}. We will send you a reminder before that date. If anything changes, please call us before the date so we can agree something new. Thank you for your time, {{customerName}}.',
  },
};

const EN_STAGE: Record<StageCode, { reason: string; negotiation: string }> = {
  pre_due: {
    reason:
      'I am calling with a courtesy reminder that your next payment of {{instalmentAmount}} is due on {{dueDate}}. Will you be able to make it on time?',
    negotiation:
      'If the date does not suit you, tell me which date would work and I will check what we can do. You can also set up automatic payments so it is never missed.',
  },
  m1: {
    reason:
      'Our records show that the payment of {{overdueAmount}} due on {{dueDate}} has not reached us yet. It may simply have been missed. Could you tell me what happened?',
    negotiation:
      'The easiest way to bring the account up to date is to pay {{overdueAmount}} now. If that is not possible in one go, we can split it over the next few weeks.',
  },
  m2: {
    reason:
      'The account is now {{daysPastDue}} days past due, with {{overdueAmount}} outstanding from {{missedInstalments}} missed payments. I would like to understand your situation. What has made the payments difficult?',
    negotiation:
      'So that you can plan, here are the facts: late fees apply under your agreement, and the creditor reports the payment status to credit reference agencies each month. A payment plan that you can keep stops the arrears growing. What amount could you manage each month?',
  },
  m3: {
    reason:
      'The account is {{daysPastDue}} days past due and the overdue amount is {{overdueAmount}}. I want to work out with you a way to resolve it that you can actually afford. What is your situation at the moment?',
    negotiation:
      'We can offer a payment plan over several months, starting with an amount that fits your budget. If you are facing hardship, tell me, and we can consider a lower payment for a period or more time. Free, independent debt advice is also available and I can give you the details.',
  },
  m4_plus: {
    reason:
      'The account has been overdue for {{daysPastDue}} days and the balance is {{balanceAmount}}. I am calling to find a way to resolve it together. Can you tell me about your current circumstances?',
    negotiation:
      'We can discuss a settlement or a long-term plan based on what you can afford. If we cannot agree today, we will write to you setting out the options and what happens next, and you can call us at any time.',
  },
};

const ZH_COMMON = {
  opening: {
    title: '开场',
    text: '您好，请问是{{customerFullName}}吗？我是{{creditor}}的{{collectorName}}。',
  },
  verification: {
    title: '本人核实',
    text: '为保护您的信息安全，请您先核对一下出生日期和登记地址的前几个字，可以吗？（核实为本人之前，不向任何人透露账户信息。如果不是本人，只询问方便联系本人的时间，留下姓名和电话后结束通话。）谢谢您，{{customerName}}。{{requiredDisclosure}}',
  },
  willingness: {
    title: '还款意愿与能力',
    text: '认真倾听并记录，适当停顿。以下哪种情况最符合？',
    branches: [
      {
        key: 'willing_able' as const,
        title: '有意愿、有能力',
        text: '谢谢您。今天能否还款{{overdueAmount}}？我可以告诉您还款方式和账户信息。',
      },
      {
        key: 'willing_unable' as const,
        title: '有意愿、暂无能力',
        text: '我理解。我们一起看看您能承受的金额。您每月大概能还多少？一般几号发工资？第一笔可以少一些。',
      },
      {
        key: 'unwilling' as const,
        title: '暂无还款意愿',
        text: '我听到您目前不想还款，能说说原因吗？如果您认为金额有误，我可以为您登记争议，复核期间我们不会再催收。',
      },
    ],
  },
  commitment: {
    title: '确认承诺',
    text: '请客户给出明确承诺，例如“您周五能还{{overdueAmount}}吗？”，而不是“您什么时候能还？”。确认金额、日期和还款渠道。',
  },
  close: {
    title: '总结与结束',
    text: '跟您确认一下：您将于{{promiseDate}}通过{{promiseChannel}}还款{{promiseAmount}}。还款日前我们会给您发提醒。如有变化，请在还款日前联系我们重新商定。感谢您的配合，{{customerName}}。',
  },
};

const ZH_STAGE: Record<StageCode, { reason: string; negotiation: string }> = {
  pre_due: {
    reason: '温馨提醒您，本期应还款{{instalmentAmount}}，到期日为{{dueDate}}。请问您能按时还款吗？',
    negotiation: '如果这个日期不方便，请告诉我哪天合适，我帮您看看能否安排。您也可以开通自动还款，避免遗忘。',
  },
  m1: {
    reason: '系统显示，{{dueDate}}到期的{{overdueAmount}}还没有到账，可能是忘记了。请问是什么情况呢？',
    negotiation: '最简单的方式是现在还清{{overdueAmount}}。如果一次还清有困难，可以在接下来几周内分次还款。',
  },
  m2: {
    reason:
      '您的账户已逾期{{daysPastDue}}天，共{{missedInstalments}}期未还，逾期金额{{overdueAmount}}。我想了解一下您的情况，还款遇到了什么困难？',
    negotiation:
      '为方便您安排，向您说明事实：根据合同会产生滞纳金，且还款情况会按月报送征信。制定一个您能坚持的还款计划可以避免欠款继续增加。您每月大概能还多少？',
  },
  m3: {
    reason:
      '您的账户已逾期{{daysPastDue}}天，逾期金额{{overdueAmount}}。我希望和您一起找到一个您能承受的解决办法。您目前的情况怎么样？',
    negotiation:
      '我们可以为您提供分期还款的选项，首期金额按您的预算来定。如果您遇到困难，请告诉我，我们可以考虑一段时间内降低还款额或延长期限。',
  },
  m4_plus: {
    reason:
      '您的账户已逾期{{daysPastDue}}天，欠款余额{{balanceAmount}}。今天来电是希望和您一起商量解决办法。能说说您现在的情况吗？',
    negotiation:
      '我们可以根据您的能力商量一次性结清或长期还款计划。如果今天不能达成一致，我们会书面告知您可选的方案和后续安排，您也可以随时来电。',
  },
};

function build(
  common: typeof EN_COMMON,
  stage: { reason: string; negotiation: string },
  reasonTitle: string,
  negotiationTitle: string,
): ScriptStep[] {
  return [
    { key: 'opening', ...common.opening },
    { key: 'verification', ...common.verification },
    { key: 'reason', title: reasonTitle, text: stage.reason },
    { key: 'willingness', ...common.willingness },
    { key: 'negotiation', title: negotiationTitle, text: stage.negotiation },
    { key: 'commitment', ...common.commitment },
    { key: 'close', ...common.close },
  ];
}

const STAGE_NAMES: Record<ScriptLocale, Record<StageCode, string>> = {
  en: {
    pre_due: 'Pre-due reminder',
    m1: 'Early arrears (M1)',
    m2: 'M2 firm and factual',
    m3: 'M3 resolution',
    m4_plus: 'M4+ recovery',
  },
  'zh-CN': { pre_due: '到期前提醒', m1: '早期逾期（M1）', m2: 'M2 说明事实', m3: 'M3 协商解决', m4_plus: 'M4+ 回收' },
};

export interface DefaultScript {
  stage: StageCode;
  locale: ScriptLocale;
  name: string;
  steps: ScriptStep[];
}

export const DEFAULT_SCRIPTS: DefaultScript[] = (['pre_due', 'm1', 'm2', 'm3', 'm4_plus'] as const).flatMap((stage) => [
  {
    stage,
    locale: 'en' as const,
    name: STAGE_NAMES.en[stage],
    steps: build(EN_COMMON, EN_STAGE[stage], 'Reason for the call', 'Negotiation'),
  },
  {
    stage,
    locale: 'zh-CN' as const,
    name: STAGE_NAMES['zh-CN'][stage],
    steps: build(ZH_COMMON, ZH_STAGE[stage], '来电原因', '协商方案'),
  },
]);

/** Required disclosure after right-party verification, per compliance profile and language. */
export const REQUIRED_DISCLOSURE: Record<'US' | 'UK' | 'CN', Record<ScriptLocale, string>> = {
  US: {
    en: 'This is an attempt to collect a debt, and any information obtained will be used for that purpose. This call may be recorded.',
    'zh-CN': '本次通话是为了催收债务，所获得的任何信息都将用于此目的。通话可能会被录音。',
  },
  UK: {
    en: 'I am calling about your account. This call may be recorded for training and quality purposes.',
    'zh-CN': '我是就您的账户来电。为培训和服务质量，本次通话可能会被录音。',
  },
  CN: {
    en: 'I am calling about your account. This call may be recorded.',
    'zh-CN': '我是就您的账户来电，本次通话可能会被录音。',
  },
};

export type ObjectionCategory = ObjectionCategoryCode;

export interface DefaultObjection {
  category: ObjectionCategory;
  locale: ScriptLocale;
  customerSays: string;
  answer: string;
}

const OBJ: Record<ObjectionCategory, { en: [string, string]; zh: [string, string] }> = {
  already_paid: {
    en: [
      'I already paid.',
      'Thank you for telling me. So I can find it, when did you pay, how much, and through which channel? If you have a reference number, that helps. I will check it against our records and will not press for payment while we verify it.',
    ],
    zh: [
      '我已经还过了。',
      '谢谢您告知。为了核实，请问您是哪天、通过什么渠道还了多少钱？如果有交易流水号就更好了。我会与系统记录核对，核实期间不会再催您还款。',
    ],
  },
  payment_in_progress: {
    en: [
      'The cheque is in the post / the transfer is on its way.',
      'Thank you. On what date was it sent, for how much, and what is the reference? I will note it and check that it arrives; if it has not arrived by [date], may I call you on [day] to check together?',
    ],
    zh: [
      '钱已经转了，还在路上。',
      '谢谢您。请问是哪天转的、金额多少、流水号是多少？我记录下来并跟进到账情况。如果[日期]前还没到账，我[星期几]再给您打电话一起核对，可以吗？',
    ],
  },
  cash_flow: {
    en: [
      'I do not have the money right now.',
      'I understand that things are tight. Could you pay part of it today, even a small amount, and the rest in instalments? Tell me what you can afford each month and when you are paid, and we will build a plan around that.',
    ],
    zh: [
      '我现在手头没钱。',
      '我理解您现在资金紧张。今天能否先还一部分，哪怕金额小一些，剩下的分期还？请告诉我您每月能承受的金额和发薪日，我们按您的情况来制定计划。',
    ],
  },
  job_loss_or_illness: {
    en: [
      'I lost my job / I have been ill.',
      'I am sorry to hear that. Thank you for telling me. We have options for customers in difficulty: a lower payment for a period, more time, or pausing while you get advice. Free, independent debt advice is available too. What would help you most right now?',
    ],
    zh: [
      '我失业了／我生病了。',
      '听到这个消息我很抱歉，谢谢您告诉我。对于遇到困难的客户，我们可以在一段时间内降低还款额、延长期限。请问目前对您最有帮助的是什么？',
    ],
  },
  never_received_bill: {
    en: [
      'I never received a bill.',
      'I am sorry about that. Let me confirm your address and e-mail and send the statement today. Once you have it, how would you like to pay: by card, bank transfer or direct debit?',
    ],
    zh: [
      '我从来没收到过账单。',
      '很抱歉。我先核对一下您的地址和邮箱，今天就把账单发给您。收到后，您希望通过哪种方式还款？',
    ],
  },
  dispute: {
    en: [
      'That amount is wrong / there was a problem with the goods.',
      'Thank you for telling me. I will register a dispute with the details you give me and we will stop asking for payment on the disputed part while it is reviewed. What exactly is wrong, and do you have any documents we should see?',
    ],
    zh: [
      '金额不对／商品有问题。',
      '谢谢您告知。我会根据您提供的情况登记争议，复核期间不会就争议部分催收。请问具体是哪里有问题？有没有相关凭证需要我们查看？',
    ],
  },
  forgot: {
    en: [
      'I forgot.',
      'That happens. Could you make the payment now while we are on the phone? I can also help you set up a reminder or automatic payment for the next instalments.',
    ],
    zh: ['我忘了。', '这很常见。趁现在通话，方便现在就还款吗？我也可以帮您设置还款提醒或自动还款，避免下次遗忘。'],
  },
  call_later: {
    en: [
      'Call me later.',
      'Of course. What exact time suits you? Shall I call you on [day] at [time]? I will make a note and call you then.',
    ],
    zh: ['晚点再打给我。', '好的。您什么时间方便？我[星期几][几点]给您回电可以吗？我会记下来按时联系您。'],
  },
  wrong_person: {
    en: [
      'You have the wrong person.',
      'I apologise for the trouble. Could you confirm the number I have reached so I can correct our records? (Do not mention the account or the debt. Mark the number as wrong and end the call politely.)',
    ],
    zh: [
      '你打错了。',
      '抱歉打扰您了。请问我拨打的是这个号码吗？我会更正记录。（不要提及账户或欠款，将号码标记为错误后礼貌结束通话。）',
    ],
  },
};

export const DEFAULT_OBJECTIONS: DefaultObjection[] = OBJECTION_CATEGORIES.flatMap((category) => [
  { category, locale: 'en' as const, customerSays: OBJ[category].en[0], answer: OBJ[category].en[1] },
  { category, locale: 'zh-CN' as const, customerSays: OBJ[category].zh[0], answer: OBJ[category].zh[1] },
]);

/** The steps every script has, in this order; the willingness step has these three branches. */
export const SCRIPT_STEP_ORDER: StepKey[] = [
  'opening',
  'verification',
  'reason',
  'willingness',
  'negotiation',
  'commitment',
  'close',
];
export const WILLINGNESS_BRANCHES: BranchKey[] = [...SCRIPT_BRANCHES];

/** Why `text` is refused for its variables ("uses unknown variable {{x}}; known: ..."), or null. */
export function unknownVariablesProblem(text: string): string | null {
  const unknown = unknownVariables(text);
  if (!unknown.length) return null;
  return `uses unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `{{${u}}}`).join(', ')}; known: ${SCRIPT_VARIABLES.join(', ')}`;
}

/**
 * What is wrong with a script's structure, each problem naming its field (steps.N.text...):
 * the steps in order, no empty text, the willingness branches, only known variables.
 */
export function scriptStepProblems(
  steps: { key: string; title: string; text: string; branches?: { key: string; title: string; text: string }[] }[],
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const keys = steps.map((s) => s.key).join(',');
  if (keys !== SCRIPT_STEP_ORDER.join(','))
    problems.push({ field: 'steps', message: `must be the steps ${SCRIPT_STEP_ORDER.join(', ')} in this order` });
  const check = (field: string, text: string) => {
    if (!text.trim()) problems.push({ field, message: 'is required' });
    const variables = unknownVariablesProblem(text);
    if (variables) problems.push({ field, message: variables });
  };
  steps.forEach((step, i) => {
    if (!step.title.trim()) problems.push({ field: `steps.${i}.title`, message: 'is required' });
    check(`steps.${i}.text`, step.text);
    if (step.key === 'willingness') {
      const branchKeys = (step.branches ?? []).map((b) => b.key).join(',');
      if (branchKeys !== WILLINGNESS_BRANCHES.join(','))
        problems.push({ field: `steps.${i}.branches`, message: `must be ${WILLINGNESS_BRANCHES.join(', ')}` });
      (step.branches ?? []).forEach((b, j) => check(`steps.${i}.branches.${j}.text`, b.text));
    } else if (step.branches?.length) {
      problems.push({ field: `steps.${i}.branches`, message: 'only the willingness step has branches' });
    }
  });
  return problems;
}
