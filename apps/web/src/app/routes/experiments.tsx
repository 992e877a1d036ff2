import { Experiments } from '../../features/scripts/components/experiments';
import { Screen } from './pages';

export function ExperimentsRoute() {
  return <Screen messages="experiments">{(user) => <Experiments canWrite={user.role === 'admin'} />}</Screen>;
}
