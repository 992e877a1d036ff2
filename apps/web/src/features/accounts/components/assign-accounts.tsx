import { STAGES, type AssignmentBody, type Stage } from '@crm/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const id = useId();
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
        <div className="field">
          <label htmlFor={`${id}-stage`}>{t('contactLog.stage')}</label>
          <select
            id={`${id}-stage`}
            value={stage}
            onChange={(e) => {
              setStage(e.target.value);
              assign.reset();
            }}
          >
            <option value="">{t('contactLog.any')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stages.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-creditor`}>{t('assign.creditor')}</label>
          <select
            id={`${id}-creditor`}
            value={creditorId}
            onChange={(e) => {
              setCreditorId(e.target.value);
              assign.reset();
            }}
          >
            <option value="">{t('contactLog.any')}</option>
            {(creditors.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {t('assign.creditorOption', {
                  name: c.name,
                  profile: c.complianceProfile,
                  count: c.openAccounts,
                  open: fmt.number(c.openAccounts),
                })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('assign.fromTeam')}</label>
          <select
            id={`${id}-from`}
            value={fromTeamId}
            onChange={(e) => {
              setFromTeamId(e.target.value);
              assign.reset();
            }}
          >
            <option value="">{t('contactLog.any')}</option>
            {(teams.data?.items ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={unassignedOnly}
            onChange={(e) => {
              setUnassignedOnly(e.target.checked);
              assign.reset();
            }}
          />{' '}
          {t('assign.unassignedOnly')}
        </label>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('assign.to')}</label>
          <select
            id={`${id}-to`}
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              assign.reset();
            }}
            required
          >
            <option value="">—</option>
            <optgroup label={t('assign.teamsEvenly')}>
              {(teams.data?.items ?? []).map((x) => (
                <option key={x.id} value={`team:${x.id}`}>
                  {x.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('assign.collectors')}>
              {collectors.map((u) => (
                <option key={u.id} value={`collector:${u.id}`}>
                  {u.displayName}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
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
