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
