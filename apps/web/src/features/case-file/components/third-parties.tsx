import type { CaseFile } from '@crm/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/ui/field';
import { ApiError } from '../../../lib/api-client';
import { useProblemText } from '../../../lib/problems';
import { useSetThirdPartyConsent } from '../../consent/api/set-third-party-consent';
import { GateStatus } from './gate-status';

type ThirdParty = CaseFile['thirdParties'][number];

/**
 * The customer's third parties (compliance.md "Third parties"): who they are, where we learned of
 * them, their number, do-not-contact, the location calls made, and the gate's verdict for calling
 * them now (US: one location call; CN: only once the customer is unreachable). Never collected
 * from, never told about the debt. One may be marked do-not-contact with what they said.
 */
export function ThirdParties({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  if (caseFile.thirdParties.length === 0) return <p className="muted small">{t('thirdParties.none')}</p>;
  return (
    <div className="third-parties" data-testid="third-parties">
      <p className="notice small">{t('caseFile.thirdPartyNote')}</p>
      <ul className="plain">
        {caseFile.thirdParties.map((tp) => (
          <ThirdPartyItem key={tp.id} accountId={caseFile.account.id} tp={tp} timeZone={caseFile.customer.timeZone} />
        ))}
      </ul>
    </div>
  );
}

function ThirdPartyItem({ accountId, tp, timeZone }: { accountId: string; tp: ThirdParty; timeZone: string }) {
  const { t } = useTranslation();
  const formId = useId();
  const save = useSetThirdPartyConsent();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const api = save.error instanceof ApiError ? save.error : null;
  const problemText = useProblemText();
  const serverNote = api?.fields?.find((f) => f.field === 'note');
  const noteProblem = serverNote ? problemText(serverNote) : undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim().length < 3) return setNoteError(t('consent.noteRequired'));
    setNoteError(null);
    save.mutate(
      {
        accountId,
        thirdPartyId: tp.id,
        body: { doNotContact: true, moreContactRequested: false, note: note.trim() },
      },
      { onSuccess: () => setOpen(false) },
    );
  };

  return (
    <li data-testid="third-party" data-name={tp.name}>
      <strong>{tp.name}</strong> · {tp.relationship}{' '}
      <span className="muted small">
        {t('thirdParties.source', { source: t(`thirdParties.sources.${tp.source}`, { defaultValue: tp.source }) })} ·{' '}
        {tp.phone ? <span className="mono">{tp.phone}</span> : t('thirdParties.noPhone')} ·{' '}
        {t('thirdParties.callsMade', { count: tp.callsMade })}
        {tp.moreContactRequested ? ` · ${t('thirdParties.askedMore')}` : ''}
      </span>{' '}
      {tp.doNotContact && <span className="badge flag">✕ {t('thirdParties.doNotContact')}</span>}
      <GateStatus gate={tp.gate} timeZone={timeZone} compact />
      {!tp.doNotContact && !open && (
        <button
          type="button"
          className="button ghost small-button"
          onClick={() => {
            setNote('');
            setNoteError(null);
            save.reset();
            setOpen(true);
          }}
        >
          {t('thirdParties.markDoNotContact')}
        </button>
      )}
      {open && (
        <form
          className="consent-form sub"
          onSubmit={onSubmit}
          noValidate
          aria-label={t('thirdParties.markDoNotContactOf', { name: tp.name })}
        >
          <Field label={t('thirdParties.whatTheySaid')} id={`${formId}-note`} error={noteError ?? noteProblem}>
            <input id={`${formId}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          {save.error && !api?.fields?.length && (
            <p className="form-error" role="alert">
              {api && api.status < 500 ? api.message : t('errors.generic')}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button primary" disabled={save.isPending}>
              {t('thirdParties.confirmDoNotContact')}
            </button>
            <button type="button" className="button ghost" onClick={() => setOpen(false)}>
              {t('consent.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
