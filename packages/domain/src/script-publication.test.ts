import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRIPTS } from './script-library.js';
import { justificationProblems, lintScriptForProfiles, scriptProfiles } from './script-publication.js';

const m1 = (locale: 'en' | 'zh-CN') => DEFAULT_SCRIPTS.find((s) => s.stage === 'm1' && s.locale === locale)!;
const withoutDisclosure = (locale: 'en' | 'zh-CN') =>
  m1(locale).steps.map((s) => ({ ...s, text: s.text.replace('{{requiredDisclosure}}', '') }));

describe('the profiles a script serves', () => {
  it.each([
    ['en', [], ['US', 'UK']],
    ['en', ['CN'], ['US', 'UK', 'CN']],
    ['zh-CN', [], ['CN']],
    ['zh-CN', ['US', 'US'], ['US', 'CN']],
  ] as const)('%s serving accounts of %j: %j', (locale, served, expected) => {
    expect(scriptProfiles(locale, served)).toEqual(expected);
  });
});

describe('lintScriptForProfiles', () => {
  it('finds the missing US disclosure in an M1 English script (no profile: no finding)', () => {
    const steps = withoutDisclosure('en');
    expect(lintScriptForProfiles(steps, 'en', [])).toEqual([]);
    const findings = lintScriptForProfiles(steps, 'en', scriptProfiles('en'));
    expect(findings).toEqual([
      expect.objectContaining({ category: 'missing_disclosure', step: 'opening', profiles: ['US'] }),
    ]);
  });

  it('finds it in a Chinese script once it serves US accounts, and passes the shipped scripts', () => {
    expect(lintScriptForProfiles(withoutDisclosure('zh-CN'), 'zh-CN', scriptProfiles('zh-CN'))).toEqual([]);
    expect(lintScriptForProfiles(withoutDisclosure('zh-CN'), 'zh-CN', scriptProfiles('zh-CN', ['US']))).toEqual([
      expect.objectContaining({ category: 'missing_disclosure', profiles: ['US'] }),
    ]);
    for (const s of DEFAULT_SCRIPTS)
      expect(lintScriptForProfiles(s.steps, s.locale, ['US', 'UK', 'CN']), `${s.stage} ${s.locale}`).toEqual([]);
  });

  it('lists a finding every profile raises once, without naming profiles', () => {
    const steps = m1('en').steps.map((s) =>
      s.key === 'opening' ? { ...s, text: `${s.text} We will tell your employer today.` } : s,
    );
    const findings = lintScriptForProfiles(steps, 'en', ['US', 'UK', 'CN']);
    expect(findings.filter((f) => f.category === 'third_party_disclosure')).toEqual([
      expect.not.objectContaining({ profiles: expect.anything() }),
    ]);
  });
});

describe('justificationProblems', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['ok', false],
    ['OK.', false],
    ['approved approved approved approved approved approved approved', false],
    ['fine, ok, yes, approved, checked, done, agreed, lgtm', false],
    ['This is lawful, checked it.', false],
    ['同意同意同意同意同意同意同意同意', false],
    ['没问题', false],
    [
      'The warning names the court only because the creditor has filed a claim; legal reviewed case 2291 on 1 Dec.',
      true,
    ],
    ['该段话提及诉讼是因为债权人已向法院起诉，法务部已于十二月一日审核确认属实。', true],
  ])('%j -> acceptable: %s', (text, acceptable) => {
    expect(justificationProblems(text).length === 0).toBe(acceptable);
  });
});
