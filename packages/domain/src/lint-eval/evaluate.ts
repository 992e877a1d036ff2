import type { LintCategory, LintLocale, WordSegmenter } from '../script-linter.js';
import { intlWordSegmenter, lintScript, lintText } from '../script-linter.js';

/**
 * The linter's evaluation set (ADR 022): lines written for it, not taken from the rules. Each
 * line is abusive (`flag`, in its category) or lawful (`pass`, on the same topic); a third of
 * each (category, expected) group is held out (`split: 'holdout'`), chosen before any tuning.
 * Lines of `missing_disclosure` are script openings, linted as a whole script under `profile`.
 */
export interface EvalLine {
  id: string;
  category: LintCategory;
  locale: 'en' | 'zh-CN' | 'zh-TW';
  expected: 'flag' | 'pass';
  split: 'tune' | 'holdout';
  profile?: 'US' | 'UK' | 'CN';
  text: string;
}

export interface CategoryScore {
  category: LintCategory;
  abusive: number;
  caught: number;
  flaggedLines: number;
  flaggedAbusive: number;
  recall: number;
  precision: number;
}

export interface EvalReport {
  lines: number;
  abusive: number;
  lawful: number;
  recall: number;
  falsePositiveRate: number;
  categories: CategoryScore[];
  misses: EvalLine[];
  falsePositives: (EvalLine & { found: LintCategory[] })[];
}

const lintLocale = (l: EvalLine['locale']): LintLocale => (l === 'en' ? 'en' : 'zh-CN');

/** The categories the linter finds in one evaluation line. */
export function categoriesFound(line: EvalLine, segment: WordSegmenter = intlWordSegmenter): LintCategory[] {
  const found =
    line.category === 'missing_disclosure'
      ? lintScript(
          [{ key: 'opening', title: 'Opening', text: line.text }],
          lintLocale(line.locale),
          line.profile ?? null,
          segment,
        )
      : lintText(line.text, lintLocale(line.locale), segment);
  return [...new Set(found.map((f) => f.category))];
}

/**
 * Recall per category: abusive lines of that category flagged with it. Precision per category:
 * of the lines flagged with it, those that are abusive (a threat flagged under a neighbouring
 * category is still a true finding). False positives: lawful lines with any finding.
 */
export function evaluate(lines: EvalLine[], segment: WordSegmenter = intlWordSegmenter): EvalReport {
  const found = new Map(lines.map((l) => [l.id, categoriesFound(l, segment)]));
  const cats = [...new Set(lines.map((l) => l.category))];
  const categories = cats.map((category) => {
    const abusive = lines.filter((l) => l.expected === 'flag' && l.category === category);
    const caught = abusive.filter((l) => found.get(l.id)!.includes(category)).length;
    const flagged = lines.filter((l) => found.get(l.id)!.includes(category));
    const flaggedAbusive = flagged.filter((l) => l.expected === 'flag').length;
    return {
      category,
      abusive: abusive.length,
      caught,
      flaggedLines: flagged.length,
      flaggedAbusive,
      recall: abusive.length ? caught / abusive.length : 1,
      precision: flagged.length ? flaggedAbusive / flagged.length : 1,
    };
  });
  const abusive = lines.filter((l) => l.expected === 'flag');
  const lawful = lines.filter((l) => l.expected === 'pass');
  const misses = abusive.filter((l) => !found.get(l.id)!.includes(l.category));
  const falsePositives = lawful
    .filter((l) => found.get(l.id)!.length > 0)
    .map((l) => ({ ...l, found: found.get(l.id)! }));
  return {
    lines: lines.length,
    abusive: abusive.length,
    lawful: lawful.length,
    recall: abusive.length ? (abusive.length - misses.length) / abusive.length : 1,
    falsePositiveRate: lawful.length ? falsePositives.length / lawful.length : 0,
    categories,
    misses,
    falsePositives,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

/** The report as a table, for the test run's output. */
export function formatReport(title: string, r: EvalReport): string {
  const rows = r.categories.map(
    (c) =>
      `  ${c.category.padEnd(24)} recall ${pct(c.recall)} (${c.caught}/${c.abusive})  precision ${pct(c.precision)} (${c.flaggedAbusive}/${c.flaggedLines})`,
  );
  return [
    `${title}: ${r.lines} lines (${r.abusive} abusive, ${r.lawful} lawful): recall ${pct(r.recall)}, false positives ${pct(r.falsePositiveRate)} (${r.falsePositives.length}/${r.lawful})`,
    ...rows,
    ...r.misses.map((l) => `  missed ${l.id}: ${l.text}`),
    ...r.falsePositives.map((l) => `  false positive ${l.id} [${l.found.join(', ')}]: ${l.text}`),
  ].join('\n');
}
