import type { BlockedQueueItem, QueueItem, QueueResponse, QueueTotals } from '@crm/contracts';
import type { Session } from './build-app.js';

/**
 * A collector's whole queue as the API serves it, a page at a time (ADR 050): every page of the
 * callable list, then every page of the blocked list, each walked to its last page.
 */
export async function wholeQueue(
  s: Pick<Session, 'inject'>,
  collectorId?: string,
  limit = 200,
): Promise<{ generatedAt: string; totals: QueueTotals; items: QueueItem[]; blocked: BlockedQueueItem[] }> {
  const walk = async (list: 'callable' | 'blocked') => {
    const pages: QueueResponse[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ list, limit: String(limit) });
      if (collectorId) query.set('collectorId', collectorId);
      if (cursor) query.set('cursor', cursor);
      const res = await s.inject({ method: 'GET', url: `/api/queue?${query}` });
      if (res.statusCode !== 200) throw new Error(`GET /api/queue answered ${res.statusCode}: ${res.body}`);
      const page = res.json() as QueueResponse;
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor);
    return pages;
  };
  const callable = await walk('callable');
  const blocked = await walk('blocked');
  return {
    generatedAt: callable[0]!.generatedAt,
    totals: callable[0]!.totals,
    items: callable.flatMap((p) => p.items as QueueItem[]),
    blocked: blocked.flatMap((p) => p.items as BlockedQueueItem[]),
  };
}
