import type { Db } from '@crm/db';
import type { Clock } from '../lib/clock.js';
import type { RawUnitOfWork, UnitOfWork } from '../lib/transaction.js';
import type { AuditRepository } from './audit/audit.repository.js';
import type { PoliciesRepository } from './policies/policies.repository.js';

/**
 * What any module may be given (app.ts builds it once): the Prisma client for its repositories (and the read client),
 * the unit of work its services open transactions with, the clock, the audit trail and the
 * policies reader. A module asks for the parts it uses, `Pick<Core, ...>`, plus its own.
 */
export interface Core {
  db: Db;
  /**
   * For reads that may lag the primary by a moment (reports, the contact log): the client of
   * DATABASE_READ_URL (a replica) when set, else `db` itself (ADR 043). Never written through.
   */
  readDb: Db;
  uow: UnitOfWork;
  /** Transactions written wholly in SQL, on the direct client (no ORM compile per statement; ADR 052). */
  rawUow: RawUnitOfWork;
  clock: Clock;
  /** `record(entry, tx)` for a write's event, in its transaction; `recordStandalone` for an event without a write (ADR 018). */
  audit: Pick<AuditRepository, 'record' | 'recordStandalone'>;
  policies: PoliciesRepository;
}
