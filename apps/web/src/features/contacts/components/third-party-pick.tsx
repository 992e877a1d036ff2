import type { CaseFile, GateVerdictDto } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/ui/field';
import { useFormat } from '../../../lib/format';
import { useReasonText } from '../../../lib/reasons';

/** Why a third party was called: US a location call only; elsewhere also to pass a message (CN: or ask for contact details). */
export type Purpose = 'location' | 'message';

/**
 * The outcome form's third-party part (compliance.md "Third parties"): WHICH third party was
 * reached (required: one on file, someone new, or someone who does not know the customer), why
 * (location information / a message: never the debt), and the gate's verdict for calling them now,
 * shown before recording (US: one location call unless they ask for more; CN: only once the
 * customer is unreachable; do-not-contact).
 */
export function ThirdPartyPick({
  caseFile,
  formId,
  choice,
  onChoice,
  newTp,
  onNewTp,
  purposes,
  purpose,
  onPurpose,
  asksMore,
  onAsksMore,
  contactPointId,
  err,
}: {
  caseFile: CaseFile;
  formId: string;
  choice: string;
  onChoice: (c: string) => void;
  newTp: { relationship: string; name: string; phone: string };
  onNewTp: (v: { relationship: string; name: string; phone: string }) => void;
  purposes: Purpose[];
  purpose: Purpose;
  onPurpose: (p: Purpose) => void;
  asksMore: boolean;
  onAsksMore: (v: boolean) => void;
  contactPointId: string;
  err: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reason = useReasonText();
  const onFile = caseFile.thirdParties.find((tp) => tp.id === choice) ?? null;
  const point = caseFile.contactPoints.find((p) => p.id === contactPointId) ?? null;
  // Their own number: the third-party rules; the customer's number: the customer's gate.
  const verdict: GateVerdictDto | null = contactPointId ? (point?.gate ?? null) : (onFile?.gate ?? null);
  const us = caseFile.account.complianceProfile === 'US';

  return (
    <fieldset className="sub third-party-pick" data-testid="third-party-pick">
      <legend>{t('outcome.tpWho')}</legend>
      <p className="notice small">{t('caseFile.thirdPartyNote')}</p>
      <Field label={t('outcome.tpWhich')} id={`${formId}-tp`} error={err('thirdPartyId') ?? err('thirdParty')}>
        <select id={`${formId}-tp`} value={choice} onChange={(e) => onChoice(e.target.value)}>
          <option value="">{t('outcome.tpChoose')}</option>
          {caseFile.thirdParties.map((tp) => (
            <option key={tp.id} value={tp.id}>
              {tp.name} ({tp.relationship}){tp.gate.allowed ? '' : ' ✕'}
            </option>
          ))}
          <option value="new">{t('outcome.tpNew')}</option>
          <option value="unknown">{t('outcome.tpUnknown')}</option>
        </select>
      </Field>
      {choice === 'new' && (
        <div className="row">
          <Field label={t('outcome.tpRelationship')} id={`${formId}-tpr`} error={err('thirdParty.relationship')}>
            <input
              id={`${formId}-tpr`}
              value={newTp.relationship}
              onChange={(e) => onNewTp({ ...newTp, relationship: e.target.value })}
            />
          </Field>
          <Field label={t('outcome.tpName')} id={`${formId}-tpn`} error={err('thirdParty.name')}>
            <input
              id={`${formId}-tpn`}
              value={newTp.name}
              onChange={(e) => onNewTp({ ...newTp, name: e.target.value })}
            />
          </Field>
          <Field label={t('outcome.tpPhone')} id={`${formId}-tpp`} error={err('thirdParty.phone')}>
            <input
              id={`${formId}-tpp`}
              value={newTp.phone}
              onChange={(e) => onNewTp({ ...newTp, phone: e.target.value })}
            />
          </Field>
        </div>
      )}
      {choice && choice !== 'unknown' && (
        <div className="radio-row" role="radiogroup" aria-label={t('outcome.tpPurpose')}>
          <span className="small">{t('outcome.tpPurpose')}:</span>
          {purposes.map((p) => (
            <label key={p} className="radio">
              <input type="radio" name={`${formId}-purpose`} checked={purpose === p} onChange={() => onPurpose(p)} />{' '}
              {t(`outcome.tpPurposes.${p}`)}
            </label>
          ))}
        </div>
      )}
      {us && choice && choice !== 'unknown' && (
        <label className="radio">
          <input type="checkbox" checked={asksMore} onChange={(e) => onAsksMore(e.target.checked)} />{' '}
          {t('outcome.tpAsksMore')}
        </label>
      )}
      {choice && choice !== 'unknown' && (
        <div data-testid="third-party-verdict">
          {verdict ? (
            verdict.allowed ? (
              <p className="gate gate-ok compact" role="status">
                ✓ {t('outcome.tpMayCall')}
              </p>
            ) : (
              <div className="gate gate-blocked compact" role="status">
                <strong>✕ {t('outcome.tpMayNotCall')}</strong> —{' '}
                {verdict.reasons.map((r) => reason.gate(r)).join(' · ')}
                <div className="small">
                  {verdict.nextAllowedAt
                    ? t('caseFile.nextAllowed', { time: fmt.timeIn(verdict.nextAllowedAt, caseFile.customer.timeZone) })
                    : t('caseFile.never')}
                </div>
              </div>
            )
          ) : (
            <p className="muted small">{t('outcome.tpCheckedWhenRecorded')}</p>
          )}
        </div>
      )}
    </fieldset>
  );
}
