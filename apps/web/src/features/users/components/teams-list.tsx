import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useTeams } from '../api/get-teams';

export function TeamsList() {
  const { t } = useTranslation();
  const teams = useTeams();
  if (teams.isPending) return <LoadingState />;
  if (teams.isError) return <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />;
  return (
    <ul className="cards" aria-label={t('teams.title')}>
      {teams.data.items.map((team) => (
        <li key={team.id} className="card">
          <h3>{team.name}</h3>
          <p className="muted small">
            {t('teams.supervisor')}: {team.supervisor?.displayName ?? '—'}
          </p>
          <p className="metric">
            {team.memberCount} <span className="muted small">{t('teams.members', { count: team.memberCount })}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
