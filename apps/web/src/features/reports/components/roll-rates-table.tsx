import { STAGES, type RollRates } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { QueryTable } from '../../../components/ui/data-table';
import { percent, useFormat } from '../../../lib/format';
import { useRollRates } from '../api/get-roll-rates';

type RollRateMonth = RollRates['months'][number];

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
    <QueryTable
      query={report}
      rows={(d) => d.months}
      empty={t('rollRates.empty')}
      caption={t('rollRates.title')}
      rowKey={(m) => m.month}
      columns={[
        { key: 'month', header: t('rollRates.month'), rowHeader: true, cell: (m) => m.month },
        ...STAGES.map((stage) => ({
          key: stage,
          header: t(`stages.${stage}`),
          numeric: true,
          cell: (m: RollRateMonth) => {
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
  );
}
