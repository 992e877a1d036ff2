import {
  CHANNELS,
  DIRECTIONS,
  OBJECTION_CATEGORIES,
  OVERRIDE_REASON_CODES,
  PARTIES_REACHED,
  PAYMENT_CHANNELS,
  STOP_FLAG_TYPES,
  type CaseFile,
  type DirectionCode,
  type ObjectionCategoryCode,
  type PartyReachedCode,
  type RecordContactBody,
} from '@crm/contracts';
import { dispositionsFor, outcomeRequirements, parseAmountToMinor, zonedWallTimeToInstant } from '@crm/domain';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/ui/field';
import { ApiError } from '../../../lib/api-client';
import { useProblemText } from '../../../lib/problems';
import { useReasonText } from '../../../lib/reasons';
import { useRecordContact } from '../api/record-contact';
import type { OutcomeValues } from '../drafts/draft-store';
import { ThirdPartyPick, type Purpose } from './third-party-pick';
import type { Answered } from './who-answered';

type Party = PartyReachedCode;
type Disposition = RecordContactBody['disposition'];
type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

interface Instalment {
  amount: string;
  dueDate: string;
}

/**
 * Records what happened on the call. The outcomes offered for who was reached, and the sections
 * each outcome shows (promise or plan, callback, claimed payment, stop flag, objections), come from
 * the domain's outcome rules, the same rules the server validates with (ADR 016); the server's
 * messages are shown next to the fields they name.
 */
export function OutcomeForm({
  caseFile,
  onSaved,
  answered,
  draft,
  onDraft,
  script,
}: {
  caseFile: CaseFile;
  /** The script version shown on the call and the willingness branch chosen in it: recorded with a call that reached the customer. */
  script?: { versionId: string; branch: RecordContactBody['scriptBranch'] | null } | undefined;
  /** After the server recorded the outcome: `recorded` says what, in words. */
  onSaved: (andNext: boolean, recorded: string) => void;
  /** Who answered, as the desk's right-party step was told: the party is not asked again. */
  answered?: Answered | undefined;
  /** A restored draft (ADR 026): its values and the idempotency key it was typed under. */
  draft?: { values: OutcomeValues; idempotencyKey: string } | undefined;
  /** Every change: the typed values (null when nothing differs from a fresh form) and the key. */
  onDraft?: (values: OutcomeValues | null, idempotencyKey: string) => void;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const reason = useReasonText();
  const formId = useId();
  const record = useRecordContact();
  const { account, customer, summary } = caseFile;
  const phones = caseFile.contactPoints.filter((p) => p.kind === 'phone');

  // A fresh form's values; a restored draft starts from its own (ADR 026).
  const [fresh] = useState<OutcomeValues>(() => freshValues(caseFile, answered));
  const init = (draft?.values ?? fresh) as FormValues;
  const [channel, setChannel] = useState<RecordContactBody['channel']>(init.channel);
  // Inbound: they contacted us (ADR 036); the outcomes offered depend on channel and direction too.
  const [direction, setDirection] = useState<DirectionCode>(init.direction ?? 'outbound');
  const [contactPointId, setContactPointId] = useState(init.contactPointId);
  const [party, setParty] = useState<Party>(init.party);
  const [disposition, setDisposition] = useState<Disposition>(init.disposition);
  // Who the third party is: one on file (id), someone new, or someone who does not know the customer.
  const [tpChoice, setTpChoice] = useState<string>(init.tpChoice);
  const [newTp, setNewTp] = useState(init.newTp);
  const purposes: Purpose[] = account.complianceProfile === 'US' ? ['location'] : ['location', 'message'];
  const [purpose, setPurpose] = useState<Purpose>(init.purpose);
  const [asksMore, setAsksMore] = useState(init.asksMore);
  const [notes, setNotes] = useState(init.notes);
  const [objections, setObjections] = useState<ObjectionCategoryCode[]>(init.objections);
  const [planMode, setPlanMode] = useState(init.planMode);
  const [promise, setPromise] = useState<{ amount: string; dueDate: string; channel: PaymentChannel }>(init.promise);
  const [plan, setPlan] = useState<Instalment[]>(init.plan);
  const [callbackLocal, setCallbackLocal] = useState(init.callbackLocal);
  const [claimed, setClaimed] = useState<{
    paidAt: string;
    amount: string;
    channel: PaymentChannel;
    reference: string;
  }>(init.claimed);
  const [flag, setFlag] = useState<{ type: string; reason: string }>(init.flag);
  const [override, setOverride] = useState<{ use: boolean; reasonCode: string; note: string }>(init.override);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const andNextRef = useRef(false);
  // One key per form (kept in its draft): every retry, also after a reload, is the same record.
  const idempotencyKey = useRef(draft?.idempotencyKey ?? crypto.randomUUID());
  // A second click while the first is on its way sends nothing (the button is disabled a render later).
  const inFlight = useRef(false);

  const values: OutcomeValues = {
    channel,
    direction,
    contactPointId,
    party,
    disposition,
    tpChoice,
    newTp,
    purpose,
    asksMore,
    notes,
    objections,
    planMode,
    promise,
    plan,
    callbackLocal,
    claimed,
    flag,
    override,
  };
  const valuesJson = JSON.stringify(values);
  const freshJson = JSON.stringify(fresh);
  const onDraftRef = useRef(onDraft);
  onDraftRef.current = onDraft;
  useEffect(() => {
    onDraftRef.current?.(
      valuesJson === freshJson ? null : (JSON.parse(valuesJson) as OutcomeValues),
      idempotencyKey.current,
    );
  }, [valuesJson, freshJson]);

  const points =
    channel === 'email'
      ? caseFile.contactPoints.filter((p) => p.kind === 'email')
      : channel === 'letter' || channel === 'visit'
        ? caseFile.contactPoints.filter((p) => p.kind === 'address')
        : phones;
  const serverError = record.error instanceof ApiError ? record.error : null;
  const errors: Record<string, string> = { ...localErrors };
  for (const f of serverError?.fields ?? []) errors[f.field] ??= problemText(f);
  const err = (field: string) => errors[field];

  // The one outcome rule decides what is offered: channels and directions with something to record for this party.
  const offered = dispositionsFor(party, channel, direction);
  const channels = CHANNELS.filter((c) => c === channel || dispositionsFor(party, c, direction).length > 0);
  const directions = DIRECTIONS.filter(
    (d) => d === direction || CHANNELS.some((c) => dispositionsFor(party, c, d).length > 0),
  );
  const reshape = (p: Party, c: RecordContactBody['channel'], d: DirectionCode) => {
    const list = dispositionsFor(p, c, d);
    if (!list.includes(disposition) && list[0]) setDisposition(list[0]);
  };
  const choosePart = (p: Party) => {
    setParty(p);
    setDisposition(dispositionsFor(p, channel, direction)[0] ?? disposition);
  };
  // What this outcome needs, may carry and must not carry.
  const needs = outcomeRequirements(party, disposition, channel, direction);
  const dispositionLabel = (d: Disposition) =>
    party === 'third_party'
      ? t(`dispositionsThirdParty.${d}`, { defaultValue: t(`dispositions.${d}`) })
      : t(`dispositions.${d}`);

  function build(): RecordContactBody | null {
    const problems: Record<string, string> = {};
    const toMinor = (field: string, value: string) => {
      const minor = parseAmountToMinor(value, account.currency);
      if (minor === null) problems[field] = t('outcome.amountInvalid');
      return minor ?? 0;
    };
    const body: RecordContactBody = {
      channel,
      direction,
      partyReached: party,
      disposition,
      ...(contactPointId ? { contactPointId } : {}),
    };
    if (party === 'debtor' && answered?.party === 'debtor') body.rightPartyVerification = answered.verification;
    if (party === 'debtor' && script) {
      body.scriptVersionId = script.versionId;
      if (script.branch) body.scriptBranch = script.branch;
    }
    if (party === 'third_party') {
      if (!tpChoice) problems.thirdPartyId = t('outcome.tpRequired');
      else if (tpChoice === 'new')
        body.thirdParty = {
          relationship: newTp.relationship.trim(),
          name: newTp.name.trim(),
          ...(newTp.phone.trim() ? { phone: newTp.phone.trim() } : {}),
        };
      else if (tpChoice !== 'unknown') body.thirdPartyId = tpChoice;
      if (tpChoice === 'unknown' && !contactPointId) problems.contactPointId = t('outcome.tpUnknownNeedsNumber');
      if (account.complianceProfile === 'US' && tpChoice && tpChoice !== 'unknown' && asksMore)
        body.thirdPartyAsksMoreContact = true;
    }
    const purposeNote =
      party === 'third_party' && tpChoice && tpChoice !== 'unknown'
        ? `${t('outcome.tpPurpose')}: ${t(`outcome.tpPurposes.${purpose}`)}`
        : '';
    const allNotes = [purposeNote, notes.trim()].filter(Boolean).join(' — ');
    if (allNotes) body.notes = allNotes;
    if (objections.length && needs.objections !== 'forbidden') body.objections = objections;
    if (needs.commitment !== 'forbidden') {
      if (planMode) {
        body.plan = plan.map((row, i) => ({
          amountMinor: toMinor(`plan.${i}.amountMinor`, row.amount),
          dueDate: row.dueDate,
        }));
        body.planChannel = promise.channel;
      } else {
        body.promise = {
          amountMinor: toMinor('promise.amountMinor', promise.amount),
          dueDate: promise.dueDate,
          channel: promise.channel,
        };
      }
    }
    if (needs.callbackAt === 'required' || (needs.callbackAt === 'allowed' && callbackLocal)) {
      const at = zonedWallTimeToInstant(callbackLocal, customer.timeZone);
      if (!at) problems.callbackAt = t('outcome.callbackAt', { zone: customer.timeZone });
      else body.callbackAt = at.toISOString();
    }
    if (needs.claimedPayment !== 'forbidden') {
      body.claimedPayment = {
        paidAt: claimed.paidAt,
        amountMinor: toMinor('claimedPayment.amountMinor', claimed.amount),
        channel: claimed.channel,
        ...(claimed.reference ? { reference: claimed.reference } : {}),
      };
    }
    if (needs.flagType) body.flag = { type: needs.flagType, reason: flag.reason };
    else if (flag.type && needs.flag !== 'forbidden')
      body.flag = { type: flag.type as (typeof STOP_FLAG_TYPES)[number], reason: flag.reason };
    if (override.use && direction === 'outbound')
      body.override = {
        reasonCode: override.reasonCode as (typeof OVERRIDE_REASON_CODES)[number],
        note: override.note,
      };
    setLocalErrors(problems);
    return Object.keys(problems).length ? null : body;
  }

  function submit(andNext: boolean) {
    if (inFlight.current) return;
    andNextRef.current = andNext;
    record.reset();
    const body = build();
    if (!body) return;
    inFlight.current = true;
    const recorded = dispositionLabel(disposition);
    record.mutate(
      { accountId: account.id, body, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: () => {
          onDraftRef.current?.(null, idempotencyKey.current); // saved: the draft is done with
          onSaved(andNextRef.current, recorded);
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(false);
  };

  return (
    <form className="outcome-form" onSubmit={onSubmit} aria-labelledby={`${formId}-title`} noValidate>
      <h2 id={`${formId}-title`}>{t('outcome.title')}</h2>
      <div className="row">
        <Field label={t('outcome.channel')} id={`${formId}-channel`} error={err('channel')}>
          <select
            id={`${formId}-channel`}
            value={channel}
            onChange={(e) => {
              const c = e.target.value as RecordContactBody['channel'];
              setChannel(c);
              setContactPointId('');
              reshape(party, c, direction);
            }}
          >
            {channels.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('outcome.direction')} id={`${formId}-dir`} error={err('direction')}>
          <select
            id={`${formId}-dir`}
            value={direction}
            onChange={(e) => {
              const d = e.target.value as DirectionCode;
              setDirection(d);
              reshape(party, channel, d);
            }}
          >
            {directions.map((d) => (
              <option key={d} value={d}>
                {t(`directions.${d}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('outcome.contactPoint')} id={`${formId}-cp`} error={err('contactPointId')}>
          <select id={`${formId}-cp`} value={contactPointId} onChange={(e) => setContactPointId(e.target.value)}>
            <option value="">{party === 'third_party' && channel === 'phone' ? t('outcome.tpOwnNumber') : '—'}</option>
            {points.map((p) => (
              <option key={p.id} value={p.id}>
                {p.value} ({t(`contactTypes.${p.type}`, { defaultValue: p.type })}){p.gate.allowed ? '' : ' ✕'}
              </option>
            ))}
          </select>
        </Field>
      </div>

      {answered ? (
        <p className="small" data-testid="outcome-party">
          <strong>{t('outcome.partyReached')}</strong> {t(`parties.${party}`)}
          {answered.party === 'debtor' ? ` · ${t('outcome.verified')}` : ''}
        </p>
      ) : (
        <fieldset>
          <legend>{t('outcome.partyReached')}</legend>
          <div className="radio-row">
            {PARTIES_REACHED.map((p) => (
              <label key={p} className="radio">
                <input
                  type="radio"
                  name={`${formId}-party`}
                  value={p}
                  checked={party === p}
                  onChange={() => choosePart(p)}
                />{' '}
                {t(`parties.${p}`)}
              </label>
            ))}
          </div>
          {party === 'third_party' && <p className="notice small">{t('caseFile.thirdPartyNote')}</p>}
          {err('partyReached') && <p className="field-error">{err('partyReached')}</p>}
        </fieldset>
      )}

      {party === 'third_party' && (
        <ThirdPartyPick
          caseFile={caseFile}
          formId={formId}
          choice={tpChoice}
          onChoice={(c) => {
            setTpChoice(c);
            // A third party on file with a number is called on their own number; someone who does not know the customer answered the customer's.
            const onFile = caseFile.thirdParties.find((tp) => tp.id === c);
            if (onFile?.phone || c === 'new') setContactPointId('');
            else if (c === 'unknown' && !contactPointId)
              setContactPointId(summary.gate.contactPointId ?? phones[0]?.id ?? '');
          }}
          newTp={newTp}
          onNewTp={setNewTp}
          purposes={purposes}
          purpose={purpose}
          onPurpose={setPurpose}
          asksMore={asksMore}
          onAsksMore={setAsksMore}
          contactPointId={contactPointId}
          err={err}
        />
      )}

      <Field label={t('outcome.disposition')} id={`${formId}-disp`} error={err('disposition')}>
        <select
          id={`${formId}-disp`}
          value={disposition}
          onChange={(e) => setDisposition(e.target.value as Disposition)}
        >
          {offered.map((d) => (
            <option key={d} value={d}>
              {dispositionLabel(d)}
            </option>
          ))}
        </select>
      </Field>
      {offered.length === 0 && <p className="notice small">{t('outcome.nothingToRecord')}</p>}

      {needs.commitment !== 'forbidden' && (
        <fieldset className="sub">
          <legend>{planMode ? t('outcome.plan') : t('outcome.promise')}</legend>
          <div className="radio-row">
            <label className="radio">
              <input type="radio" checked={!planMode} onChange={() => setPlanMode(false)} />{' '}
              {t('outcome.singlePromise')}
            </label>
            <label className="radio">
              <input type="radio" checked={planMode} onChange={() => setPlanMode(true)} /> {t('outcome.planMode')}
            </label>
          </div>
          {!planMode ? (
            <div className="row">
              <Field
                label={t('outcome.amount', { currency: account.currency })}
                id={`${formId}-pa`}
                error={err('promise.amountMinor') ?? err('promise')}
              >
                <input
                  id={`${formId}-pa`}
                  inputMode="decimal"
                  value={promise.amount}
                  onChange={(e) => setPromise({ ...promise, amount: e.target.value })}
                />
              </Field>
              <Field label={t('outcome.dueDate')} id={`${formId}-pd`} error={err('promise.dueDate')}>
                <input
                  id={`${formId}-pd`}
                  type="date"
                  value={promise.dueDate}
                  onChange={(e) => setPromise({ ...promise, dueDate: e.target.value })}
                />
              </Field>
            </div>
          ) : (
            <>
              {plan.map((row, i) => (
                <div className="row" key={i}>
                  <Field
                    label={`${i + 1}. ${t('outcome.amount', { currency: account.currency })}`}
                    id={`${formId}-ia${i}`}
                    error={err(`plan.${i}.amountMinor`)}
                  >
                    <input
                      id={`${formId}-ia${i}`}
                      inputMode="decimal"
                      value={row.amount}
                      onChange={(e) => setPlan(plan.map((r, j) => (j === i ? { ...r, amount: e.target.value } : r)))}
                    />
                  </Field>
                  <Field label={t('outcome.dueDate')} id={`${formId}-id${i}`} error={err(`plan.${i}.dueDate`)}>
                    <input
                      id={`${formId}-id${i}`}
                      type="date"
                      value={row.dueDate}
                      onChange={(e) => setPlan(plan.map((r, j) => (j === i ? { ...r, dueDate: e.target.value } : r)))}
                    />
                  </Field>
                  {plan.length > 2 && (
                    <button
                      type="button"
                      className="button ghost"
                      onClick={() => setPlan(plan.filter((_, j) => j !== i))}
                    >
                      {t('outcome.removeInstalment')}
                    </button>
                  )}
                </div>
              ))}
              {err('plan') && <p className="field-error">{err('plan')}</p>}
              <button type="button" className="button" onClick={() => setPlan([...plan, { amount: '', dueDate: '' }])}>
                {t('outcome.addInstalment')}
              </button>
            </>
          )}
          <Field label={t('outcome.paymentChannel')} id={`${formId}-pc`} error={err('promise.channel')}>
            <select
              id={`${formId}-pc`}
              value={promise.channel}
              onChange={(e) => setPromise({ ...promise, channel: e.target.value as PaymentChannel })}
            >
              {PAYMENT_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`paymentChannels.${c}`)}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
      )}

      {needs.callbackAt !== 'forbidden' && (
        <Field
          label={t('outcome.callbackAt', { zone: customer.timeZone })}
          id={`${formId}-cb`}
          error={err('callbackAt')}
        >
          <input
            id={`${formId}-cb`}
            type="datetime-local"
            value={callbackLocal}
            onChange={(e) => setCallbackLocal(e.target.value)}
          />
        </Field>
      )}

      {needs.claimedPayment !== 'forbidden' && (
        <fieldset className="sub">
          <legend>{t('dispositions.claims_paid')}</legend>
          <div className="row">
            <Field
              label={t('outcome.claimedPaidAt')}
              id={`${formId}-cpd`}
              error={err('claimedPayment.paidAt') ?? err('claimedPayment')}
            >
              <input
                id={`${formId}-cpd`}
                type="date"
                value={claimed.paidAt}
                onChange={(e) => setClaimed({ ...claimed, paidAt: e.target.value })}
              />
            </Field>
            <Field
              label={t('outcome.claimedAmount', { currency: account.currency })}
              id={`${formId}-cpa`}
              error={err('claimedPayment.amountMinor')}
            >
              <input
                id={`${formId}-cpa`}
                inputMode="decimal"
                value={claimed.amount}
                onChange={(e) => setClaimed({ ...claimed, amount: e.target.value })}
              />
            </Field>
          </div>
          <div className="row">
            <Field label={t('outcome.claimedChannel')} id={`${formId}-cpc`} error={err('claimedPayment.channel')}>
              <select
                id={`${formId}-cpc`}
                value={claimed.channel}
                onChange={(e) => setClaimed({ ...claimed, channel: e.target.value as PaymentChannel })}
              >
                {PAYMENT_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`paymentChannels.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('outcome.reference')} id={`${formId}-cpr`}>
              <input
                id={`${formId}-cpr`}
                value={claimed.reference}
                onChange={(e) => setClaimed({ ...claimed, reference: e.target.value })}
              />
            </Field>
          </div>
        </fieldset>
      )}

      {needs.flagType ? (
        <Field label={t('outcome.disputeReason')} id={`${formId}-dr`} error={err('flag.reason') ?? err('flag')}>
          <input
            id={`${formId}-dr`}
            value={flag.reason}
            onChange={(e) => setFlag({ type: needs.flagType ?? '', reason: e.target.value })}
          />
        </Field>
      ) : (
        needs.flag !== 'forbidden' && (
          <div className="row">
            <Field label={t('outcome.flagType')} id={`${formId}-ft`} error={err('flag.type')}>
              <select
                id={`${formId}-ft`}
                value={flag.type}
                onChange={(e) => setFlag({ ...flag, type: e.target.value })}
              >
                <option value="">{t('outcome.flagNone')}</option>
                {STOP_FLAG_TYPES.map((f) => (
                  <option key={f} value={f}>
                    {t(`stopFlags.${f}`)}
                  </option>
                ))}
              </select>
            </Field>
            {flag.type && (
              <Field label={t('outcome.flagReason')} id={`${formId}-fr`} error={err('flag.reason')}>
                <input
                  id={`${formId}-fr`}
                  value={flag.reason}
                  onChange={(e) => setFlag({ ...flag, reason: e.target.value })}
                />
              </Field>
            )}
          </div>
        )
      )}

      <Field label={t('outcome.notes')} id={`${formId}-notes`} error={err('notes')}>
        <textarea id={`${formId}-notes`} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>

      {needs.objections !== 'forbidden' && (
        <fieldset>
          <legend>{t('outcome.objectionsRaised')}</legend>
          <div className="checks">
            {OBJECTION_CATEGORIES.map((c) => (
              <label key={c} className="radio">
                <input
                  type="checkbox"
                  checked={objections.includes(c)}
                  onChange={(e) =>
                    setObjections(e.target.checked ? [...objections, c] : objections.filter((o) => o !== c))
                  }
                />{' '}
                {t(`objectionCategories.${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {/* The gate is for contacting them: an inbound contact needs no override. */}
      {direction === 'outbound' && !summary.gate.allowed && summary.gate.overridable && (
        <fieldset className="sub">
          <legend>
            <label className="radio">
              <input
                type="checkbox"
                checked={override.use}
                onChange={(e) => setOverride({ ...override, use: e.target.checked })}
              />{' '}
              {t('outcome.override')}
            </label>
          </legend>
          {override.use && (
            <div className="row">
              <Field label={t('outcome.overrideReason')} id={`${formId}-or`} error={err('override.reasonCode')}>
                <select
                  id={`${formId}-or`}
                  value={override.reasonCode}
                  onChange={(e) => setOverride({ ...override, reasonCode: e.target.value })}
                >
                  {OVERRIDE_REASON_CODES.map((c) => (
                    <option key={c} value={c}>
                      {t(`overrideReasons.${c}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('outcome.overrideNote')} id={`${formId}-on`} error={err('override.note')}>
                <input
                  id={`${formId}-on`}
                  value={override.note}
                  onChange={(e) => setOverride({ ...override, note: e.target.value })}
                />
              </Field>
            </div>
          )}
        </fieldset>
      )}

      {serverError?.code === 'contact_not_allowed' && (
        <div className="form-error" role="alert">
          {t('outcome.refused')}
          <ul>
            {(serverError.reasons ?? []).map((r, i) => (
              <li key={i}>{reason.gate({ ...r, params: r.params ?? {} })}</li>
            ))}
          </ul>
        </div>
      )}
      {(Object.keys(localErrors).length > 0 || serverError?.code === 'validation_failed') && (
        <p className="form-error" role="alert">
          {t('outcome.fixErrors')}
        </p>
      )}
      {record.error &&
        !(
          record.error instanceof ApiError && ['contact_not_allowed', 'validation_failed'].includes(record.error.code)
        ) && (
          <p className="form-error" role="alert">
            {record.error instanceof ApiError && record.error.status < 500 ? record.error.message : t('errors.generic')}
          </p>
        )}

      <div className="actions">
        {/* Ctrl+Enter / Ctrl+Shift+Enter press these from anywhere on the workstation (data-save; ADR 031). */}
        <button
          type="submit"
          className="button"
          disabled={record.isPending}
          data-save="save"
          aria-keyshortcuts="Control+Enter"
        >
          {record.isPending && !andNextRef.current ? t('drafts.saving') : t('outcome.save')}{' '}
          <kbd aria-hidden="true">Ctrl+Enter</kbd>
        </button>
        <button
          type="button"
          className="button primary"
          disabled={record.isPending}
          onClick={() => submit(true)}
          data-save="next"
          aria-keyshortcuts="Control+Shift+Enter"
        >
          {record.isPending && andNextRef.current ? t('drafts.saving') : t('outcome.saveNext')}{' '}
          <kbd aria-hidden="true">Ctrl+Shift+Enter</kbd>
        </button>
      </div>
    </form>
  );
}

/** The form's values with their own types (a draft's strings were typed into these same fields). */
interface FormValues extends OutcomeValues {
  channel: RecordContactBody['channel'];
  direction?: DirectionCode;
  party: Party;
  disposition: Disposition;
  purpose: Purpose;
  objections: ObjectionCategoryCode[];
  promise: { amount: string; dueDate: string; channel: PaymentChannel };
  claimed: { paidAt: string; amount: string; channel: PaymentChannel; reference: string };
}

/** What a fresh form holds for this case file and who answered. */
function freshValues(caseFile: CaseFile, answered: Answered | undefined): FormValues {
  const phones = caseFile.contactPoints.filter((p) => p.kind === 'phone');
  const party: Party = answered?.party ?? 'debtor';
  const direction = answered?.direction ?? 'outbound';
  return {
    channel: 'phone',
    direction,
    // An inbound call may come from a number not on file: the collector picks it when it is.
    contactPointId: direction === 'inbound' ? '' : (caseFile.summary.gate.contactPointId ?? phones[0]?.id ?? ''),
    party,
    disposition: dispositionsFor(party, 'phone', direction)[0]!,
    tpChoice: '',
    newTp: { relationship: '', name: '', phone: '' },
    purpose: 'location',
    asksMore: false,
    notes: '',
    objections: [],
    planMode: false,
    promise: { amount: '', dueDate: '', channel: 'bank_transfer' },
    plan: [
      { amount: '', dueDate: '' },
      { amount: '', dueDate: '' },
    ],
    callbackLocal: '',
    claimed: { paidAt: '', amount: '', channel: 'bank_transfer', reference: '' },
    flag: { type: '', reason: '' },
    override: { use: false, reasonCode: OVERRIDE_REASON_CODES[0], note: '' },
  };
}
