import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OBJECTIONS,
  DEFAULT_SCRIPTS,
  REQUIRED_DISCLOSURE,
  SCRIPT_VARIABLES,
  DESK_SCRIPT_VARIABLES,
  renderScriptText,
  unknownVariables,
} from './script-library.js';
import { OBJECTION_CATEGORIES, STAGES } from '@crm/contracts';

describe('default script library', () => {
  it('has a script for every stage in English and Simplified Chinese', () => {
    for (const stage of STAGES) {
      for (const locale of ['en', 'zh-CN']) {
        expect(
          DEFAULT_SCRIPTS.filter((s) => s.stage === stage && s.locale === locale),
          `${stage} ${locale}`,
        ).toHaveLength(1);
      }
    }
  });

  it('follows the call arc, with three willingness branches', () => {
    for (const script of DEFAULT_SCRIPTS) {
      expect(script.steps.map((s) => s.key)).toEqual([
        'opening',
        'verification',
        'reason',
        'willingness',
        'negotiation',
        'commitment',
        'close',
      ]);
      expect(script.steps[3]!.branches?.map((b) => b.key)).toEqual(['willing_able', 'willing_unable', 'unwilling']);
    }
  });

  it('identifies the collector and the creditor first, and gives the disclosure only after verification', () => {
    for (const script of DEFAULT_SCRIPTS) {
      const [opening, verification] = script.steps;
      expect(opening!.text).toContain('{{collectorName}}');
      expect(opening!.text).toContain('{{creditor}}');
      expect(opening!.text).not.toMatch(/overdue|debt|逾期|欠款/i);
      expect(verification!.text).toContain('{{requiredDisclosure}}');
    }
  });

  it('uses only documented variables', () => {
    for (const script of DEFAULT_SCRIPTS) {
      for (const step of script.steps) {
        expect(unknownVariables(step.text)).toEqual([]);
        for (const b of step.branches ?? []) expect(unknownVariables(b.text)).toEqual([]);
      }
    }
  });

  it('never threatens, shames or urges borrowing (spot check of obvious wording)', () => {
    const all = JSON.stringify([DEFAULT_SCRIPTS, DEFAULT_OBJECTIONS]);
    for (const banned of [
      /arrest/i,
      /jail/i,
      /police/i,
      /borrow/i,
      /another card/i,
      /sell your/i,
      /逮捕/,
      /坐牢/,
      /公安/,
      /借钱/,
      /套现/,
      /以贷养贷/,
      /通知.*家人/,
      /单位/,
    ]) {
      expect(all).not.toMatch(banned);
    }
  });

  it('has objection answers for every category in both languages', () => {
    for (const category of OBJECTION_CATEGORIES) {
      expect(
        DEFAULT_OBJECTIONS.filter((o) => o.category === category)
          .map((o) => o.locale)
          .sort(),
      ).toEqual(['en', 'zh-CN']);
    }
  });

  it('states that US calls are an attempt to collect a debt', () => {
    expect(REQUIRED_DISCLOSURE.US.en).toMatch(/attempt to collect a debt/);
  });
});

describe('renderScriptText', () => {
  const values = Object.fromEntries(SCRIPT_VARIABLES.map((v) => [v, `<${v}>`])) as Record<
    (typeof SCRIPT_VARIABLES)[number],
    string
  >;
  it('fills variables, tolerating spaces inside the braces', () => {
    expect(renderScriptText('Hello {{customerName}}, {{ collectorName }} here.', values)).toBe(
      'Hello <customerName>, <collectorName> here.',
    );
  });
  it('leaves unknown variables visible and reports them', () => {
    expect(renderScriptText('Pay {{amount}}', values)).toBe('Pay {{amount}}');
    expect(unknownVariables('Pay {{amount}} to {{creditor}}')).toEqual(['amount']);
  });
});

describe('the close reads the promise back (ADR 035)', () => {
  it('every default script’s close step uses the desk’s promise variables, and the server leaves them for the desk', () => {
    for (const script of DEFAULT_SCRIPTS) {
      const close = script.steps.find((s) => s.key === 'close')!;
      for (const v of DESK_SCRIPT_VARIABLES)
        expect(close.text, `${script.stage} ${script.locale}`).toContain(`{{${v}}}`);
      expect(close.text).not.toMatch(/\[(amount|date|channel|金额|日期|渠道)\]/);
      expect(renderScriptText(close.text, { customerName: 'Ms Li' })).toContain('{{promiseAmount}}');
    }
  });
});
