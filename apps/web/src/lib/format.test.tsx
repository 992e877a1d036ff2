import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { initI18n, setLocale } from './i18n';
import { useFormat } from './format';

async function fmtIn(locale: 'en' | 'zh-CN') {
  initI18n(locale);
  await setLocale(locale);
  return renderHook(() => useFormat()).result.current;
}

describe('one date and one time format', () => {
  it.each([
    ['en', 'Nov 20, 2026', '15:04'],
    ['zh-CN', '2026-11-20', '15:04'],
  ] as const)('%s: dates as %s, times on the 24-hour clock', async (locale, date, time) => {
    const fmt = await fmtIn(locale);
    // A local instant, so the test does not depend on the machine's zone.
    expect(fmt.date('2026-11-20')).toBe(date);
    expect(fmt.dateTime('2026-11-20T15:04:00')).toBe(`${date} ${time}`);
    expect(fmt.time('2026-11-20T15:04:00')).toBe(time);
    expect(fmt.dateTime('2026-11-20T15:04:00')).not.toMatch(/PM|下午/);
  });

  it('names a time zone in the reader’s language, not by its IANA id', async () => {
    expect((await fmtIn('en')).zone('America/New_York')).toBe('Eastern Time');
    expect((await fmtIn('zh-CN')).zone('America/New_York')).toBe('北美东部时间');
    expect((await fmtIn('en')).zone('Not/AZone')).toBe('Not/AZone');
  });
});
