import { ScriptLibrary } from '../../features/scripts/components/script-library';
import { ObjectionsEditor } from '../../features/scripts/components/objections-editor';
import { Screen } from './pages';

export function ScriptLibraryRoute() {
  return (
    <Screen messages="scriptLibrary">
      <ScriptLibrary />
      <ObjectionsEditor />
    </Screen>
  );
}
