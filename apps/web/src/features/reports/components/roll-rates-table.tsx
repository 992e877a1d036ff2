import { STAGES } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { percent, useFormat } from '../../../lib/format';
import { useRollRates } from '../api/get-roll-rates';

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
  return (
    <QueryState query={report} isEmpty={(d) => d.months.length === 0} empty={t('rollRates.empty')}>
      {(data) => (
        <DataTable
          caption={t('rollRates.title')}
          rows={data.months}
          rowKey={(m) => m.month}
          columns={[
            { key: 'month', header: t('rollRates.month'), rowHeader: true, cell: (m) => m.month },
            ...STAGES.map((stage) => ({
              key: stage,
              header: t(`stages.${stage}`),
              numeric: true,
              cell: (m: (typeof data.months)[number]) => {
                const s = m.stages.find((x) => x.stage === stage);
                if (!s) return null;
                return (
                  <>
                    <div>{t('rollRates.accounts', { count: s.accounts, n: fmt.number(s.accounts) })}</div>
                    {s.rollRate !== null && (
                      <div className="small">{t('rollRates.rolled', { rate: percent(s.rollRate) })}</div>
                    )}
                    {s.cureRate !== null && (
                      <div className="small">{t('rollRates.cured', { rate: percent(s.cureRate) })}</div>
                    )}
                  </>
                );
              },
            })),
          ]}
        />
      )}
    </QueryState>
  );
}
