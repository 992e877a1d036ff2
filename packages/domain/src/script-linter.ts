import type { LintCategoryCode } from '@crm/contracts';
import type { ScriptStep } from './script-library.js';

/**
 * Compliance linter for the script library (compliance.md, "Script library linter"). The rules
 * are data: for each category, patterns in English and Chinese (written in simplified
 * characters; traditional characters are mapped to simplified before matching, one character
 * for one so spans stay true), a lawful alternative to suggest, and an explanation. Matching
 * survives case, spacing, word order (co-occurrence rules within one sentence) and synonyms
 * (alternations); a negation just before a match ("we will not contact your employer",
 * "我们不会上门") keeps lawful reassurance from being flagged.
 */
export type LintCategory = LintCategoryCode;
export type LintLocale = 'en' | 'zh-CN';

export interface LintFinding {
  category: LintCategory;
  start: number;
  end: number;
  excerpt: string;
  message: string;
  suggestion: string;
}

interface Rule {
  category: LintCategory;
  /** Any one of these matches. */
  any?: string[];
  /** All of these within one sentence, in any order. */
  all?: string[][];
}

interface CategoryText {
  message: string;
  suggestion: Record<LintLocale, string>;
}

export const LINT_CATEGORY_TEXT: Record<LintCategory, CategoryText> = {
  arrest_or_crime: {
    message:
      'Mentions arrest, jail or a crime. Not paying a debt is not a crime; never imply arrest or criminal charges.',
    suggestion: {
      en: 'Explain the balance, the options to pay, and what happens next in plain terms.',
      'zh-CN': '说明欠款金额、还款方式以及后续流程，不涉及刑事后果。',
    },
  },
  impersonation: {
    message: 'Claims to be, or to call for, the police, a court, the government or a lawyer.',
    suggestion: {
      en: 'My name is {{collectorName}} and I am calling from {{creditor}}.',
      'zh-CN': '我是{{creditor}}的{{collectorName}}。',
    },
  },
  false_legal_action: {
    message: 'Threatens legal action or enforcement (suing, seizing, freezing) that may not be intended or possible.',
    suggestion: {
      en: 'If we cannot agree, we will write to you setting out the options and what happens next.',
      'zh-CN': '如果今天无法达成一致，我们会书面告知您可选方案和后续流程。',
    },
  },
  false_urgency: {
    message: 'Creates false urgency or a fake escalation (automatic deadlines, "last chance").',
    suggestion: { en: 'Could we agree on a date that works for you?', 'zh-CN': '我们可以约定一个您方便的还款日期吗？' },
  },
  third_party_disclosure: {
    message: 'Tells or threatens to tell family, employer, neighbours or other contacts about the debt.',
    suggestion: { en: 'We only discuss your account with you.', 'zh-CN': '您的账户信息我们只与您本人沟通。' },
  },
  insult: {
    message: 'Insults or humiliates the customer.',
    suggestion: {
      en: 'I understand this is difficult. Let us find a way forward together.',
      'zh-CN': '我理解您的难处，我们一起想想办法。',
    },
  },
  blacklist_or_relatives: {
    message: "Threatens blacklists or harm to relatives' prospects (school, jobs, credit).",
    suggestion: {
      en: 'Late payments may be reported to credit reference agencies as the law allows; we can help you avoid that.',
      'zh-CN': '逾期记录可能依法报送征信机构，我们可以一起避免这种情况。',
    },
  },
  borrow_to_pay: {
    message: 'Urges the customer to borrow, use another card or sell assets to pay.',
    suggestion: {
      en: 'We can discuss a payment plan based on what you can afford.',
      'zh-CN': '我们可以根据您的能力为您提供分期还款的选项。',
    },
  },
  private_channel_or_fee: {
    message: 'Asks for payment to a private channel or invents a fee.',
    suggestion: {
      en: 'Please pay only through the official channels of {{creditor}}.',
      'zh-CN': '请只通过{{creditor}}的官方渠道还款。',
    },
  },
  visit_or_violence: {
    message: 'Threatens a visit, harm or violence.',
    suggestion: {
      en: 'You can call us back at any time on our official number.',
      'zh-CN': '您可以随时拨打我们的官方电话联系我们。',
    },
  },
  missing_disclosure: {
    message:
      'The opening must identify the collector and the creditor, and the required disclosure (US: this is an attempt to collect a debt) must be given.',
    suggestion: {
      en: 'My name is {{collectorName}} and I am calling from {{creditor}}. … {{requiredDisclosure}}',
      'zh-CN': '我是{{creditor}}的{{collectorName}}。……{{requiredDisclosure}}',
    },
  },
};

// ---- Rules (data) -------------------------------------------------------------------------

const EN_RULES: Rule[] = [
  {
    category: 'arrest_or_crime',
    any: [
      'arrest(?:ed|ing)?',
      '(?:go|going|be sent|end up) (?:to|in) (?:jail|prison)',
      'jail',
      'prison',
      'locked up',
      'criminal (?:charges?|record|case|offen[cs]e)',
      '(?:a|the) crime',
      'fraud(?:ster)?',
      'behind bars',
      'warrants?(?: for your arrest)?',
      'handcuff(?:s|ed)?',
      'press(?:ing)? charges',
      'criminal',
      "(?:sheriff|marshals?|officers?|cops?) (?:will|'ll|are going to|is going to) (?:come|arrive|knock|show up|pick you up)",
      'police (?:will|are going to|could|would) (?:come|pick|take|be (?:informed|notified|called|involved))',
      '(?:call|inform|notify|involve|tell) the police',
      'report you to the (?:police|authorities)',
    ],
  },
  {
    category: 'impersonation',
    any: [
      "(?:this is|i am|i'm|we are|we're|calling (?:from|on behalf of)|this call is from|i work (?:with|for)|we work (?:with|for)|on behalf of) (?:the |a |an |your )?(?:local |district |county |federal |state )?(?:police(?: department)?|court|sheriff(?:'s office)?|marshal|magistrate|judge|government|attorney general|district attorney|prosecutor(?:'s office)?|law enforcement|(?:police |court |government |federal )?(?:officer|agent)|lawyer|attorney|solicitor|law firm|legal department of the court|irs|fbi|tax office)",
    ],
  },
  {
    category: 'false_legal_action',
    any: [
      'sue you',
      'su(?:e|ing) you',
      '(?:file|filing|start|take) (?:a )?(?:law ?suit|legal action|court action)',
      'take you to court',
      'court (?:tomorrow|today|this week)',
      'seiz(?:e|ing|ure of) (?:your )?(?:house|home|car|property|assets|belongings)',
      'garnish(?:ee|ing)? (?:your )?(?:wages|salary)',
      'freez(?:e|ing) (?:all )?(?:of )?your (?:bank )?accounts?',
      'repossess(?:ing|ion)?',
      'bailiffs? (?:will|are going to)',
      'take (?:away )?your (?:car|house|home|property|belongings|assets|furniture|tv)',
      '(?:wages?|salary|pay) (?:will be|gets?|is going to be|are going to be) garnished',
      'empty (?:out )?your (?:bank )?accounts?',
      'take (?:all )?(?:the )?money (?:from|out of) your (?:bank )?account',
      '(?:put|place) a lien on',
    ],
  },
  {
    category: 'false_urgency',
    any: [
      'last chance',
      'final (?:warning|notice|chance) (?:today|now)',
      'the system (?:will )?automatically',
      '(?:hand(?:ed)?|pass(?:ed)?|send|sent|transfer(?:red)?|escalat(?:e|ed)) (?:your (?:file|case|account) )?to (?:head ?quarters|hq|head office|the legal department)',
      '(?:nobody|no one) can stop (?:it|this)',
      '(?:before|by) \\d{1,2} ?(?:o.?clock|pm|am|:\\d\\d)',
      '(?:it|your (?:file|case|account)) (?:goes|will go|gets (?:sent|passed)|will be (?:sent|passed|handed)) (?:over )?to (?:legal|our lawyers|the lawyers|head ?quarters|head office)',
      'within (?:the next )?\\d+ (?:minutes|hours)',
      'today or never',
      'now or never',
      '(?:final|last) (?:opportunity|chance|warning)',
      '(?:offer|deal|this) (?:expires|ends|runs out) (?:in|within|today|tonight|at)',
      "after today(?!['’]s)",
      'nothing (?:i|we|anyone) (?:can|could|will be able to) do',
      'ultimatum',
      '(?:hand(?:ed)?|pass(?:ed)?|send|sent|transfer(?:red)?|escalat(?:e|ed)|refer(?:red)?) (?:over )?(?:your (?:file|case|account) )?to (?:the |our )?(?:legal (?:department|team)|lawyers)',
    ],
  },
  {
    category: 'third_party_disclosure',
    all: [
      [
        'tell',
        'telling',
        'inform',
        'notify',
        'contact',
        'call',
        'calling',
        'let (?:\\w+ ){1,3}know',
        'speak(?:ing)? to',
        'talk(?:ing)? to',
        'reach out to',
        'write to',
      ],
      [
        'family',
        'relatives?',
        'wife',
        'husband',
        'spouse',
        'partner',
        'parents?',
        'children',
        'kids',
        'employer',
        'boss',
        'manager',
        'hr',
        'colleagues?',
        'co-?workers?',
        'neighbou?rs?',
        'friends?',
        'contacts',
        'references',
        'everyone you know',
      ],
    ],
  },
  {
    category: 'third_party_disclosure',
    any: [
      'your (?:mother|father|mum|mom|dad|parents|wife|husband|partner|boss|employer|manager|family|neighbou?rs?|colleagues|co-?workers|friends|children|kids) (?:will|are going to|is going to|would) (?:hear|find out|know|learn|be told|get a call)',
      'everyone (?:at (?:work|your (?:work|office|job))|you know|in your (?:family|building|street)) (?:will|is going to) (?:know|hear|find out|learn)',
    ],
  },
  {
    category: 'third_party_disclosure',
    all: [
      ['post', 'posting', 'publish', 'share', 'sharing', 'expose', 'name and shame'],
      ['social media', 'facebook', 'instagram', 'twitter', 'tiktok', 'wechat moments', 'the internet'],
    ],
  },
  {
    category: 'insult',
    any: [
      'liar',
      'deadbeat',
      'loser',
      'scum',
      'shame on you',
      'shameless',
      'pathetic',
      'stupid',
      'idiot',
      'thief',
      'cheat(?:er)?',
      'disgrace(?:ful)?',
      'worthless',
      'useless',
      'lazy',
      'irresponsible',
      '(?:should|ought to) be ashamed',
      'you people',
      'scroungers?',
      'parasites?',
      'good[- ]for[- ]nothing',
      'low ?lifes?',
      'dishonest',
    ],
  },
  {
    category: 'blacklist_or_relatives',
    any: [
      'black ?list(?:ed)?',
      "your (?:children|kids|family|son|daughter)(?:'s)? (?:will|won't|cannot|can't|future|prospects|school|jobs?)",
      'ruin your (?:family|children|kids)',
      '(?:ruin|destroy|wreck)(?:ed|s)? (?:your )?credit (?:forever|for life|permanently)',
      'credit (?:will be|is) (?:ruined|destroyed|wrecked) (?:forever|for life|permanently)',
      'never (?:be able to )?(?:get|have) (?:a |any )?(?:loan|mortgage|credit card|credit) again',
      '(?:debtors?|defaulters?|deadbeats?) (?:list|register|registry|database)',
      'your (?:children|kids|family|son|daughter) (?:will )?(?:suffer|pay for)',
    ],
  },
  {
    category: 'borrow_to_pay',
    any: [
      'borrow (?:the )?(?:money|it|from)',
      '(?:take|get) (?:out )?(?:a |another )?(?:payday )?loan',
      'use (?:another|a different|your other|a second) (?:credit )?card',
      '(?:put|charge|pay) (?:it|this|the balance) (?:on|with) (?:another|a different|your other|a second|a new) (?:credit )?card',
      'lend you (?:the |some )?money',
      '(?:ask|get) (?:your |a |some )?(?:family|friends?|parents|relatives|brother|sister|someone|colleagues?)(?: members?)? (?:to|for) (?:lend|loan|a loan|the money|some money|money|help (?:you )?pay|cover)',
      'cash advance',
      'sell (?:something|anything|some of your things|your stuff|your things)',
      '(?:re)?mortgage (?:your|the) (?:house|home|flat)',
      'ask your (?:parents|family|friends|mum|mom|dad|relatives) for (?:the |some )?money',
      'max out',
      'sell (?:your )?(?:car|house|home|jewel(?:le)?ry|belongings|assets|phone|furniture)',
      'pawn',
    ],
  },
  {
    category: 'private_channel_or_fee',
    any: [
      '(?:my|our) (?:personal|private) (?:bank )?(?:account|wallet|number)',
      'personal (?:bank )?account',
      'to me (?:directly|personally)',
      '(?:processing|handling|service|administration|admin|release|clearance) fee',
      'gift ?cards?',
      'cash only',
      '(?:to|into|via|through) my (?:personal |private |own )?(?:paypal|venmo|cash ?app|zelle|bank account|wallet|account|card|phone)',
      'my (?:paypal|venmo|cash ?app|zelle)',
      'western union',
      'moneygram',
      'bitcoin',
      'crypto(?:currency)?',
      'pay (?:it |this |the money )?to me',
    ],
  },
  {
    category: 'visit_or_violence',
    any: [
      "(?:we|someone|our (?:team|agents?)) (?:will|'ll|are going to) (?:come|visit|show up|be) (?:to |at |round )?(?:your )?(?:home|house|door|work|workplace|office)",
      'visit your (?:home|house|workplace|office|family)',
      'hurt you',
      'harm you',
      'beat you',
      "you(?:'ll| will) regret",
      'watch your back',
      'we know where you live',
      'something (?:bad )?(?:will|might) happen',
      "(?:field agents?|collectors?|agents?|someone|people|our (?:team|agents?|staff|people|guys)) (?:will|'ll|are going to|is going to) (?:visit|come (?:to|round|over|by)|drop by|pay you a visit|show up)",
      'send (?:someone|people|an agent|a collector|our (?:team|agents?|people|guys)) (?:to|round to|over to) your',
      'accidents? (?:can |might |do |will )?happen',
      'make us angry',
      "you (?:don't|do not) want (?:to make us|us to come)",
    ],
  },
];

const ZH_RULES: Rule[] = [
  {
    category: 'arrest_or_crime',
    any: [
      '逮捕',
      '抓(?:你|人|起来)',
      '拘留',
      '坐牢',
      '判刑',
      '入狱',
      '监狱',
      '刑事(?:责任|案件|犯罪)?',
      '诈骗',
      '犯罪',
      '(?:公安|警察)(?:会|要|将|就)',
      '报警',
      '报案',
      '警方',
    ],
  },
  {
    category: 'impersonation',
    any: [
      '(?:我们?是|这里是|我这边是)(?:当地的?|本地的?)?(?:公安|警察|派出所|(?:人民|中级|基层)?法院|检察院|律师|政府)',
      '(?:法院|公安局|派出所|检察院|律师事务所|政府)(?:的)?(?:工作人员|打来|通知)',
      '代表(?:法院|公安|警方|政府)',
    ],
  },
  {
    category: 'false_legal_action',
    any: [
      '起诉你',
      '(?:明天|马上|立即|立刻|今天)(?:就)?(?:起诉|开庭|立案)',
      '查封',
      '冻结(?:你的?)?(?:所有|全部)?(?:的)?(?:银行)?(?:账户|资产|卡)',
      '强制执行',
      '拍卖你的',
      '扣押',
      '没收',
      '已(?:经)?(?:被)?(?:立案|起诉)',
      '(?:发|寄)(?:了)?律师函',
      '(?:拖|搬|收|拿|开)走(?:你的?)?(?:车|房子|东西|家具|财产)',
      '(?:车|房子|东西|家具|财产)(?:给你)?(?:拖|搬|收|拿)走',
    ],
  },
  {
    category: 'false_urgency',
    any: [
      '最后(?:一次)?(?:的)?机会',
      '系统(?:会|将)?自动',
      '(?:\\d{1,2}|[一二三四五六七八九十两]{1,3})点(?:钟)?(?:之?前)',
      '(?:上报|移交|转交)(?:给)?(?:总部|总公司|法务)',
      '没有人能?(?:阻止|拦住|改变)',
      '过了今天',
      '最后通牒',
      '过期不候',
      '(?:今天|今晚)(?:之内|以内|内)?必须',
    ],
  },
  {
    category: 'third_party_disclosure',
    all: [
      ['通知', '告诉', '联系', '打电话给', '找', '上门'],
      [
        '家人',
        '父母',
        '亲戚',
        '亲属',
        '配偶',
        '老婆',
        '老公',
        '孩子',
        '单位',
        '领导',
        '老板',
        '同事',
        '邻居',
        '朋友',
        '通讯录',
        '紧急联系人',
      ],
    ],
  },
  {
    category: 'third_party_disclosure',
    any: [
      '通讯录(?:里|上|中)?(?:的)?(?:人|联系人|朋友)?(?:我们)?(?:都|全)?(?:会|要)?(?:打|联系|通知|发)',
      '曝光',
      '(?:发|挂|贴|公布)(?:到|在)(?:朋友圈|网上|微博|抖音|群里|小区)',
      '(?:全家|家人|亲戚|朋友|同事|单位|邻居|所有人)(?:都)?(?:会|要|将)(?:知道|收到)',
    ],
  },
  {
    category: 'insult',
    any: ['骗子', '老赖', '无赖', '不要脸', '丢人', '可耻', '废物', '垃圾', '没良心', '混蛋', '丢脸', '赖账'],
  },
  {
    category: 'blacklist_or_relatives',
    any: [
      '黑名单',
      '征信(?:黑|污点)',
      '影响(?:你的?)?(?:孩子|子女|家人)(?:的)?(?:上学|工作|考公|前途|征信)',
      '(?:孩子|子女)[^。！？，,]{0,4}(?:不能|无法|没法|考不了|上不了|当不了|进不了)(?:上学|考公|公务员|当兵|出国|好学校|大学)?',
    ],
  },
  {
    category: 'borrow_to_pay',
    any: [
      '借钱',
      '借(?:点|些|一笔|一点|个)(?:钱|网贷|贷款)',
      '去借',
      '(?:让|叫|请)(?:你的?)?(?:家人|朋友|亲戚|父母|同事)(?:帮你?|替你)(?:还|垫|出钱)',
      '找(?:朋友|亲戚|家人)借',
      '(?:网贷|贷款)(?:来)?还',
      '用(?:另一张|别的|其他)(?:信用)?卡',
      '刷(?:别的|其他)(?:信用)?卡',
      '卖(?:掉)?(?:你的?)?(?:房子|车|首饰|手机|家具)',
      '(?:房子|车|首饰|手机|家具)卖(?:掉|了)',
      '套现',
      '以贷养贷',
      '高利贷',
      '抵押(?:了|掉)?(?:来|去)?还',
      '(?:房子|车)(?:拿去|去)?抵押',
      '(?:找|向|跟)(?:你的?)?(?:爸妈|父母|家里|亲戚|朋友)(?:要钱|借)',
    ],
  },
  {
    category: 'private_channel_or_fee',
    any: [
      '(?:转|打|付)(?:到|给)(?:我的|我个人的?|我私人的?|个人的?|私人的?)(?:账户|微信|支付宝|银行卡)',
      '私人账户',
      '个人账户',
      '手续费',
      '服务费',
      '处理费',
      '加急费',
      '保证金',
      '押金',
      '(?:解冻|验证|激活|认证)费',
    ],
  },
  {
    category: 'visit_or_violence',
    any: [
      '上门',
      '去你(?:家|公司|单位)',
      '到你(?:家|单位|公司)',
      '(?:打|揍)你',
      '(?:让|叫)你好看',
      '后果自负',
      '小心(?:点|一点|你)',
      '最好小心',
      '知道你住(?:在)?哪',
    ],
  },
];

// Traditional -> simplified for the characters the rules use, as pairs (one character for one,
// so offsets in the normalised text are offsets in the original).
const T2S_PAIRS =
  '監监 獄狱 詐诈 騙骗 員员 會会 將将 門门 這这 裡里 裏里 們们 檢检 師师 務务 訴诉 開开 凍冻 結结 帳账 戶户 資资 產产 強强 執执 賣卖 沒没 機机 統统 動动 點点 報报 總总 攔拦 過过 聯联 繫系 電电 話话 給给 親亲 屬属 單单 領领 導导 闆板 鄰邻 訊讯 錄录 緊紧 賴赖 無无 臉脸 丟丢 恥耻 廢废 徵征 響响 學学 錢钱 貸贷 網网 還还 張张 別别 車车 飾饰 現现 養养 轉转 寶宝 銀银 費费 續续 處处 訪访 讓让 後后 負负 絕绝 決决 選选 項项 說说 為为 來来 對对 時时 賬账 當当 個个 從从 發发 幫帮 墊垫 筆笔 經经 貼贴 網网 區区 羣群 據据 託托 證证 贖赎 讀读 槍枪 險险';
const T2S = new Map(T2S_PAIRS.split(' ').map((pair) => [...pair] as [string, string]));

function normalise(text: string): string {
  let out = '';
  for (const ch of text) out += T2S.get(ch) ?? ch;
  return out;
}

const CJK = /[\u3400-\u9fff]/;
/** Compiles a rule pattern: spaces match any whitespace; between Chinese characters, optional whitespace. */
function compile(pattern: string, locale: LintLocale): RegExp {
  if (locale === 'en')
    return new RegExp(`(?<![\\w])(?:${pattern.replace(/ \?/g, '\\s*').replace(/ /g, '\\s+')})(?![\\w])`, 'giu');
  let out = '';
  const chars = [...pattern];
  chars.forEach((ch, i) => {
    out += ch;
    const next = chars[i + 1];
    if (next && CJK.test(ch) && CJK.test(next)) out += '\\s*';
  });
  return new RegExp(out, 'gu');
}

interface Compiled {
  category: LintCategory;
  any: RegExp[];
  all: RegExp[][];
}
const compiled = new Map<LintLocale, Compiled[]>();
function rulesFor(locale: LintLocale): Compiled[] {
  let c = compiled.get(locale);
  if (!c) {
    c = (locale === 'en' ? EN_RULES : ZH_RULES).map((r) => ({
      category: r.category,
      any: (r.any ?? []).map((p) => compile(p, locale)),
      all: (r.all ?? []).map((group) => group.map((p) => compile(p, locale))),
    }));
    compiled.set(locale, c);
  }
  return c;
}

const NEGATION: Record<LintLocale, RegExp> = {
  // "Why not ..." and "why don't you ..." are suggestions, and "will not hesitate to" a threat, not negations.
  en: /\b(?:(?<!\bwhy\s+)not|never|no|won't|(?<!\bwhy\s+)don't|will not|cannot|can't|nor|without)(?:\s+(?!hesitate\b|wait\b|think twice\b)\w+){0,3}\s*$/i,
  'zh-CN':
    /(?:不会|不要|不得|绝不|决不|从不|没有|无需|禁止|不能|不再|不希望|不建议|不必|不用|请勿|切勿|千万别)[^。！？；，,]{0,4}$/,
};
/** Sentences (with their offsets): rules that need several words look inside one sentence. */
function sentences(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  const re = /[^.!?。！？;；\n]+[.!?。！？;；\n]*/gu;
  for (const m of text.matchAll(re)) out.push({ start: m.index, text: m[0] });
  return out;
}

function negated(text: string, sentenceStart: number, at: number, locale: LintLocale): boolean {
  return NEGATION[locale].test(text.slice(sentenceStart, at));
}

/** Findings in one piece of script text (categories 1-10), in order of position. */
export function lintText(text: string, locale: LintLocale): LintFinding[] {
  const norm = normalise(text);
  const findings: LintFinding[] = [];
  const add = (category: LintCategory, start: number, end: number) => {
    if (findings.some((f) => f.category === category && f.start < end && start < f.end)) return;
    const info = LINT_CATEGORY_TEXT[category];
    findings.push({
      category,
      start,
      end,
      excerpt: text.slice(start, end),
      message: info.message,
      suggestion: info.suggestion[locale],
    });
  };
  for (const s of sentences(norm)) {
    for (const rule of rulesFor(locale)) {
      for (const re of rule.any) {
        for (const m of s.text.matchAll(re)) {
          const start = s.start + m.index;
          if (!negated(norm, s.start, start, locale)) add(rule.category, start, start + m[0].length);
        }
      }
      if (rule.all.length) {
        const hits = rule.all.map((group) =>
          group.flatMap((re) =>
            [...s.text.matchAll(re)].map((m) => ({ start: s.start + m.index, end: s.start + m.index + m[0].length })),
          ),
        );
        if (hits.every((h) => h.length > 0)) {
          const first = Math.min(...hits.map((h) => h[0]!.start));
          const last = Math.max(...hits.map((h) => h[0]!.end));
          if (!negated(norm, s.start, first, locale)) add(rule.category, first, last);
        }
      }
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

const IDENTIFIES_COLLECTOR: Record<LintLocale, RegExp> = {
  en: /\{\{\s*collectorName\s*\}\}|\bmy name is\b/i,
  'zh-CN': /\{\{\s*collectorName\s*\}\}|我(?:是|叫)/,
};
const IDENTIFIES_CREDITOR = /\{\{\s*creditor\s*\}\}/;
const US_DISCLOSURE: Record<LintLocale, RegExp> = {
  en: /\{\{\s*requiredDisclosure\s*\}\}|attempt to collect a debt/i,
  'zh-CN': /\{\{\s*requiredDisclosure\s*\}\}|催收债务/,
};

/**
 * A whole script: every step's text and branches (categories 1-10, with the step they are in),
 * and the disclosure rule (11): the opening names the collector and the creditor, and the
 * required disclosure is given in the opening or the verification step (for the US, that this
 * is an attempt to collect a debt).
 */
export function lintScript(
  steps: ScriptStep[],
  locale: LintLocale,
  profile: 'US' | 'UK' | 'CN' | null = null,
): (LintFinding & { step: string; branch?: string })[] {
  const out: (LintFinding & { step: string; branch?: string })[] = [];
  for (const step of steps) {
    out.push(...lintText(step.text, locale).map((f) => ({ ...f, step: step.key })));
    for (const b of step.branches ?? [])
      out.push(...lintText(b.text, locale).map((f) => ({ ...f, step: step.key, branch: b.key })));
  }
  const opening = steps.find((s) => s.key === 'opening');
  const early = steps
    .filter((s) => s.key === 'opening' || s.key === 'verification')
    .map((s) => s.text)
    .join('\n');
  const info = LINT_CATEGORY_TEXT.missing_disclosure;
  const missing =
    !opening ||
    !IDENTIFIES_COLLECTOR[locale].test(opening.text) ||
    !IDENTIFIES_CREDITOR.test(opening.text) ||
    (profile === 'US' && !US_DISCLOSURE[locale].test(early));
  if (missing) {
    out.push({
      category: 'missing_disclosure',
      start: 0,
      end: opening?.text.length ?? 0,
      excerpt: opening?.text ?? '',
      message: info.message,
      suggestion: info.suggestion[locale],
      step: 'opening',
    });
  }
  return out;
}
