import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../lib/clock.js';
import type { PoliciesRepository } from '../modules/policies/policies.repository.js';
import type { PromisesService } from '../modules/promises/promises.service.js';
import type { RemindersService } from '../modules/messages/reminders.service.js';
import type { StageHistoryRepository } from '../modules/stages/stage-history.repository.js';

export interface PeriodicJobsOptions {
  /** Seconds between runs; 0 turns the jobs off (tests). */
  intervalSeconds: number;
  promises: Pick<PromisesService, 'sweep'>;
  reminders: Pick<RemindersService, 'schedule' | 'send'>;
  stageHistory: Pick<StageHistoryRepository, 'recordTransitions'>;
  policies: Pick<PoliciesRepository, 'stageThresholds'>;
  /** Housekeeping: rows that no longer mean anything (ended sessions, old sign-in windows). */
  housekeeping: (() => Promise<void>)[];
  clock: Clock;
}

/** Stages change at most daily and housekeeping is cheap but not urgent: every 10 minutes. */
const SLOW_EVERY_MS = 10 * 60_000;

/**
 * The background work of one API process (ADR 007): judge promises whose grace period ended,
 * queue reminders for promises falling due and send what is due (each through the contact gate),
 * record stage transitions, and housekeeping. State-based, so a run catches up after downtime;
 * one run at a time per process. (Issue 15 moves this to a job engine shared by all instances.)
 */
export const periodicJobsPlugin = fp<PeriodicJobsOptions>(async (app: FastifyInstance, options) => {
  if (options.intervalSeconds <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let slowRanAt = 0;

  const run = async () => {
    if (running) return;
    running = true;
    try {
      const changes = await options.promises.sweep();
      const queued = await options.reminders.schedule();
      const sent = await options.reminders.send();
      let stageMoves = 0;
      if (Date.now() - slowRanAt >= SLOW_EVERY_MS) {
        stageMoves = await options.stageHistory.recordTransitions(
          await options.policies.stageThresholds(),
          options.clock.now(),
        );
        for (const task of options.housekeeping) await task();
        slowRanAt = Date.now();
      }
      if (changes || queued || sent.sent || sent.blocked || stageMoves) {
        app.log.info({ changes, queued, ...sent, stageMoves }, 'promise, reminder and stage jobs');
      }
    } catch (err) {
      app.log.error({ err }, 'promise and reminder jobs failed');
    } finally {
      running = false;
    }
  };

  app.addHook('onReady', async () => {
    void run();
    timer = setInterval(run, options.intervalSeconds * 1000);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
});
