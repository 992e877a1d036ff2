import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Runner } from 'graphile-worker';
import { startJobRunner, type JobTable } from './job-runner.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every kind of job this app runs (app.ts), by name. */
    jobs: JobTable;
  }
}

export interface JobsPluginOptions {
  /** The database the runner works on; none (tests, JOBS=off) runs no jobs in this process. */
  connectionString: string | undefined;
  jobs: JobTable;
  concurrency: number;
}

/**
 * Runs the job worker inside this process (JOBS=in-process, the default of `pnpm start`): it
 * starts when the server is ready and stops, letting running jobs finish, when it closes.
 */
export const jobsPlugin = fp<JobsPluginOptions>(async (app: FastifyInstance, options) => {
  if (!options.connectionString) return;
  let runner: Runner | undefined;
  app.addHook('onReady', async () => {
    runner = await startJobRunner({
      connectionString: options.connectionString!,
      jobs: options.jobs,
      concurrency: options.concurrency,
      log: app.log,
    });
  });
  app.addHook('onClose', async () => {
    await runner?.stop();
  });
});
