import { STAGES } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useRollRates } from '../api/get-roll-rates';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** Roll and cure rates per month (at most the last 12 months of the period), from the stage history. */
export function RollRatesTable({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toMonth = to.slice(0, 7);
  const earliest = new Date(Date.UTC(Number(toMonth.slice(0, 4)), Number(toMonth.slice(5, 7)) - 12, 1))
    .toISOString()
    .slice(0, 7);
  const fromMonth = from.slice(0, 7) < earliest ? earliest : from.slice(0, 7);
  const report = useRollRates(fromMonth, toMonth);
  if (report.isPending) return <LoadingState />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (report.data.months.length === 0) return <EmptyState>{t('rollRates.empty')}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('rollRates.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rollRates.month')}</th>
            {STAGES.map((s) => (
              <th key={s} scope="col" className="num">
                {t(`stages.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.data.months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{m.month}</th>
              {m.stages.map((s) => (
                <td key={s.stage} className="num">
                  <div>{t('rollRates.accounts', { count: s.accounts, n: fmt.number(s.accounts) })}</div>
                  {s.rollRate !== null && (
                    <div className="small">{t('rollRates.rolled', { rate: pct(s.rollRate) })}</div>
                  )}
                  {s.cureRate !== null && (
                    <div className="small">{t('rollRates.cured', { rate: pct(s.cureRate) })}</div>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
