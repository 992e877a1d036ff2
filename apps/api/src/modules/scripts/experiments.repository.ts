import type { Db } from '@crm/db';
import type { Tx } from '../../lib/transaction.js';
import { userNames } from '../users/user-names.repository.js';

const EXPERIMENT_SELECT = {
  id: true,
  name: true,
  stage: true,
  locale: true,
  status: true,
  createdAt: true,
  createdById: true,
  startedAt: true,
  endedAt: true,
  endedById: true,
  winnerId: true,
  variants: {
    orderBy: { position: 'asc' },
    select: {
      id: true,
      scriptVersionId: true,
      champion: true,
      position: true,
      share: true,
      bucketFrom: true,
      bucketTo: true,
      scriptVersion: { select: { version: true, status: true, scriptId: true } },
    },
  },
} as const;

export type ExperimentRow = NonNullable<Awaited<ReturnType<ExperimentsRepository['get']>>>;

/** Counts of one variant's attempts, right-party contacts, promises and judged promises (ADR 056). */
export interface VariantCounts {
  variant_id: string;
  attempts: number;
  rpc: number;
  rpc_with_promise: number;
  judged: number;
  kept: number;
}
/** Money of one variant in one currency. */
export interface VariantMoney {
  variant_id: string;
  currency: string;
  rpc: number;
  judged_minor: bigint;
  paid_minor: bigint;
  collected_minor: bigint;
}

export type ExperimentsRepository = ReturnType<typeof createExperimentsRepository>;

/** Champion/challenger experiments and their results, live from the attempts that recorded a variant. */
export function createExperimentsRepository(db: Pick<Db, 'experiment' | 'user' | '$queryRaw'>) {
  return {
    userNames: (ids: string[]) => userNames(db, ids),
    list: () => db.experiment.findMany({ orderBy: { createdAt: 'desc' }, take: 200, select: EXPERIMENT_SELECT }),
    get: (id: string) => db.experiment.findUnique({ where: { id }, select: EXPERIMENT_SELECT }),
    /** The running experiment on a stage and language with its variants (bucket ranges), if any. */
    running: (stage: string, locale: 'en' | 'zh_CN') =>
      db.experiment.findUnique({
        where: { runningSlot: `${stage}:${locale}` },
        select: {
          id: true,
          variants: { select: { id: true, scriptVersionId: true, bucketFrom: true, bucketTo: true } },
        },
      }),

    async create(
      tx: Tx,
      e: { name: string; stage: string; locale: 'en' | 'zh_CN'; createdById: string; createdAt: Date },
      variants: {
        scriptVersionId: string;
        champion: boolean;
        share: number;
        bucketFrom: number;
        bucketTo: number;
      }[],
    ) {
      return tx.experiment.create({
        data: { ...e, variants: { create: variants.map((v, position) => ({ ...v, position })) } },
        select: { id: true },
      });
    },

    /** Freezes a challenger draft as approved (it passed the publication rules); false if no longer a draft. */
    async approveDraft(tx: Tx, versionId: string, now: Date) {
      const { count } = await tx.scriptVersion.updateMany({
        where: { id: versionId, status: 'draft' },
        data: { status: 'approved', reviewedAt: now },
      });
      return count === 1;
    },

    /**
     * Draft -> running, taking the stage and language's running slot (unique): false when the
     * experiment is no longer a draft; throws P2002 when another experiment runs there.
     */
    async start(tx: Tx, id: string, slot: string, by: string, now: Date) {
      const { count } = await tx.experiment.updateMany({
        where: { id, status: 'draft' },
        data: { status: 'running', runningSlot: slot, startedAt: now, startedById: by },
      });
      return count === 1;
    },

    /** Running -> stopped, or running/stopped -> promoted with the winner; false when it moved meanwhile. */
    async end(
      tx: Tx,
      id: string,
      change: { from: 'running' | 'stopped'; to: 'stopped' | 'promoted'; by: string; now: Date; winnerId?: string },
    ) {
      const { count } = await tx.experiment.updateMany({
        where: { id, status: change.from },
        data: {
          status: change.to,
          runningSlot: null,
          // A stopped experiment promoted later keeps the moment it ended (and who stopped it).
          ...(change.from === 'running' ? { endedAt: change.now, endedById: change.by } : {}),
          ...(change.winnerId ? { winnerId: change.winnerId } : {}),
        },
      });
      return count === 1;
    },

    /** Per variant: attempts, right-party contacts, those with a promise, promises judged and kept. */
    counts(experimentId: string) {
      return db.$queryRaw<VariantCounts[]>`
        SELECT ev.id AS variant_id,
               count(ca.id)::int AS attempts,
               count(ca.id) FILTER (WHERE ca.party_reached = 'debtor')::int AS rpc,
               count(ca.id) FILTER (WHERE ca.party_reached = 'debtor'
                 AND EXISTS (SELECT 1 FROM promises p WHERE p.contact_attempt_id = ca.id))::int AS rpc_with_promise,
               COALESCE(sum(pr.judged), 0)::int AS judged,
               COALESCE(sum(pr.kept), 0)::int AS kept
        FROM experiment_variants ev
        LEFT JOIN contact_attempts ca ON ca.experiment_variant_id = ev.id
        LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE p.status IN ('kept', 'partly_kept', 'broken')) AS judged,
                 count(*) FILTER (WHERE p.status = 'kept') AS kept
          FROM promises p WHERE p.contact_attempt_id = ca.id
        ) pr ON true
        WHERE ev.experiment_id = ${experimentId}::uuid
        GROUP BY ev.id`;
    },

    /** Per variant and account currency: right-party contacts, judged promises (promised, paid), payments attributed. */
    money(experimentId: string) {
      return db.$queryRaw<VariantMoney[]>`
        SELECT ev.id AS variant_id, a.currency::text AS currency,
               count(*) FILTER (WHERE ca.party_reached = 'debtor')::int AS rpc,
               COALESCE(sum(pr.judged_minor), 0)::bigint AS judged_minor,
               COALESCE(sum(pr.paid_minor), 0)::bigint AS paid_minor,
               COALESCE(sum(pay.collected_minor), 0)::bigint AS collected_minor
        FROM experiment_variants ev
        JOIN contact_attempts ca ON ca.experiment_variant_id = ev.id
        JOIN accounts a ON a.id = ca.account_id
        LEFT JOIN LATERAL (
          SELECT sum(p.amount_minor) AS judged_minor, sum(LEAST(p.paid_minor, p.amount_minor)) AS paid_minor
          FROM promises p WHERE p.contact_attempt_id = ca.id AND p.status IN ('kept', 'partly_kept', 'broken')
        ) pr ON true
        LEFT JOIN LATERAL (
          SELECT sum(x.amount_minor) AS collected_minor FROM payments x
          WHERE x.attributed_attempt_id = ca.id AND x.reversal_of_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reversal_of_id = x.id)
        ) pay ON true
        WHERE ev.experiment_id = ${experimentId}::uuid
        GROUP BY ev.id, a.currency
        ORDER BY a.currency`;
    },
  };
}
