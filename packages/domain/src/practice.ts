import type {
  PracticeCheck,
  PracticeDebrief,
  PracticeFinding,
  PracticeIntent,
  PracticeLogEntry,
  PracticeScenarioContent,
  DispositionCode,
  PartyReachedCode,
} from '@crm/contracts';
import { PRACTICE_CHECKS } from '@crm/contracts';
import { FAILING_CHECKS } from './quality-review.js';
import type { LintFinding } from './script-linter.js';

/**
 * Practice mode's scenario engine (issue 17, ADR 057): reads a trainee's line into intents,
 * steps the customer's turn graph, and scores the debrief from the turn log. Pure: the caller
 * lints the line (the API with its jieba segmenter) and passes the findings in.
 */

/** A passing practice attempt: at least this score, no failing check, the expected outcome recorded. */
export const PRACTICE_PASS_SCORE = 80;
/** A call longer than this many trainee lines is ended by the engine. */
export const PRACTICE_MAX_LINES = 40;

type Lang = 'en' | 'zh';
const PATTERNS: Record<
  Exclude<PracticeIntent, 'named_creditor' | 'prohibited' | 'commitment'>,
  Record<Lang, RegExp>
> = {
  identified_self: {
    en: /\bmy name is\b|\bthis is [a-z]+\b|\bi(?: am|'m) [a-z]+ (?:from|at|with|calling)\b|\bi(?: am|'m) calling from\b/i,
    zh: /我(?:是|叫)|我姓/,
  },
  verify_identity: {
    en: /\bam i (?:speaking|talking) (?:to|with)\b|\bis this (?:mr|ms|mrs|miss|dr|mx)\b|\bconfirm (?:your|the) (?:date of birth|full name|postcode|identity)\b|\bdate of birth\b|\bspeaking with (?:mr|ms|mrs|miss|dr|mx)\b/i,
    zh: /请问(?:是|您是).{0,8}(?:本人|先生|女士|吗)|核实|确认.{0,6}(?:身份|出生日期|姓名)|出生日期|是.{0,6}本人吗/,
  },
  disclosure: {
    en: /\battempt to collect a debt\b|\bdebt collector\b|\bcall may be recorded\b|\bcalling about your account\b/i,
    zh: /催收债务|通话(?:可能)?会被录音|就您的账户来电/,
  },
  debt_detail: {
    en: /\boverdue\b|\bbalance\b|\bowe\b|\boutstanding\b|\bmissed (?:a |your |the )?(?:payment|instalment|installment)s?\b|\bpast due\b|\barrears\b|\bdebt\b|[$£€¥]\s?\d/i,
    zh: /逾期|欠款|欠费|账单|余额|未还|还款|[¥￥]\s?\d|\d+(?:\.\d+)?元|债务/,
  },
  ask_payment: {
    en: /\b(?:can|could|would|will) you (?:be able to )?(?:pay|make (?:a|the) payment)\b|\bpay (?:it )?(?:today|now)\b|\bmake a payment\b|\bwhen (?:can|could|will) you pay\b|\bhow much (?:can|could) you pay\b/i,
    zh: /(?:能|可以|方便).{0,6}还|什么时候.{0,4}还|还款吗|今天.{0,4}还|能还多少/,
  },
  offer_plan: {
    en: /\bpayment plan\b|\binstal?ments?\b|\binstallments?\b|\bsplit (?:it|the|that)\b|\barrangement\b|\bsmaller (?:amount|payments?)\b|\bpart(?:ial)? payment\b/i,
    zh: /分期|还款计划|分.{0,2}次还|部分还款|先还一部分/,
  },
  summary: {
    en: /\bto (?:confirm|summari[sz]e|recap)\b|\bjust to confirm\b|\blet me (?:confirm|repeat|read (?:that|it) back)\b|\bso (?:we(?:'ve| have) agreed|you will pay)\b|\bas agreed\b/i,
    zh: /确认一下|总结一下|跟您确认|我们约定|再确认|复述/,
  },
  empathy: {
    en: /\bi understand\b|\bsorry to hear\b|\bthat sounds (?:hard|difficult|stressful)\b|\bi hear you\b/i,
    zh: /理解您|我理解|很抱歉|不好意思|听到这个消息/,
  },
  ask_payment_details: {
    en: /\bwhen did you (?:pay|make|send)\b|\bhow much did you (?:pay|send)\b|\b(?:which|what) (?:channel|method|bank|account)\b|\breference\b|\bcheque number\b/i,
    zh: /什么时候还的|哪天(?:还|付|寄)|还了多少|通过什么|哪个渠道|流水号|凭证|支票号/,
  },
};
const AMOUNT: Record<Lang, RegExp> = {
  en: /[$£€¥]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:dollars|pounds|euros|usd|gbp)\b/i,
  zh: /[¥￥$]\s?\d|\d+(?:\.\d+)?\s?(?:元|块)|[一二三四五六七八九十百千万两]+(?:元|块)/,
};
const DATE: Record<Lang, RegExp> = {
  en: /\b(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)\b|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\b/i,
  zh: /今天|明天|后天|周[一二三四五六日天]|星期[一二三四五六日天]|\d+月\d+[日号]|\d+[日号]|[一二三四五六七八九十]+[日号]/,
};

export interface IntentContext {
  locale: 'en' | 'zh-CN';
  creditorName: string;
}

/** What a trainee's line did: the intents it shows, given the linter's findings on it. */
export function lineIntents(text: string, ctx: IntentContext, findings: readonly LintFinding[]): PracticeIntent[] {
  const out = new Set<PracticeIntent>();
  // Trainees mix languages (a Chinese desk quoting an English creditor name): try both.
  for (const lang of ['en', 'zh'] as const) {
    for (const [intent, rule] of Object.entries(PATTERNS) as [keyof typeof PATTERNS, Record<Lang, RegExp>][])
      if (rule[lang].test(text)) out.add(intent);
    if (AMOUNT[lang].test(text) && DATE[lang].test(text)) out.add('commitment');
  }
  const creditor = ctx.creditorName.trim().toLowerCase();
  const firstWord = creditor.split(/\s+/)[0] ?? '';
  if (
    creditor &&
    (text.toLowerCase().includes(creditor) || (firstWord.length >= 4 && text.toLowerCase().includes(firstWord)))
  )
    out.add('named_creditor');
  if (findings.length > 0) out.add('prohibited');
  return [...out];
}

/** The log a session starts with: the customer answers the phone. */
export function openingLog(scenario: PracticeScenarioContent): PracticeLogEntry[] {
  return [customerEntry(scenario, scenario.start)];
}

function customerEntry(scenario: PracticeScenarioContent, key: string): PracticeLogEntry {
  const turn = scenario.turns.find((t) => t.key === key);
  if (!turn) throw new Error(`scenario turn ${key} does not exist`);
  return {
    speaker: 'customer',
    turnKey: turn.key,
    text: turn.text,
    ...(turn.identity ? { identity: turn.identity } : {}),
  };
}

/**
 * True when the call is over: the trainee's last line led nowhere (the graph's null), the customer
 * said a closing turn (no branches, no next), or the line limit was reached.
 */
export function practiceEnded(scenario: PracticeScenarioContent, log: readonly PracticeLogEntry[]): boolean {
  const last = log[log.length - 1];
  if (!last || last.speaker === 'trainee') return true;
  if (log.filter((e) => e.speaker === 'trainee').length >= PRACTICE_MAX_LINES) return true;
  const turn = scenario.turns.find((t) => t.key === last.turnKey);
  return !turn || (turn.next === null && turn.branches.length === 0);
}

export interface PracticeStep {
  line: PracticeLogEntry & { speaker: 'trainee' };
  customer: PracticeLogEntry | null;
  ended: boolean;
  log: PracticeLogEntry[];
}

/**
 * One trainee line: logged with its intents and findings, then the customer's next turn (the
 * current turn's first branch whose intents all occurred in the line, else its default). A turn
 * leading to null ends the call; the trainee's line is then the last entry.
 */
export function stepPractice(
  scenario: PracticeScenarioContent,
  log: readonly PracticeLogEntry[],
  text: string,
  findings: readonly LintFinding[],
): PracticeStep {
  const current = [...log].reverse().find((e) => e.speaker === 'customer');
  if (!current || current.speaker !== 'customer' || practiceEnded(scenario, log)) throw new Error('the call has ended');
  const turn = scenario.turns.find((t) => t.key === current.turnKey);
  if (!turn) throw new Error(`scenario turn ${current.turnKey} does not exist`);
  const intents = lineIntents(text, { locale: scenario.locale, creditorName: scenario.account.creditorName }, findings);
  const line = { speaker: 'trainee' as const, text, intents, findings: findings.map((f) => ({ ...f })) };
  const branch = turn.branches.find((b) => b.when.every((i) => intents.includes(i)));
  const next = branch ? branch.next : turn.next;
  const traineeLines = log.filter((e) => e.speaker === 'trainee').length + 1;
  if (next === null || traineeLines >= PRACTICE_MAX_LINES)
    return { line, customer: null, ended: true, log: [...log, line] };
  const customer = customerEntry(scenario, next);
  const after = [...log, line, customer];
  return { line, customer, ended: practiceEnded(scenario, after), log: after };
}

export interface GraphProblem {
  field: string;
  message: string;
}

/** A scenario's graph problems, each naming its field: unknown turn keys, duplicates, unreachable turns. */
export function scenarioGraphProblems(scenario: PracticeScenarioContent): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const keys = new Set<string>();
  scenario.turns.forEach((t, i) => {
    if (keys.has(t.key)) problems.push({ field: `content.turns.${i}.key`, message: `duplicates turn ${t.key}` });
    keys.add(t.key);
  });
  if (!keys.has(scenario.start))
    problems.push({ field: 'content.start', message: `names no turn (${scenario.start})` });
  scenario.turns.forEach((t, i) => {
    if (t.next !== null && !keys.has(t.next))
      problems.push({ field: `content.turns.${i}.next`, message: `names no turn (${t.next})` });
    t.branches.forEach((b, j) => {
      if (b.next !== null && !keys.has(b.next))
        problems.push({ field: `content.turns.${i}.branches.${j}.next`, message: `names no turn (${b.next})` });
    });
  });
  if (problems.length) return problems;
  const reached = new Set<string>([scenario.start]);
  const todo = [scenario.start];
  while (todo.length) {
    const key = todo.pop();
    const t = scenario.turns.find((x) => x.key === key)!;
    for (const n of [t.next, ...t.branches.map((b) => b.next)])
      if (n !== null && !reached.has(n)) {
        reached.add(n);
        todo.push(n);
      }
  }
  scenario.turns.forEach((t, i) => {
    if (!reached.has(t.key))
      problems.push({ field: `content.turns.${i}.key`, message: `turn ${t.key} is never reached` });
  });
  const ends = scenario.turns.some((t) => t.next === null || t.branches.some((b) => b.next === null));
  if (!ends) problems.push({ field: 'content.turns', message: 'no turn ends the call (a next of null)' });
  return problems;
}

export interface RecordedOutcome {
  partyReached: PartyReachedCode;
  disposition: DispositionCode;
}

/**
 * The debrief: the quality-review checklist scored from the turn log, each finding pointing at
 * the turn (log index) that met or broke it, and the recorded outcome against the expected one.
 * Speaking to someone who is not the customer (a relative, a wrong number): no debt detail and no
 * disclosure may be given at all, and a commitment and a summary do not apply.
 */
export function scorePractice(
  scenario: PracticeScenarioContent,
  log: readonly PracticeLogEntry[],
  recorded: RecordedOutcome | null,
): PracticeDebrief {
  const lines = log.map((e, i) => ({ e, i })).filter((x) => x.e.speaker === 'trainee') as {
    e: PracticeLogEntry & { speaker: 'trainee' };
    i: number;
  }[];
  const has = (x: { e: { intents: PracticeIntent[] } }, intent: PracticeIntent) => x.e.intents.includes(intent);
  const firstWith = (intent: PracticeIntent, from = -1) => lines.find((l) => l.i > from && has(l, intent));
  const customerCase = scenario.expected.partyReached === 'debtor';
  const firstDebt = lines.find((l) => has(l, 'debt_detail') || (!customerCase && has(l, 'disclosure')));
  const findings: PracticeFinding[] = [];
  const add = (check: PracticeCheck, met: boolean | null, turn: number | null, note: string) =>
    findings.push({ check, met, turn, note });

  // 1. Identified self and creditor (to the customer; to anyone else: their own name only is lawful, so self is enough).
  const self = firstWith('identified_self');
  const creditor = firstWith('named_creditor');
  if (customerCase) {
    const done = self && creditor ? (self.i > creditor.i ? self : creditor) : null;
    add(
      'identifiedSelfAndCreditor',
      done !== null,
      done?.i ?? lines[0]?.i ?? null,
      done
        ? 'identified themselves and the creditor'
        : !self
          ? 'never gave their own name'
          : 'never named the creditor',
    );
  } else
    add(
      'identifiedSelfAndCreditor',
      self !== undefined,
      self?.i ?? lines[0]?.i ?? null,
      self ? 'gave their own name' : 'never gave their own name',
    );

  // 2. Right party verified before any debt detail.
  if (customerCase) {
    const ask = firstWith('verify_identity');
    const confirmed = ask
      ? log.findIndex((e, i) => i > ask.i && e.speaker === 'customer' && e.identity === 'confirmed')
      : -1;
    const before = confirmed >= 0 && (!firstDebt || firstDebt.i > confirmed);
    add(
      'verifiedRightParty',
      before,
      before ? ask!.i : (firstDebt?.i ?? ask?.i ?? null),
      before
        ? 'confirmed the customer before any debt detail'
        : firstDebt
          ? 'spoke of the debt before the customer was confirmed'
          : 'never confirmed who answered',
    );
  } else {
    const ask = firstWith('verify_identity');
    add(
      'verifiedRightParty',
      !firstDebt && ask !== undefined,
      firstDebt?.i ?? ask?.i ?? null,
      firstDebt
        ? 'told someone who is not the customer about the debt'
        : ask
          ? 'asked for the customer and kept the debt private'
          : 'never asked who answered',
    );
  }

  // 3. Disclosure: to the customer it must be given; to anyone else it must not (it discloses the debt).
  const disclosure = firstWith('disclosure');
  if (customerCase)
    add(
      'disclosureGiven',
      disclosure !== undefined,
      disclosure?.i ?? null,
      disclosure ? 'gave the required disclosure' : 'never gave the required disclosure',
    );
  else add('disclosureGiven', null, null, 'does not apply: the customer was not reached');

  // 4. No prohibited language (fails the debrief on its own, as a quality review).
  const prohibited = firstWith('prohibited');
  add(
    'noProhibitedLanguage',
    prohibited === undefined,
    prohibited?.i ?? null,
    prohibited
      ? `prohibited language: ${prohibited.e.findings.map((f) => f.category).join(', ')}`
      : 'no prohibited language',
  );

  // 5. A concrete commitment with amount and date, when a promise is what the call should end with.
  const wantsPromise = scenario.expected.disposition === 'promise_to_pay';
  const commitment = firstWith('commitment');
  if (wantsPromise)
    add(
      'concreteCommitment',
      commitment !== undefined,
      commitment?.i ?? null,
      commitment ? 'agreed an amount and a date' : 'no amount and date agreed',
    );
  else add('concreteCommitment', null, commitment?.i ?? null, 'does not apply to this call');

  // 6. Summarised back (after the commitment when there is one).
  if (customerCase) {
    const summary = firstWith('summary', wantsPromise && commitment ? commitment.i - 1 : -1);
    add(
      'clearSummary',
      summary !== undefined,
      summary?.i ?? null,
      summary ? 'summarised the call back' : 'never summarised the call back',
    );
  } else add('clearSummary', null, null, 'does not apply: the customer was not reached');

  const applicable = findings.filter((f) => f.met !== null);
  const failedOn = findings.filter((f) => f.met === false && (FAILING_CHECKS as readonly string[]).includes(f.check));
  const failed = failedOn.length > 0;
  const score = failed
    ? 0
    : Math.round((applicable.filter((f) => f.met).length / Math.max(1, applicable.length)) * 100);
  const matches =
    recorded !== null &&
    recorded.partyReached === scenario.expected.partyReached &&
    recorded.disposition === scenario.expected.disposition;
  findings.sort((a, b) => PRACTICE_CHECKS.indexOf(a.check) - PRACTICE_CHECKS.indexOf(b.check));
  return {
    score,
    failed,
    passed: !failed && score >= PRACTICE_PASS_SCORE && matches,
    findings,
    outcome: { expected: { ...scenario.expected }, recorded: recorded ? { ...recorded } : null, matches },
  };
}
