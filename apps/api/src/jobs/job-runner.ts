import { Logger, parseCronItems, run, type Runner, type Task, type TaskList } from 'graphile-worker';

/** One kind of background work: what runs it and, when it recurs, its cron schedule (UTC). */
export interface JobDefinition {
  /** Runs one job; throwing makes the engine retry it later with backoff (up to its attempts). */
  handler: (payload: unknown) => Promise<unknown>;
  /**
   * Recurring work: a cron line (minute hour day month weekday, UTC). The engine creates one job
   * per tick for the whole database, however many workers run (graphile-worker's cron takes a
   * lock per tick), serialised on a queue named after the task so two runs never overlap.
   */
  cron?: string;
}

/** Every kind of job, by name (`promises.judge`, `reminders.send`, ...): see app.ts. */
export type JobTable = Record<string, JobDefinition>;

export interface JobRunnerOptions {
  /** The app role's connection (ADR 011): the engine's schema was installed by the migrations. */
  connectionString: string;
  jobs: JobTable;
  concurrency: number;
  log: {
    error(obj: object, msg: string): void;
    warn(obj: object, msg: string): void;
    debug(obj: object, msg: string): void;
  };
}

/**
 * Starts a graphile-worker runner (ADR 040) for `jobs` on the database: it takes jobs as they are
 * added (LISTEN/NOTIFY, with polling as a fallback), `concurrency` at a time, and creates the cron
 * jobs. Any number of runners (inside API processes, or `pnpm worker`) share one database: each
 * job is taken by exactly one of them (SKIP LOCKED), a failed one is retried with exponential
 * backoff, and a runner that dies leaves its jobs to be taken again once their lock expires.
 */
export async function startJobRunner({ connectionString, jobs, concurrency, log }: JobRunnerOptions): Promise<Runner> {
  const taskList: TaskList = {};
  for (const [name, job] of Object.entries(jobs)) {
    const task: Task = async (payload) => {
      await job.handler(payload);
    };
    taskList[name] = task;
  }
  const parsedCronItems = parseCronItems(
    Object.entries(jobs).flatMap(([name, job]) =>
      job.cron
        ? [
            {
              task: name,
              match: job.cron,
              identifier: name,
              // A tick missed while no worker ran is not made up (the work looks at state, not at
              // ticks: the next run catches up); one attempt, the next tick is the retry.
              options: {
                backfillPeriod: 0,
                maxAttempts: 1,
                queueName: name,
                jobKey: name,
                jobKeyMode: 'replace' as const,
              },
            },
          ]
        : [],
    ),
  );
  const logger = new Logger((scope) => (level, message, meta) => {
    const fields = { job: scope.taskIdentifier, jobId: scope.jobId, worker: scope.workerId, ...meta };
    if (level === 'error') log.error(fields, `jobs: ${message}`);
    else if (level === 'warning') log.warn(fields, `jobs: ${message}`);
    else log.debug(fields, `jobs: ${message}`);
  });
  return run({
    connectionString,
    taskList,
    parsedCronItems,
    concurrency,
    maxPoolSize: concurrency + 2,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger,
  });
}
