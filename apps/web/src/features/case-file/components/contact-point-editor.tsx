import {
  CONTACT_POINT_KINDS,
  CONTACT_POINT_TYPES,
  IANA_ZONES,
  type ContactPointDto,
  type NewContactPointBody,
  type UpdateContactPointBody,
} from '@crm/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodeOptions } from '../../../components/ui/code-options';
import { CheckboxField, SelectField, TextField } from '../../../components/ui/field';
import { ErrorState } from '../../../components/ui/states';
import { ApiError } from '../../../lib/api-client';
import { useProblemText } from '../../../lib/problems';
import { useAddContactPoint, useUpdateContactPoint } from '../../contact-points/api/save-contact-point';

type Kind = (typeof CONTACT_POINT_KINDS)[number];
type PointType = (typeof CONTACT_POINT_TYPES)[number];

/** The server's problem with one field, shown under it in the reader's language. */
function useProblemOf() {
  const problemText = useProblemText();
  return (error: unknown, field: string) => {
    const f = error instanceof ApiError ? error.fields?.find((p) => p.field === field) : undefined;
    return f ? problemText(f) : undefined;
  };
}

/** The IANA zones, offered as the customer's stated zone. */
function ZoneList({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {IANA_ZONES.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

/**
 * "Add number or address" (issue 13, ADR 019): a number, e-mail or postal address the customer
 * gave in a call, with the zone the customer said they are in. The server derives the number's
 * or address's own zones; the stated zone joins them, so the window can only get stricter.
 */
export function AddContactPoint({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const problemOf = useProblemOf();
  const id = useId();
  const add = useAddContactPoint(accountId);
  const [open, setOpen] = useState(false);
  const empty = {
    kind: 'phone' as Kind,
    type: 'mobile' as PointType,
    value: '',
    country: '',
    postalCode: '',
    region: '',
    label: '',
    timeZone: '',
    note: '',
  };
  const [f, setF] = useState(empty);
  const set = (key: keyof typeof empty) => (value: string) => setF((old) => ({ ...old, [key]: value }));
  const kinds = useCodeOptions('contactPoints.kinds', CONTACT_POINT_KINDS);
  const types = useCodeOptions('contactTypes', CONTACT_POINT_TYPES);

  if (!open)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('contactPoints.add')}
      </button>
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    const common = {
      type: f.type,
      value: f.value.trim(),
      label: opt(f.label),
      note: opt(f.note),
      timeZone: opt(f.timeZone),
    };
    const body = (
      f.kind === 'phone'
        ? { kind: 'phone', ...common, country: opt(f.country.toUpperCase()) }
        : f.kind === 'email'
          ? { kind: 'email', ...common }
          : {
              kind: 'address',
              ...common,
              country: f.country.trim().toUpperCase(),
              postalCode: opt(f.postalCode),
              region: opt(f.region),
            }
    ) as NewContactPointBody;
    add.mutate(body, {
      onSuccess: () => {
        setF(empty);
        setOpen(false);
      },
    });
  };
  const err = (field: string) => problemOf(add.error, field);
  return (
    <form className="panel admin-form contact-point-form" onSubmit={submit} aria-label={t('contactPoints.add')}>
      <SelectField
        label={t('contactPoints.kind')}
        value={f.kind}
        onChange={set('kind')}
        options={kinds}
        error={err('kind')}
      />
      <SelectField
        label={t('contactPoints.type')}
        value={f.type}
        onChange={set('type')}
        options={types}
        error={err('type')}
      />
      <TextField
        label={
          f.kind === 'phone'
            ? t('contactPoints.number')
            : f.kind === 'email'
              ? t('contactPoints.email')
              : t('contactPoints.address')
        }
        help={f.kind === 'phone' ? t('contactPoints.numberHelp') : undefined}
        value={f.value}
        onChange={set('value')}
        error={err('value')}
        required
      />
      {f.kind !== 'email' && (
        <TextField
          label={t('contactPoints.country')}
          help={f.kind === 'phone' ? t('contactPoints.countryHelp') : undefined}
          value={f.country}
          onChange={set('country')}
          error={err('country')}
          maxLength={2}
          required={f.kind === 'address'}
        />
      )}
      {f.kind === 'address' && (
        <>
          <TextField
            label={t('contactPoints.postalCode')}
            value={f.postalCode}
            onChange={set('postalCode')}
            error={err('postalCode')}
          />
          <TextField
            label={t('contactPoints.region')}
            value={f.region}
            onChange={set('region')}
            error={err('region')}
          />
        </>
      )}
      <TextField
        label={t('contactPoints.label')}
        value={f.label}
        onChange={set('label')}
        error={err('label')}
        maxLength={100}
      />
      <TextField
        label={t('contactPoints.statedZone')}
        help={t('contactPoints.statedZoneHelp')}
        list={`${id}-zones`}
        value={f.timeZone}
        onChange={set('timeZone')}
        error={err('timeZone')}
      />
      <ZoneList id={`${id}-zones`} />
      <TextField
        label={t('contactPoints.note')}
        value={f.note}
        onChange={set('note')}
        error={err('note')}
        maxLength={1000}
      />
      <div className="actions start">
        <button type="submit" className="button primary" disabled={add.isPending}>
          {t('contactPoints.save')}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t('contactPoints.cancel')}
        </button>
      </div>
      {add.isError && <ErrorState error={add.error} />}
    </form>
  );
}

/**
 * "Edit / mark invalid" for one contact point: its type, label and the zone the customer stated
 * (empty: back to the zones of the number or address), or marked invalid with a reason (it is
 * then not called and its zones no longer count).
 */
export function EditContactPoint({ accountId, point }: { accountId: string; point: ContactPointDto }) {
  const { t } = useTranslation();
  const problemOf = useProblemOf();
  const id = useId();
  const update = useUpdateContactPoint(accountId, point.id);
  const [open, setOpen] = useState(false);
  const stated = point.zoneSource === 'collector' ? (point.timeZones[0] ?? '') : '';
  const initial = {
    type: point.type,
    label: point.label ?? '',
    timeZone: stated,
    invalid: point.status === 'invalid',
    reason: '',
  };
  const [f, setF] = useState(initial);
  const types = useCodeOptions('contactTypes', CONTACT_POINT_TYPES);

  if (!open)
    return (
      <button
        type="button"
        className="button small"
        aria-label={t('contactPoints.editOf', { value: point.value })}
        onClick={() => {
          setF(initial);
          setOpen(true);
        }}
      >
        {t('contactPoints.edit')}
      </button>
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: UpdateContactPointBody = {};
    if (f.type !== point.type) body.type = f.type;
    if (f.label.trim() !== (point.label ?? '')) body.label = f.label.trim() || null;
    if (f.timeZone.trim() !== stated) body.timeZone = (f.timeZone.trim() || null) as UpdateContactPointBody['timeZone'];
    const wasInvalid = point.status === 'invalid';
    if (f.invalid && !wasInvalid) Object.assign(body, { status: 'invalid', reason: f.reason.trim() });
    if (!f.invalid && wasInvalid) body.status = 'valid';
    update.mutate(body, { onSuccess: () => setOpen(false) });
  };
  const err = (field: string) => problemOf(update.error, field);
  return (
    <form
      className="panel admin-form contact-point-form"
      onSubmit={submit}
      aria-label={t('contactPoints.editOf', { value: point.value })}
    >
      <SelectField
        label={t('contactPoints.type')}
        value={f.type}
        onChange={(type) => setF({ ...f, type })}
        options={types}
        error={err('type')}
      />
      <TextField
        label={t('contactPoints.label')}
        value={f.label}
        onChange={(label) => setF({ ...f, label })}
        error={err('label')}
        maxLength={100}
      />
      <TextField
        label={t('contactPoints.statedZone')}
        help={t('contactPoints.statedZoneHelp')}
        list={`${id}-zones`}
        value={f.timeZone}
        onChange={(timeZone) => setF({ ...f, timeZone })}
        error={err('timeZone')}
      />
      <ZoneList id={`${id}-zones`} />
      <CheckboxField
        label={t('contactPoints.markInvalid')}
        checked={f.invalid}
        onChange={(invalid) => setF({ ...f, invalid })}
      />
      {f.invalid && point.status !== 'invalid' && (
        <TextField
          label={t('contactPoints.reason')}
          value={f.reason}
          onChange={(reason) => setF({ ...f, reason })}
          error={err('reason')}
          required
          minLength={3}
        />
      )}
      <div className="actions start">
        <button type="submit" className="button primary" disabled={update.isPending}>
          {t('contactPoints.save')}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t('contactPoints.cancel')}
        </button>
      </div>
      {update.isError && <ErrorState error={update.error} />}
    </form>
  );
}

/** Beside a contact point in the case file: its label, why it was marked invalid, and "Edit / mark invalid". */
export function ContactPointActions({ accountId, point }: { accountId: string; point: ContactPointDto }) {
  const { t } = useTranslation();
  return (
    <>
      {point.label && <span className="badge">{point.label}</span>}{' '}
      {point.status === 'invalid' && point.statusReason && (
        <span className="muted small">{t('contactPoints.invalidBecause', { reason: point.statusReason })}</span>
      )}{' '}
      <EditContactPoint accountId={accountId} point={point} />
    </>
  );
}
