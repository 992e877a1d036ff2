import {
  AUDIT_ACCOUNTS_SHOWN,
  isoDateTimeSchema,
  type AuditEvent,
  type AuditFilters,
  type AuditQuery,
  type AuditResponse,
  type SessionUser,
} from '@crm/contracts';
import { addDaysIso, isValidTimeZone, startOfLocalDay } from '@crm/domain';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { AuditRepository, AuditRow, AuditSearch } from './audit.repository.js';

const EXPORT_BATCH = 1000;

/** A row as the API shows it; `accounts` holds as many as the search resolved. */
export function toAuditEvent(r: AuditRow): AuditEvent {
  return {
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor:
      r.actor_id && r.actor_username
        ? { id: r.actor_id, username: r.actor_username, displayName: r.actor_name ?? r.actor_username }
        : null,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    purpose: r.purpose,
    requestId: r.request_id,
    accountCount: Number(r.account_count),
    accounts: r.accounts,
    data: r.data && typeof r.data === 'object' && !Array.isArray(r.data) ? r.data : { value: r.data },
  };
}

/** (at, id) of the last row: an instant with a real date (no 30 February) and a bigint id. */
const auditCursorShape = z.tuple([isoDateTimeSchema, z.string().regex(/^\d{1,18}$/)]);

export type AuditService = ReturnType<typeof createAuditService>;

/** The audit trail for admins: filtered, newest first, keyset-paged; and the same as a CSV export. */
export function createAuditService({ audit }: { audit: Pick<AuditRepository, 'search' | 'accountId'> }) {
  /** Filters in SQL terms: the days as instants in the viewer's zone, the account by id or number. */
  async function resolve(
    user: SessionUser,
    f: AuditFilters,
  ): Promise<Omit<AuditSearch, 'after' | 'limit' | 'accountsShown'>> {
    const zone = isValidTimeZone(user.timeZone) ? user.timeZone : 'UTC';
    return {
      actorId: f.actorId,
      action: f.action,
      accountId: f.account === undefined ? undefined : await audit.accountId(f.account),
      entityType: f.entityType,
      entityId: f.entityId,
      requestId: f.requestId,
      start: f.from ? startOfLocalDay(f.from, zone) : null,
      end: f.to ? startOfLocalDay(addDaysIso(f.to, 1), zone) : null,
    };
  }

  return {
    async page(user: SessionUser, query: AuditQuery): Promise<AuditResponse> {
      const { cursor, limit, ...filters } = query;
      const decoded = cursor ? decodeCursor(cursor, auditCursorShape) : null;
      const after = decoded ? { at: decoded[0], id: decoded[1] } : null;
      const rows = await audit.search({
        ...(await resolve(user, filters)),
        after,
        limit: limit + 1,
        accountsShown: AUDIT_ACCOUNTS_SHOWN,
      });
      const items = rows.slice(0, limit).map(toAuditEvent);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.id]) : null };
    },

    /** Every matching event, newest first, in keyset batches (any size, constant memory), with all its accounts. */
    async *all(user: SessionUser, filters: AuditFilters): AsyncGenerator<AuditEvent> {
      const resolved = await resolve(user, filters);
      let after: { at: string; id: string } | null = null;
      for (;;) {
        const rows = await audit.search({ ...resolved, after, limit: EXPORT_BATCH, accountsShown: null });
        for (const r of rows) yield toAuditEvent(r);
        if (rows.length < EXPORT_BATCH) return;
        const last = rows.at(-1)!;
        after = { at: last.at.toISOString(), id: last.id.toString() };
      }
    },
  };
}
