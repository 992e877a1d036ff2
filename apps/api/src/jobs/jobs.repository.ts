import { Prisma, type Db } from '@crm/db';

export interface JobSpec {
  /** The task's name in the job table (app.ts). */
  task: string;
  payload?: Record<string, unknown>;
  /** Not before this instant (default now). */
  runAt?: Date;
  /**
   * At most one waiting job per key: adding again replaces the waiting one (its payload and run
   * time), so a burst of events becomes one job (graphile-worker's job_key).
   */
  jobKey?: string;
  /** `preserve_run_at`: a replaced job keeps its run time (debounce to the first event). */
  jobKeyMode?: 'replace' | 'preserve_run_at';
  /** Attempts before the job is given up (default 25, with exponential backoff). */
  maxAttempts?: number;
  /** Jobs of one queue run one at a time, in order, across all workers. */
  queueName?: string;
}

export type JobsRepository = ReturnType<typeof createJobsRepository>;

/**
 * The call adding one job (graphile_worker.add_job) as an SQL expression, for a statement that does
 * something else too (worklist.markStale adds its job in the statement that marks the rows).
 */
export function addJobSql(spec: JobSpec): Prisma.Sql {
  return Prisma.sql`graphile_worker.add_job(
    identifier => ${spec.task}::text,
    payload => ${JSON.stringify(spec.payload ?? {})}::json,
    queue_name => ${spec.queueName ?? null}::text,
    run_at => ${spec.runAt ?? null}::timestamptz,
    max_attempts => ${spec.maxAttempts ?? null}::int,
    job_key => ${spec.jobKey ?? null}::text,
    job_key_mode => ${spec.jobKeyMode ?? 'replace'}::text)`;
}

/**
 * Adds jobs to the engine's queue with one statement each (graphile_worker.add_job). Given the
 * caller's transaction, the job exists if and only if the transaction commits: the event and the
 * work it causes are never out of step.
 */
export function createJobsRepository(db: Pick<Db, '$executeRaw'>) {
  return {
    async add(spec: JobSpec, client: Pick<Db, '$executeRaw'> = db): Promise<void> {
      await client.$executeRaw(Prisma.sql`SELECT ${addJobSql(spec)}`);
    },
  };
}
