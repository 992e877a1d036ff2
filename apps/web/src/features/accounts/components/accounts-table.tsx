import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { StageBadge } from '../../../components/ui/stage-badge';
import { useFormat } from '../../../lib/format';
import { useAccounts } from '../api/get-accounts';

/** Accounts in the caller's scope, most overdue first, with search and "load more". */
export function AccountsTable({
  showCollector = false,
  hrefFor,
}: {
  showCollector?: boolean;
  hrefFor?: (accountId: string) => string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const accounts = useAccounts(q ? { q } : {});
  const rows = accounts.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="panel">
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">{t('accounts.search')}</span>
          <input
            type="search"
            placeholder={t('accounts.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label={t('accounts.search')}
          />
        </label>
      </div>
      {accounts.isPending ? (
        <LoadingState />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState>{q ? t('accounts.noMatch', { q }) : t('accounts.empty')}</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('accounts.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('accounts.customer')}</th>
                  <th scope="col">{t('accounts.account')}</th>
                  <th scope="col" className="num">
                    {t('accounts.overdue')}
                  </th>
                  <th scope="col" className="num">
                    {t('accounts.balance')}
                  </th>
                  <th scope="col" className="num">
                    {t('accounts.dpd')}
                  </th>
                  <th scope="col">{t('accounts.stage')}</th>
                  <th scope="col">{t('accounts.localTime')}</th>
                  {showCollector && <th scope="col">{t('accounts.collector')}</th>}
                  <th scope="col">{t('accounts.flags')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <div className="strong">
                        {hrefFor ? <Link to={hrefFor(a.id)}>{a.debtorName}</Link> : a.debtorName}
                      </div>
                      <div className="muted small">{a.creditorName}</div>
                    </td>
                    <td>
                      <div className="mono">{a.externalId}</div>
                      <div className="muted small">{t(`products.${a.product}`, { defaultValue: a.product })}</div>
                    </td>
                    <td className="num">{fmt.money(a.overdueMinor, a.currency)}</td>
                    <td className="num">{fmt.money(a.balanceMinor, a.currency)}</td>
                    <td className="num">{fmt.number(a.daysPastDue)}</td>
                    <td>
                      <StageBadge stage={a.stage} />
                    </td>
                    <td>
                      <span className="mono">{a.debtorLocalTime}</span>
                      <div className="muted small">{a.debtorTimeZone}</div>
                    </td>
                    {showCollector && <td>{a.assignedCollector?.displayName ?? t('accounts.unassigned')}</td>}
                    <td>
                      {a.activeStopFlags.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        a.activeStopFlags.map((f) => (
                          <span key={f} className="badge flag">
                            ✕ {t(`stopFlags.${f}`, { defaultValue: f })}
                          </span>
                        ))
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-footer">
            <span className="muted small">{t('accounts.shown', { count: rows.length })}</span>
            {accounts.hasNextPage && (
              <button
                type="button"
                className="button"
                onClick={() => void accounts.fetchNextPage()}
                disabled={accounts.isFetchingNextPage}
              >
                {accounts.isFetchingNextPage ? t('states.loading') : t('accounts.loadMore')}
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
