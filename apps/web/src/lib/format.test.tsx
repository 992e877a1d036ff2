import { renderHook } from '@testing-library/react';
import { format, parseISO } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
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

  // The formats are written by hand (ADR 054: date-fns's formatter left the first load); they must
  // stay what date-fns's "PP" and "HH:mm" wrote.
  it.each([
    ['en', enUS],
    ['zh-CN', zhCN],
  ] as const)('%s: the same text as date-fns', async (locale, dateLocale) => {
    const fmt = await fmtIn(locale);
    const samples = [
      '2026-01-01',
      '2026-02-28',
      '2024-02-29',
      '2026-09-05',
      '2026-12-31',
      '0999-03-07',
      '0050-01-02',
      '2026-01-01T00:00:00',
      '2026-06-09T09:05:00',
      '2026-12-31T23:59:59.999',
      '2026-03-29T01:30:00Z',
      '2026-10-25T23:15:00.123Z',
      '2026-07-04T12:00:00+05:30',
    ];
    for (const iso of samples) {
      const d = parseISO(iso);
      expect(fmt.date(iso)).toBe(format(d, 'PP', { locale: dateLocale }));
      expect(fmt.dateTime(iso)).toBe(format(d, 'PP HH:mm', { locale: dateLocale }));
      expect(fmt.time(iso)).toBe(format(d, 'HH:mm', { locale: dateLocale }));
    }
    expect(() => fmt.date('not a date')).toThrow(RangeError);
  });
});
