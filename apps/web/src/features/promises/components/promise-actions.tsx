import { PAYMENT_CHANNELS, type AmendPromiseBody } from '@crm/contracts';
import { currencyExponent, parseAmountToMinor } from '@crm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodeOptions } from '../../../components/ui/code-options';
import { SelectField, TextAreaField, TextField } from '../../../components/ui/field';
import { ErrorState } from '../../../components/ui/states';
import { ApiError } from '../../../lib/api-client';
import { useAmendPromise, useCancelPromise } from '../api/change-promise';

type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

interface PendingPromise {
  id: string;
  amountMinor: number;
  currency: string;
  dueDate: string;
  channel: string;
}

const asMajor = (minor: number, currency: string) =>
  (minor / 10 ** currencyExponent(currency)).toFixed(currencyExponent(currency));

/**
 * "Amend" and "Cancel" on a pending promise in the case file (ADR 027, 035). Amend sends only the
 * terms that changed, with a reason; cancel sends a reason. A promise judged or changed meanwhile
 * (409) is said plainly, and the case file is refreshed.
 */
export function PromiseActions({ accountId, promise }: { accountId: string; promise: PendingPromise }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<null | 'amend' | 'cancel'>(null);
  const [amount, setAmount] = useState(() => asMajor(promise.amountMinor, promise.currency));
  const [dueDate, setDueDate] = useState(promise.dueDate);
  const [channel, setChannel] = useState<PaymentChannel>(promise.channel as PaymentChannel);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const amend = useAmendPromise();
  const cancel = useCancelPromise();
  const channelOptions = useCodeOptions('paymentChannels', PAYMENT_CHANNELS);
  const error = amend.error ?? cancel.error;
  const pending = amend.isPending || cancel.isPending;
  const close = () => {
    setOpen(null);
    setReason('');
    setProblem(null);
    amend.reset();
    cancel.reset();
  };

  if (open === null)
    return (
      <span className="promise-actions">
        {' '}
        <button type="button" className="secondary small" onClick={() => setOpen('amend')}>
          {t('promiseChanges.amend')}
        </button>{' '}
        <button type="button" className="secondary small" onClick={() => setOpen('cancel')}>
          {t('promiseChanges.cancel')}
        </button>
      </span>
    );

  const submit = () => {
    setProblem(null);
    if (reason.trim().length < 3) return setProblem(t('promiseChanges.reasonNeeded'));
    const target = { accountId, promiseId: promise.id };
    if (open === 'cancel') return cancel.mutate({ ...target, body: { reason: reason.trim() } }, { onSuccess: close });
    const minor = parseAmountToMinor(amount, promise.currency);
    if (minor === null || minor <= 0) return setProblem(t('promiseChanges.amountInvalid'));
    const body: AmendPromiseBody = { reason: reason.trim() };
    if (minor !== promise.amountMinor) body.amountMinor = minor;
    if (dueDate !== promise.dueDate) body.dueDate = dueDate;
    if (channel !== promise.channel) body.channel = channel as PaymentChannel;
    if (Object.keys(body).length === 1) return setProblem(t('promiseChanges.nothingChanged'));
    amend.mutate({ ...target, body }, { onSuccess: close });
  };

  const title = open === 'amend' ? t('promiseChanges.amendTitle') : t('promiseChanges.cancelTitle');
  return (
    <form
      className="promise-change card"
      aria-label={title}
      data-testid="promise-change"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h4>{title}</h4>
      {open === 'amend' && (
        <div className="form-row">
          <TextField
            label={t('promiseChanges.amount', { currency: promise.currency })}
            inputMode="decimal"
            required
            value={amount}
            onChange={setAmount}
          />
          <TextField label={t('promiseChanges.dueDate')} type="date" required value={dueDate} onChange={setDueDate} />
          <SelectField
            label={t('promiseChanges.channel')}
            options={channelOptions}
            value={channel}
            onChange={setChannel}
          />
        </div>
      )}
      <TextAreaField
        label={t('promiseChanges.reason')}
        rows={2}
        maxLength={1000}
        required
        value={reason}
        onChange={setReason}
        error={problem ?? undefined}
      />
      <button type="submit" disabled={pending}>
        {open === 'amend' ? t('promiseChanges.confirmAmend') : t('promiseChanges.confirmCancel')}
      </button>{' '}
      <button type="button" className="secondary" onClick={close}>
        {t('promiseChanges.back')}
      </button>
      {error instanceof ApiError && error.status === 409 ? (
        <p className="state state-error" role="alert">
          {t('promiseChanges.noLongerPending')}
        </p>
      ) : (
        error && <ErrorState error={error} />
      )}
    </form>
  );
}
