/** One audit event, as services and the audit plugin describe it (stored by modules/audit). */
export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  requestId?: string | null;
  /** Accounts whose customer data the event concerns; an account entity is added by itself. */
  accountIds?: readonly string[];
  /** Why (AUDIT_PURPOSES in contracts). */
  purpose?: string | null;
  data?: Record<string, unknown>;
}

/**
 * What the audit plugin needs to write an event of a read (which accompanies no write, so it has
 * no transaction to join): the audit repository provides it, and app.ts passes it in (plugins
 * depend on no module). Writes record their events in their own transaction (ADR 018).
 */
export interface AuditLog {
  recordStandalone(entry: AuditEntry): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
