import type { CaseFile, DirectionCode, RightPartyMethodCode } from '@crm/contracts';
import { partiesReachable } from '@crm/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/**
 * Who the collector reached, as the desk was told before it showed anything about the debt;
 * `direction: 'inbound'` when they called us (ADR 036: no gate, and whoever called was reached).
 */
export type Answered = (
  | { party: 'debtor'; verification: { method: RightPartyMethodCode; verifiedAt: string } }
  | { party: 'third_party' }
  | { party: 'nobody' }
) & { direction?: DirectionCode | undefined };

/**
 * Right-party verification first (compliance.md "Third parties"): "Who answered?" before any debt
 * detail. The customer, confirmed by their full name and one more fact on file (date of birth, or
 * the postcode of an address on file), unlocks the debt and the collection script; someone else
 * gets the third-party script; nobody goes straight to the no-answer outcomes, in one click.
 */
export function WhoAnswered({
  caseFile,
  answered,
  onAnswer,
  now = () => new Date(),
}: {
  caseFile: CaseFile;
  answered: Answered | null;
  onAnswer: (a: Answered | null) => void;
  now?: () => Date;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const { customer } = caseFile;
  const addresses = caseFile.contactPoints.filter((p) => p.kind === 'address' && p.status !== 'invalid');
  const methods: RightPartyMethodCode[] = [
    ...(customer.dateOfBirth ? (['name_and_date_of_birth'] as const) : []),
    ...(addresses.length ? (['name_and_postcode'] as const) : []),
  ];
  const [method, setMethod] = useState<RightPartyMethodCode | ''>(methods[0] ?? '');
  const [confirmed, setConfirmed] = useState(false);
  // An inbound call: the customer (or someone for them) called us; nobody answering is not an option.
  const [direction, setDirection] = useState<DirectionCode>('outbound');
  const inbound = direction === 'inbound';
  const reachable = partiesReachable('phone', direction);
  const answer = (a: Answered) => onAnswer(inbound ? { ...a, direction } : a);

  if (answered) {
    return (
      <div className="who-answered done" role="status" data-testid="who-answered">
        <strong>{t('rpv.answeredLabel')}</strong>{' '}
        {answered.party === 'debtor'
          ? t('rpv.answeredCustomer', { method: t(`rpv.methods.${answered.verification.method}`) })
          : answered.party === 'third_party'
            ? t('rpv.answeredThirdParty')
            : t('rpv.answeredNobody')}
        {answered.direction === 'inbound' ? ` · ${t('rpv.answeredInbound')}` : ''}{' '}
        <button type="button" className="button ghost small-button" onClick={() => onAnswer(null)}>
          {t('rpv.change')}
        </button>
      </div>
    );
  }

  return (
    <section className="who-answered" aria-labelledby={`${id}-title`} data-testid="who-answered">
      <h2 id={`${id}-title`}>{t('rpv.title')}</h2>
      <div className="radio-row" role="radiogroup" aria-label={t('rpv.callKind')}>
        {(['outbound', 'inbound'] as const).map((d) => (
          <label key={d} className="radio">
            <input type="radio" name={`${id}-direction`} checked={direction === d} onChange={() => setDirection(d)} />{' '}
            {t(d === 'inbound' ? 'rpv.inboundCall' : 'rpv.outboundCall')}
          </label>
        ))}
      </div>
      <p className="small">{inbound ? t('rpv.inboundNote') : t('rpv.askFor', { name: customer.fullName })}</p>
      <div className="rpv-choices">
        {reachable.includes('nobody') && (
          <button type="button" className="button" onClick={() => answer({ party: 'nobody' })}>
            {t('rpv.nobody')}
          </button>
        )}
        <button type="button" className="button" onClick={() => answer({ party: 'third_party' })}>
          {t('rpv.thirdParty')}
        </button>
      </div>
      <fieldset className="sub">
        <legend>{t('rpv.verifyLegend')}</legend>
        {methods.length === 0 ? (
          <p className="muted small">{t('rpv.nothingOnFile')}</p>
        ) : (
          <>
            <p className="small">{t('rpv.verifyHow')}</p>
            <div className="radio-row">
              {methods.map((m) => (
                <label key={m} className="radio">
                  <input
                    type="radio"
                    name={`${id}-method`}
                    checked={method === m}
                    onChange={() => {
                      setMethod(m);
                      setConfirmed(false);
                    }}
                  />{' '}
                  {t(`rpv.methods.${m}`)}
                </label>
              ))}
            </div>
            <p className="small rpv-facts">
              {t('rpv.fullName')}: <strong>{customer.fullName}</strong>
              {method === 'name_and_date_of_birth' && customer.dateOfBirth && (
                <>
                  {' '}
                  · {t('rpv.dateOfBirth')}: <strong>{fmt.date(customer.dateOfBirth)}</strong>
                </>
              )}
              {method === 'name_and_postcode' && (
                <>
                  {' '}
                  · {t('rpv.addressOnFile')}: <strong>{addresses.map((a) => a.value).join(' / ')}</strong>
                </>
              )}
            </p>
            <label className="radio">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{' '}
              {t('rpv.confirmMatch')}
            </label>
          </>
        )}
        <div className="actions">
          <button
            type="button"
            className="button primary"
            disabled={!confirmed || !method}
            onClick={() =>
              method && answer({ party: 'debtor', verification: { method, verifiedAt: now().toISOString() } })
            }
          >
            {t('rpv.customerVerified')}
          </button>
        </div>
      </fieldset>
    </section>
  );
}
