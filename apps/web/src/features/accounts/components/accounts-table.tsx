import type { AccountSummary } from '@crm/contracts';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/ui/data-table';
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
  const columns: Column<AccountSummary>[] = [
    {
      key: 'customer',
      header: t('accounts.customer'),
      cell: (a) => (
        <>
          <div className="strong">{hrefFor ? <Link to={hrefFor(a.id)}>{a.debtorName}</Link> : a.debtorName}</div>
          <div className="muted small">{a.creditorName}</div>
        </>
      ),
    },
    {
      key: 'account',
      header: t('accounts.account'),
      cell: (a) => (
        <>
          <div className="mono">{a.externalId}</div>
          <div className="muted small">{t(`products.${a.product}`, { defaultValue: a.product })}</div>
        </>
      ),
    },
    {
      key: 'overdue',
      header: t('accounts.overdue'),
      numeric: true,
      cell: (a) => fmt.money(a.overdueMinor, a.currency),
    },
    {
      key: 'balance',
      header: t('accounts.balance'),
      numeric: true,
      cell: (a) => fmt.money(a.balanceMinor, a.currency),
    },
    { key: 'dpd', header: t('accounts.dpd'), numeric: true, cell: (a) => fmt.number(a.daysPastDue) },
    { key: 'stage', header: t('accounts.stage'), cell: (a) => <StageBadge stage={a.stage} /> },
    {
      key: 'localTime',
      header: t('accounts.localTime'),
      cell: (a) => (
        <>
          <span className="mono">{a.debtorLocalTime}</span>
          <div className="muted small">{a.debtorTimeZone}</div>
        </>
      ),
    },
    ...(showCollector
      ? [
          {
            key: 'collector',
            header: t('accounts.collector'),
            cell: (a: AccountSummary) => a.assignedCollector?.displayName ?? t('accounts.unassigned'),
          },
        ]
      : []),
    {
      key: 'flags',
      header: t('accounts.flags'),
      cell: (a) =>
        a.activeStopFlags.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          a.activeStopFlags.map((f) => (
            <span key={f} className="badge flag">
              ✕ {t(`stopFlags.${f}`, { defaultValue: f })}
            </span>
          ))
        ),
    },
  ];

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
          <DataTable caption={t('accounts.caption')} rows={rows} rowKey={(a) => a.id} columns={columns} />
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
