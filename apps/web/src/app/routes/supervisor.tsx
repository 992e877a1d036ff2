import { useTranslation } from 'react-i18next';
import { StageSummary } from '../../features/reports/components/stage-summary';
import { TeamsList } from '../../features/users/components/teams-list';
import { UsersTable } from '../../features/users/components/users-table';
import { Screen } from './pages';

export function SupervisorOverviewRoute() {
  const { t } = useTranslation();
  return (
    <Screen messages="supervise">
      <h2>{t('reports.byStage')}</h2>
      <StageSummary />
      <h2>{t('teams.title')}</h2>
      <TeamsList />
      <h2>{t('users.teamMembers')}</h2>
      <UsersTable />
    </Screen>
  );
}
