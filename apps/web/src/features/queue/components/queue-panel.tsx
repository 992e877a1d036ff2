import type { Stage } from '@crm/contracts';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { StageBadge } from '../../../components/ui/stage-badge';
import { useFormat } from '../../../lib/format';
import { useRovingList } from '../../../lib/roving-list';
import { useReasonText } from '../../../lib/reasons';
import { QUEUE_PAGE_SIZE, useQueueList } from '../api/get-queue';

/**
 * Today's queue: callable accounts with why they are where they are, then blocked ones with until when.
 * With `collectorId`, that collector's queue as their supervisor sees it (read-only: nothing is leased).
 * Each list shows its first page and a "show more" button (ADR 050); the blocked list is fetched
 * when it is opened. The header's counts are the whole queue's.
 */
export function QueuePanel({ hrefFor, collectorId }: { hrefFor: (accountId: string) => string; collectorId?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reason = useReasonText();
  const [blockedOpen, setBlockedOpen] = useState(false);
  const callableList = useQueueList('callable', collectorId);
  const blockedList = useQueueList('blocked', collectorId, blockedOpen);
  const { pathname } = useLocation();
  // Each list is one tab stop with the arrow keys inside (roving tabindex); the open account's item holds it.
  const current = (list: { accountId: string }[] | undefined) =>
    list ? list.findIndex((i) => hrefFor(i.accountId) === pathname) : -1;
  const callable = useRovingList(current(callableList.items), callableList.items?.length ?? 0);
  const notCallable = useRovingList(current(blockedList.items), blockedList.items?.length ?? 0);
  const queue = callableList.query;
  if (queue.isPending) return <LoadingState />;
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  const items = callableList.items ?? [];
  const totals = callableList.totals ?? { callable: items.length, blocked: 0, callbacksDue: 0 };
  return (
    <div className="queue">
      <h2 className="queue-title">
        {t('workstation.queue')}{' '}
        <span className="muted small">
          {t('workstation.callable', { count: totals.callable })}
          {totals.callbacksDue > 0 && <> · {t('workstation.callbacksDue', { count: totals.callbacksDue })}</>}
        </span>
      </h2>
      {items.length === 0 ? (
        <EmptyState>{t('workstation.nothingCallable')}</EmptyState>
      ) : (
        <>
          <ol className="queue-list" aria-label={t('workstation.queue')} onKeyDown={callable.onKeyDown}>
            {items.map((item, i) => (
              <QueueItem
                key={item.accountId}
                item={item}
                href={hrefFor(item.accountId)}
                tabIndex={callable.tabIndexFor(i)}
              >
                <span className="queue-line muted small">
                  <span>{fmt.money(item.overdueMinor, item.currency)}</span>
                  <span>{t('workstation.customerTime', { time: item.customerLocalTime })}</span>
                </span>
                <span className="reasons small">{item.reasons.map((r) => reason.queue(r)).join(' · ')}</span>
              </QueueItem>
            ))}
          </ol>
          <ShowMore query={queue} loaded={items.length} total={totals.callable} />
        </>
      )}
      {totals.blocked > 0 && (
        <details className="blocked" onToggle={(e) => setBlockedOpen(e.currentTarget.open)}>
          <summary>
            {t('workstation.blocked')} ({totals.blocked})
          </summary>
          {blockedList.query.isPending ? (
            blockedOpen && <LoadingState />
          ) : blockedList.query.isError ? (
            <ErrorState error={blockedList.query.error} onRetry={() => void blockedList.query.refetch()} />
          ) : (
            <>
              <ul className="queue-list" aria-label={t('workstation.blocked')} onKeyDown={notCallable.onKeyDown}>
                {(blockedList.items ?? []).map((b, i) => (
                  <QueueItem
                    key={b.accountId}
                    item={b}
                    href={hrefFor(b.accountId)}
                    blocked
                    tabIndex={notCallable.tabIndexFor(i)}
                  >
                    <span className="reasons small">{b.reasons.map((r) => reason.gate(r)).join(' · ')}</span>
                    <span className="small strong">
                      {b.nextAllowedAt
                        ? t('workstation.opensAt', { time: fmt.timeIn(b.nextAllowedAt, b.customerTimeZone) })
                        : t('workstation.noEnd')}
                    </span>
                  </QueueItem>
                ))}
              </ul>
              <ShowMore
                query={blockedList.query}
                loaded={blockedList.items?.length ?? 0}
                total={blockedList.totals?.blocked ?? totals.blocked}
              />
            </>
          )}
        </details>
      )}
    </div>
  );
}

/** "Show 50 more of 940": the next page of a list, while there is one. */
function ShowMore({
  query,
  loaded,
  total,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  loaded: number;
  total: number;
}) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <button
      type="button"
      className="button small queue-more"
      disabled={query.isFetchingNextPage}
      onClick={() => void query.fetchNextPage()}
    >
      {query.isFetchingNextPage
        ? t('workstation.loadingMore')
        : t('workstation.showMore', { count: Math.max(Math.min(QUEUE_PAGE_SIZE, total - loaded), 1), total })}
    </button>
  );
}

/** One account in the queue: who and which stage, then why it is there (or until when it is blocked). */
function QueueItem({
  item,
  href,
  blocked = false,
  tabIndex,
  children,
}: {
  item: { debtorName: string; stage: Stage };
  href: string;
  blocked?: boolean;
  tabIndex: number;
  children: ReactNode;
}) {
  return (
    <li>
      <NavLink
        to={href}
        className={blocked ? 'queue-item blocked-item' : 'queue-item'}
        tabIndex={tabIndex}
        data-roving=""
      >
        <span className="queue-line">
          <strong>{item.debtorName}</strong>
          <StageBadge stage={item.stage} />
        </span>
        {children}
      </NavLink>
    </li>
  );
}
