import type { ComplianceProfileCode } from '@crm/contracts';
import { lintScript, type LintFinding, type LintLocale, type WordSegmenter } from './script-linter.js';
import type { ScriptStep } from './script-library.js';

/**
 * Publishing wording (scripts, objection answers) lawfully (ADR 021): lint it with every
 * compliance profile it may be read under, and let findings through only with a justification of
 * substance and a second person's approval.
 */

/**
 * The profiles whose portfolios are worked in each language, whatever the data says: English
 * serves the US and UK portfolios (and is the fallback of every customer whose language has no
 * script), Simplified Chinese the CN portfolios.
 */
export const PROFILES_BY_LANGUAGE: Record<LintLocale, readonly ComplianceProfileCode[]> = {
  en: ['US', 'UK'],
  'zh-CN': ['CN'],
};

/**
 * Every profile a script (or answer) in `locale` serves: the language's own profiles plus those of
 * the accounts it is read for today (`servedProfiles`: the profiles of accounts whose customers
 * speak this language, or fall back to it). Ordered US, UK, CN.
 */
export function scriptProfiles(
  locale: LintLocale,
  servedProfiles: Iterable<ComplianceProfileCode> = [],
): ComplianceProfileCode[] {
  const all = new Set<ComplianceProfileCode>([...PROFILES_BY_LANGUAGE[locale], ...servedProfiles]);
  return (['US', 'UK', 'CN'] as const).filter((p) => all.has(p));
}

type ScriptFinding = LintFinding & { step: string; branch?: string };

/**
 * A script's findings under each of `profiles` (the disclosure rule differs per profile), each
 * finding once, with the profiles that raise it (`profiles` absent: raised under every one).
 */
export function lintScriptForProfiles(
  steps: ScriptStep[],
  locale: LintLocale,
  profiles: readonly ComplianceProfileCode[],
  /** The Chinese word segmenter the linter uses (the API passes jieba); the linter's default otherwise. */
  segment?: WordSegmenter,
): (ScriptFinding & { profiles?: ComplianceProfileCode[] })[] {
  const byKey = new Map<string, { finding: ScriptFinding; profiles: ComplianceProfileCode[] }>();
  const runs: (ComplianceProfileCode | null)[] = profiles.length > 0 ? [...profiles] : [null];
  for (const profile of runs) {
    for (const finding of lintScript(steps, locale, profile, segment)) {
      const key = [finding.category, finding.step, finding.branch ?? '', finding.start, finding.end].join('|');
      const seen = byKey.get(key) ?? { finding, profiles: [] };
      if (profile) seen.profiles.push(profile);
      byKey.set(key, seen);
    }
  }
  return [...byKey.values()].map(({ finding, profiles: raisedBy }) =>
    raisedBy.length === profiles.length ? finding : { ...finding, profiles: raisedBy },
  );
}

/**
 * A justification says something when it has at least this many characters (spaces collapsed) and
 * words (placeholders like "ok" not counted), or this many Chinese characters.
 */
export const JUSTIFICATION_MIN_CHARS = 40;
export const JUSTIFICATION_MIN_WORDS = 6;
export const JUSTIFICATION_MIN_CJK = 15;
/** Words that carry no reason on their own ("ok", "approved", "同意"...). */
const EMPTY_WORDS =
  /^(?:ok|okay|fine|yes|approved?|justified|n\/?a|none|test|lgtm|good|done|checked|agreed|accepted|whatever|same|see above|as discussed|同意|可以|没问题|沒問題|好的?|已审核|已審核|无|無|通过|通過)$/i;

/**
 * Why a justification of compliance findings is not one (empty: it is). It must say why the wording
 * is lawful or needed: at least 40 characters and 6 distinct words (or 15 Chinese characters), not
 * one word repeated or placeholders like "ok".
 */
export function justificationProblems(text: string | undefined | null): string[] {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (clean.length === 0) return ['is required to publish wording with compliance findings'];
  const han = clean.match(/\p{Script=Han}/gu) ?? [];
  // Chinese: enough characters, and not a few repeated ("同意同意同意...").
  const cjkEnough = han.length >= JUSTIFICATION_MIN_CJK && new Set(han).size >= JUSTIFICATION_MIN_CJK / 2;
  const words = new Set(
    clean
      .toLowerCase()
      .split(/[^\p{L}\p{N}']+/u)
      .filter((w) => w.length > 0 && !/\p{Script=Han}/u.test(w)),
  );
  const meaningful = [...words].filter((w) => !EMPTY_WORDS.test(w));
  const hasSubstance =
    cjkEnough || (clean.length >= JUSTIFICATION_MIN_CHARS && meaningful.length >= JUSTIFICATION_MIN_WORDS);
  if (hasSubstance) return [];
  return [
    `must explain why the wording is lawful or needed: at least ${JUSTIFICATION_MIN_CHARS} characters and ` +
      `${JUSTIFICATION_MIN_WORDS} different words (or ${JUSTIFICATION_MIN_CJK} Chinese characters), not a placeholder like "ok"`,
  ];
}
