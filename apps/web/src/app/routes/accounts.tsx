import { AccountsTable } from '../../features/accounts/components/accounts-table';
import { StageSummary } from '../../features/reports/components/stage-summary';
import { paths } from '../../config/paths';
import { Screen } from './pages';

// The accounts lists: a collector's own, a team's, everyone's (loaded with the screen, ADR 044).

export function CollectorWorkRoute() {
  return (
    <Screen messages="work">
      <StageSummary />
      <AccountsTable hrefFor={(id) => paths.workAccount.getHref(id)} />
    </Screen>
  );
}

export function AccountsRoute() {
  return (
    <Screen messages="accounts">
      <AccountsTable showCollector hrefFor={(id) => paths.accountView.getHref(id)} />
    </Screen>
  );
}
