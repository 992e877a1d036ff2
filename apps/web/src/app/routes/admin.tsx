import { useTranslation } from 'react-i18next';
import { StageSummary } from '../../features/reports/components/stage-summary';
import { TeamsList } from '../../features/users/components/teams-list';
import { UsersTable } from '../../features/users/components/users-table';
import { useTeams } from '../../features/users/api/get-teams';
import { NewUserForm } from '../../features/users/components/user-admin';
import { AssignAccounts } from '../../features/accounts/components/assign-accounts';
import { Screen } from './pages';

export function AdminHomeRoute() {
  const { t } = useTranslation();
  return (
    <Screen messages="admin">
      <h2>{t('teams.title')}</h2>
      <TeamsList manage />
      <h2>{t('users.title')}</h2>
      <details className="add-user">
        <summary>{t('userAdmin.add')}</summary>
        <AdminNewUser />
      </details>
      <UsersTable manage />
      <h2>{t('assign.title')}</h2>
      <AssignAccounts />
      <h2>{t('reports.byStage')}</h2>
      <StageSummary />
    </Screen>
  );
}

function AdminNewUser() {
  const teams = useTeams();
  return <NewUserForm teams={teams.data?.items ?? []} />;
}
