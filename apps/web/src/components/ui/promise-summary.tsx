import type { PROMISE_STATUSES } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';

type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** A promise's status as text plus a tint (never colour alone). */
export function PromiseBadge({ status }: { status: PromiseStatus }) {
  const { t } = useTranslation();
  return <span className={`badge promise-${status}`}>{t(`promiseStatus.${status}`)}</span>;
}

/** A promise as it reads in the case file and the contact log: amount → due date, status, paid so far. */
export function PromiseSummary({
  promise,
}: {
  promise: { amountMinor: number; currency: string; dueDate: string; status: PromiseStatus; paidMinor: number };
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      {fmt.money(promise.amountMinor, promise.currency)} → {fmt.date(promise.dueDate)}{' '}
      <PromiseBadge status={promise.status} />
      {promise.paidMinor > 0 && (
        <span className="muted small">
          {' '}
          {t('caseFile.paid', { amount: fmt.money(promise.paidMinor, promise.currency) })}
        </span>
      )}
    </>
  );
}
