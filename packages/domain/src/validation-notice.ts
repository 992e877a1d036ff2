import type { IsoDate } from './dates.js';
import { formatMoney } from './money.js';

/**
 * The validation notice (Reg F 12 CFR 1006.34), with the content of the model form (appendix B,
 * form B-1) built from the account's own figures. Money is integer minor units, formatted with the
 * account's currency; dates are calendar dates. The content is data (blocks of text); the API
 * lays it out as a PDF letter. English always; a complete Chinese translation may go with it
 * (1006.34(e): a translated notice is allowed when the English one is also provided).
 */
export type NoticeLocale = 'en' | 'zh-CN';

export interface ValidationNoticeInput {
  locale: NoticeLocale;
  /** 1006.34(c)(1): the debt collector's name and mailing address. */
  collector: { name: string; mailingAddress: string[] };
  /** 1006.34(c)(2)(ii): the consumer's name and mailing address. */
  consumer: { name: string; mailingAddress: string[] };
  /** 1006.34(c)(2)(vi): the creditor to whom the debt is currently owed. */
  creditor: string;
  /** 1006.34(c)(2)(iii): for a consumer-financial-product debt, the creditor as of the itemization date. */
  creditorOnItemizationDate: string;
  /** 1006.34(c)(2)(iv): the account number (or a truncated one). */
  accountNumber: string;
  /** 1006.34(b)(3): the itemization date. */
  itemizationDate: IsoDate;
  currency: string;
  /** 1006.34(c)(2)(vii): interest, fees, payments and credits since the itemization date. */
  interestSinceMinor: bigint;
  feesSinceMinor: bigint;
  paymentsCreditsSinceMinor: bigint;
  /** 1006.34(c)(2)(viii): the current amount of the debt. */
  currentAmountMinor: bigint;
  /** 1006.34(c)(3)(ii): the end of the validation period. */
  validationEndsOn: IsoDate;
}

/** 1006.34(c)(2)(v): the amount on the itemization date follows from today's figures and what happened since. */
export function amountOnItemizationDate(
  i: Pick<
    ValidationNoticeInput,
    'currentAmountMinor' | 'interestSinceMinor' | 'feesSinceMinor' | 'paymentsCreditsSinceMinor'
  >,
): bigint {
  return i.currentAmountMinor - i.interestSinceMinor - i.feesSinceMinor + i.paymentsCreditsSinceMinor;
}

export type NoticeBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'address'; lines: string[] }
  | { kind: 'figure'; label: string; value: string; emphasis?: boolean }
  | { kind: 'bullet'; text: string }
  | { kind: 'checkbox'; text: string }
  | { kind: 'tear_off' };

export interface ValidationNoticeContent {
  locale: NoticeLocale;
  title: string;
  blocks: NoticeBlock[];
}

const CFPB_URL = 'www.cfpb.gov/debt-collection';

function formatDate(date: IsoDate, locale: NoticeLocale): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (locale === 'zh-CN') return `${y}年${m}月${d}日`;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** The notice's content in `input.locale`, every figure from the input. */
export function validationNoticeContent(input: ValidationNoticeInput): ValidationNoticeContent {
  const zh = input.locale === 'zh-CN';
  const money = (minor: bigint) =>
    formatMoney({ amountMinor: minor, currency: input.currency }, zh ? 'zh-CN' : 'en-US');
  const it = formatDate(input.itemizationDate, input.locale);
  const end = formatDate(input.validationEndsOn, input.locale);
  const owedThen = amountOnItemizationDate(input);
  const c = input.collector.name;
  const header: NoticeBlock[] = [
    { kind: 'address', lines: [c, ...input.collector.mailingAddress] },
    { kind: 'address', lines: [input.consumer.name, ...input.consumer.mailingAddress] },
  ];
  const form = (t: {
    mailTo: string;
    respond: string;
    dispute: string;
    notMine: string;
    wrongAmount: string;
    other: string;
    original: string;
    enclosed: string;
  }): NoticeBlock[] => [
    { kind: 'tear_off' },
    { kind: 'paragraph', text: t.mailTo },
    { kind: 'address', lines: [c, ...input.collector.mailingAddress] },
    { kind: 'address', lines: [input.consumer.name, ...input.consumer.mailingAddress] },
    { kind: 'heading', text: t.respond },
    { kind: 'paragraph', text: t.dispute },
    { kind: 'checkbox', text: t.notMine },
    { kind: 'checkbox', text: t.wrongAmount },
    { kind: 'checkbox', text: t.other },
    { kind: 'checkbox', text: t.original },
    { kind: 'checkbox', text: t.enclosed },
  ];

  if (zh)
    return {
      locale: 'zh-CN',
      title: '债务核实通知（英文通知的完整中文译本）',
      blocks: [
        ...header,
        {
          kind: 'paragraph',
          text: `${c}是债务催收方。我们正在催收您欠${input.creditor}的一笔债务。我们会使用您提供的任何信息来协助催收该债务。`,
        },
        { kind: 'heading', text: '我们的记录显示：' },
        {
          kind: 'paragraph',
          text: `您在${input.creditorOnItemizationDate}有一个账户，账号为 ${input.accountNumber}。`,
        },
        { kind: 'figure', label: `截至${it}，您欠款：`, value: money(owedThen) },
        { kind: 'paragraph', text: `自${it}至今：` },
        { kind: 'figure', label: '您被收取的利息：', value: `+ ${money(input.interestSinceMinor)}` },
        { kind: 'figure', label: '您被收取的费用：', value: `+ ${money(input.feesSinceMinor)}` },
        { kind: 'figure', label: '您已支付或被抵免的金额：', value: `– ${money(input.paymentsCreditsSinceMinor)}` },
        { kind: 'figure', label: '目前债务总额：', value: money(input.currentAmountMinor), emphasis: true },
        { kind: 'heading', text: '您如何对该债务提出异议？' },
        {
          kind: 'bullet',
          text: `请在${end}之前致电或写信给我们，对全部或部分债务提出异议。如果您不这样做，我们将认为我们的信息是正确的。`,
        },
        {
          kind: 'bullet',
          text: `如果您在${end}之前写信给我们，在我们向您寄送证明您欠该债务的信息之前，我们必须停止催收您有异议的任何金额。您可以使用下方表格，也可以不使用表格直接写信给我们，并可附上证明文件。`,
        },
        { kind: 'heading', text: '您还可以做什么？' },
        {
          kind: 'bullet',
          text: `如果原债权人与现债权人不同，您可以写信要求我们提供原债权人的名称和地址。如果您在${end}之前写信，在我们向您寄送该信息之前，我们必须停止催收。`,
        },
        {
          kind: 'bullet',
          text: `访问 ${CFPB_URL}（美国消费者金融保护局）了解您在联邦法律下的权利。例如，您有权停止或限制我们与您联系的方式。`,
        },
        { kind: 'bullet', text: '联系我们了解您的还款方式。' },
        ...form({
          mailTo: '请将此表格寄至：',
          respond: '您希望如何回复？',
          dispute: '请勾选所有适用项。我想对该债务提出异议，因为我认为：',
          notMine: '这不是我的债务。',
          wrongAmount: '金额有误。',
          other: '其他（请在背面说明或附上补充信息）。',
          original: '我希望您寄给我原债权人的名称和地址。',
          enclosed: `我随附了以下金额：________（支票抬头请写${c}，并注明账号 ${input.accountNumber}）。`,
        }),
      ],
    };

  return {
    locale: 'en',
    title: 'Validation notice',
    blocks: [
      ...header,
      {
        kind: 'paragraph',
        text: `${c} is a debt collector. We are trying to collect a debt that you owe to ${input.creditor}. We will use any information you give us to help collect the debt.`,
      },
      { kind: 'heading', text: 'Our information shows:' },
      {
        kind: 'paragraph',
        text: `You had an account from ${input.creditorOnItemizationDate} with account number ${input.accountNumber}.`,
      },
      { kind: 'figure', label: `As of ${it}, you owed:`, value: money(owedThen) },
      { kind: 'paragraph', text: `Between ${it} and today:` },
      {
        kind: 'figure',
        label: 'You were charged this amount in interest:',
        value: `+ ${money(input.interestSinceMinor)}`,
      },
      { kind: 'figure', label: 'You were charged this amount in fees:', value: `+ ${money(input.feesSinceMinor)}` },
      {
        kind: 'figure',
        label: 'You paid or were credited this amount toward the debt:',
        value: `– ${money(input.paymentsCreditsSinceMinor)}`,
      },
      {
        kind: 'figure',
        label: 'Total amount of the debt now:',
        value: money(input.currentAmountMinor),
        emphasis: true,
      },
      { kind: 'heading', text: 'How can you dispute the debt?' },
      {
        kind: 'bullet',
        text: `Call or write to us by ${end}, to dispute all or part of the debt. If you do not, we will assume that our information is correct.`,
      },
      {
        kind: 'bullet',
        text: `If you write to us by ${end}, we must stop collection on any amount you dispute until we send you information that shows you owe the debt. You may use the form below or write to us without the form. You may also include supporting documents.`,
      },
      { kind: 'heading', text: 'What else can you do?' },
      {
        kind: 'bullet',
        text: `Write to ask for the name and address of the original creditor, if different from the current creditor. If you write by ${end}, we must stop collection until we send you that information. You may use the form below or write to us without the form.`,
      },
      {
        kind: 'bullet',
        text: `Go to ${CFPB_URL} to learn more about your rights under federal law. For instance, you have the right to stop or limit how we contact you.`,
      },
      { kind: 'bullet', text: 'Contact us about your payment options.' },
      ...form({
        mailTo: 'Mail this form to:',
        respond: 'How do you want to respond?',
        dispute: 'Check all that apply. I want to dispute the debt because I think:',
        notMine: 'This is not my debt.',
        wrongAmount: 'The amount is wrong.',
        other: 'Other (please describe on reverse or attach additional information).',
        original: 'I want you to send me the name and address of the original creditor.',
        enclosed: `I enclosed this amount: ________ Make your check payable to ${c}. Include the reference number ${input.accountNumber}.`,
      }),
    ],
  };
}

/** All the text of the content, in order (what a reader of the letter sees). */
export function noticeText(content: ValidationNoticeContent): string {
  return [
    content.title,
    ...content.blocks.map((b) =>
      b.kind === 'address'
        ? b.lines.join('\n')
        : b.kind === 'figure'
          ? `${b.label} ${b.value}`
          : b.kind === 'tear_off'
            ? ''
            : b.text,
    ),
  ].join('\n');
}
