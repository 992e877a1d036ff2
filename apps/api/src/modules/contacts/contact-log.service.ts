import {
  isoDateTimeSchema,
  uuidSchema,
  type ContactLogFilters,
  type ContactLogItem,
  type ContactLogQuery,
  type ContactLogResponse,
  type SessionUser,
} from '@crm/contracts';
import { z } from 'zod';
import { addDaysIso, isValidTimeZone, startOfLocalDay } from '@crm/domain';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { ContactLogRepository, ContactLogRow } from './contact-log.repository.js';

export interface ContactLogServiceDeps {
  contactLog: ContactLogRepository;
}

const EXPORT_BATCH = 2000;

function toItem(r: ContactLogRow): ContactLogItem {
  return {
    id: r.id,
    startedAt: r.started_at.toISOString(),
    collector: r.collector_id ? { id: r.collector_id, displayName: r.collector_name ?? '' } : null,
    account: { id: r.account_id, externalId: r.external_id, currency: r.currency },
    customerName: r.full_name,
    channel: r.channel,
    direction: r.direction,
    partyReached: r.party_reached,
    disposition: r.disposition,
    stage: r.stage as ContactLogItem['stage'],
    scriptVersion: r.script_version_id ? { id: r.script_version_id, label: r.script_label ?? '' } : null,
    notes: r.notes,
    overrideReasonCode: r.override_reason_code,
    review: r.review
      ? {
          ...r.review,
          checks: r.review.checks as NonNullable<ContactLogItem['review']>['checks'],
          reviewedAt: new Date(r.review.reviewedAt).toISOString(),
        }
      : null,
    promises: r.promises.map((p) => ({
      ...p,
      amountMinor: Number(p.amountMinor),
      paidMinor: Number(p.paidMinor),
      status: p.status as ContactLogItem['promises'][number]['status'],
    })),
  };
}

export type ContactLogService = ReturnType<typeof createContactLogService>;

const contactLogCursorShape = z.tuple([isoDateTimeSchema, uuidSchema]);

export function createContactLogService({ contactLog }: ContactLogServiceDeps) {
  /** The period's dates as instants in the viewer's zone. */
  const period = (user: SessionUser, f: ContactLogFilters) => {
    const zone = isValidTimeZone(user.timeZone) ? user.timeZone : 'UTC';
    return {
      start: f.from ? startOfLocalDay(f.from, zone) : null,
      end: f.to ? startOfLocalDay(addDaysIso(f.to, 1), zone) : null,
    };
  };

  return {
    async page(user: SessionUser, query: ContactLogQuery): Promise<ContactLogResponse> {
      const { cursor, limit, ...filters } = query;
      const after = cursor ? decodeCursor(cursor, contactLogCursorShape) : null;
      const rows = await contactLog.page(user, {
        filters,
        ...period(user, filters),
        after: after ? { startedAt: after[0], id: after[1] } : null,
        limit: limit + 1,
      });
      const items = rows.slice(0, limit).map(toItem);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.startedAt, last.id]) : null };
    },

    /** Every attempt matching the filters, newest first, fetched in keyset batches (any size, constant memory). */
    async *all(user: SessionUser, filters: ContactLogFilters): AsyncGenerator<ContactLogItem> {
      let after: { startedAt: string; id: string } | null = null;
      for (;;) {
        const rows = await contactLog.page(user, { filters, ...period(user, filters), after, limit: EXPORT_BATCH });
        for (const r of rows) yield toItem(r);
        if (rows.length < EXPORT_BATCH) return;
        const last = rows.at(-1)!;
        after = { startedAt: last.started_at.toISOString(), id: last.id };
      }
    },
  };
}
