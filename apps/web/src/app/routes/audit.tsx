import { AuditTrail } from '../../features/audit/components/audit-trail';
import { Screen } from './pages';

/** Admins search the audit trail; every search and export is itself recorded. */
export function AuditTrailRoute() {
  return <Screen messages="audit">{(user) => <AuditTrail user={user} />}</Screen>;
}
