import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useMyCallbacks } from '../api/get-my-callbacks';

/**
 * "My callbacks today": the signed-in collector's pending callbacks due from 12 hours ago to the end
 * of their day, soonest first, each at the customer's time; missed ones marked overdue.
 */
export function MyCallbacks({ hrefFor }: { hrefFor: (accountId: string) => string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const callbacks = useMyCallbacks();
  if (callbacks.isPending) return <LoadingState />;
  if (callbacks.isError) return <ErrorState error={callbacks.error} onRetry={() => void callbacks.refetch()} />;
  const { items } = callbacks.data;
  return (
    <section className="my-callbacks" aria-labelledby="my-callbacks-title">
      <h2 className="queue-title" id="my-callbacks-title">
        {t('myCallbacks.title')} <span className="muted small">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p className="muted small">{t('myCallbacks.none')}</p>
      ) : (
        <ul className="queue-list">
          {items.map((c) => (
            <li key={c.id}>
              <NavLink
                to={hrefFor(c.accountId)}
                className="queue-item"
                aria-label={`${t('myCallbacks.open', { id: c.externalId })}: ${c.debtorName}`}
              >
                <span className="queue-line">
                  <strong>{c.debtorName}</strong>
                  {c.overdue && <span className="badge flag">{t('myCallbacks.overdue')}</span>}
                </span>
                <span className="queue-line muted small">
                  <span>{t('myCallbacks.dueAt', { time: fmt.timeIn(c.dueAt, c.customerTimeZone) })}</span>
                  <span>{c.externalId}</span>
                </span>
              </NavLink>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
