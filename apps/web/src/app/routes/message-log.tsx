import { MessageLog } from '../../features/messages/components/message-log';
import { Screen } from './pages';

export function MessageLogRoute() {
  return (
    <Screen messages="messages">
      <MessageLog />
    </Screen>
  );
}
