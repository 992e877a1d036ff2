import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { useTeams } from '../api/get-teams';
import { useUsers } from '../api/get-users';
import { TeamAdmin } from './user-admin';

/** Teams in the viewer's scope; with `manage` (admins) supervisors can be changed and teams added. */
export function TeamsList({ manage = false }: { manage?: boolean }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const users = useUsers({ enabled: manage });
  const supervisors = (users.data?.items ?? []).filter((u) => u.role === 'supervisor' && u.active);
  return (
    <QueryState query={teams}>
      {(data) => (
        <>
          <ul className="cards" aria-label={t('teams.title')}>
            {data.items.map((team) => (
              <li key={team.id} className="card">
                <h3>{team.name}</h3>
                {manage ? (
                  <TeamAdmin team={team} supervisors={supervisors} />
                ) : (
                  <p className="muted small">
                    {t('teams.supervisor')}: {team.supervisor?.displayName ?? '—'}
                  </p>
                )}
                <p className="metric">
                  {team.memberCount}{' '}
                  <span className="muted small">{t('teams.members', { count: team.memberCount })}</span>
                </p>
              </li>
            ))}
          </ul>
          {manage && <TeamAdmin team={null} supervisors={supervisors} />}
        </>
      )}
    </QueryState>
  );
}
