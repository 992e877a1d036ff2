import { PracticeDesk } from '../../features/practice/components/practice-desk';
import { Screen } from './pages';

/** Practice calls against simulated customers (issue 17, ADR 057). */
export function PracticeRoute() {
  return <Screen messages="practice">{(user) => <PracticeDesk user={user} />}</Screen>;
}
