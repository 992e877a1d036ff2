import type { AccountDisputes, DisputeDto, SessionUser } from '@crm/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../../components/ui/field';
import { ErrorState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useQueueValidationNotice, validationNoticePdfHref } from '../../disputes/api/queue-validation-notice';
import { useRecordVerificationSent } from '../../disputes/api/record-verification-sent';

/**
 * Validation and disputes (Reg F 1006.34, 1006.38): the validation notice (queued or sent, when
 * its validation period ends, days left) and the account's disputes (status, received, response
 * due, whether collection is paused). Collectors and supervisors send the notice and download its
 * PDF; a supervisor records that verification was sent, which ends the dispute's hold.
 */
export function ValidationAndDisputes({
  accountId,
  currency,
  timeZone,
  data,
  user,
}: {
  accountId: string;
  currency: string;
  timeZone: string;
  data: AccountDisputes;
  user: SessionUser | null | undefined;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queue = useQueueValidationNotice();
  const notice = data.notices[0];
  const pending = data.notices.some((n) => n.status === 'queued');
  const canVerify = user?.role === 'supervisor' || user?.role === 'admin';

  return (
    <div className="validation-disputes" data-testid="validation-disputes">
      {!data.noticeApplies && data.notices.length === 0 ? (
        <p className="muted small">{t('disputes.noticeNotApplicable')}</p>
      ) : notice ? (
        <dl className="facts" data-testid="validation-notice">
          <dt>{t('disputes.notice')}</dt>
          <dd>
            <span className={`badge ${notice.status === 'sent' ? 'promise-kept' : 'promise-pending'}`}>
              {t(`disputes.noticeStatus.${notice.status}`)}
            </span>{' '}
            {notice.sentAt
              ? t('disputes.sentAt', { time: fmt.timeIn(notice.sentAt, timeZone) })
              : t('disputes.queuedAt', { time: fmt.timeIn(notice.queuedAt, timeZone) })}
            {notice.lastError && notice.status !== 'sent' && <div className="muted small">{notice.lastError}</div>}
          </dd>
          <dt>{t('disputes.periodEnds')}</dt>
          <dd data-testid="validation-ends">
            {fmt.date(notice.validationEndsOn)}{' '}
            {notice.daysLeft !== null ? (
              <span className={`badge ${notice.daysLeft >= 0 ? 'promise-pending' : ''}`} data-testid="days-left">
                {notice.daysLeft >= 0 ? t('disputes.daysLeft', { count: notice.daysLeft }) : t('disputes.periodEnded')}
              </span>
            ) : (
              <span className="muted small">{t('disputes.ifSentToday')}</span>
            )}
          </dd>
          <dt>{t('disputes.figures')}</dt>
          <dd className="small">
            {t('disputes.itemization', {
              date: fmt.date(notice.itemizationDate),
              then: fmt.money(notice.amountOnItemizationMinor, currency),
              paid: fmt.money(notice.paymentsCreditsSinceMinor, currency),
              now: fmt.money(notice.currentAmountMinor, currency),
            })}
            {notice.locales.length > 1 && <span className="muted"> · {t('disputes.withTranslation')}</span>}
          </dd>
        </dl>
      ) : (
        <p className="notice" data-testid="no-notice">
          {t('disputes.noNotice')}
        </p>
      )}
      <div className="actions start">
        {data.noticeApplies && !pending && (
          <button
            type="button"
            className="button"
            disabled={queue.isPending}
            onClick={() => queue.mutate({ accountId, body: {} })}
          >
            {t('disputes.sendNotice')}
          </button>
        )}
        {notice && (
          <a className="button" href={validationNoticePdfHref(accountId, notice.id)} download={notice.fileName}>
            {t('disputes.downloadPdf')}
          </a>
        )}
      </div>
      {queue.isError && <ErrorState error={queue.error} />}

      <h4>{t('disputes.disputes')}</h4>
      {data.disputes.length === 0 ? (
        <p className="muted small">{t('disputes.none')}</p>
      ) : (
        <ul className="plain" data-testid="dispute-list">
          {data.disputes.map((d) => (
            <DisputeItem
              key={d.id}
              dispute={d}
              accountId={accountId}
              timeZone={timeZone}
              currency={currency}
              canVerify={canVerify}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function DisputeItem({
  dispute: d,
  accountId,
  timeZone,
  currency,
  canVerify,
}: {
  dispute: DisputeDto;
  accountId: string;
  timeZone: string;
  currency: string;
  canVerify: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const verify = useRecordVerificationSent();
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState('');
  return (
    <li data-dispute={d.id}>
      <span className={`badge ${d.status === 'open' ? 'flag' : 'promise-kept'}`}>
        {t(`disputes.status.${d.status}`)}
      </span>{' '}
      <strong>{d.description}</strong>{' '}
      <span className="muted small">
        {t(`disputes.method.${d.method}`)} ·{' '}
        {d.amountMinor === null ? t('disputes.wholeDebt') : fmt.money(d.amountMinor, currency)} ·{' '}
        {t('disputes.received', { time: fmt.timeIn(d.receivedAt, timeZone) })} · {t(`disputes.timing.${d.timing}`)}
      </span>
      <div className="small">
        {d.collectionPaused ? (
          <span className="badge flag" data-testid="collection-paused">
            {t('disputes.paused')}
          </span>
        ) : (
          <span className="muted">{t('disputes.notPaused')}</span>
        )}{' '}
        ·{' '}
        {d.status === 'open' ? (
          <span>{t('disputes.responseDue', { date: fmt.date(d.responseDueOn) })}</span>
        ) : (
          d.verificationSentAt && (
            <span className="muted">
              {t('disputes.verificationSentAt', { time: fmt.timeIn(d.verificationSentAt, timeZone) })}
              {d.verificationSummary ? ` · ${d.verificationSummary}` : ''}
            </span>
          )
        )}
      </div>
      {canVerify && d.status === 'open' && !open && (
        <div className="actions start">
          <button type="button" className="button" onClick={() => setOpen(true)}>
            {t('disputes.recordVerification')}
          </button>
        </div>
      )}
      {canVerify && d.status === 'open' && open && (
        <form
          className="admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            verify.mutate({ accountId, disputeId: d.id, summary }, { onSuccess: () => setOpen(false) });
          }}
        >
          <TextAreaField label={t('disputes.whatWasSent')} value={summary} onChange={setSummary} rows={2} />
          <div className="actions start">
            <button type="submit" className="button primary" disabled={verify.isPending}>
              {t('disputes.confirmVerification')}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t('disputes.cancel')}
            </button>
          </div>
          {verify.isError && <ErrorState error={verify.error} />}
        </form>
      )}
    </li>
  );
}
