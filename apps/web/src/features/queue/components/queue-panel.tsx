import type { Stage } from '@crm/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { StageBadge } from '../../../components/ui/stage-badge';
import { useFormat } from '../../../lib/format';
import { useRovingList } from '../../../lib/roving-list';
import { useReasonText } from '../../../lib/reasons';
import { useQueue } from '../api/get-queue';

/**
 * Today's queue: callable accounts with why they are where they are, then blocked ones with until when.
 * With `collectorId`, that collector's queue as their supervisor sees it (read-only: nothing is leased).
 */
export function QueuePanel({ hrefFor, collectorId }: { hrefFor: (accountId: string) => string; collectorId?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reason = useReasonText();
  const queue = useQueue(collectorId);
  const { pathname } = useLocation();
  // Each list is one tab stop with the arrow keys inside (roving tabindex); the open account's item holds it.
  const current = (list: { accountId: string }[] | undefined) =>
    list ? list.findIndex((i) => hrefFor(i.accountId) === pathname) : -1;
  const callable = useRovingList(current(queue.data?.items), queue.data?.items.length ?? 0);
  const notCallable = useRovingList(current(queue.data?.blocked), queue.data?.blocked.length ?? 0);
  if (queue.isPending) return <LoadingState />;
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  const { items, blocked } = queue.data;
  return (
    <div className="queue">
      <h2 className="queue-title">
        {t('workstation.queue')}{' '}
        <span className="muted small">{t('workstation.callable', { count: items.length })}</span>
      </h2>
      {items.length === 0 ? (
        <EmptyState>{t('workstation.nothingCallable')}</EmptyState>
      ) : (
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
              <span className="reasons small">
                {item.reasons
                  .slice(0, 2)
                  .map((r) => reason.queue(r))
                  .join(' · ')}
              </span>
            </QueueItem>
          ))}
        </ol>
      )}
      {blocked.length > 0 && (
        <details className="blocked">
          <summary>
            {t('workstation.blocked')} ({blocked.length})
          </summary>
          <ul className="queue-list" aria-label={t('workstation.blocked')} onKeyDown={notCallable.onKeyDown}>
            {blocked.map((b, i) => (
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
        </details>
      )}
    </div>
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
