import { useTranslation } from 'react-i18next';

interface Reason {
  code: string;
  message: string;
  params: Record<string, string | number>;
}

/** Gate and queue reasons in the user's language, from their codes and parameters. */
export function useReasonText() {
  const { t } = useTranslation();
  const enrich = (params: Record<string, string | number>) => ({
    ...params,
    flagLabel: params.flag ? t(`stopFlags.${params.flag}`, { defaultValue: String(params.flag) }) : '',
    stageLabel: params.stage ? t(`stages.${params.stage}`, { defaultValue: String(params.stage) }) : '',
    hour: typeof params.hour === 'number' ? String(params.hour).padStart(2, '0') : params.hour,
  });
  return {
    gate: (r: Reason) => t(`gateReasons.${r.code}`, { ...enrich(r.params), defaultValue: r.message }),
    queue: (r: Reason) => t(`queueReasons.${r.code}`, { ...enrich(r.params), defaultValue: r.message }),
  };
}
