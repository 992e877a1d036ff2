import { AUDIT_ENTITY_TYPES, KNOWN_AUDIT_ACTIONS, type AuditEvent, type SessionUser } from '@crm/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCodeOptions } from '../../../components/ui/code-options';
import { SelectField, TextField, type Option } from '../../../components/ui/field';
import { DataTable, type Column } from '../../../components/ui/data-table';
import { PagedList } from '../../../components/ui/paged-list';
import { paths } from '../../../config/paths';
import { useUsers } from '../../users/api/get-users';
import { auditExportHref, useAuditEvents } from '../api/get-audit-events';

/** The filters the page understands; anything else in the URL is ignored. */
const FILTER_KEYS = ['from', 'to', 'actorId', 'action', 'account', 'entityType', 'entityId', 'requestId'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

function filtersFrom(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = params.get(key)?.trim();
    if (v) out.set(key, v);
  }
  return out;
}

const DENIED = '.denied';

/** An instant in the admin's own zone, to the second, as 2026-11-22 08:00:05 in every language (unambiguous). */
export function auditInstant(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZone,
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The audit trail for admins: who did or read what, about which accounts, when and why. */
export function AuditTrail({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const events = useAuditEvents(filters);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const columns = useColumns(user.timeZone);

  return (
    <div className="audit-trail">
      <Filters key={filters.toString()} filters={filters} onApply={(next) => setParams(next, { replace: true })} />
      <div className="panel">
        <PagedList query={events} count={items.length} exportHref={auditExportHref(filters)} messages="audit">
          <DataTable
            wrap={null}
            className="audit-table"
            caption={t('audit.caption')}
            rows={items}
            rowKey={(event) => event.id}
            rowClassName={(event) => (event.action.endsWith(DENIED) ? 'audit-denied' : undefined)}
            columns={columns}
          />
        </PagedList>
      </div>
    </div>
  );
}

/** The trail's columns: when, who, what (a refusal marked, the data behind a disclosure), accounts, purpose, request. */
function useColumns(timeZone: string): Column<AuditEvent>[] {
  const { t } = useTranslation();
  return [
    {
      key: 'when',
      header: t('audit.when', { zone: timeZone }),
      className: 'nowrap mono small',
      cell: (event) => auditInstant(event.at, timeZone),
    },
    {
      key: 'who',
      header: t('audit.who'),
      cell: (event) =>
        event.actor ? (
          <>
            {event.actor.displayName} <span className="muted small mono">{event.actor.username}</span>
          </>
        ) : (
          <span className="muted">{t('audit.system')}</span>
        ),
    },
    {
      key: 'what',
      header: t('audit.what'),
      cell: (event) => {
        const denied = event.action.endsWith(DENIED);
        const action = denied ? event.action.slice(0, -DENIED.length) : event.action;
        return (
          <>
            <strong>{t(`audit.actions.${action}`, { defaultValue: action })}</strong>
            {denied && <span className="badge promise-broken">{t('audit.denied')}</span>}
            <div className="muted small">
              <span className="mono">{event.action}</span> ·{' '}
              {t(`audit.entities.${event.entityType}`, { defaultValue: event.entityType })}
              {event.entityId && <span className="mono"> {event.entityId}</span>}
            </div>
            <details className="audit-data">
              <summary className="small">{t('audit.details')}</summary>
              <pre className="small">{JSON.stringify(event.data, null, 2)}</pre>
            </details>
          </>
        );
      },
    },
    {
      key: 'accounts',
      header: t('audit.accounts'),
      cell: (event) => {
        const more = event.accountCount - event.accounts.length;
        return (
          <>
            {event.accounts.map((a) => (
              <div key={a.id} className="nowrap">
                <Link className="mono small" to={paths.accountView.getHref(a.id)}>
                  {a.externalId ?? a.id}
                </Link>
              </div>
            ))}
            {more > 0 && <div className="muted small">{t('audit.moreAccounts', { count: more })}</div>}
          </>
        );
      },
    },
    {
      key: 'purpose',
      header: t('audit.purpose'),
      className: 'nowrap',
      cell: (event) => (event.purpose ? t(`audit.purposes.${event.purpose}`, { defaultValue: event.purpose }) : '—'),
    },
    {
      key: 'request',
      header: t('audit.request'),
      className: 'mono small audit-request',
      cell: (event) => event.requestId ?? '—',
    },
  ];
}

function Filters({ filters, onApply }: { filters: URLSearchParams; onApply: (next: URLSearchParams) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const users = useUsers();
  const [draft, setDraft] = useState(
    () => Object.fromEntries(FILTER_KEYS.map((k) => [k, filters.get(k) ?? ''])) as Record<FilterKey, string>,
  );
  const set = (key: FilterKey, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) if (draft[key].trim()) next.set(key, draft[key].trim());
    onApply(next);
  };
  const text = (key: FilterKey, label: string, extra: { type?: string; list?: string; placeholder?: string } = {}) => (
    <TextField type="text" label={label} value={draft[key]} onChange={(v) => set(key, v)} {...extra} />
  );
  const date = (key: FilterKey, label: string) => text(key, label, { type: 'date' });
  const select = (key: FilterKey, label: string, options: Option[]) => (
    <SelectField
      label={label}
      value={draft[key]}
      onChange={(v) => set(key, v)}
      options={options}
      empty={t('audit.any')}
    />
  );
  const entities = useCodeOptions('audit.entities', AUDIT_ENTITY_TYPES);
  return (
    <form className="panel filters" aria-label={t('audit.filters')} onSubmit={submit}>
      {date('from', t('audit.from'))}
      {date('to', t('audit.to'))}
      {select(
        'actorId',
        t('audit.actor'),
        (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
      )}
      {text('action', t('audit.action'), { list: `${id}-actions`, placeholder: 'case_file.view' })}
      <datalist id={`${id}-actions`}>
        {KNOWN_AUDIT_ACTIONS.map((a) => (
          <option key={a} value={a}>
            {t(`audit.actions.${a}`, { defaultValue: a })}
          </option>
        ))}
      </datalist>
      {text('account', t('audit.account'), { placeholder: t('audit.accountHint') })}
      {select('entityType', t('audit.entityType'), entities)}
      {text('entityId', t('audit.entityId'))}
      {text('requestId', t('audit.requestId'))}
      <div className="field end actions">
        <button type="submit" className="button primary">
          {t('audit.search')}
        </button>
        <button type="button" className="button" onClick={() => onApply(new URLSearchParams())}>
          {t('audit.clear')}
        </button>
      </div>
    </form>
  );
}
