import {
  isoDateSchema,
  uuidSchema,
  type AccountSummary,
  type ListAccountsQuery,
  type ListAccountsResponse,
  type SessionUser,
} from '@crm/contracts';
import { z } from 'zod';
import { daysPastDue, localDate, localTime, missedInstalments, stageFor } from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { isoDay } from '../../lib/date-columns.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { AccountCursor, AccountsRepository } from './accounts.repository.js';

export interface AccountsServiceDeps {
  accounts: AccountsRepository;
  policies: Pick<PoliciesRepository, 'stageThresholds'>;
  clock: Clock;
}

const encodeAccountCursor = (c: AccountCursor) => encodeCursor([c.dueDate, c.id]);
const accountCursorShape = z.tuple([isoDateSchema.nullable(), uuidSchema]);
function decodeAccountCursor(raw: string): AccountCursor {
  const [dueDate, id] = decodeCursor(raw, accountCursorShape);
  return { dueDate, id };
}

export type AccountsService = ReturnType<typeof createAccountsService>;

export function createAccountsService({ accounts, policies, clock }: AccountsServiceDeps) {
  return {
    async list(user: SessionUser, query: ListAccountsQuery): Promise<ListAccountsResponse> {
      const after = query.cursor ? decodeAccountCursor(query.cursor) : undefined;
      const [rows, thresholds] = await Promise.all([
        accounts.list(user, { q: query.q, after, limit: query.limit }),
        policies.stageThresholds(),
      ]);
      const page = rows.slice(0, query.limit);
      const now = clock.now();
      const flags = await accounts.activeStopFlags(
        page.map((r) => r.id),
        page.map((r) => r.debtorId),
        now,
      );
      const items: AccountSummary[] = page.map((row) => {
        // Days past due count in the customer's own calendar.
        const today = localDate(now, row.debtor.timeZone);
        const dpd = daysPastDue(isoDay(row.oldestUnpaidDueDate), today);
        return {
          id: row.id,
          externalId: row.externalId,
          debtorName: row.debtor.fullName,
          creditorName: row.creditor.name,
          product: row.product,
          currency: row.currency,
          balanceMinor: Number(row.balanceMinor),
          overdueMinor: Number(row.overdueMinor),
          oldestUnpaidDueDate: isoDay(row.oldestUnpaidDueDate),
          daysPastDue: dpd,
          stage: stageFor(dpd, thresholds),
          missedInstalments: missedInstalments(isoDay(row.oldestUnpaidDueDate), today),
          status: row.status,
          complianceProfile: row.complianceProfile,
          debtorTimeZone: row.debtor.timeZone,
          debtorLocalTime: localTime(now, row.debtor.timeZone),
          assignedCollector: row.assignedCollector,
          activeStopFlags: [
            ...new Set(
              flags
                .filter((f) => f.accountId === row.id || (f.accountId === null && f.debtorId === row.debtorId))
                .map((f) => f.type),
            ),
          ],
        };
      });
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > query.limit && last
          ? encodeAccountCursor({ dueDate: isoDay(last.oldestUnpaidDueDate), id: last.id })
          : null;
      return { items, nextCursor };
    },
  };
}
