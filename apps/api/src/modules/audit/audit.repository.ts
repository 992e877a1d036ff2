import type { Db } from '@crm/db';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  requestId?: string | null;
  data?: Record<string, unknown>;
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

/** Append-only: there is deliberately no update or delete here. */
export function createAuditRepository(db: Pick<Db, 'auditEvent'>) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db.auditEvent.create({
        data: {
          actorId: entry.actorId,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId ?? null,
          requestId: entry.requestId ?? null,
          data: (entry.data ?? {}) as object,
        },
      });
    },
  };
}
