import type { StopFlagDto, StopFlagTypeCode } from '@crm/contracts';
import { mayActOnFlag } from '@crm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodeOptions } from '../../../components/ui/code-options';
import { SelectField, TextAreaField, TextField } from '../../../components/ui/field';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { useClearStopFlag } from '../api/clear-stop-flag';
import { useEndCrisis } from '../api/end-crisis';
import { useStopFlags } from '../api/get-stop-flags';
import { useSetStopFlag } from '../api/set-stop-flag';

/**
 * The case file's stop flags (ADR 023): those in force with who set them, when, on what evidence
 * and until when or when to review; the history (expired, cleared with who and why); a form to
 * set one with evidence; Clear (with a reason) and Crisis ended for supervisors and admins.
 */
export function StopFlagsPanel({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const flags = useStopFlags(accountId);
  const me = useMe();
  const role = me.data?.role ?? 'collector';
  if (flags.isPending) return <LoadingState />;
  if (flags.isError) return <ErrorState error={flags.error} onRetry={() => void flags.refetch()} />;
  const active = flags.data.flags.filter((f) => f.status === 'active');
  const history = flags.data.flags.filter((f) => f.status !== 'active');
  const mayClear = mayActOnFlag(role, 'clear');
  return (
    <section className="case-section flag-panel" aria-labelledby="cf-stop-flags" data-testid="stop-flags">
      <h3 id="cf-stop-flags">{t('stopFlagPanel.title')}</h3>
      {active.length === 0 ? (
        <p className="muted small">{t('stopFlagPanel.none')}</p>
      ) : (
        <ul className="plain">
          {active.map((f) => (
            <li key={f.id} data-testid="active-flag">
              <FlagLine flag={f} />
              {mayClear && <FlagActions accountId={accountId} flag={f} />}
            </li>
          ))}
        </ul>
      )}
      {mayActOnFlag(role, 'set') && <SetFlagForm accountId={accountId} types={flags.data.settableTypes} />}
      {history.length > 0 && (
        <>
          <h4>{t('stopFlagPanel.history')}</h4>
          <ul className="plain" data-testid="flag-history">
            {history.map((f) => (
              <li key={f.id}>
                <FlagLine flag={f} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function FlagLine({ flag: f }: { flag: StopFlagDto }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="flag-line">
      <span className={`badge ${f.status === 'active' ? 'flag' : ''}`}>
        {f.status === 'active' ? '✕ ' : ''}
        {t(`stopFlags.${f.type}`, { defaultValue: f.type })}
      </span>{' '}
      <span className="badge">{t(`stopFlagPanel.status.${f.status}`)}</span> {f.reason}
      <div className="muted small">
        {t('stopFlagPanel.setBy', { name: f.setBy?.name ?? t('stopFlagPanel.unknown'), date: fmt.dateTime(f.setAt) })}
        {f.startsOn && ` · ${t('stopFlagPanel.startsOn', { date: fmt.date(f.startsOn) })}`}
        {f.expiresAt && ` · ${t('stopFlagPanel.expiresAt', { date: fmt.dateTime(f.expiresAt) })}`}
        {!f.expiresAt && f.status === 'active' && ` · ${t('stopFlagPanel.noExpiry')}`}
        {f.reviewAt && f.status === 'active' && ` · ${t('stopFlagPanel.reviewAt', { date: fmt.date(f.reviewAt) })}`}
        {f.crisisEndedOn && ` · ${t('stopFlagPanel.crisisEndedOn', { date: fmt.date(f.crisisEndedOn) })}`}
      </div>
      {f.evidence && (
        <div className="small">
          {t('stopFlagPanel.evidence')}: {f.evidence}
          {f.evidenceReference && <span className="mono"> ({f.evidenceReference})</span>}
        </div>
      )}
      {f.clearedAt && (
        <div className="small" data-testid="cleared">
          {t('stopFlagPanel.clearedBy', {
            name: f.clearedBy?.name ?? t('stopFlagPanel.system'),
            date: fmt.dateTime(f.clearedAt),
          })}
          : {f.clearReason}
        </div>
      )}
    </div>
  );
}

function FlagActions({ accountId, flag }: { accountId: string; flag: StopFlagDto }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<null | 'clear' | 'crisis'>(null);
  const [reason, setReason] = useState('');
  const [endedOn, setEndedOn] = useState('');
  const clear = useClearStopFlag(accountId, flag.id);
  const crisis = useEndCrisis(accountId, flag.id);
  const pending = clear.isPending || crisis.isPending;
  return (
    <div className="flag-actions">
      {open === null && (
        <>
          <button type="button" className="secondary" onClick={() => setOpen('clear')}>
            {t('stopFlagPanel.clear')}
          </button>{' '}
          {flag.type === 'mental_health_crisis' && !flag.crisisEndedOn && (
            <button type="button" className="secondary" onClick={() => setOpen('crisis')}>
              {t('stopFlagPanel.crisisEnded')}
            </button>
          )}
        </>
      )}
      {open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (open === 'clear') clear.mutate({ reason }, { onSuccess: () => setOpen(null) });
            else crisis.mutate({ endedOn, note: reason }, { onSuccess: () => setOpen(null) });
          }}
        >
          {open === 'crisis' && (
            <TextField label={t('stopFlagPanel.endedOn')} type="date" required value={endedOn} onChange={setEndedOn} />
          )}
          <TextAreaField
            label={open === 'clear' ? t('stopFlagPanel.clearReason') : t('stopFlagPanel.crisisNote')}
            rows={2}
            maxLength={1000}
            required
            value={reason}
            onChange={setReason}
          />
          <button type="submit" disabled={pending}>
            {open === 'clear' ? t('stopFlagPanel.confirmClear') : t('stopFlagPanel.confirmCrisis')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setOpen(null)}>
            {t('stopFlagPanel.cancel')}
          </button>
          {(clear.error || crisis.error) && <ErrorState error={clear.error ?? crisis.error} />}
        </form>
      )}
    </div>
  );
}

function SetFlagForm({ accountId, types }: { accountId: string; types: StopFlagTypeCode[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<StopFlagTypeCode | ''>('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [reference, setReference] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const set = useSetStopFlag(accountId);
  const typeOptions = useCodeOptions('stopFlags', types);
  const hasStart = type === 'breathing_space' || type === 'mental_health_crisis';
  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {t('stopFlagPanel.add')}
      </button>
    );
  return (
    <form
      className="set-flag"
      onSubmit={(e) => {
        e.preventDefault();
        if (!type) return;
        set.mutate(
          {
            type,
            reason,
            evidence,
            ...(reference.trim() ? { evidenceReference: reference.trim() } : {}),
            ...(hasStart && startsOn ? { startsOn } : {}),
          },
          {
            onSuccess: () => {
              setOpen(false);
              setType('');
              setReason('');
              setEvidence('');
              setReference('');
              setStartsOn('');
            },
          },
        );
      }}
    >
      <SelectField
        label={t('stopFlagPanel.type')}
        options={typeOptions}
        empty={t('stopFlagPanel.choose')}
        required
        value={type}
        onChange={setType}
      />
      <TextAreaField
        label={t('stopFlagPanel.reason')}
        rows={2}
        maxLength={1000}
        required
        value={reason}
        onChange={setReason}
      />
      <TextAreaField
        label={t('stopFlagPanel.evidence')}
        help={t('stopFlagPanel.evidenceHelp')}
        rows={2}
        maxLength={2000}
        required
        value={evidence}
        onChange={setEvidence}
      />
      <TextField label={t('stopFlagPanel.reference')} maxLength={200} value={reference} onChange={setReference} />
      {hasStart && (
        <TextField
          label={t('stopFlagPanel.startsOnLabel')}
          help={t('stopFlagPanel.startsOnHelp')}
          type="date"
          value={startsOn}
          onChange={setStartsOn}
        />
      )}
      <button type="submit" disabled={set.isPending}>
        {t('stopFlagPanel.save')}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('stopFlagPanel.cancel')}
      </button>
      {set.error && <ErrorState error={set.error} />}
    </form>
  );
}
