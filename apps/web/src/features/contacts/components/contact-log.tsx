import {
  STAGES,
  CHANNELS,
  DISPOSITIONS,
  PROMISE_STATUSES,
  type ContactLogItem,
  type SessionUser,
} from '@crm/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCodeOptions } from '../../../components/ui/code-options';
import { SelectField, TextField, type Option } from '../../../components/ui/field';
import { DataTable, type Column } from '../../../components/ui/data-table';
import { PromiseBadge, PromiseSummary } from '../../../components/ui/promise-summary';
import { StageBadge } from '../../../components/ui/stage-badge';
import { PagedList } from '../../../components/ui/paged-list';
import { paths } from '../../../config/paths';
import { useFormat } from '../../../lib/format';
import { useTeams } from '../../users/api/get-teams';
import { useUsers } from '../../users/api/get-users';
import { contactLogExportHref, useContactLog } from '../api/get-contact-log';
import { ReviewPanel } from './review-panel';

/** The filters the page understands; anything else in the URL is ignored. */
const FILTER_KEYS = [
  'from',
  'to',
  'collectorId',
  'teamId',
  'accountId',
  'scriptVersionId',
  'channel',
  'disposition',
  'stage',
  'reached',
  'hasPromise',
  'overrideUsed',
  'promiseDueFrom',
  'promiseDueTo',
  'promiseStatus',
  'reviewed',
  'coaching',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

function filtersFrom(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) out.set(key, v);
  }
  return out;
}

/** The contact log: filters kept in the URL, newest first, load more, a detail panel, CSV export. */
export function ContactLog({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const log = useContactLog(filters);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const selected = items.find((i) => i.id === selectedId) ?? null;
  const setSelected = (item: ContactLogItem | null) => setSelectedId(item?.id ?? null);
  const columns = useColumns(user.timeZone, selected?.id ?? null, setSelected);

  const setFilter = (key: FilterKey, value: string) => {
    const next = new URLSearchParams(filters);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setSelected(null);
  };

  return (
    <div className="contact-log">
      <Filters
        user={user}
        filters={filters}
        onChange={setFilter}
        onClear={() => setParams(new URLSearchParams(), { replace: true })}
      />
      <div className="contact-log-body">
        <div className="panel contact-log-table">
          <PagedList query={log} count={items.length} exportHref={contactLogExportHref(filters)} messages="contactLog">
            <DataTable
              wrap={null}
              caption={t('contactLog.caption')}
              rows={items}
              rowKey={(item) => item.id}
              rowClassName={(item) => (item.id === selected?.id ? 'selected' : undefined)}
              onRowOpen={setSelected}
              columns={columns}
            />
          </PagedList>
        </div>
        {selected && <Detail item={selected} user={user} onClose={() => setSelected(null)} />}
      </div>
    </div>
  );
}

/** The log's columns; the time (like a click on the row, or Enter on it) opens the attempt's detail. */
function useColumns(
  timeZone: string,
  selectedId: string | null,
  onSelect: (item: ContactLogItem) => void,
): Column<ContactLogItem>[] {
  const { t } = useTranslation();
  const fmt = useFormat();
  return [
    {
      key: 'when',
      header: t('contactLog.when'),
      className: 'nowrap',
      cell: (item) => (
        <button
          type="button"
          className="link-button"
          onClick={() => onSelect(item)}
          aria-pressed={item.id === selectedId}
        >
          {fmt.timeIn(item.startedAt, timeZone)}
        </button>
      ),
    },
    { key: 'collector', header: t('contactLog.collector'), cell: (item) => item.collector?.displayName ?? '—' },
    {
      key: 'customer',
      header: t('contactLog.customer'),
      cell: (item) => (
        <>
          {item.customerName} <span className="muted small mono">{item.account.externalId}</span>
        </>
      ),
    },
    {
      key: 'outcome',
      header: t('contactLog.outcome'),
      className: 'contact-outcome',
      cell: (item) => (
        <>
          <strong>{t(`dispositions.${item.disposition}`)}</strong>{' '}
          <span className="muted small">
            {t(`channels.${item.channel}`)} · {t(`parties.${item.partyReached}`)}
            {item.overrideReasonCode ? ` · ${t('contactLog.override')}` : ''}
          </span>
          {item.review && (
            <div>
              <span className={`badge ${item.review.coaching ? 'promise-partly_kept' : 'promise-kept'}`}>
                {item.review.coaching
                  ? t('review.coachingScore', { score: item.review.score })
                  : t('review.reviewedScore', { score: item.review.score })}
              </span>
            </div>
          )}
        </>
      ),
    },
    {
      key: 'stage',
      header: t('contactLog.stage'),
      cell: (item) => (item.stage ? <StageBadge stage={item.stage} /> : '—'),
    },
    {
      key: 'promise',
      header: t('contactLog.promise'),
      cell: (item) =>
        item.promises.map((p) => (
          <div key={p.id} className="nowrap">
            {fmt.money(p.amountMinor, p.currency)} <PromiseBadge status={p.status} />
          </div>
        )),
    },
  ];
}

function Detail({ item, user, onClose }: { item: ContactLogItem; user: SessionUser; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <aside className="panel contact-detail" aria-label={t('contactLog.detail')}>
      <div className="spread">
        <h2>{t(`dispositions.${item.disposition}`)}</h2>
        <button type="button" className="button" onClick={onClose}>
          {t('contactLog.close')}
        </button>
      </div>
      <dl className="facts">
        <dt>{t('contactLog.when')}</dt>
        <dd>{fmt.timeIn(item.startedAt, user.timeZone)}</dd>
        <dt>{t('contactLog.collector')}</dt>
        <dd>{item.collector?.displayName ?? '—'}</dd>
        <dt>{t('contactLog.customer')}</dt>
        <dd>
          {item.customerName} · <span className="mono">{item.account.externalId}</span>
        </dd>
        <dt>{t('contactLog.how')}</dt>
        <dd>
          {t(`channels.${item.channel}`)} · {t(`parties.${item.partyReached}`)}
        </dd>
        <dt>{t('contactLog.stageThen')}</dt>
        <dd>{item.stage ? <StageBadge stage={item.stage} /> : '—'}</dd>
        <dt>{t('contactLog.script')}</dt>
        <dd>{item.scriptVersion?.label ?? '—'}</dd>
        {item.overrideReasonCode && (
          <>
            <dt>{t('contactLog.override')}</dt>
            <dd>{t(`overrideReasons.${item.overrideReasonCode}`, { defaultValue: item.overrideReasonCode })}</dd>
          </>
        )}
      </dl>
      <h3>{t('contactLog.notes')}</h3>
      <p className="note">{item.notes ?? t('contactLog.noNotes')}</p>
      {item.promises.length > 0 && (
        <>
          <h3>{t('contactLog.promises')}</h3>
          <ul className="plain">
            {item.promises.map((p) => (
              <li key={p.id}>
                <PromiseSummary promise={p} />
              </li>
            ))}
          </ul>
        </>
      )}
      {user.role !== 'collector' && (
        <p>
          <Link to={paths.accountView.getHref(item.account.id)}>{t('contactLog.openCase')}</Link>
        </p>
      )}
      <h3>{t('review.title')}</h3>
      <ReviewPanel key={item.id} item={item} user={user} />
    </aside>
  );
}

function Filters({
  user,
  filters,
  onChange,
  onClear,
}: {
  user: SessionUser;
  filters: URLSearchParams;
  onChange: (key: FilterKey, value: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const manager = user.role !== 'collector';
  const users = useUsers({ enabled: manager });
  const teams = useTeams({ enabled: manager });
  const yesNo = [
    { value: 'true', label: t('contactLog.yes') },
    { value: 'false', label: t('contactLog.no') },
  ];
  const channels = useCodeOptions('channels', CHANNELS);
  const dispositions = useCodeOptions('dispositions', DISPOSITIONS);
  const stages = useCodeOptions('stages', STAGES);
  const reached = useCodeOptions('contactLog.reachedOptions', ['anyone', 'debtor', 'third_party', 'nobody'] as const);
  const promiseStatuses = useCodeOptions('promiseStatus', PROMISE_STATUSES);
  const select = (key: FilterKey, label: string, options: Option[]) => (
    <SelectField
      label={label}
      value={filters.get(key) ?? ''}
      onChange={(v) => onChange(key, v)}
      options={options}
      empty={t('contactLog.any')}
    />
  );
  const date = (key: FilterKey, label: string) => (
    <TextField type="date" label={label} value={filters.get(key) ?? ''} onChange={(v) => onChange(key, v)} />
  );
  return (
    <form className="panel filters" aria-label={t('contactLog.filters')} onSubmit={(e) => e.preventDefault()}>
      {date('from', t('contactLog.from'))}
      {date('to', t('contactLog.to'))}
      {manager &&
        select(
          'collectorId',
          t('contactLog.collector'),
          (users.data?.items ?? [])
            .filter((u) => u.role === 'collector')
            .map((u) => ({ value: u.id, label: u.displayName })),
        )}
      {manager &&
        select(
          'teamId',
          t('contactLog.team'),
          (teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
        )}
      {select('channel', t('contactLog.channel'), channels)}
      {select('disposition', t('contactLog.disposition'), dispositions)}
      {select('stage', t('contactLog.stage'), stages)}
      {select('reached', t('contactLog.reached'), reached)}
      {select('hasPromise', t('contactLog.hasPromise'), yesNo)}
      {select('overrideUsed', t('contactLog.overrideUsed'), yesNo)}
      {date('promiseDueFrom', t('contactLog.promiseDueFrom'))}
      {date('promiseDueTo', t('contactLog.promiseDueTo'))}
      {select('promiseStatus', t('contactLog.promiseStatus'), promiseStatuses)}
      {select('reviewed', t('contactLog.reviewed'), yesNo)}
      {select('coaching', t('contactLog.coaching'), yesNo)}
      <div className="field end">
        <button type="button" className="button" onClick={onClear}>
          {t('contactLog.clear')}
        </button>
      </div>
    </form>
  );
}
