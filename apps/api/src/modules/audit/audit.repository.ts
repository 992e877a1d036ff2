import { directSql, Prisma, PREPARED, type Db } from '@crm/db';
import { isUuid, type AuditEntry } from '../../lib/audit-log.js';
import type { Tx } from '../../lib/transaction.js';

/**
 * PostgreSQL text and jsonb refuse NUL and lone UTF-16 surrogates; an audit row must never fail
 * because of what someone typed (a search for "\u0000" is worth recording too).
 */
export function storableText(value: string): string {
  return value
    .replaceAll('\u0000', '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storable(v)]));
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** The filters of a search of the trail, resolved to SQL values (instants, one account id). */
export interface AuditSearch {
  actorId?: string | undefined;
  action?: string | undefined;
  /** Resolved account id, or null when the given account does not exist (matches nothing). */
  accountId?: string | null | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  start: Date | null;
  end: Date | null;
  requestId?: string | undefined;
  after: { at: string; id: string } | null;
  limit: number;
  /** How many account numbers to resolve per event (all for the export). */
  accountsShown: number | null;
}

export interface AuditRow {
  id: bigint;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  purpose: string | null;
  request_id: string | null;
  account_count: number;
  accounts: { id: string; externalId: string | null }[];
  data: Record<string, unknown>;
}

const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const optional = (value: unknown, condition: Prisma.Sql) =>
  value === undefined ? Prisma.empty : Prisma.sql` AND ${condition}`;

/** The SQL of one page of the audit trail, newest first (keyset on at, id). */
export function auditSearchSql(s: AuditSearch): Prisma.Sql {
  const account =
    s.accountId === undefined
      ? Prisma.empty
      : s.accountId === null
        ? Prisma.sql` AND FALSE`
        : // Older events name an account only as their entity; newer ones list every account read.
          Prisma.sql` AND (e.account_ids @> ARRAY[${s.accountId}::uuid] OR (e.entity_type = 'account' AND e.entity_id = ${s.accountId}))`;
  const shown = s.accountsShown === null ? Prisma.empty : Prisma.sql`LIMIT ${s.accountsShown}`;
  return Prisma.sql`
    SELECT e.id, e.at, e.actor_id, u.username AS actor_username, u.display_name AS actor_name, e.action, e.entity_type, e.entity_id,
           e.purpose, e.request_id, e.data, COALESCE(cardinality(e.account_ids), 0) AS account_count,
           COALESCE((SELECT json_agg(json_build_object('id', x.id, 'externalId', ac.external_id) ORDER BY x.n)
                       FROM (SELECT id, n FROM unnest(e.account_ids) WITH ORDINALITY AS t(id, n) ORDER BY n ${shown}) x
                       LEFT JOIN accounts ac ON ac.id = x.id), '[]'::json) AS accounts
      FROM audit_events e
      LEFT JOIN users u ON u.id = e.actor_id
     WHERE TRUE
       ${optional(s.actorId, Prisma.sql`e.actor_id = ${s.actorId}::uuid`)}
       ${optional(s.action, Prisma.sql`e.action IN (${s.action}, ${`${s.action}.denied`})`)}
       ${account}
       ${optional(s.entityType, Prisma.sql`e.entity_type = ${s.entityType}`)}
       ${optional(s.entityId, Prisma.sql`e.entity_id = ${s.entityId}`)}
       ${s.start ? Prisma.sql` AND e.at >= ${s.start}` : Prisma.empty}
       ${s.end ? Prisma.sql` AND e.at < ${s.end}` : Prisma.empty}
       ${optional(s.requestId, s.requestId?.length === 36 ? Prisma.sql`e.request_id = ${s.requestId}` : Prisma.sql`e.request_id LIKE ${likePrefix(s.requestId ?? '')}`)}
       ${s.after ? Prisma.sql` AND (e.at, e.id) < (${s.after.at}::timestamptz, ${s.after.id}::bigint)` : Prisma.empty}
     ORDER BY e.at DESC, e.id DESC
     LIMIT ${s.limit}`;
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

/**
 * Append-only: there is deliberately no update or delete here, and the app's role has none (ADR 011).
 * Two ways in (ADR 018): `record` stores the event of a write inside that write's transaction (the
 * `tx` is required, so an event written after the write committed does not type-check), and
 * `recordStandalone` stores an event that accompanies no write of its own (an audited read, a
 * refused sign-in), in its own statement.
 */
const AUDIT_INSERT = `${PREPARED}
INSERT INTO audit_events (actor_id, action, entity_type, entity_id, request_id, account_ids, purpose, data)
VALUES ($1::uuid, $2, $3, $4, $5, $6::uuid[], $7, $8::jsonb)`;

/** The INSERT's parameters for an entry: the accounts it concerns, text made storable. */
function auditValues(entry: AuditEntry): unknown[] {
  const accountIds = new Set((entry.accountIds ?? []).filter(isUuid));
  if (entry.entityType === 'account' && isUuid(entry.entityId)) accountIds.add(entry.entityId);
  return [
    entry.actorId,
    entry.action,
    entry.entityType,
    entry.entityId == null ? null : storableText(entry.entityId),
    entry.requestId ?? null,
    [...accountIds],
    entry.purpose ?? null,
    JSON.stringify(storable(entry.data ?? {})),
  ];
}

export function createAuditRepository(db: Db) {
  // Hand-written and prepared (ADR 052): every write and every audited read sends this INSERT; through
  // the ORM each one went through its query compiler. A read's event goes straight to the pool.
  const direct = directSql(db);
  const insert = async (client: Pick<Db, '$executeRawUnsafe'>, entry: AuditEntry): Promise<void> => {
    await client.$executeRawUnsafe(AUDIT_INSERT, ...auditValues(entry));
  };
  return {
    /** Records the event of a write in the write's transaction: both commit, or neither. */
    record: (entry: AuditEntry, tx: Tx): Promise<void> => insert(tx, entry),

    /**
     * Records an event that accompanies no write: a read (plugins/audit.ts), a refused attempt
     * (a wrong password). Never for a write's event: that goes in the write's transaction (`record`).
     */
    recordStandalone: async (entry: AuditEntry): Promise<void> => {
      await direct.$executeRawUnsafe(AUDIT_INSERT, ...auditValues(entry));
    },

    search: (s: AuditSearch) => db.$queryRaw<AuditRow[]>(auditSearchSql(s)),

    /** The id of an account given by id or account number; null when there is none. */
    async accountId(idOrNumber: string): Promise<string | null> {
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM accounts WHERE external_id = ${idOrNumber} ${isUuid(idOrNumber) ? Prisma.sql`OR id = ${idOrNumber}::uuid` : Prisma.empty} LIMIT 1`;
      return rows[0]?.id ?? null;
    },
  };
}
