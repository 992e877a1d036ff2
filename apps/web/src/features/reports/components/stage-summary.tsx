import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { StageBadge } from '../../../components/ui/stage-badge';
import { useFormat } from '../../../lib/format';
import { usePortfolioSummary } from '../api/get-portfolio-summary';

/** Open accounts and overdue amounts by stage; amounts stay per currency, never summed across. */
export function StageSummary() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const summary = usePortfolioSummary();
  return (
    <QueryState query={summary}>
      {(data) => (
        <div className="cards" role="list" aria-label={t('reports.byStage')}>
          {data.stages.map((s) => (
            <article key={s.stage} className="card" role="listitem" data-testid={`stage-card-${s.stage}`}>
              <header>
                <StageBadge stage={s.stage} />
              </header>
              <p className="metric">
                {fmt.number(s.accounts)}{' '}
                <span className="muted small">{t('reports.accounts', { count: s.accounts })}</span>
              </p>
              <ul className="amounts" aria-label={t('reports.overdue')}>
                {s.overdue
                  .filter((o) => BigInt(o.amountMinor) > 0n)
                  .map((o) => (
                    <li key={o.currency}>{fmt.money(o.amountMinor, o.currency)}</li>
                  ))}
              </ul>
            </article>
          ))}
        </div>
      )}
    </QueryState>
  );
}
