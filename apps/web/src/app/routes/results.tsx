import { KpiDashboard } from '../../features/reports/components/kpi-dashboard';
import { Screen } from './pages';

/** My results for a collector, the results of the people in scope for the others. */
export function ResultsRoute() {
  return (
    <Screen messages="kpi" collectorTitle>
      {(user) => <KpiDashboard user={user} />}
    </Screen>
  );
}
