import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from './states';

/** What a keyset-paged list query gives (TanStack `useInfiniteQuery`), as far as the panel needs it. */
export interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
  refetch(): Promise<unknown>;
}

/**
 * A paged list in a panel: how many are shown (and that there are more), a CSV export of the whole
 * filtered list, loading / error / empty states, the table, and "load more". The contact log and
 * the audit trail both use it; the caller brings the table, and its words live under one
 * translation prefix: `<prefix>.shown` (with count), `.more`, `.export`, `.empty`, `.loadMore`.
 */
export function PagedList({
  query,
  count,
  messages,
  exportHref,
  children,
}: {
  query: PagedQuery;
  count: number;
  /** Translation prefix of the list's words, e.g. "audit". */
  messages: string;
  exportHref: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const labels = {
    shown: t(`${messages}.shown`, { count }),
    more: t(`${messages}.more`),
    export: t(`${messages}.export`),
    empty: t(`${messages}.empty`),
    loadMore: t(`${messages}.loadMore`),
  };
  return (
    <>
      <div className="toolbar spread">
        <span className="muted small" role="status">
          {query.isSuccess ? labels.shown + (query.hasNextPage ? ` ${labels.more}` : '') : ''}
        </span>
        <a className="button" href={exportHref} download>
          {labels.export}
        </a>
      </div>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : count === 0 ? (
        <EmptyState>{labels.empty}</EmptyState>
      ) : (
        <div className="table-wrap">{children}</div>
      )}
      {query.hasNextPage && (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {labels.loadMore}
          </button>
        </div>
      )}
    </>
  );
}
