import { ContactLog } from '../../features/contacts/components/contact-log';
import { Screen } from './pages';

/** My calls for a collector, the contact log of the people in scope for the others. */
export function ContactLogRoute() {
  return (
    <Screen messages="contactLog" collectorTitle>
      {(user) => <ContactLog user={user} />}
    </Screen>
  );
}
