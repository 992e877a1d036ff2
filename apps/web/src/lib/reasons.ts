import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

interface Reason {
  code: string;
  message: string;
  params: Record<string, string | number>;
}

/** Gate and queue reasons in the user's language, from their codes and parameters. */
export function useReasonText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const enrich = (params: Record<string, string | number>) => ({
    ...params,
    // Amounts re-formatted in the reader's language from their minor units.
    ...(typeof params.amountMinor === 'number' && typeof params.currency === 'string'
      ? { amount: fmt.money(params.amountMinor, params.currency) }
      : {}),
    flagLabel: params.flag ? t(`stopFlags.${params.flag}`, { defaultValue: String(params.flag) }) : '',
    channelLabel: params.channel ? t(`channels.${params.channel}`, { defaultValue: String(params.channel) }) : '',
    stageLabel: params.stage ? t(`stages.${params.stage}`, { defaultValue: String(params.stage) }) : '',
    dueDateLabel: typeof params.dueDate === 'string' ? fmt.date(params.dueDate) : '',
    hour: typeof params.hour === 'number' ? String(params.hour).padStart(2, '0') : params.hour,
    // Plural forms ("1 day" / "2 days") key off `count`.
    ...(typeof params.days === 'number' ? { count: params.days } : {}),
  });
  return {
    gate: (r: Reason) => t(`gateReasons.${r.code}`, { ...enrich(r.params), defaultValue: r.message }),
    queue: (r: Reason) => t(`queueReasons.${r.code}`, { ...enrich(r.params), defaultValue: r.message }),
  };
}
