import { RESERVATION_RELEASE_REASONS, type ReleaseLeaseBody } from '@crm/contracts';
import { shouldExtendReservation } from '@crm/domain';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodeOptions } from '../../../components/ui/code-options';
import { SelectField, TextAreaField } from '../../../components/ui/field';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useExtendReservation, useReleaseReservation, useReservation } from '../api/reservation';

/** Below this, the bar warns. */
const WARN_MS = 2 * 60_000;

/** "mm:ss" of a duration (never negative). */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

type Kind = ReleaseLeaseBody['kind'];

/**
 * The collector's reservation of the open account (ADR 032): time left counting down each second,
 * a warning under two minutes, what a save will do once it has lapsed, and taken again by typing
 * (at most once a minute, once less than half is left). "Give back" and "Skip" ask why, then
 * `onReleased` (the next account). Nothing shows when the account is not reserved by this collector.
 */
export function ReservationBar({ accountId, onReleased }: { accountId: string; onReleased: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reservation = useReservation();
  const extend = useExtendReservation();
  const release = useReleaseReservation();
  const [clientNow, setClientNow] = useState(() => Date.now());
  const [asking, setAsking] = useState<Kind | null>(null);
  const lastExtended = useRef<number | null>(null);

  const r = reservation.data?.accountId === accountId ? reservation.data : null;
  // The server's clock, as of now: its time when the answer arrived plus what has passed here since.
  const skew = r ? Date.parse(r.now) - reservation.dataUpdatedAt : 0;
  const expiresAt = r ? Date.parse(r.expiresAt) : 0;

  useEffect(() => {
    if (!r) return;
    const timer = setInterval(() => setClientNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [r]);

  // Typing anywhere on the page (the outcome form) is activity: extend when the rule says so.
  const taken = extend.error instanceof ApiError && extend.error.code === 'reservation_taken' ? extend.error : null;
  useEffect(() => {
    if (!r || taken) return;
    const onInput = () => {
      const now = Date.now() + skew;
      if (extend.isPending) return;
      if (
        !shouldExtendReservation({
          now,
          expiresAt,
          leaseMs: r.leaseSeconds * 1000,
          lastExtendedAt: lastExtended.current,
        })
      )
        return;
      lastExtended.current = now;
      extend.mutate(accountId);
    };
    document.addEventListener('input', onInput, true);
    return () => document.removeEventListener('input', onInput, true);
  }, [r, taken, skew, expiresAt, extend, accountId]);

  if (!r) return null;
  const left = expiresAt - (clientNow + skew);
  const state = taken ? 'taken' : left <= 0 ? 'expired' : left < WARN_MS ? 'warning' : 'ok';

  return (
    <div className={`reservation-bar reservation-${state}`} aria-label={t('reservation.label')} role="group">
      <span className="reservation-time">
        {state === 'taken' ? (
          t('reservation.taken', { time: fmt.dateTime(String(taken!.reasons?.[0]?.params?.until ?? r.expiresAt)) })
        ) : state === 'expired' ? (
          t('reservation.expired')
        ) : (
          <>
            {t('reservation.left')}{' '}
            <strong role="timer" aria-live="off" className="reservation-countdown">
              {countdown(left)}
            </strong>
            {state === 'warning' && <span className="reservation-hint"> · {t('reservation.warning')}</span>}
          </>
        )}
      </span>
      <span className="reservation-actions">
        {state === 'expired' && (
          <button type="button" className="button" disabled={extend.isPending} onClick={() => extend.mutate(accountId)}>
            {t('reservation.reserveAgain')}
          </button>
        )}
        {state !== 'taken' && (
          <>
            <button type="button" className="button" onClick={() => setAsking('give_back')}>
              {t('reservation.giveBack')}
            </button>
            <button type="button" className="button" onClick={() => setAsking('skip')}>
              {t('reservation.skip')}
            </button>
          </>
        )}
      </span>
      {asking && (
        <ReleaseDialog
          kind={asking}
          pending={release.isPending}
          error={release.error}
          onCancel={() => setAsking(null)}
          onConfirm={(reason, note) =>
            release.mutate(
              { accountId, kind: asking, reason, ...(note ? { note } : {}) },
              {
                onSuccess: () => {
                  setAsking(null);
                  onReleased();
                },
              },
            )
          }
        />
      )}
    </div>
  );
}

type Reason = (typeof RESERVATION_RELEASE_REASONS)[number];

function ReleaseDialog({
  kind,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  kind: Kind;
  pending: boolean;
  error: Error | null;
  onCancel: () => void;
  onConfirm: (reason: Reason, note: string) => void;
}) {
  const { t } = useTranslation();
  const reasons = useCodeOptions('reservation.reasons', RESERVATION_RELEASE_REASONS);
  const [reason, setReason] = useState<Reason | ''>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const noteMissing = reason === 'other' && !note.trim();
  const titleId = `release-title-${kind}`;
  return (
    <div
      className="reservation-dialog"
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3 id={titleId}>{t(kind === 'skip' ? 'reservation.skipTitle' : 'reservation.giveBackTitle')}</h3>
      <p className="muted small">{t(kind === 'skip' ? 'reservation.skipHelp' : 'reservation.giveBackHelp')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!reason || noteMissing) return;
          onConfirm(reason, note.trim());
        }}
      >
        <SelectField<Reason | ''>
          label={t('reservation.reason')}
          value={reason}
          onChange={setReason}
          options={reasons}
          empty={t('reservation.chooseReason')}
          error={tried && !reason ? t('reservation.reasonRequired') : undefined}
          autoFocus
        />
        <TextAreaField
          label={t('reservation.note')}
          value={note}
          onChange={setNote}
          maxLength={500}
          rows={2}
          error={tried && noteMissing ? t('reservation.noteRequired') : undefined}
        />
        {error && <p className="form-error">{error.message}</p>}
        <div className="reservation-dialog-actions">
          <button type="submit" className="button primary" disabled={pending}>
            {t(kind === 'skip' ? 'reservation.skipConfirm' : 'reservation.giveBackConfirm')}
          </button>
          <button type="button" className="button ghost" onClick={onCancel}>
            {t('reservation.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
