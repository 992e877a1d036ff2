import { describe, expect, it } from 'vitest';
import en from './lint-eval/en.json' with { type: 'json' };
import zhCN from './lint-eval/zh-CN.json' with { type: 'json' };
import zhTW from './lint-eval/zh-TW.json' with { type: 'json' };
import { evaluate, formatReport, type EvalLine } from './lint-eval/evaluate.js';
import { LINT_CATEGORY_TEXT } from './script-linter.js';

const lines = [...en, ...zhCN, ...zhTW] as EvalLine[];

describe('script linter evaluation set (ADR 022)', () => {
  it('is at least 300 lines, half abusive across every category, in zh-CN, zh-TW and en, a third held out', () => {
    expect(lines.length).toBeGreaterThanOrEqual(300);
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    for (const category of Object.keys(LINT_CATEGORY_TEXT))
      for (const locale of ['en', 'zh-CN', 'zh-TW'])
        for (const expected of ['flag', 'pass'])
          expect(
            lines.filter((l) => l.category === category && l.locale === locale && l.expected === expected).length,
            `${category} ${locale} ${expected}`,
          ).toBeGreaterThanOrEqual(4);
    const abusive = lines.filter((l) => l.expected === 'flag').length;
    expect(abusive / lines.length).toBeGreaterThan(0.45);
    expect(abusive / lines.length).toBeLessThan(0.55);
    const holdout = lines.filter((l) => l.split === 'holdout').length;
    expect(holdout / lines.length).toBeGreaterThan(0.3);
  });

  it('prints precision and recall per category on the tuning and the held-out lines', () => {
    const tune = evaluate(lines.filter((l) => l.split === 'tune'));
    const holdout = evaluate(lines.filter((l) => l.split === 'holdout'));
    console.log(`${formatReport('tune', tune)}\n${formatReport('holdout', holdout)}`);
    expect(tune.lines + holdout.lines).toBe(lines.length);
  });
});
