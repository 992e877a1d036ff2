import type { LintCategoryCode } from '@crm/contracts';
import { toSimplified } from './chinese-variants.js';
import type { ScriptStep } from './script-library.js';
import { CONCEPTS, FUNCTION_WORDS, LINT_RULES, NEGATION, type Concept, type Lexicon } from './script-linter-rules.js';

/**
 * Compliance linter for the script library (compliance.md, "Script library linter"; ADR 022).
 * It matches concepts, not phrases: who is threatened (family, employer, "you"), with what
 * (arrest, suing, seizing, telling, visiting) and by when (tomorrow, at 3 o'clock), over text
 * that is first normalised (full-width forms, zero-width and spaced-out characters, traditional
 * to simplified Chinese one character for one, so spans stay true) and cut into words (English
 * by its spaces, Chinese by a word segmenter). The lexicon of concepts and the rules combining
 * them are data (script-linter-rules.ts); a negation before a concept in its clause ("we will
 * not contact your employer", "我们不会上门") keeps lawful reassurance from being flagged.
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

/**
 * Cuts a run of Chinese text into words; the words, joined, are the text. The API injects a
 * dictionary segmenter (jieba); the default is the JavaScript engine's own (Intl.Segmenter).
 */
export type WordSegmenter = (text: string) => string[];

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

// ---- Normalisation ----------------------------------------------------------------------------

/** Normalised text and, for each of its characters, where it came from in the original. */
interface Normalised {
  text: string;
  from: number[];
  to: number[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/;
const LETTER = /[a-z]/;
/** Characters put between the characters of a word to hide it ("s.u.e", "坐 牢", "老*赖"). */
const SPACER = /[\s.·•*_\-~|/\\,，、.。'"`^+]/;

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
  else if (code === 0x3000) ch = ' ';
  else if (ch === '\u2019' || ch === '\u2018' || ch === '\u02bc') ch = "'";
  ch = toSimplified(ch);
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}

/**
 * Folds width, case, quotes and traditional characters (one unit for one), drops zero-width
 * characters, joins Chinese characters spaced apart ("坐 牢") and letters spelt out one at a
 * time ("a r r e s t e d", "s.u.e"), which are then cut back into words with the lexicon.
 */
function normalise(original: string): Normalised {
  let chars: { c: string; from: number; to: number }[] = [];
  for (let i = 0; i < original.length; i++) {
    const ch = original[i]!;
    if (ZERO_WIDTH.test(ch)) continue;
    chars.push({ c: foldChar(ch), from: i, to: i + 1 });
  }
  // Chinese characters with spacers between them: drop the spacers.
  chars = chars.filter((x, i) => {
    if (!SPACER.test(x.c) || x.c === '。' || x.c === '，') return true;
    let before = i - 1;
    while (before >= 0 && SPACER.test(chars[before]!.c) && chars[before]!.c !== '，') before--;
    let after = i + 1;
    while (after < chars.length && SPACER.test(chars[after]!.c) && chars[after]!.c !== '，') after++;
    const b = chars[before]?.c;
    const a = chars[after]?.c;
    return !(b && a && CJK.test(b) && CJK.test(a) && /\s|[·•*_\-~|/\\]/.test(x.c));
  });
  // Letters spelt out one at a time (three or more): join them, then cut them into words.
  const out: { c: string; from: number; to: number }[] = [];
  let i = 0;
  while (i < chars.length) {
    const run = spelledRun(chars, i);
    if (run) {
      const letters = run.letters.map((k) => chars[k]!);
      const words = breakWords(letters.map((x) => x.c).join(''));
      let k = 0;
      words.forEach((w, n) => {
        if (n > 0) out.push({ c: ' ', from: letters[k]!.from, to: letters[k]!.from });
        for (let m = 0; m < w.length; m++) out.push(letters[k++]!);
      });
      i = run.end;
    } else out.push(chars[i++]!);
  }
  return { text: out.map((x) => x.c).join(''), from: out.map((x) => x.from), to: out.map((x) => x.to) };
}

/** Three or more single letters each followed by one or two spacers ("t e l l", "s.u.e"). */
function spelledRun(chars: { c: string }[], i: number): { letters: number[]; end: number } | null {
  const isLetter = (k: number) => LETTER.test(chars[k]?.c ?? '');
  if (!isLetter(i) || isLetter(i - 1)) return null;
  const letters = [i];
  let k = i + 1;
  for (;;) {
    let s = k;
    while (s < chars.length && s - k < 2 && /[ .\-*_·•]/.test(chars[s]!.c)) s++;
    if (s === k || !isLetter(s) || isLetter(s + 1)) break;
    letters.push(s);
    k = s + 1;
  }
  return letters.length >= 3 ? { letters, end: k } : null;
}

let vocabulary: Set<string> | undefined;
/** The words the lexicon knows, in every inflection, and common short words. */
function knownWords(): Set<string> {
  if (!vocabulary) {
    vocabulary = new Set(FUNCTION_WORDS);
    for (const c of Object.values(CONCEPTS) as Lexicon[])
      for (const term of c.en ?? [])
        for (const item of term.split(/[| ]/))
          for (const alt of item.replace(/\?$/, '').split('/')) {
            if (alt.endsWith('~')) for (const f of inflections(alt.slice(0, -1))) vocabulary.add(f);
            else if (/^[a-z']+$/.test(alt)) vocabulary.add(alt);
          }
  }
  return vocabulary;
}

/** Cuts joined letters into the fewest known words ("aliar" -> "a liar"), leaving unknown letters alone. */
function breakWords(s: string): string[] {
  const words = knownWords();
  const best: { cost: number; prev: number }[] = [{ cost: 0, prev: -1 }];
  for (let e = 1; e <= s.length; e++) {
    best[e] = { cost: Infinity, prev: e - 1 };
    for (let b = Math.max(0, e - 16); b < e; b++) {
      const piece = s.slice(b, e);
      const cost = best[b]!.cost + (words.has(piece) ? 1 : piece.length === 1 ? 3 : Infinity);
      if (cost < best[e]!.cost) best[e] = { cost, prev: b };
    }
  }
  const out: string[] = [];
  for (let e = s.length; e > 0; e = best[e]!.prev) out.unshift(s.slice(best[e]!.prev, e));
  return out;
}

// ---- Words, sentences, clauses -----------------------------------------------------------------

interface Word {
  /** The word as the lexicon spells it (lower case, simplified, contractions expanded). */
  w: string;
  start: number;
  end: number;
  zh: boolean;
  sentence: number;
  clause: number;
}

const SENTENCE_END = /[!?。！？;；\n]|\.(?!\d)/;
const CLAUSE_END = /[,，:：—–()（）]/;

const CONTRACTIONS: Record<string, string[]> = {
  "won't": ['will', 'not'],
  "can't": ['can', 'not'],
  cannot: ['can', 'not'],
  "shan't": ['shall', 'not'],
  "ain't": ['is', 'not'],
  "i'm": ['i', 'am'],
  "let's": ['let', 'us'],
};
const IS_CONTRACTED = new Set(['it', 'that', 'he', 'she', 'what', 'there', 'who', 'here', 'where']);
function expand(token: string): string[] {
  const fixed = CONTRACTIONS[token];
  if (fixed) return fixed;
  const m = /^([a-z0-9]+)'([a-z]+)$/.exec(token);
  if (!m) return [token.replace(/'+$/, '')];
  const [, base, tail] = m as unknown as [string, string, string];
  if (tail === 't' && base.endsWith('n')) return [base.slice(0, -1), 'not'];
  if (tail === 'll') return [base, 'will'];
  if (tail === 're') return [base, 'are'];
  if (tail === 've') return [base, 'have'];
  if (tail === 'd') return [base, 'would'];
  if (tail === 's') return IS_CONTRACTED.has(base) ? [base, 'is'] : [base];
  return [token];
}

let intlSegmenter: Intl.Segmenter | undefined;
/** The default: the JavaScript engine's word segmenter (ICU's dictionary for Chinese). */
export const intlWordSegmenter: WordSegmenter = (text) => {
  intlSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return [...intlSegmenter.segment(text)].map((s) => s.segment);
};

interface Analysed {
  norm: Normalised;
  words: Word[];
  /** Positions (in the normalised text) where a Chinese word starts or ends. */
  starts: Set<number>;
  ends: Set<number>;
  sentenceOf: number[];
  sentences: { start: number; end: number }[];
}

function analyse(original: string, segment: WordSegmenter): Analysed {
  const norm = normalise(original);
  const s = norm.text;
  const sentenceOf: number[] = [];
  const clauseOf: number[] = [];
  const sentences: { start: number; end: number }[] = [];
  let sentence = 0;
  let clause = 0;
  let sentenceStart = 0;
  for (let i = 0; i < s.length; i++) {
    sentenceOf.push(sentence);
    clauseOf.push(clause);
    if (SENTENCE_END.test(s[i]!) && !(s[i] === '.' && /\d/.test(s[i - 1] ?? ''))) {
      sentences.push({ start: sentenceStart, end: i + 1 });
      sentence++;
      clause++;
      sentenceStart = i + 1;
    } else if (CLAUSE_END.test(s[i]!)) clause++;
  }
  sentences.push({ start: sentenceStart, end: s.length });
  const words: Word[] = [];
  const starts = new Set<number>();
  const ends = new Set<number>();
  const push = (w: string, start: number, end: number, zh: boolean) =>
    words.push({ w, start, end, zh, sentence: sentenceOf[start] ?? 0, clause: clauseOf[start] ?? 0 });
  for (const m of s.matchAll(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:'[a-z]+)*'?/g)) {
    if (CJK.test(m[0][0]!)) {
      let at = m.index;
      for (const piece of segment(m[0])) {
        if (!piece) continue;
        starts.add(at);
        ends.add(at + piece.length);
        if (piece.trim()) push(piece, at, at + piece.length, true);
        at += piece.length;
      }
    } else for (const w of expand(m[0])) push(w, m.index, m.index + m[0].length, false);
  }
  return { norm, words, starts, ends, sentenceOf, sentences };
}

// ---- Concepts ------------------------------------------------------------------------------------

const IRREGULAR: Record<string, string[]> = {
  take: ['took', 'taken'],
  tell: ['told'],
  sell: ['sold'],
  lend: ['lent'],
  send: ['sent'],
  come: ['came'],
  know: ['knew', 'known'],
  hear: ['heard'],
  go: ['went', 'gone'],
  get: ['got', 'gotten'],
  give: ['gave', 'given'],
  pay: ['paid'],
  find: ['found'],
  ring: ['rang', 'rung'],
  make: ['made'],
  leave: ['left'],
  freeze: ['froze', 'frozen'],
  speak: ['spoke', 'spoken'],
  write: ['wrote', 'written'],
  steal: ['stole', 'stolen'],
  beat: ['beaten'],
  break: ['broke', 'broken'],
  buy: ['bought'],
  bring: ['brought'],
  lose: ['lost'],
  throw: ['threw', 'thrown'],
  child: ['children'],
  wife: ['wives'],
  thief: ['thieves'],
  person: ['people'],
  man: ['men'],
  catch: ['caught'],
  lock: [],
  put: [],
  hurt: [],
  shut: [],
};

function inflections(base: string): string[] {
  const forms = new Set([
    base,
    `${base}s`,
    `${base}es`,
    `${base}ed`,
    `${base}d`,
    `${base}ing`,
    ...(IRREGULAR[base] ?? []),
  ]);
  if (base.endsWith('e')) {
    forms.add(`${base.slice(0, -1)}ing`);
    forms.add(`${base.slice(0, -1)}ed`);
  }
  if (/[^aeiou]y$/.test(base)) {
    forms.add(`${base.slice(0, -1)}ies`);
    forms.add(`${base.slice(0, -1)}ied`);
  }
  if (/^[^aeiou]*[aeiou][bdgklmnprt]$/.test(base)) {
    forms.add(`${base}${base.at(-1)}ing`);
    forms.add(`${base}${base.at(-1)}ed`);
  }
  return [...forms];
}

/** One word of an English term: `x` exactly, `x~` in any inflection, `x*` any word starting with x. */
type WordTest = (w: string) => boolean;
interface EnItem {
  test: WordTest;
  /** Every word the item can match, when that is a finite list (for the index). */
  words: string[] | null;
  optional: boolean;
  /** `…`: up to this many words of anything. */
  gap: number;
}

/** A term: phrases separated by `|`; a phrase: words separated by spaces; a word: alternatives separated by `/`. */
function compileEnTerm(term: string): EnItem[][] {
  return term.split('|').map(compileEnPhrase);
}

function compileEnPhrase(phrase: string): EnItem[] {
  return phrase.split(' ').map((item) => {
    if (item === '…') return { test: () => true, words: null, optional: true, gap: 5 };
    const optional = item.endsWith('?');
    const alts = item.replace(/\?$/, '').split('/');
    const words = alts.some((alt) => alt === '#' || alt.endsWith('*'))
      ? null
      : alts.flatMap((alt) => (alt.endsWith('~') ? inflections(alt.slice(0, -1)) : [alt]));
    const tests = alts.map((alt): WordTest => {
      if (alt === '#') return (w) => /^\d+$/.test(w);
      if (alt.endsWith('~')) {
        const forms = new Set(inflections(alt.slice(0, -1)));
        return (w) => forms.has(w);
      }
      if (alt.endsWith('*')) {
        const prefix = alt.slice(0, -1);
        return (w) => w.startsWith(prefix);
      }
      return (w) => w === alt;
    });
    return { test: (w: string) => tests.some((t) => t(w)), words, optional, gap: 0 };
  });
}

/** Matches items from word i on; returns the index after the last word matched, or -1. */
function matchEn(items: EnItem[], words: Word[], i: number, k = 0): number {
  if (k === items.length) return i;
  const item = items[k]!;
  if (item.gap) {
    for (let g = 0; g <= item.gap; g++) {
      const r = matchEn(items, words, i + g, k + 1);
      if (r >= 0) return r;
      if (i + g >= words.length || words[i + g]!.zh || words[i + g]!.sentence !== words[i]?.sentence) break;
    }
    return -1;
  }
  const word = words[i];
  if (word && !word.zh && (k === 0 || word.sentence === words[i - 1]!.sentence) && item.test(word.w)) {
    const r = matchEn(items, words, i + 1, k + 1);
    if (r >= 0) return r;
  }
  return item.optional ? matchEn(items, words, i, k + 1) : -1;
}

interface CompiledConcept {
  en: EnItem[][];
  zh: { re: RegExp; single: boolean; first: string }[];
}
let compiledConcepts: Map<Concept, CompiledConcept> | undefined;

/** English phrases by the words they can start with; those that can start with anything apart. */
interface EnIndex {
  byWord: Map<string, { concept: Concept; items: EnItem[] }[]>;
  any: { concept: Concept; items: EnItem[] }[];
}
let enIndex: EnIndex | undefined;
function englishIndex(): EnIndex {
  if (!enIndex) {
    const index: EnIndex = { byWord: new Map(), any: [] };
    for (const [concept, c] of concepts()) {
      for (const items of c.en) {
        const entry = { concept, items };
        const starts = new Set<string>();
        let open = false;
        for (const item of items) {
          if (!item.words || item.gap) {
            open = true;
            break;
          }
          for (const w of item.words) starts.add(w);
          if (!item.optional) break;
        }
        if (open) index.any.push(entry);
        else for (const w of starts) index.byWord.set(w, [...(index.byWord.get(w) ?? []), entry]);
      }
    }
    enIndex = index;
  }
  return enIndex;
}
function concepts(): Map<Concept, CompiledConcept> {
  if (!compiledConcepts) {
    compiledConcepts = new Map();
    for (const [name, c] of Object.entries(CONCEPTS) as [Concept, Lexicon][]) {
      compiledConcepts.set(name, {
        en: (c.en ?? []).flatMap(compileEnTerm),
        zh: (c.zh ?? []).map((t) => ({
          re: new RegExp(
            t
              .split('…')
              .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
              .join('[^，。！？；,.!?;]{0,6}?'),
            'g',
          ),
          single: [...t].length === 1,
          first: t.split('…')[0]!,
        })),
      });
    }
  }
  return compiledConcepts;
}

interface Hit {
  concept: Concept;
  start: number;
  end: number;
  /** Index of the first and last word of the hit. */
  first: number;
  last: number;
  sentence: number;
  negated: boolean;
  zh: boolean;
}

function wordAt(words: Word[], pos: number): number {
  let lo = 0;
  let hi = words.length - 1;
  let ans = words.length;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.end > pos) {
      ans = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return ans;
}

/** A negation before word i in its clause, within a few words, not across a new subject and verb. */
function isNegated(words: Word[], i: number): boolean {
  const clause = words[i]!.clause;
  for (let k = i - 1, n = 0; k >= 0 && n < 10; k--, n++) {
    const word = words[k]!;
    if (word.clause !== clause) return false;
    const prev = words[k - 1]?.clause === clause ? words[k - 1]!.w : '';
    const next = words[k + 1]?.w ?? '';
    const lang = word.zh ? NEGATION.zh : NEGATION.en;
    if (lang.blockers.has(word.w) && (word.zh || lang.subjects.has(prev))) return false;
    if (lang.negators.has(word.w) || (word.zh && lang.prefixes.some((p) => word.w.startsWith(p)))) {
      if (lang.notNegation.has(word.w) || lang.notBefore.has(next) || lang.notAfter.has(prev)) continue;
      // "Not paying is a crime": the negation is the subject's, not the statement's.
      if (!word.zh && next.endsWith('ing') && /^(?:is|was|are)$/.test(words[k + 2]?.w ?? '')) continue;
      return true;
    }
  }
  return false;
}

function findHits(a: Analysed): Hit[] {
  const hits: Hit[] = [];
  const { words, norm } = a;
  const index = englishIndex();
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.zh) continue;
    for (const { concept, items } of [...(index.byWord.get(words[i]!.w) ?? []), ...index.any]) {
      {
        const end = matchEn(items, words, i);
        if (end > i) {
          hits.push({
            concept,
            start: words[i]!.start,
            end: words[end - 1]!.end,
            first: i,
            last: end - 1,
            sentence: words[i]!.sentence,
            negated: isNegated(words, i),
            zh: false,
          });
        }
      }
    }
  }
  for (const [concept, c] of concepts()) {
    for (const { re, single, first: literal } of c.zh) {
      if (!norm.text.includes(literal)) continue;
      for (const m of norm.text.matchAll(re)) {
        const start = m.index;
        const end = start + m[0].length;
        const aligned = [a.starts.has(start), a.ends.has(end)];
        if (single ? !(aligned[0] && aligned[1]) : !(aligned[0] || aligned[1])) continue;
        const first = wordAt(words, start);
        const last = Math.max(first, wordAt(words, end - 1));
        if (first >= words.length) continue;
        hits.push({
          concept,
          start,
          end,
          first,
          last,
          sentence: a.sentenceOf[start] ?? 0,
          negated: isNegated(words, first),
          zh: true,
        });
      }
    }
  }
  return hits;
}

// ---- Rules ---------------------------------------------------------------------------------------

/** Findings in one piece of script text (categories 1-10), in order of position. */
export function lintText(text: string, locale: LintLocale, segment: WordSegmenter = intlWordSegmenter): LintFinding[] {
  const a = analyse(text, segment);
  const hits = findHits(a);
  const findings: LintFinding[] = [];
  const add = (category: LintCategory, start: number, end: number) => {
    const from = a.norm.from[start] ?? 0;
    const to = a.norm.to[end - 1] ?? from;
    if (findings.some((f) => f.category === category && f.start < to && from < f.end)) return;
    const info = LINT_CATEGORY_TEXT[category];
    findings.push({
      category,
      start: from,
      end: to,
      excerpt: text.slice(from, to),
      message: info.message,
      suggestion: info.suggestion[locale],
    });
  };
  for (let sentence = 0; sentence < a.sentences.length; sentence++) {
    const here = hits.filter((h) => h.sentence === sentence);
    if (!here.length) continue;
    for (const rule of LINT_RULES) {
      if (rule.unless && here.some((h) => rule.unless!.includes(h.concept))) continue;
      const slots = rule.all.map((alts) =>
        here
          .filter(
            (h) =>
              alts.includes(h.concept) &&
              (rule.negatable === false || !h.negated) &&
              (!rule.lang || (rule.lang === 'zh') === h.zh),
          )
          .sort((x, y) => x.start - y.start || y.end - x.end),
      );
      if (slots.some((s) => s.length === 0)) continue;
      const chosen = rule.within === undefined ? slots.map((s) => s[0]!) : ordered(slots, rule.within);
      if (!chosen) continue;
      add(rule.category, Math.min(...chosen.map((h) => h.start)), Math.max(...chosen.map((h) => h.end)));
    }
  }
  return findings.sort((x, y) => x.start - y.start || x.end - y.end);
}

/** One hit per slot, each after the one before, at most `within` words apart. */
function ordered(slots: Hit[][], within: number, k = 0, prev?: Hit): Hit[] | null {
  if (k === slots.length) return [];
  for (const h of slots[k]!) {
    if (prev && (h.first <= prev.first || h.first - prev.last - 1 > within)) continue;
    const rest = ordered(slots, within, k + 1, h);
    if (rest) return [h, ...rest];
  }
  return null;
}

// ---- Disclosure (category 11) --------------------------------------------------------------------

const IDENTIFIES_COLLECTOR: Record<'en' | 'zh', RegExp> = {
  en: /\{\{\s*collectorname\s*\}\}|\bmy name is\b|\b(?:this is|i am|i'm|it's) [a-z]+ (?:from|at|with|of|calling)\b/,
  zh: /\{\{\s*collectorname\s*\}\}|我(?:是|叫)/,
};
const IDENTIFIES_CREDITOR: Record<'en' | 'zh', RegExp> = {
  en: /\{\{\s*creditor\s*\}\}|\b(?:from|at|with|of|on behalf of)(?: [a-z&'-]+){1,4} (?:bank|finance|financial|credit|card services|capital|lending|loans|collections|ltd|inc|llc|plc)\b/,
  zh: /\{\{\s*creditor\s*\}\}|(?:是|代表|来自)[^，。！？]{1,12}(?:银行|信用卡中心|消费金融|金融公司|小额贷款|公司)/,
};
const US_DISCLOSURE: Record<'en' | 'zh', RegExp> = {
  en: /\{\{\s*requireddisclosure\s*\}\}|attempt to collect a debt|from a debt collector|i am a debt collector/,
  zh: /\{\{\s*requireddisclosure\s*\}\}|催收债务/,
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
  segment: WordSegmenter = intlWordSegmenter,
): (LintFinding & { step: string; branch?: string })[] {
  const out: (LintFinding & { step: string; branch?: string })[] = [];
  for (const step of steps) {
    out.push(...lintText(step.text, locale, segment).map((f) => ({ ...f, step: step.key })));
    for (const b of step.branches ?? [])
      out.push(...lintText(b.text, locale, segment).map((f) => ({ ...f, step: step.key, branch: b.key })));
  }
  const opening = steps.find((s) => s.key === 'opening');
  const early = normalise(
    steps
      .filter((s) => s.key === 'opening' || s.key === 'verification')
      .map((s) => s.text)
      .join('\n'),
  ).text;
  const open = opening ? normalise(opening.text).text : '';
  const has = (rules: Record<'en' | 'zh', RegExp>, text: string) => rules.en.test(text) || rules.zh.test(text);
  const info = LINT_CATEGORY_TEXT.missing_disclosure;
  const missing =
    !opening ||
    !has(IDENTIFIES_COLLECTOR, open) ||
    !has(IDENTIFIES_CREDITOR, open) ||
    (profile === 'US' && !has(US_DISCLOSURE, early));
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
