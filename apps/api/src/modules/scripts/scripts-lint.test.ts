import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

describe('POST /api/scripts/lint', () => {
  const t = useTestApp();
  let admin: Session, collector: Session;

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'l-admin' });
    await t.factories.user('collector', { username: 'l-col' });
    admin = await t.login('l-admin');
    collector = await t.login('l-col');
  });

  it('returns each finding with category, span, excerpt, explanation and a lawful alternative', async () => {
    const text =
      'Hello {{customerName}}. If you do not pay today we will tell your employer, and this is your last chance.';
    const res = await admin.inject({ method: 'POST', url: '/api/scripts/lint', payload: { text, locale: 'en' } });
    expect(res.statusCode).toBe(200);
    const { findings } = res.json();
    expect(findings.map((f: { category: string }) => f.category)).toEqual(['third_party_disclosure', 'false_urgency']);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.excerpt);
    expect(findings[0].suggestion).toBe('We only discuss your account with you.');
  });

  it('reads traditional Chinese and passes lawful wording', async () => {
    const flagged = await admin.inject({
      method: 'POST',
      url: '/api/scripts/lint',
      payload: { text: '再不還錢就通知你的家人和單位。', locale: 'zh-CN' },
    });
    expect(flagged.json().findings[0]).toMatchObject({ category: 'third_party_disclosure', excerpt: '通知你的家人' });
    const lawful = await admin.inject({
      method: 'POST',
      url: '/api/scripts/lint',
      payload: { text: '我们可以为您提供分期还款的选项。', locale: 'zh-CN' },
    });
    expect(lawful.json()).toEqual({ findings: [] });
  });

  it('matches ideas, not phrases, with the segmenter the API injects (ADR 022)', async () => {
    const lint = async (text: string, locale: 'en' | 'zh-CN') =>
      (await admin.inject({ method: 'POST', url: '/api/scripts/lint', payload: { text, locale } }))
        .json()
        .findings.map((f: { category: string; excerpt: string }) => [f.category, f.excerpt]);
    expect(await lint("We'll let your wife and your boss know.", 'en')).toEqual([
      ['third_party_disclosure', 'let your wife and your boss know'],
    ]);
    expect(await lint('今晚我們的人就在妳家樓下等妳。', 'zh-CN')).toEqual([
      ['visit_or_violence', '今晚我們的人就在妳家樓下等'],
    ]);
    // Lawful: a warning not to pay into a personal account; a debit card (借记卡) is not borrowing.
    expect(await lint('請勿匯款到任何個人帳戶，我們不會要求您這麼做。', 'zh-CN')).toEqual([]);
    expect(await lint('您可以用借记卡先还一部分。', 'zh-CN')).toEqual([]);
  });

  it('names bad fields and is not for collectors', async () => {
    const bad = await admin.inject({ method: 'POST', url: '/api/scripts/lint', payload: { text: 'x', locale: 'fr' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('locale');
    expect(
      (await collector.inject({ method: 'POST', url: '/api/scripts/lint', payload: { text: 'x', locale: 'en' } }))
        .statusCode,
    ).toBe(403);
  });
});
