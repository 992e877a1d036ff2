import { formatMoney } from '@crm/domain';
import { useTranslation } from 'react-i18next';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An ISO date ("2026-11-20", a day in the reader's zone, as date-fns's parseISO reads it) or date-time
 * (with its offset, else local).
 */
function parseInstant(iso: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = day ? new Date(0, 0, 1) : new Date(iso);
  if (day) d.setFullYear(Number(day[1]), Number(day[2]) - 1, Number(day[3])); // years 0-99 too
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid time value');
  return d;
}

/**
 * The date as date-fns's "PP" writes it in each language ("Nov 20, 2026" / "2026-11-20"), by hand:
 * date-fns's formatter and two locales were a third of the first load's own code (ADR 054).
 * format.test.tsx compares both with date-fns.
 */
const dateText = (d: Date, locale: 'en' | 'zh-CN') =>
  locale === 'zh-CN'
    ? `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
    : `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}`;
const timeText = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** Locale-aware formatting of money, dates and numbers for the current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  return {
    /** One amount (a number) or a total (an exact decimal string of minor units). */
    money: (amountMinor: number | string, currency: string) => formatMoney({ amountMinor, currency }, locale),
    /** The one date format: "Nov 20, 2026" / "2026-11-20". */
    date: (iso: string) => dateText(parseInstant(iso), locale),
    /**
     * The one date-time format: the date, then the time on a 24-hour clock in every language
     * ("Nov 20, 2026 15:04" / "2026-11-20 15:04"; ADR 033): zh-CN writes 24-hour times, and English
     * follows the same clock the customer-zone times (timeIn) and the audit trail already use.
     */
    dateTime: (iso: string) => {
      const d = parseInstant(iso);
      return `${dateText(d, locale)} ${timeText(d)}`;
    },
    /**
     * A time zone in words in the reader's language ("Eastern Time" / "北美东部时间") instead of its
     * IANA id, which stays available to the caller (a title, a data attribute); the id when the
     * browser has no name for it.
     */
    zone: (timeZone: string) => {
      try {
        const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
          .formatToParts(0)
          .find((p) => p.type === 'timeZoneName')?.value;
        return name && name !== timeZone ? name : timeZone;
      } catch {
        return timeZone;
      }
    },
    /** A time of day on the 24-hour clock, "15:04". */
    time: (iso: string) => timeText(parseInstant(iso)),
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
    /** A moment shown in a given zone (the customer's), e.g. "Nov 21, 08:00". */
    timeIn: (iso: string, timeZone: string) =>
      new Intl.DateTimeFormat(locale, {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }).format(new Date(iso)),
  };
}

/** A rate (0..1) as a percentage with one decimal ("66.7%"), or a dash when there is none. */
export const percent = (rate: number | null | undefined): string =>
  rate == null ? '—' : `${Math.round(rate * 1000) / 10}%`;
