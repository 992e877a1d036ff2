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
import { dispositionsFor, outcomeRequirements } from '@crm/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { get, set as setIn, useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field, fieldAria } from '../../../components/ui/field';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useProblemText } from '../../../lib/problems';
import { useReasonText } from '../../../lib/reasons';
import { useRecordContact } from '../api/record-contact';
import type { OutcomeValues } from '../drafts/draft-store';
import { NOTES_MAX, formField, outcomeBody, type LocalProblem, type OutcomeContext } from './outcome-body';
import { ThirdPartyPick, type Purpose } from './third-party-pick';
import type { Answered } from './who-answered';

type Party = PartyReachedCode;
type Disposition = RecordContactBody['disposition'];

/** From this many characters the note counter warns: the limit is near. */
const NOTES_WARN_AT = Math.floor(NOTES_MAX * 0.9);

/**
 * Records what happened on the call: a react-hook-form form (ADR 038) whose resolver builds the
 * request from the typed values and checks it with the contracts' request schema and the
 * domain's outcome rules (the ones the server validates with, ADR 016), so every field's problem
 * shows at once, next to its input, in the reader's language; the server's problems land on the
 * same inputs. The outcomes offered for who was reached, and the sections each outcome shows, come
 * from the domain's outcome rules too.
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
  const fmt = useFormat();
  const reason = useReasonText();
  const formId = useId();
  const record = useRecordContact();
  const { account, customer, summary } = caseFile;
  const phones = caseFile.contactPoints.filter((p) => p.kind === 'phone');
  const purposes: Purpose[] = account.complianceProfile === 'US' ? ['location'] : ['location', 'message'];
  // Only the stop flags this account's compliance profile accepts (the server refuses the others).
  const flagTypes = caseFile.settableStopFlags ?? STOP_FLAG_TYPES;

  // A fresh form's values; a restored draft starts from its own (ADR 026).
  const [fresh] = useState<OutcomeValues>(() => freshValues(caseFile, answered));

  /** A problem in the reader's language: the form's own wording for what only the form finds. */
  const textOf = (p: LocalProblem): string => {
    const text = wording(p);
    // A problem no input shows says which part it is about.
    return formField(p.field).startsWith('other.')
      ? `${t(`outcome.otherFields.${p.field.split('.')[0]}`, { defaultValue: p.field })}: ${text}`
      : text;
  };
  const wording = (p: LocalProblem): string =>
    p.local === 'amount'
      ? t('outcome.amountInvalid')
      : p.local === 'third_party'
        ? t('outcome.tpRequired')
        : p.local === 'unknown_number'
          ? t('outcome.tpUnknownNeedsNumber')
          : problemText(p);
  // The resolver reads the latest props and translator (it is created once by useForm).
  const ctx = useRef<{ build: OutcomeContext; textOf: typeof textOf }>(null!);
  ctx.current = {
    build: {
      caseFile,
      answered,
      script,
      purposeNote: (purpose) => `${t('outcome.tpPurpose')}: ${t(`outcome.tpPurposes.${purpose}`)}`,
    },
    textOf,
  };
  const resolver: Resolver<FormValues> = (values) => {
    const { problems } = outcomeBody(values, ctx.current.build);
    if (problems.length === 0) return { values, errors: {} };
    return { values: {}, errors: problemErrors(problems, ctx.current.textOf) };
  };

  const form = useForm<FormValues>({
    defaultValues: (draft?.values ?? fresh) as FormValues,
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, setValue, watch, handleSubmit, setError, formState } = form;
  const v = watch();
  const andNextRef = useRef(false);
  // One key per form (kept in its draft): every retry, also after a reload, is the same record.
  const idempotencyKey = useRef(draft?.idempotencyKey ?? crypto.randomUUID());
  // A second click while the first is on its way sends nothing (the button is disabled a render later).
  const inFlight = useRef(false);

  const valuesJson = stableJson(v);
  const freshJson = stableJson(fresh);
  const onDraftRef = useRef(onDraft);
  onDraftRef.current = onDraft;
  useEffect(() => {
    onDraftRef.current?.(
      valuesJson === freshJson ? null : (JSON.parse(valuesJson) as OutcomeValues),
      idempotencyKey.current,
    );
  }, [valuesJson, freshJson]);

  /** Sets a value the way typing does: dirty, and checked again once the form was submitted. */
  const put = (name: string, value: unknown) =>
    setValue(name as 'notes', value as string, { shouldDirty: true, shouldValidate: formState.isSubmitted });

  const { channel, party, disposition, contactPointId, planMode, notes } = v;
  const direction: DirectionCode = v.direction ?? 'outbound';
  const points =
    channel === 'email'
      ? caseFile.contactPoints.filter((p) => p.kind === 'email')
      : channel === 'letter' || channel === 'visit'
        ? caseFile.contactPoints.filter((p) => p.kind === 'address')
        : phones;
  const serverError = record.error instanceof ApiError ? record.error : null;
  const errors = formState.errors as FieldErrors;
  /** The problem shown under the input for a request field ("promise.amountMinor" shows under the amount). */
  const err = (field: string): string | undefined => {
    const e = get(errors, formField(field)) as { message?: string } | undefined;
    return typeof e?.message === 'string' ? e.message : undefined;
  };
  /** Problems no input shows (a script version the server refused...): listed above the buttons. */
  const otherProblems = Object.values((errors as { other?: Record<string, { message?: string }> }).other ?? {});

  // The one outcome rule decides what is offered: channels and directions with something to record for this party.
  const offered = dispositionsFor(party, channel, direction);
  const channels = CHANNELS.filter((c) => c === channel || dispositionsFor(party, c, direction).length > 0);
  const directions = DIRECTIONS.filter(
    (d) => d === direction || CHANNELS.some((c) => dispositionsFor(party, c, d).length > 0),
  );
  const reshape = (p: Party, c: RecordContactBody['channel'], d: DirectionCode) => {
    const list = dispositionsFor(p, c, d);
    if (!list.includes(disposition) && list[0]) put('disposition', list[0]);
  };
  const choosePart = (p: Party) => {
    put('party', p);
    put('disposition', dispositionsFor(p, channel, direction)[0] ?? disposition);
  };
  // What this outcome needs, may carry and must not carry.
  const needs = outcomeRequirements(party, disposition, channel, direction);
  const dispositionLabel = (d: Disposition) =>
    party === 'third_party'
      ? t(`dispositionsThirdParty.${d}`, { defaultValue: t(`dispositions.${d}`) })
      : t(`dispositions.${d}`);
  /** A registered input or select: the form's value, its problem tied to it for screen readers. */
  const ctl = (name: string, id: string, field: string = name, onChange?: (value: string) => void) => ({
    id,
    ...register(
      name as 'notes',
      onChange ? { onChange: (e: { target: { value: string } }) => onChange(e.target.value) } : {},
    ),
    value: String(get(v, name) ?? ''),
    ...fieldAria(id, err(field)),
  });

  const send = (values: FormValues) => {
    const { body } = outcomeBody(values, ctx.current.build);
    const recorded = dispositionLabel(values.disposition);
    record.mutate(
      { accountId: account.id, body, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: () => {
          onDraftRef.current?.(null, idempotencyKey.current); // saved: the draft is done with
          onSaved(andNextRef.current, recorded);
        },
        onError: (e) => {
          // The server's problems land on the inputs they name, in the reader's language.
          if (e instanceof ApiError)
            for (const f of e.fields ?? [])
              setError(formField(f.field) as 'notes', {
                type: f.code ?? 'server',
                message: textOf({ ...f, code: f.code ?? 'invalid' }),
              });
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  };

  function submit(andNext: boolean) {
    if (inFlight.current) return;
    inFlight.current = true;
    andNextRef.current = andNext;
    record.reset();
    // Every problem at once (the resolver's), or the request sent once.
    void handleSubmit(send, () => {
      inFlight.current = false;
    })();
  }

  return (
    <form
      className="outcome-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
      aria-labelledby={`${formId}-title`}
      noValidate
    >
      <h2 id={`${formId}-title`}>{t('outcome.title')}</h2>
      <div className="row">
        <Field label={t('outcome.channel')} id={`${formId}-channel`} error={err('channel')}>
          <select
            {...ctl('channel', `${formId}-channel`, 'channel', (c) => {
              put('contactPointId', '');
              reshape(party, c as RecordContactBody['channel'], direction);
            })}
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
            {...ctl('direction', `${formId}-dir`, 'direction', (d) => reshape(party, channel, d as DirectionCode))}
            value={direction}
          >
            {directions.map((d) => (
              <option key={d} value={d}>
                {t(`directions.${d}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('outcome.contactPoint')} id={`${formId}-cp`} error={err('contactPointId')}>
          <select {...ctl('contactPointId', `${formId}-cp`)}>
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
          choice={v.tpChoice}
          onChoice={(c) => {
            put('tpChoice', c);
            // A third party on file with a number is called on their own number; someone who does not know the customer answered the customer's.
            const onFile = caseFile.thirdParties.find((tp) => tp.id === c);
            if (onFile?.phone || c === 'new') put('contactPointId', '');
            else if (c === 'unknown' && !contactPointId)
              put('contactPointId', summary.gate.contactPointId ?? phones[0]?.id ?? '');
          }}
          newTp={v.newTp}
          onNewTp={(x) => put('newTp', x)}
          purposes={purposes}
          purpose={v.purpose}
          onPurpose={(x) => put('purpose', x)}
          asksMore={v.asksMore}
          onAsksMore={(x) => put('asksMore', x)}
          contactPointId={contactPointId}
          err={err}
        />
      )}

      <Field label={t('outcome.disposition')} id={`${formId}-disp`} error={err('disposition')}>
        <select {...ctl('disposition', `${formId}-disp`)}>
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
              <input type="radio" checked={!planMode} onChange={() => put('planMode', false)} />{' '}
              {t('outcome.singlePromise')}
            </label>
            <label className="radio">
              <input type="radio" checked={planMode} onChange={() => put('planMode', true)} /> {t('outcome.planMode')}
            </label>
          </div>
          {!planMode ? (
            <div className="row">
              <Field
                label={t('outcome.amount', { currency: account.currency })}
                id={`${formId}-pa`}
                error={err('promise.amountMinor')}
              >
                <input {...ctl('promise.amount', `${formId}-pa`, 'promise.amountMinor')} inputMode="decimal" />
              </Field>
              <Field label={t('outcome.dueDate')} id={`${formId}-pd`} error={err('promise.dueDate')}>
                <input {...ctl('promise.dueDate', `${formId}-pd`)} type="date" />
              </Field>
            </div>
          ) : (
            <>
              {v.plan.map((_row, i) => (
                <div className="row" key={i}>
                  <Field
                    label={`${i + 1}. ${t('outcome.amount', { currency: account.currency })}`}
                    id={`${formId}-ia${i}`}
                    error={err(`plan.${i}.amountMinor`)}
                  >
                    <input
                      {...ctl(`plan.${i}.amount`, `${formId}-ia${i}`, `plan.${i}.amountMinor`)}
                      inputMode="decimal"
                    />
                  </Field>
                  <Field label={t('outcome.dueDate')} id={`${formId}-id${i}`} error={err(`plan.${i}.dueDate`)}>
                    <input {...ctl(`plan.${i}.dueDate`, `${formId}-id${i}`)} type="date" />
                  </Field>
                  {v.plan.length > 2 && (
                    <button
                      type="button"
                      className="button ghost"
                      onClick={() =>
                        put(
                          'plan',
                          v.plan.filter((_, j) => j !== i),
                        )
                      }
                    >
                      {t('outcome.removeInstalment')}
                    </button>
                  )}
                </div>
              ))}
              {err('plan') && <p className="field-error">{err('plan')}</p>}
              <button
                type="button"
                className="button"
                onClick={() => put('plan', [...v.plan, { amount: '', dueDate: '' }])}
              >
                {t('outcome.addInstalment')}
              </button>
            </>
          )}
          <Field label={t('outcome.paymentChannel')} id={`${formId}-pc`} error={err('promise.channel')}>
            <select {...ctl('promise.channel', `${formId}-pc`)}>
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
          <input {...ctl('callbackLocal', `${formId}-cb`, 'callbackAt')} type="datetime-local" />
        </Field>
      )}

      {needs.claimedPayment !== 'forbidden' && (
        <fieldset className="sub">
          <legend>{t('dispositions.claims_paid')}</legend>
          <div className="row">
            <Field label={t('outcome.claimedPaidAt')} id={`${formId}-cpd`} error={err('claimedPayment.paidAt')}>
              <input {...ctl('claimed.paidAt', `${formId}-cpd`, 'claimedPayment.paidAt')} type="date" />
            </Field>
            <Field
              label={t('outcome.claimedAmount', { currency: account.currency })}
              id={`${formId}-cpa`}
              error={err('claimedPayment.amountMinor')}
            >
              <input {...ctl('claimed.amount', `${formId}-cpa`, 'claimedPayment.amountMinor')} inputMode="decimal" />
            </Field>
          </div>
          <div className="row">
            <Field label={t('outcome.claimedChannel')} id={`${formId}-cpc`} error={err('claimedPayment.channel')}>
              <select {...ctl('claimed.channel', `${formId}-cpc`, 'claimedPayment.channel')}>
                {PAYMENT_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`paymentChannels.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('outcome.reference')} id={`${formId}-cpr`} error={err('claimedPayment.reference')}>
              <input {...ctl('claimed.reference', `${formId}-cpr`, 'claimedPayment.reference')} />
            </Field>
          </div>
        </fieldset>
      )}

      {needs.flagType ? (
        <Field label={t('outcome.disputeReason')} id={`${formId}-dr`} error={err('flag.reason')}>
          <input {...ctl('flag.reason', `${formId}-dr`)} />
        </Field>
      ) : (
        needs.flag !== 'forbidden' && (
          <div className="row">
            <Field label={t('outcome.flagType')} id={`${formId}-ft`} error={err('flag.type')}>
              <select {...ctl('flag.type', `${formId}-ft`)}>
                <option value="">{t('outcome.flagNone')}</option>
                {flagTypes.map((f) => (
                  <option key={f} value={f}>
                    {t(`stopFlags.${f}`)}
                  </option>
                ))}
              </select>
            </Field>
            {v.flag.type && (
              <Field label={t('outcome.flagReason')} id={`${formId}-fr`} error={err('flag.reason')}>
                <input {...ctl('flag.reason', `${formId}-fr`)} />
              </Field>
            )}
          </div>
        )
      )}

      <Field
        label={t('outcome.notes')}
        id={`${formId}-notes`}
        error={err('notes')}
        help={
          <span className={notes.length > NOTES_WARN_AT ? 'note-counter warn' : 'note-counter'}>
            {t('outcome.notesCount', { count: notes.length, n: fmt.number(notes.length), max: fmt.number(NOTES_MAX) })}
          </span>
        }
      >
        <textarea {...ctl('notes', `${formId}-notes`)} rows={3} />
      </Field>

      {needs.objections !== 'forbidden' && (
        <fieldset>
          <legend>{t('outcome.objectionsRaised')}</legend>
          <div className="checks">
            {OBJECTION_CATEGORIES.map((c) => (
              <label key={c} className="radio">
                <input
                  type="checkbox"
                  checked={v.objections.includes(c)}
                  onChange={(e) =>
                    put('objections', e.target.checked ? [...v.objections, c] : v.objections.filter((o) => o !== c))
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
              <input type="checkbox" checked={v.override.use} onChange={(e) => put('override.use', e.target.checked)} />{' '}
              {t('outcome.override')}
            </label>
          </legend>
          {v.override.use && (
            <div className="row">
              <Field label={t('outcome.overrideReason')} id={`${formId}-or`} error={err('override.reasonCode')}>
                <select {...ctl('override.reasonCode', `${formId}-or`)}>
                  {OVERRIDE_REASON_CODES.map((c) => (
                    <option key={c} value={c}>
                      {t(`overrideReasons.${c}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('outcome.overrideNote')} id={`${formId}-on`} error={err('override.note')}>
                <input {...ctl('override.note', `${formId}-on`)} />
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
      {(Object.keys(errors).length > 0 || serverError?.code === 'validation_failed') && (
        <div className="form-error" role="alert">
          <p>{t('outcome.fixErrors')}</p>
          {otherProblems.length > 0 && (
            <ul>
              {otherProblems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          )}
        </div>
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
type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

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

/** The resolver's errors: each problem under the input it belongs to, the first one per input. */
function problemErrors(problems: LocalProblem[], textOf: (p: LocalProblem) => string): FieldErrors<FormValues> {
  const errors: Record<string, unknown> = {};
  for (const p of problems) {
    const name = formField(p.field);
    if (get(errors, name) === undefined) setIn(errors, name, { type: p.code, message: textOf(p) });
  }
  return errors as FieldErrors<FormValues>;
}

/** JSON with sorted keys: a restored draft and a fresh form compare by content, not key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
