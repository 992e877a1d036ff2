import type {
  CaseFile,
  ChannelCode,
  ContactPointConsentBody,
  ContactPointDto,
  FieldProblem,
  LocalTimeSpanDto,
} from '@crm/contracts';
import { CHANNELS, contactPointConsentBodySchema, fieldProblemsOf } from '@crm/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field, fieldAria } from '../../../components/ui/field';
import { ApiError } from '../../../lib/api-client';
import { useProblemText } from '../../../lib/problems';
import { useSetContactPointConsent } from '../../consent/api/set-contact-point-consent';
import { useSetPreferences } from '../../consent/api/set-preferences';
import { ConsentBadges } from './consent-badges';

/** The channels a contact point of each kind carries: what it can be opted out of. */
const CHANNELS_OF: Record<ContactPointDto['kind'], ChannelCode[]> = {
  phone: ['phone', 'sms'],
  email: ['email'],
  address: ['letter', 'visit'],
};

/** The server's problems by field, and its message when no field is named. */
function useServerErrors(error: unknown) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const api = error instanceof ApiError ? error : null;
  const fields: Record<string, string> = {};
  for (const f of api?.fields ?? []) fields[f.field] ??= problemText(f);
  const general = error && !api?.fields?.length ? (api && api.status < 500 ? api.message : t('errors.generic')) : null;
  return { fields, general };
}

/**
 * Consent and preferences as the customer states them (compliance.md: channel opt-outs, work
 * contact, customer-stated times; ADR 020): per number or address its opt-outs per channel and
 * "work is inconvenient", and the customer's preferred channel and time and inconvenient times.
 * Every change needs a note of what the customer said (audited); the gate's verdicts refresh after.
 */
export function ConsentEditor({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  return (
    <div className="consent-editor" data-testid="consent-editor">
      <PreferencesEditor caseFile={caseFile} />
      <h4>{t('consent.pointsTitle')}</h4>
      <ul className="plain consent-points">
        {caseFile.contactPoints.map((p) => (
          <PointConsent key={p.id} accountId={caseFile.account.id} point={p} />
        ))}
      </ul>
    </div>
  );
}

interface PointConsentValues {
  optedOut: boolean;
  channels: ChannelCode[];
  workInconvenient: boolean;
  note: string;
}

/** The request a number's consent form makes: the channels it carries only, work-inconvenient only for work numbers. */
const pointConsentBody = (point: ContactPointDto, v: PointConsentValues): ContactPointConsentBody => ({
  optedOut: v.optedOut,
  optedOutChannels: CHANNELS_OF[point.kind].filter((c) => v.channels.includes(c)),
  workInconvenient: point.type === 'work' ? v.workInconvenient : false,
  note: v.note.trim(),
});

/** A number's or an address's consent: a react-hook-form form checked by the contracts' body schema (ADR 038). */
function PointConsent({ accountId, point }: { accountId: string; point: ContactPointDto }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const formId = useId();
  const save = useSetContactPointConsent();
  const [open, setOpen] = useState(false);
  const current = (): PointConsentValues => ({
    optedOut: point.optedOut,
    channels: point.optedOutChannels,
    workInconvenient: point.workInconvenient,
    note: '',
  });
  // The note's problem in the form's words (what to write); any other in the problem translator's.
  const textOf = (p: FieldProblem) =>
    p.field === 'note' && (p.code === 'required' || p.code === 'too_short')
      ? t('consent.noteRequired')
      : problemText(p);
  const textRef = useRef(textOf);
  textRef.current = textOf;
  const { register, handleSubmit, watch, setValue, reset, setError, formState } = useForm<PointConsentValues>({
    defaultValues: current(),
    resolver: (values) => {
      const body = pointConsentBody(point, values);
      const parsed = contactPointConsentBodySchema.safeParse(body);
      if (parsed.success) return { values, errors: {} };
      const errors: Record<string, { type: string; message: string }> = {};
      for (const p of fieldProblemsOf(parsed.error, body))
        errors[p.field === 'optedOutChannels' ? 'channels' : p.field] ??= { type: p.code, message: textRef.current(p) };
      return { values: {}, errors };
    },
  });
  const v = watch();
  const { general } = useServerErrors(save.error);
  const none = !point.optedOut && point.optedOutChannels.length === 0 && !point.workInconvenient;

  const start = () => {
    reset(current());
    save.reset();
    setOpen(true);
  };
  const onSubmit = handleSubmit((values) =>
    save.mutate(
      { accountId, pointId: point.id, body: pointConsentBody(point, values) },
      {
        onSuccess: () => setOpen(false),
        // The server's problems land on the inputs they name.
        onError: (e) => {
          if (e instanceof ApiError)
            for (const f of e.fields ?? [])
              setError(f.field === 'optedOutChannels' ? 'channels' : (f.field as 'note'), {
                type: f.code,
                message: textOf({ ...f, code: f.code ?? 'invalid' }),
              });
        },
      },
    ),
  );
  const noteError = formState.errors.note?.message;
  const label = `${point.value} (${t(`contactTypes.${point.type}`, { defaultValue: point.type })})`;

  return (
    <li data-testid="consent-point" data-value={point.value}>
      <span className="mono">{point.value}</span>{' '}
      <span className="muted small">{t(`contactTypes.${point.type}`, { defaultValue: point.type })}</span>{' '}
      <ConsentBadges point={point} />
      {none && <span className="muted small">{t('consent.noOptOut')}</span>}{' '}
      {!open && (
        <button
          type="button"
          className="button ghost small-button"
          onClick={start}
          aria-label={t('consent.editPoint', { point: label })}
        >
          {t('consent.edit')}
        </button>
      )}
      {open && (
        <form
          className="consent-form sub"
          onSubmit={(e) => void onSubmit(e)}
          noValidate
          aria-label={t('consent.editPoint', { point: label })}
        >
          <label className="radio">
            <input type="checkbox" {...register('optedOut')} /> {t('consent.optOutAll')}
          </label>
          <fieldset disabled={v.optedOut}>
            <legend className="small">{t('consent.optOutChannels')}</legend>
            <div className="checks">
              {CHANNELS_OF[point.kind].map((c) => (
                <label key={c} className="radio">
                  <input
                    type="checkbox"
                    checked={v.optedOut || v.channels.includes(c)}
                    onChange={(e) =>
                      setValue('channels', e.target.checked ? [...v.channels, c] : v.channels.filter((x) => x !== c), {
                        shouldDirty: true,
                      })
                    }
                  />{' '}
                  {t('consent.onlyChannel', { channel: t(`channels.${c}`) })}
                </label>
              ))}
            </div>
          </fieldset>
          {point.type === 'work' && point.kind === 'phone' && (
            <label className="radio">
              <input type="checkbox" {...register('workInconvenient')} /> {t('consent.workInconvenient')}
            </label>
          )}
          <Field label={t('consent.note')} id={`${formId}-note`} error={noteError}>
            <input id={`${formId}-note`} {...register('note')} {...fieldAria(`${formId}-note`, noteError)} />
          </Field>
          {general && (
            <p className="form-error" role="alert">
              {general}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button primary" disabled={save.isPending}>
              {t('consent.save')}
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

const span = (s: LocalTimeSpanDto) => `${s.start}–${s.end}`;

function PreferencesEditor({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const formId = useId();
  const save = useSetPreferences();
  const prefs = caseFile.customer.preferences;
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<ChannelCode | ''>(prefs.preferredChannel ?? '');
  const [time, setTime] = useState<LocalTimeSpanDto>(prefs.preferredTime ?? { start: '', end: '' });
  const [inconvenient, setInconvenient] = useState<LocalTimeSpanDto[]>(prefs.inconvenientTimes);
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const { fields, general } = useServerErrors(save.error);
  const err = (f: string) => local[f] ?? fields[f];

  const start = () => {
    setChannel(prefs.preferredChannel ?? '');
    setTime(prefs.preferredTime ?? { start: '', end: '' });
    setInconvenient(prefs.inconvenientTimes);
    setNote('');
    setLocal({});
    save.reset();
    setOpen(true);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (note.trim().length < 3) problems.note = t('consent.noteRequired');
    if (!!time.start !== !!time.end) problems['preferredTime'] = t('consent.bothOrNeither');
    inconvenient.forEach((s, i) => {
      if (!s.start || !s.end) problems[`inconvenientTimes.${i}`] = t('consent.bothOrNeither');
    });
    setLocal(problems);
    if (Object.keys(problems).length) return;
    save.mutate(
      {
        accountId: caseFile.account.id,
        body: {
          preferredChannel: channel || null,
          preferredTime: time.start && time.end ? time : null,
          inconvenientTimes: inconvenient,
          note: note.trim(),
        },
      },
      { onSuccess: () => setOpen(false) },
    );
  };

  return (
    <div className="consent-preferences" data-testid="consent-preferences">
      <dl className="facts">
        <dt>{t('consent.preferredChannel')}</dt>
        <dd>{prefs.preferredChannel ? t(`channels.${prefs.preferredChannel}`) : t('consent.notStated')}</dd>
        <dt>{t('consent.preferredTime')}</dt>
        <dd>{prefs.preferredTime ? span(prefs.preferredTime) : t('consent.notStated')}</dd>
        <dt>{t('consent.inconvenientTimes')}</dt>
        <dd>
          {prefs.inconvenientTimes.length ? prefs.inconvenientTimes.map(span).join(', ') : t('consent.notStated')}{' '}
          <span className="muted small">({caseFile.customer.timeZone})</span>
        </dd>
      </dl>
      {!open && (
        <button type="button" className="button ghost small-button" onClick={start}>
          {t('consent.editPreferences')}
        </button>
      )}
      {open && (
        <form className="consent-form sub" onSubmit={onSubmit} noValidate aria-label={t('consent.editPreferences')}>
          <div className="row">
            <Field label={t('consent.preferredChannel')} id={`${formId}-ch`} error={err('preferredChannel')}>
              <select
                id={`${formId}-ch`}
                value={channel}
                onChange={(e) => setChannel(e.target.value as ChannelCode | '')}
              >
                <option value="">{t('consent.notStated')}</option>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`channels.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              label={t('consent.preferredFrom', { zone: caseFile.customer.timeZone })}
              id={`${formId}-ps`}
              error={err('preferredTime') ?? err('preferredTime.start')}
            >
              <input
                id={`${formId}-ps`}
                type="time"
                value={time.start}
                onChange={(e) => setTime({ ...time, start: e.target.value })}
              />
            </Field>
            <Field label={t('consent.preferredTo')} id={`${formId}-pe`} error={err('preferredTime.end')}>
              <input
                id={`${formId}-pe`}
                type="time"
                value={time.end}
                onChange={(e) => setTime({ ...time, end: e.target.value })}
              />
            </Field>
          </div>
          <fieldset>
            <legend className="small">
              {t('consent.inconvenientTimesHelp', { zone: caseFile.customer.timeZone })}
            </legend>
            {inconvenient.map((s, i) => (
              <div className="row" key={i}>
                <Field
                  label={t('consent.inconvenientFrom', { n: i + 1 })}
                  id={`${formId}-is${i}`}
                  error={err(`inconvenientTimes.${i}`) ?? err(`inconvenientTimes.${i}.start`)}
                >
                  <input
                    id={`${formId}-is${i}`}
                    type="time"
                    value={s.start}
                    onChange={(e) =>
                      setInconvenient(inconvenient.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))
                    }
                  />
                </Field>
                <Field
                  label={t('consent.inconvenientTo', { n: i + 1 })}
                  id={`${formId}-ie${i}`}
                  error={err(`inconvenientTimes.${i}.end`)}
                >
                  <input
                    id={`${formId}-ie${i}`}
                    type="time"
                    value={s.end}
                    onChange={(e) =>
                      setInconvenient(inconvenient.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))
                    }
                  />
                </Field>
                <button
                  type="button"
                  className="button ghost"
                  onClick={() => setInconvenient(inconvenient.filter((_, j) => j !== i))}
                >
                  {t('consent.removeTime')}
                </button>
              </div>
            ))}
            {inconvenient.length < 6 && (
              <button
                type="button"
                className="button small-button"
                onClick={() => setInconvenient([...inconvenient, { start: '', end: '' }])}
              >
                {t('consent.addTime')}
              </button>
            )}
          </fieldset>
          <Field label={t('consent.note')} id={`${formId}-note`} error={err('note')}>
            <input id={`${formId}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          {general && (
            <p className="form-error" role="alert">
              {general}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button primary" disabled={save.isPending}>
              {t('consent.save')}
            </button>
            <button type="button" className="button ghost" onClick={() => setOpen(false)}>
              {t('consent.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
