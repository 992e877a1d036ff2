import { STAGES, type AssignmentBody, type Stage } from '@crm/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodeOptions } from '../../../components/ui/code-options';
import { CheckboxField, Options, SelectField, type Option } from '../../../components/ui/field';
import { ErrorState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useCreditors } from '../../creditors/api/get-creditors';
import { useAssignAccounts } from '../api/assign-accounts';
import { useTeams } from '../../users/api/get-teams';
import { useUsers } from '../../users/api/get-users';

/** Assign open accounts in bulk: choose which and to whom, see the counts, then commit. */
export function AssignAccounts() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const teams = useTeams();
  const users = useUsers();
  const creditors = useCreditors();
  const assign = useAssignAccounts();
  const [stage, setStage] = useState('');
  const [fromTeamId, setFromTeamId] = useState('');
  const [creditorId, setCreditorId] = useState('');
  const [unassignedOnly, setUnassignedOnly] = useState(false);
  const [target, setTarget] = useState('');
  const collectors = (users.data?.items ?? []).filter((u) => u.role === 'collector' && u.active);
  const teamOptions = (teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }));
  const stages = useCodeOptions('stages', STAGES);
  /** A changed choice makes the last preview stale. */
  const change =
    <V,>(setter: (value: V) => void) =>
    (value: V) => {
      setter(value);
      assign.reset();
    };
  const body = (): AssignmentBody | null => {
    if (!target) return null;
    const [kind, targetId] = target.split(':') as ['team' | 'collector', string];
    return {
      filter: {
        ...(stage ? { stage: stage as Stage } : {}),
        ...(creditorId ? { creditorId } : {}),
        ...(fromTeamId ? { fromTeamId } : {}),
        unassignedOnly,
      },
      to: kind === 'team' ? { teamId: targetId } : { collectorId: targetId },
    };
  };
  const run = (commit: boolean) => {
    const b = body();
    if (b) assign.mutate({ body: b, commit });
  };
  /** Which accounts: any, or only those of one stage, creditor or team. */
  const filter = (label: string, value: string, setter: (value: string) => void, options: Option[]) => (
    <SelectField label={label} value={value} onChange={change(setter)} options={options} empty={t('contactLog.any')} />
  );
  const result = assign.data;
  return (
    <div className="panel">
      <form
        className="admin-form"
        aria-label={t('assign.title')}
        onSubmit={(e) => {
          e.preventDefault();
          run(false);
        }}
      >
        {filter(t('contactLog.stage'), stage, setStage, stages)}
        {filter(
          t('assign.creditor'),
          creditorId,
          setCreditorId,
          (creditors.data?.items ?? []).map((c) => ({
            value: c.id,
            label: t('assign.creditorOption', {
              name: c.name,
              profile: c.complianceProfile,
              count: c.openAccounts,
              open: fmt.number(c.openAccounts),
            }),
          })),
        )}
        {filter(t('assign.fromTeam'), fromTeamId, setFromTeamId, teamOptions)}
        <CheckboxField
          label={t('assign.unassignedOnly')}
          checked={unassignedOnly}
          onChange={change(setUnassignedOnly)}
        />
        <SelectField label={t('assign.to')} value={target} onChange={change(setTarget)} options={[]} empty="—" required>
          <optgroup label={t('assign.teamsEvenly')}>
            <Options options={teamOptions.map((o) => ({ ...o, value: `team:${o.value}` }))} />
          </optgroup>
          <optgroup label={t('assign.collectors')}>
            <Options options={collectors.map((u) => ({ value: `collector:${u.id}`, label: u.displayName }))} />
          </optgroup>
        </SelectField>
        <div className="actions start">
          <button type="submit" className="button" disabled={!target || assign.isPending}>
            {t('assign.preview')}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!result || result.committed || result.accounts === 0 || assign.isPending}
            onClick={() => run(true)}
          >
            {t('assign.commit')}
          </button>
        </div>
      </form>
      {result && (
        <div className="import-report" role="status">
          <p>
            <strong>
              {result.committed
                ? t('assign.done', { count: result.accounts })
                : t('assign.wouldMove', { count: result.accounts })}
            </strong>
          </p>
          <ul className="import-counts">
            {result.perCollector.map((c) => (
              <li key={c.collectorId}>
                <span className="muted">{c.displayName}</span> <strong className="num">{fmt.number(c.accounts)}</strong>
              </li>
            ))}
          </ul>
        </div>
      )}
      {assign.isError && <ErrorState error={assign.error} />}
    </div>
  );
}
