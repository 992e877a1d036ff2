import { STAGES, type ExperimentDetail, type ExperimentVariantView, type Locale, type Stage } from '@crm/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/ui/data-table';
import { SelectField, TextField } from '../../../components/ui/field';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { percent, useFormat } from '../../../lib/format';
import { useChangeExperiment } from '../api/change-experiment';
import { useCreateExperiment } from '../api/create-experiment';
import { useExperiment } from '../api/get-experiment';
import { useExperiments } from '../api/get-experiments';
import { useScriptLibrary } from '../api/get-scripts';

/**
 * Champion/challenger experiments (ADR 056): the list, the live results of one (rates with 95%
 * intervals and the verdict in words), and for admins: set one up, start, stop, promote the winner.
 */
export function Experiments({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useExperiments();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div className="experiments">
      <section className="panel" aria-label={t('experiments.list')}>
        <div className="spread">
          <h2>{t('experiments.list')}</h2>
          {canWrite && (
            <button type="button" className="button" onClick={() => setCreating((c) => !c)}>
              {t('experiments.new')}
            </button>
          )}
        </div>
        {creating && (
          <CreateExperiment
            onCreated={(id) => {
              setCreating(false);
              setSelected(id);
            }}
          />
        )}
        <DataTable
          rows={list.data.items}
          rowKey={(e) => e.id}
          rowClassName={(e) => (e.id === selected ? 'selected' : undefined)}
          onRowOpen={(e) => setSelected(e.id)}
          empty={t('experiments.none')}
          columns={[
            {
              key: 'name',
              header: t('experiments.name'),
              cell: (e) => (
                <button type="button" className="link-button" onClick={() => setSelected(e.id)}>
                  {e.name}
                </button>
              ),
            },
            {
              key: 'script',
              header: t('experiments.script'),
              cell: (e) => `${t(`stages.${e.stage}`)} · ${t(`experiments.locales.${e.locale}`)}`,
            },
            {
              key: 'status',
              header: t('experiments.status'),
              cell: (e) => <span className={`badge status-${e.status}`}>{t(`experiments.statuses.${e.status}`)}</span>,
            },
            {
              key: 'started',
              header: t('experiments.started'),
              cell: (e) => (e.startedAt ? fmt.dateTime(e.startedAt) : '—'),
            },
            { key: 'ended', header: t('experiments.ended'), cell: (e) => (e.endedAt ? fmt.dateTime(e.endedAt) : '—') },
          ]}
        />
      </section>
      {selected && <ExperimentResults key={selected} id={selected} canWrite={canWrite} />}
    </div>
  );
}

const interval = (r: ExperimentVariantView['results']['promiseRate']) =>
  r.trials === 0 ? '—' : `${r.successes}/${r.trials} · ${percent(r.rate)} [${percent(r.low)}–${percent(r.high)}]`;

function Verdict({ variant, experiment }: { variant: ExperimentVariantView; experiment: ExperimentDetail }) {
  const { t } = useTranslation();
  const v = variant.verdict;
  if (!v) return <span className="muted">{t('experiments.championRow')}</span>;
  const champion = experiment.variants.find((x) => x.champion)!;
  const p = v.pValue === null ? '' : ` (p = ${v.pValue < 0.001 ? '< 0.001' : v.pValue.toFixed(3)})`;
  if (v.kind === 'no_data') return <span>{t('experiments.verdict.noData')}</span>;
  if (v.kind === 'winner') {
    const [winner, loser] =
      v.winner === 'challenger' ? [variant.version, champion.version] : [champion.version, variant.version];
    return (
      <strong className="verdict-winner">
        {t('experiments.verdict.beats', { winner: `v${winner}`, loser: `v${loser}` })}
        {p}
      </strong>
    );
  }
  const more = v.moreContactsPerVariant;
  return (
    <span>
      {more === null
        ? t('experiments.verdict.same')
        : more === 0
          ? t('experiments.verdict.noSignificant')
          : t('experiments.verdict.more', { count: more })}
      {p}
    </span>
  );
}

function ExperimentResults({ id, canWrite }: { id: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const experiment = useExperiment(id);
  const change = useChangeExperiment(id);
  if (experiment.isPending) return <LoadingState />;
  if (experiment.isError) return <ErrorState error={experiment.error} onRetry={() => void experiment.refetch()} />;
  const e = experiment.data;
  const open = e.status === 'running' || e.status === 'stopped';
  return (
    <section className="panel experiment-results" aria-label={t('experiments.results')}>
      <div className="spread">
        <h2>
          {e.name} · {t(`stages.${e.stage}`)} · {t(`experiments.locales.${e.locale}`)}{' '}
          <span className={`badge status-${e.status}`}>{t(`experiments.statuses.${e.status}`)}</span>
        </h2>
        {canWrite && (
          <div className="actions">
            {e.status === 'draft' && (
              <button type="button" className="button" onClick={() => change.mutate({ action: 'start' })}>
                {t('experiments.start')}
              </button>
            )}
            {e.status === 'running' && (
              <button type="button" className="button" onClick={() => change.mutate({ action: 'stop' })}>
                {t('experiments.stop')}
              </button>
            )}
          </div>
        )}
      </div>
      <p className="muted small">{t('experiments.explain')}</p>
      {change.isError && <ErrorState error={change.error} />}
      <DataTable
        rows={e.variants}
        rowKey={(v) => v.id}
        rowClassName={(v) => (v.id === e.winnerVariantId ? 'selected' : undefined)}
        columns={[
          {
            key: 'variant',
            header: t('experiments.variant'),
            cell: (v) => (
              <>
                v{v.version} · {v.champion ? t('experiments.champion') : t('experiments.challenger')}{' '}
                <span className={`badge status-${v.versionStatus}`}>
                  {t(`scriptLibrary.statuses.${v.versionStatus}`)}
                </span>
                {v.id === e.winnerVariantId && <strong> · {t('experiments.winner')}</strong>}
              </>
            ),
          },
          { key: 'share', header: t('experiments.share'), cell: (v) => `${v.share}%` },
          { key: 'attempts', header: t('experiments.attempts'), cell: (v) => fmt.number(v.results.attempts) },
          { key: 'rpc', header: t('experiments.rpc'), cell: (v) => fmt.number(v.results.rightPartyContacts) },
          { key: 'promise', header: t('experiments.promiseRate'), cell: (v) => interval(v.results.promiseRate) },
          { key: 'kept', header: t('experiments.keptRate'), cell: (v) => interval(v.results.keptRate) },
          {
            key: 'money',
            header: t('experiments.money'),
            cell: (v) =>
              v.results.money.length === 0
                ? '—'
                : v.results.money.map((m) => (
                    <div key={m.currency}>
                      {t('experiments.keptAmount')} {percent(m.keptAmountRate)} · {t('experiments.perRpc')}{' '}
                      {m.collectedPerRpcMinor === null ? '—' : fmt.money(m.collectedPerRpcMinor, m.currency)}
                    </div>
                  )),
          },
          {
            key: 'verdict',
            header: t('experiments.verdictHeader'),
            cell: (v) => <Verdict variant={v} experiment={e} />,
          },
          ...(canWrite && open
            ? [
                {
                  key: 'promote',
                  header: t('experiments.actions'),
                  cell: (v: ExperimentVariantView) => (
                    <button
                      type="button"
                      className="button"
                      disabled={change.isPending}
                      onClick={() => change.mutate({ action: 'promote', variantId: v.id })}
                    >
                      {t('experiments.promote', { version: `v${v.version}` })}
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}

/** Set up an experiment: stage and language, the published champion, approved versions as challengers with shares. */
function CreateExperiment({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const library = useScriptLibrary();
  const create = useCreateExperiment();
  const [name, setName] = useState('');
  const [stage, setStage] = useState<Stage>('m1');
  const [locale, setLocale] = useState<Locale>('en');
  const [championShare, setChampionShare] = useState('50');
  const [shares, setShares] = useState<Record<string, string>>({});
  if (library.isPending) return <LoadingState />;
  if (library.isError) return <ErrorState error={library.error} />;
  const script = library.data.items.find((s) => s.stage === stage && s.locale === locale);
  const champion = script?.versions.find((v) => v.status === 'published');
  const candidates = (script?.versions ?? []).filter((v) => ['draft', 'approved', 'archived'].includes(v.status));
  const chosen = Object.entries(shares).filter(([, share]) => share !== '');
  return (
    <form
      className="experiment-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!champion) return;
        create.mutate(
          {
            name,
            stage,
            locale,
            champion: { scriptVersionId: champion.id, share: Number(championShare) },
            challengers: chosen.map(([scriptVersionId, share]) => ({ scriptVersionId, share: Number(share) })),
          },
          { onSuccess: (d) => onCreated(d.id) },
        );
      }}
    >
      <div className="form-row">
        <TextField label={t('experiments.name')} value={name} onChange={setName} required maxLength={200} />
        <SelectField
          label={t('experiments.stage')}
          value={stage}
          onChange={(s) => {
            setStage(s);
            setShares({});
          }}
          options={STAGES.map((s) => ({ value: s, label: t(`stages.${s}`) }))}
        />
        <SelectField
          label={t('experiments.language')}
          value={locale}
          onChange={(l) => {
            setLocale(l);
            setShares({});
          }}
          options={(['en', 'zh-CN'] as const).map((l) => ({ value: l, label: t(`experiments.locales.${l}`) }))}
        />
      </div>
      {champion ? (
        <TextField
          label={t('experiments.championShare', { version: `v${champion.version}` })}
          type="number"
          min={1}
          max={99}
          value={championShare}
          onChange={setChampionShare}
        />
      ) : (
        <p className="muted">{t('experiments.noChampion')}</p>
      )}
      <fieldset>
        <legend>{t('experiments.challengers')}</legend>
        {candidates.length === 0 && <p className="muted small">{t('experiments.noCandidates')}</p>}
        {candidates.map((v) => (
          <TextField
            key={v.id}
            label={`v${v.version} · ${t(`scriptLibrary.statuses.${v.status}`)} · ${t('experiments.shareBlank')}`}
            type="number"
            min={1}
            max={99}
            value={shares[v.id] ?? ''}
            onChange={(share) => setShares((s) => ({ ...s, [v.id]: share }))}
          />
        ))}
      </fieldset>
      {create.isError && <ErrorState error={create.error} />}
      <button type="submit" className="button primary" disabled={!champion || chosen.length === 0 || create.isPending}>
        {t('experiments.create')}
      </button>
    </form>
  );
}
