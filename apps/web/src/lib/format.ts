import { formatMoney } from '@crm/domain';
import { format, parseISO } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';

/** Locale-aware formatting of money, dates and numbers for the current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const dateLocale = locale === 'zh-CN' ? zhCN : enUS;
  return {
    /** One amount (a number) or a total (an exact decimal string of minor units). */
    money: (amountMinor: number | string, currency: string) => formatMoney({ amountMinor, currency }, locale),
    date: (iso: string) => format(parseISO(iso), 'PP', { locale: dateLocale }),
    dateTime: (iso: string) => format(parseISO(iso), 'PPp', { locale: dateLocale }),
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
