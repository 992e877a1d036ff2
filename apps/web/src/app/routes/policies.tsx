import { PoliciesEditor } from '../../features/policies/components/policies-editor';
import { Screen } from './pages';

export function PoliciesRoute() {
  return (
    <Screen messages="policies">
      <PoliciesEditor />
    </Screen>
  );
}
