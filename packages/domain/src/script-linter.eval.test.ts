import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { describe, expect, it } from 'vitest';
import en from './lint-eval/en.json' with { type: 'json' };
import zhCN from './lint-eval/zh-CN.json' with { type: 'json' };
import zhTW from './lint-eval/zh-TW.json' with { type: 'json' };
import { evaluate, formatReport, type EvalLine } from './lint-eval/evaluate.js';
import { intlWordSegmenter, LINT_CATEGORY_TEXT, type WordSegmenter } from './script-linter.js';

const lines = [...en, ...zhCN, ...zhTW] as EvalLine[];
const jieba = Jieba.withDict(dict);
/** The segmenter the API injects (apps/api/src/lib/script-linter.ts), and the built-in default. */
const SEGMENTERS: [string, WordSegmenter][] = [
  ['jieba', (text) => jieba.cut(text, false)],
  ['Intl.Segmenter', intlWordSegmenter],
];

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

  for (const [name, segment] of SEGMENTERS) {
    it(`prints precision and recall per category; on held-out lines recall >= 95% and false positives <= 2% (${name})`, () => {
      const tune = evaluate(
        lines.filter((l) => l.split === 'tune'),
        segment,
      );
      const holdout = evaluate(
        lines.filter((l) => l.split === 'holdout'),
        segment,
      );
      console.log(`${formatReport(`tune (${name})`, tune)}\n${formatReport(`holdout (${name})`, holdout)}`);
      expect(holdout.recall).toBeGreaterThanOrEqual(0.95);
      expect(holdout.falsePositiveRate).toBeLessThanOrEqual(0.02);
      expect(holdout.abusive).toBeGreaterThan(50);
      expect(holdout.lawful).toBeGreaterThan(50);
    });
  }
});
