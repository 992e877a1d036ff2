import type { LintCategoryCode } from '@crm/contracts';

/**
 * The linter's knowledge, as data (ADR 022): concepts (who, what, when) with the words that
 * express them in English and Chinese, and rules that name the concepts a sentence must hold
 * for a category. Chinese is written in simplified characters (the text is folded to them
 * first). English terms are words separated by spaces: `x~` is x in any inflection (sue, sues,
 * sued, suing), `x*` any word starting with x, `a|b` either, a trailing `?` makes a word
 * optional and `…` stands for up to five words. In Chinese, `…` stands for up to six characters.
 */
export interface Lexicon {
  en?: string[];
  zh?: string[];
}

export const CONCEPTS = {
  // ---- Who ----
  /** The people around the customer who must never hear about the debt. */
  THIRD_PARTY: {
    en: [
      'mum|mom|mother|dad|father|parent~|grandparent~',
      'famil*',
      'relative~',
      'wife|husband|spouse|partner|girlfriend|boyfriend|fiance|fiancee',
      'boss|manager|employer|workplace|supervisor|hr|colleague~|coworker~|co-worker~',
      'neighbour~|neighbor~|landlord',
      'friend~',
      'contact list|contacts|address book|phone book',
      'everyone you know|everyone|everybody|people at work|everyone at work|the whole street|the whole building',
      'your in-laws',
      'brother~|sister~|son~|daughter~|kid~|child',
    ],
    zh: [
      '家人',
      '家里人',
      '父母',
      '爸妈',
      '爸爸',
      '妈妈',
      '老爸',
      '老妈',
      '亲戚',
      '亲属',
      '配偶',
      '老婆',
      '老公',
      '妻子',
      '丈夫',
      '对象',
      '孩子',
      '子女',
      '单位',
      '领导',
      '老板',
      '上司',
      '同事',
      '人事',
      '人资',
      '公司的人',
      '邻居',
      '小区',
      '朋友',
      '通讯录',
      '联系人',
      '紧急联系人',
      '家族群',
      '全家',
      '所有人',
    ],
  },
  /** Relatives whose prospects a threat names. */
  RELATIVE: {
    en: ['kid~|child|son~|daughter~|famil*|grandchild*'],
    zh: ['孩子', '小孩', '子女', '儿子', '女儿', '全家', '家人', '后代', '孙子'],
  },
  /** A relative's prospects: school, jobs, exams, travel, credit. */
  PROSPECTS: {
    en: [
      'college|school|university|job~|career~|future|application~|exam~|mortgage~|loan~|visa~|prospects',
      'security clearance',
    ],
    zh: [
      '政审',
      '考公',
      '考公务员',
      '公务员',
      '上学',
      '入学',
      '学校',
      '升学',
      '工作',
      '前途',
      '当兵',
      '参军',
      '出国',
      '高铁',
      '飞机',
      '贷款',
      '考研',
    ],
  },
  /** Police, prosecutors and the like. */
  LAW_ENFORCEMENT: {
    en: [
      'police|cop~|sheriff~|marshal~|fbi|prosecutor~|detective~',
      'fraud unit|fraud squad',
      'district attorney',
      'law enforcement',
      'officer~',
    ],
    zh: ['警察', '公安', '派出所', '警方', '经侦', '刑警', '检察院', '检察官', '地检署', '刑事警察局', '调查局'],
  },
  /** Bodies a collector must not claim to be or to speak for. */
  AUTHORITY: {
    en: [
      'court~|judge~|magistrate~|tribunal',
      'police|sheriff~|marshal~|fbi|irs|prosecutor~',
      'officer|agent',
      'government|federal|state attorney|attorney general|district attorney',
      'lawyer~|attorney~|solicitor~|law firm|legal department|legal office|barrister~',
      'enforcement office|enforcement division|bailiff~',
    ],
    zh: [
      '法院',
      '法庭',
      '执行庭',
      '执行处',
      '执行局',
      '公安',
      '警察',
      '派出所',
      '检察院',
      '地检署',
      '律师',
      '律师事务所',
      '律所',
      '政府',
      '监管部门',
      '金管会',
      '银保监',
      '书记员',
      '书记官',
      '法官',
      '刑事警察局',
      '法务部门',
    ],
  },
  /** "This is ...", "I am ...", "calling from ...". */
  SELF_IDENT: {
    en: [
      'this is',
      "i am|i'm",
      'we are',
      'it is',
      'calling from|calling on behalf of|on behalf of',
      'i work for|i work with|we work for|we work with',
      'this call is from|this message is from|this letter is from|calling for|ringing from|writing from|writing on behalf of',
      'here at|speaking from',
    ],
    zh: ['我是', '我们是', '这里是', '这边是', '我这边是', '代表', '来自', '我们这边是'],
  },
  /** The customer as the one accused. */
  YOU_ACCUSED: {
    en: ["you|your|yours|what you did|you are|you have|you've", 'this is|that is|it is'],
    zh: ['你', '您', '这是', '你这', '这种行为'],
  },
  /** Customer's property and money. */
  PROPERTY: {
    en: [
      'house|home|flat|apartment|car|vehicle|tv|television|furniture|belongings|property|asset~|possessions',
      'salary|wage~|paycheck|paycheque|savings|pension|jewel*|laptop|phone',
    ],
    zh: [
      '房子',
      '房产',
      '车',
      '车子',
      '汽车',
      '财产',
      '资产',
      '家具',
      '东西',
      '值钱的东西',
      '工资',
      '薪水',
      '存款',
      '首饰',
      '家当',
    ],
  },
  /** "Take-home pay", "take your time": taking that threatens nothing. */
  BENIGN_TAKE: {
    en: [
      'take home|take-home|take your time|take a payment|take payment~|take the payment|take care|take a moment|take a look|take a break|take a note|take your details',
    ],
  },
  /** Accounts and cards that a threat says will be frozen. */
  ACCOUNTS: {
    en: ['account~|card~|bank account~|credit card~'],
    zh: ['账户', '银行卡', '卡', '账号', '名下', '存款', '信用卡'],
  },
  ALL: { en: ['all|every|everything|each'], zh: ['所有', '全部', '名下', '一切', '全都'] },

  // ---- What ----
  ARREST: {
    en: [
      'arrest~',
      'jail|prison|gaol|in a cell|in the cells|custody|behind bars|locked up|lock~ you up|handcuff~|warrant~',
      'take you in|take you away|pick you up|come for you|haul you',
      'criminal record|criminal charge~|criminal case|criminal proceeding~',
      'press charges|pressing charges|file charges|charge you',
      'prosecut~',
      'call~ the police|report~ you to',
    ],
    zh: [
      '逮捕',
      '抓你',
      '抓人',
      '抓起来',
      '被抓',
      '拘留',
      '坐牢',
      '牢饭',
      '牢',
      '判刑',
      '判几年',
      '判',
      '入狱',
      '监狱',
      '看守所',
      '关起来',
      '被关',
      '蹲',
      '带走',
      '带你走',
      '铐',
      '刑事责任',
      '刑事案件',
      '立案侦查',
      '追究刑事',
      '报警',
    ],
  },
  CRIME: {
    en: ['crime~|criminal|fraud*|theft|thief|thieves|steal~|stolen|illegal|offence~|offense~|felon*|scam~|scammer~'],
    zh: ['犯罪', '诈骗', '诈欺', '欺诈', '恶意透支', '违法', '盗窃', '偷钱', '刑事', '骗钱', '骗贷'],
  },
  /** The customer as a victim or someone warned: fraud words then protect, not accuse. */
  PROTECTIVE: {
    en: [
      'victim~|beware|scam*|protect*|identity theft|fraud claim|report fraud|someone else|someone has|safe|suspicious',
      'used your card|if you think',
    ],
    zh: ['盗刷', '被盗', '谨防', '警惕', '防范', '被骗', '冒充', '保护', '受害', '帮您报案', '协助您报案'],
  },
  /** Handing someone or something over to the police. */
  REPORT: {
    en: ['report~|pass~|hand~|give|given|send|sent|refer~|tell|told|call~|inform~|notif*|involve~'],
    zh: ['报警', '交给', '移交', '报案', '提告', '举报', '通知', '告'],
  },
  /** Suing. */
  SUE: {
    en: [
      'sue~ you|sue~',
      'lawsuit~|law suit~|legal action|court action|legal proceeding~|court proceeding~',
      'take you to court|taking you to court|see you in court',
      'judge will|court will|court order~|judgment against',
      'summons',
    ],
    zh: ['起诉', '告你', '去法院告', '告到法院', '提告', '立案', '开庭', '律师函', '传票', '打官司', '法院判'],
  },
  /** Seizing, freezing, garnishing. */
  SEIZE: {
    en: [
      'seiz*|garnish*|freez*|frozen|repossess*|confiscat*|impound*|lien|levy',
      'bailiff~',
      'empty your',
      'order your salary',
    ],
    zh: [
      '查封',
      '冻结',
      '扣押',
      '强制执行',
      '强制划扣',
      '划扣',
      '拍卖',
      '没收',
      '扣押',
      '封了',
      '冻了',
      '扣工资',
      '扣你',
    ],
  },
  /** Taking things away. */
  TAKE_AWAY: {
    en: ['take~|lock~|empty|clear out|strip'],
    zh: ['拉走', '拖走', '搬走', '收走', '拿走', '开走', '收回'],
  },
  /** Soon, and dated: "tomorrow", "by Monday", "first thing". */
  SOON: {
    en: [
      'tomorrow|tonight|today|immediately|straight away|right away|now|soon|monday|tuesday|wednesday|thursday|friday|saturday|sunday',
      'this week|next week|this afternoon|this evening|first thing|in the morning|within',
    ],
    zh: ['明天', '今天', '今晚', '马上', '立即', '立刻', '下周', '很快', '随时', '明早', '当天', '这周'],
  },
  /** Deadlines counted in minutes, hours or to the o'clock. */
  DEADLINE: {
    en: [
      'within … minute~|within … hour~',
      'one hour|an hour|half an hour|# minutes|#/one/two/ten/fifteen/twenty/thirty/forty/sixty minutes|# hours|#/two/three/twenty-four hours',
      "five o'clock|o'clock|midnight|end of today|end of the day|close of business",
      'by tonight|before tonight|after tonight|after today|by the end of today',
      'right now or|now or never|today or never',
      'pm or|am or',
    ],
    zh: [
      '半小时',
      '一小时',
      '一个小时',
      '分钟内',
      '小时内',
      '点前',
      '点之前',
      '点以前',
      '过了今天',
      '今天之内',
      '今天必须',
      '今晚必须',
      '今天内',
      '十二点',
      '三点',
    ],
  },
  /** Handing the file on to someone more frightening. */
  ESCALATE: {
    en: [
      'escalat*',
      'send~/sent/hand~/pass~/transfer~/submit~/move~/go/goes/going/forward~/refer~ … to our/the/a? head office|send~/sent/hand~/pass~/transfer~/submit~/move~/go/goes/going/forward~/refer~ … to our/the/a? headquarters/hq/legal/lawyers/recovery',
      'send~/sent/hand~/pass~/transfer~/submit~/move~/go/goes/going/forward~/refer~ … to our/the/a? collections/collection/external/outside agency/agencies/team/division/department',
    ],
    zh: [
      '升级',
      '移交',
      '转交',
      '上报',
      '提交到总部',
      '送到总公司',
      '交到总部',
      '转法务',
      '转委外',
      '转外包',
      '委外',
      '法务部',
      '法务',
      '总部',
      '总公司',
    ],
  },
  /** An offer that disappears. */
  EXPIRES: {
    en: ['expire~|end~|run~ out|gone|disappear~|withdrawn|off the table|no longer available'],
    zh: ['失效', '作废', '过期', '取消', '没了', '收回'],
  },
  AUTOMATIC: { en: ['system|automatic*|computer'], zh: ['系统', '自动'] },
  /** Nobody can stop it now. */
  UNSTOPPABLE: {
    en: [
      'nobody can stop|no one can stop|can not stop it|can not stop this|nothing i can do|nothing anyone can do|nothing we can do',
      'out of my hands|out of our hands|too late',
    ],
    zh: ['拦不住', '挡不住', '阻止不了', '没得谈', '没机会', '没有机会', '谁也', '谁都', '来不及', '无法挽回'],
  },
  LAST_CHANCE: {
    en: [
      'last chance|final chance|only chance|last opportunity|final opportunity|final warning|last warning|final notice',
      'gone for good|now or never|today or never|ultimatum',
      'after today it is|after tonight it is',
      'must pay today|have to pay today|today or else|pay now or',
    ],
    zh: [
      '最后机会',
      '最后一次机会',
      '最后的机会',
      '唯一的机会',
      '错过就',
      '过期不候',
      '最后通牒',
      '过了今天',
      '今天必须',
      '今晚必须',
      '必须今天',
      '马上必须',
    ],
  },
  /** Telling, calling, contacting (a third party). */
  TELL: {
    en: [
      'tell~|inform~|notif*|contact~|call~|ring~|phone~|text~|message~|email~|write|explain~|speak~|talk~|mention~|warn~|alert~|visit~',
      'let … know|reach out',
    ],
    zh: [
      '告诉',
      '通知',
      '联系',
      '联络',
      '打电话给',
      '打给',
      '打电话',
      '打一遍',
      '打遍',
      '挨个打',
      '都打',
      '说清楚',
      '说',
      '讲',
      '透露',
      '发到',
      '发给',
      '曝光',
    ],
  },
  /** Third parties learning of it. */
  LEARN: {
    en: ['hear~|find~ out|know|learn~|be told|get a call|see'],
    zh: ['知道', '收到', '晓得', '听说', '看到'],
  },
  /** It is going to happen: a third party learning of it is a threat, not a question. */
  FUTURE: {
    en: ['will|shall|going to|gonna|should|would|soon|about to|is going|are going'],
    zh: ['会', '都会', '就会', '也会', '全会', '要', '将', '就', '马上', '很快', '迟早', '让'],
  },
  PUBLISH: {
    en: ['post~|publish*|share~|expose~|name and shame|put … online|put … on'],
    zh: ['发到', '挂到', '贴到', '公布', '曝光', '发朋友圈', '挂网上'],
  },
  PUBLIC_PLACE: {
    en: ['social media|facebook|instagram|twitter|tiktok|online|internet|the web|group chat|whatsapp group'],
    zh: ['朋友圈', '网上', '微博', '抖音', '群里', '家族群', '小区', '公告栏'],
  },
  INSULT: {
    en: [
      'liar~|deadbeat~|loser~|scum|parasite~|leech*|scrounger~|sponger~|idiot~|moron~|stupid|dumb|pathetic|worthless|useless|lazy|disgrace*|shameless|lowlife|low-life|trash|garbage|cheat|cheater~|crook~|vermin|freeloader~|bum~|thief|thieves',
      'shame on you|be ashamed|should be ashamed|good-for-nothing|good for nothing|you people|people like you|joke of a person|grow up|spoilt child|spoiled child|like a child|no shame|no dignity',
    ],
    zh: [
      '老赖',
      '骗子',
      '无赖',
      '赖皮',
      '赖皮鬼',
      '不要脸',
      '要不要脸',
      '丢人',
      '丢不丢人',
      '丢脸',
      '可耻',
      '废物',
      '垃圾',
      '没良心',
      '混蛋',
      '赖账',
      '脑子有病',
      '有病',
      '脑袋有问题',
      '脑子有问题',
      '败类',
      '没皮没脸',
      '人渣',
      '白痴',
      '蠢',
      '傻',
      '窝囊',
      '没出息',
      '没用的',
      '穷鬼',
      '厚脸皮',
    ],
  },
  BLACKLIST: {
    en: [
      'blacklist*|black list~',
      'debtor~ register|debtor~ list|debtors list|default~ list|deadbeat~ list|national register|our list|the list',
    ],
    zh: ['黑名单', '失信名单', '失信人', '失信', '全行业', '列入', '名单', '征信黑', '信用破产'],
  },
  /** Never again, for life. */
  FOREVER: {
    en: ['again|ever again|for life|forever|permanently|for good|rest of your life|no bank ever'],
    zh: ['一辈子', '永远', '以后都', '再也', '终身', '别想'],
  },
  CREDIT: {
    en: ['loan~|mortgage~|credit|credit card~|finance|lease'],
    zh: ['贷款', '贷到款', '借到钱', '信用', '信用卡', '办卡', '房贷', '车贷'],
  },
  /** Relatives harmed: won't get in, checked, suffer. */
  HARM_PROSPECTS: {
    en: ['will not|never|can not|checked|ruin*|suffer~|pay for|because of you|against your record|on our list'],
    zh: ['过不了', '考不了', '上不了', '进不了', '查到', '受影响', '影响', '当不了', '不能', '别想', '没法'],
  },
  BORROW: {
    en: [
      'borrow~|lend~|loan~ from|payday loan~|payday lender~|cash advance|remortgag*|pawn~|max out|maxing out',
      'take out a loan|get a loan|take a loan',
      'ask~ … for … money/cash/loan|ask~ … to lend/loan/cover/help|get … to lend/cover',
    ],
    zh: [
      '借钱',
      '借一笔',
      '借一借',
      '借点',
      '借些',
      '借个',
      '去借',
      '找…借',
      '跟…借',
      '向…借',
      '找…要钱',
      '跟…要钱',
      '向…要钱',
      '问…要钱',
      '让…出钱',
      '凑一凑',
      '凑钱',
      '凑点',
      '网贷',
      '信贷',
      '套现',
      '套出来',
      '预借现金',
      '垫上',
      '垫一下',
      '先垫',
      '替你垫',
      '帮你垫',
      '替你还',
      '帮你还',
      '典当',
      '当了',
      '以贷养贷',
      '高利贷',
      '贷款来还',
      '抵押…还',
      '借…来还',
      '借…去还',
      '借…先还',
      '借到',
    ],
  },
  /** Words that contain 借 or 贷 and borrow nothing: a debit card, the loan agreement. */
  BENIGN_BORROW: {
    en: ['debit card~|standing order~|direct debit~'],
    zh: ['借记卡', '借记', '借款合同', '借款人', '借方', '贷记卡'],
  },
  OTHER_CARD: {
    en: ['another/other/second/different/new credit/store? card~/visa/mastercard/amex'],
    zh: ['另一张卡', '另一张信用卡', '另一张', '别的卡', '别的信用卡', '其他信用卡', '其他的卡', '其它信用卡'],
  },
  SELL: { en: ['sell~|pawn~'], zh: ['卖掉', '卖了', '卖', '当掉', '当了', '变卖'] },
  ASSETS: {
    en: [
      'car|house|home|flat|jewel*|ring|watch|phone|laptop|furniture|belongings|stuff|things|something|anything|possessions|gold|tv',
    ],
    zh: ['房子', '车', '机车', '摩托', '首饰', '项链', '金项链', '手机', '家具', '电脑', '手表', '金子', '东西'],
  },
  /** A channel outside the creditor's: personal accounts, wallets, vouchers. */
  PRIVATE_ACCOUNT: {
    en: [
      'my personal|my private|my own|personal account~|private account~|my account|my bank|to me directly|to me personally|this number',
      'my paypal|my venmo|my zelle|my cash app',
    ],
    zh: [
      '私人账户',
      '个人账户',
      '私人卡号',
      '私人账号',
      '个人卡',
      '私人卡',
      '我的账户',
      '我的卡',
      '给我',
      '转我',
      '收款码',
      '我的微信',
      '我的支付宝',
    ],
  },
  /** Money sent as gift cards, wires or payment apps. */
  ODD_CHANNEL: {
    en: ['gift card~|itunes|google play card~|steam card~|voucher~|western union|moneygram|bitcoin|crypto*'],
    zh: ['比特币', '礼品卡', '点数卡', '游戏点卡', '虚拟币', '购物卡', '充值卡'],
  },
  /** Payment apps: fine through the creditor's account, not to a person. */
  PAY_APP: {
    en: ['zelle|venmo|paypal|cash app|line pay|wechat pay|alipay|wechat'],
    zh: ['微信转', '微信', '支付宝', '收款码', 'line pay'],
  },
  PAY: {
    en: ['pay~|wire~|transfer~|send|sent|deposit~|put|buy|bring'],
    zh: ['转', '打到', '打给', '汇', '汇到', '付', '交', '缴', '扫', '转账', '汇款', '存到', '打钱'],
  },
  CASH: { en: ['cash|in cash|cash only'], zh: ['现金'] },
  /** A fee that is not in the agreement. */
  FEE: {
    en: [
      'release/admin/administration/processing/handling/service/application/clearance/review/closing/file/call/settlement/unfreezing/verification/release fee~/charge~',
      'fee~ … before',
    ],
    zh: [
      '手续费',
      '服务费',
      '处理费',
      '工本费',
      '申请费',
      '审核费',
      '加急费',
      '保证金',
      '押金',
      '解冻费',
      '验证费',
      '激活费',
      '停催费',
      '销账费',
      '减免费',
    ],
  },
  /** Coming round: at the door, downstairs, to the office. */
  VISIT: {
    en: [
      'visit~|come round|come over|come to|coming to|coming round|come round there|turn up|show up|drop by|pop round|pop by|stop by|knock~',
      'waiting downstairs|waiting outside|wait for you|waiting for you|pay you a visit|at your door|on your doorstep',
      'send~ someone/somebody/people/agent~/collector~/guys/team/bailiff~/round',
    ],
    zh: [
      '上门',
      '登门',
      '找上门',
      '到你家',
      '去你家',
      '去你公司',
      '去你单位',
      '到你单位',
      '外访',
      '到府',
      '拜访',
      '楼下等',
      '等你',
      '门口等',
      '找你',
    ],
  },
  /** The customer's places. */
  PLACE: {
    en: ['home|house|door|doorstep|office|workplace|work|downstairs|outside|street|building|there|flat|school'],
    zh: ['家', '你家', '家里', '公司', '单位', '楼下', '门口', '学校', '小区'],
  },
  /** Threats of harm, veiled or not. */
  HARM: {
    en: [
      'hurt~ you|harm you|beat you|break your|kill|watch your back|something happen~|shame if|accident~ happen|regret it|regret this|you will regret',
      'know where you live|know which school|know where your',
    ],
    zh: [
      '打你',
      '揍你',
      '弄你',
      '让你好看',
      '后果自负',
      '小心点',
      '小心一点',
      '小心你',
      '最好小心',
      '知道你住',
      '知道你家',
      '知道你孩子',
      '知道…住哪',
      '知道…住在哪',
      '知道…哪个学校',
      '知道…哪间学校',
      '知道…哪所学校',
      '知道…在哪',
      '出门小心',
      '路上小心',
      '废了你',
    ],
  },
  /** The one who comes: us, our people, someone. */
  US: {
    en: ['we|we will|our|someone|somebody|our guys|our people|our team|field agent~|me|myself|i'],
    zh: ['我们', '我们的人', '我', '外访组', '外访人员', '有人', '我亲自', '亲自'],
  },
} satisfies Record<string, Lexicon>;

export type Concept = keyof typeof CONCEPTS;

export interface LintRule {
  category: LintCategoryCode;
  /** Each slot: one of these concepts must be in the sentence. */
  all: Concept[][];
  /** No finding when one of these is in the sentence too. */
  unless?: Concept[];
  /** Hits after a negation do not count (default); false where the negation is part of the threat. */
  negatable?: boolean;
  /** The slots in order, each at most this many words after the one before. */
  within?: number;
  /** Only hits in this language. */
  lang?: 'en' | 'zh';
}

export const LINT_RULES: LintRule[] = [
  // 1. Arrest, jail, accusations of crime.
  { category: 'arrest_or_crime', all: [['ARREST']], unless: ['PROTECTIVE'] },
  {
    category: 'arrest_or_crime',
    all: [['LAW_ENFORCEMENT'], ['REPORT', 'ARREST', 'VISIT', 'TAKE_AWAY']],
    unless: ['PROTECTIVE'],
  },
  { category: 'arrest_or_crime', all: [['CRIME'], ['YOU_ACCUSED']], unless: ['PROTECTIVE'] },
  // 2. Impersonating police, courts, government or lawyers.
  { category: 'impersonation', all: [['SELF_IDENT'], ['AUTHORITY']], within: 6 },
  // 3. Legal action not intended or possible.
  { category: 'false_legal_action', all: [['SUE']] },
  { category: 'false_legal_action', all: [['SEIZE'], ['PROPERTY', 'ACCOUNTS', 'ALL']] },
  {
    category: 'false_legal_action',
    all: [['TAKE_AWAY'], ['PROPERTY', 'ALL']],
    within: 3,
    lang: 'en',
    unless: ['BENIGN_TAKE'],
  },
  {
    category: 'false_legal_action',
    all: [['PROPERTY'], ['TAKE_AWAY']],
    within: 3,
    lang: 'en',
    unless: ['BENIGN_TAKE'],
  },
  { category: 'false_legal_action', all: [['PROPERTY', 'ALL'], ['TAKE_AWAY']], lang: 'zh' },
  // 4. False urgency, fake escalation.
  { category: 'false_urgency', all: [['LAST_CHANCE']] },
  { category: 'false_urgency', all: [['UNSTOPPABLE']] },
  { category: 'false_urgency', all: [['ESCALATE']] },
  {
    category: 'false_urgency',
    all: [['DEADLINE'], ['ESCALATE', 'AUTOMATIC', 'UNSTOPPABLE', 'SUE', 'LAST_CHANCE', 'EXPIRES']],
  },
  // 5. Telling family, employer, neighbours, contacts.
  { category: 'third_party_disclosure', all: [['TELL'], ['THIRD_PARTY']], within: 6, lang: 'en' },
  { category: 'third_party_disclosure', all: [['THIRD_PARTY'], ['FUTURE'], ['LEARN']], within: 6, lang: 'en' },
  { category: 'third_party_disclosure', all: [['TELL'], ['THIRD_PARTY']], lang: 'zh' },
  { category: 'third_party_disclosure', all: [['THIRD_PARTY'], ['FUTURE'], ['LEARN']], lang: 'zh' },
  { category: 'third_party_disclosure', all: [['PUBLISH'], ['PUBLIC_PLACE', 'THIRD_PARTY']] },
  // 6. Insults and humiliation.
  { category: 'insult', all: [['INSULT']] },
  // 7. Fake blacklists, relatives' prospects.
  { category: 'blacklist_or_relatives', all: [['BLACKLIST']] },
  { category: 'blacklist_or_relatives', all: [['RELATIVE'], ['PROSPECTS']], negatable: false },
  { category: 'blacklist_or_relatives', all: [['FOREVER'], ['CREDIT']], negatable: false },
  // 8. Borrowing, another card, selling assets.
  { category: 'borrow_to_pay', all: [['BORROW']], unless: ['BENIGN_BORROW'] },
  { category: 'borrow_to_pay', all: [['OTHER_CARD']], lang: 'zh' },
  { category: 'borrow_to_pay', all: [['OTHER_CARD']], lang: 'en' },
  { category: 'borrow_to_pay', all: [['SELL'], ['ASSETS']] },
  // 9. Private channels, invented fees.
  { category: 'private_channel_or_fee', all: [['FEE']] },
  { category: 'private_channel_or_fee', all: [['ODD_CHANNEL']] },
  { category: 'private_channel_or_fee', all: [['PAY', 'PAY_APP'], ['PRIVATE_ACCOUNT']] },
  { category: 'private_channel_or_fee', all: [['PAY_APP'], ['PAY', 'PRIVATE_ACCOUNT', 'US']] },
  { category: 'private_channel_or_fee', all: [['PAY'], ['CASH']] },
  // 10. Visits, violence.
  { category: 'visit_or_violence', all: [['HARM']] },
  { category: 'visit_or_violence', all: [['VISIT'], ['PLACE', 'SOON', 'US']] },
];

/** Words that negate what follows them, and the exceptions. */
export const NEGATION = {
  en: {
    negators: /*#__PURE__*/ new Set([
      'not',
      'never',
      'no',
      'nobody',
      'nothing',
      'none',
      'neither',
      'nor',
      'without',
      'nowhere',
    ]),
    /** "Don't make me come round", "can't you borrow": a threat or a push, not a negation. */
    notBefore: /*#__PURE__*/ new Set([
      'make',
      'force',
      'hesitate',
      'later',
      'choice',
      'option',
      'longer',
      'doubt',
      'you',
      'your',
      'but',
    ]),
    notAfter: /*#__PURE__*/ new Set(['why', 'or', 'if']),
    notNegation: new Set<string>(),
    /** A new subject and verb ("if you don't pay we will ...") ends the negation's reach. */
    blockers: /*#__PURE__*/ new Set([
      'will',
      'shall',
      'going',
      'gonna',
      'must',
      'may',
      'might',
      'could',
      'can',
      'would',
      'should',
      'then',
      'otherwise',
      'else',
      'unless',
      'but',
      'because',
      'so',
      'until',
    ]),
    subjects: /*#__PURE__*/ new Set([
      'we',
      'i',
      'you',
      'they',
      'he',
      'she',
      'it',
      'someone',
      'police',
      'this',
      'that',
      'which',
      'or',
      'and',
      '',
    ]),
    prefixes: [] as string[],
  },
  zh: {
    negators: /*#__PURE__*/ new Set([
      '不',
      '不会',
      '不要',
      '不得',
      '不能',
      '不再',
      '不必',
      '不用',
      '不是',
      '没',
      '没有',
      '无需',
      '无须',
      '禁止',
      '绝不',
      '决不',
      '从不',
      '从未',
      '未',
      '别',
      '勿',
      '请勿',
      '切勿',
      '千万别',
      '并非',
      '也不',
      '并不',
      '绝对不会',
      '不可',
      '无',
    ]),
    notBefore: /*#__PURE__*/ new Set(['逼', '就', '信', '还']),
    notAfter: new Set<string>(),
    notNegation: /*#__PURE__*/ new Set([
      '不信',
      '信不信',
      '不就',
      '不然',
      '要不然',
      '不管',
      '再不',
      '不还',
      '不丢人',
      '不给',
    ]),
    blockers: /*#__PURE__*/ new Set([
      '就',
      '否则',
      '不然',
      '要不然',
      '那',
      '那么',
      '但',
      '但是',
      '可是',
      '然后',
      '的话',
      '再',
    ]),
    subjects: new Set<string>(),
    prefixes: ['不会', '绝不', '不要', '没有', '请勿', '切勿', '不得', '不能', '从不', '并不'],
  },
};

/** Short English words the spelt-out-letters splitter may use besides the lexicon's. */
export const FUNCTION_WORDS = [
  'a',
  'i',
  'we',
  'you',
  'your',
  'will',
  'be',
  'the',
  'to',
  'and',
  'or',
  'of',
  'in',
  'on',
  'at',
  'is',
  'are',
  'am',
  'my',
  'me',
  'us',
  'our',
  'it',
  'if',
  'go',
  'get',
  'pay',
  'now',
  'all',
  'an',
  'so',
  'do',
  'for',
];
