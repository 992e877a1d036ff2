import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { periodicJobsPlugin } from './periodic-jobs.js';

// Orchestration only (each job is tested on PostgreSQL in its module): what runs, in which order,
// how often, and that a failing run neither stops the next nor the process.
function fakes(log: string[], failFirst = false) {
  let runs = 0;
  return {
    promises: { sweep: async () => (log.push('judge promises'), 0) },
    reminders: {
      schedule: async () => (log.push('queue reminders'), 0),
      send: async () => {
        log.push('send reminders');
        if (failFirst && runs++ === 0) throw new Error('provider down');
        return { sent: 0, blocked: 0, rescheduled: 0 };
      },
    },
    stageHistory: { recordTransitions: async () => (log.push('stage history'), 0) },
    policies: { stageThresholds: async () => ({ pre_due: -5, m1: 1, m2: 31, m3: 61, m4_plus: 91 }) as never },
    housekeeping: [async () => void log.push('purge sessions'), async () => void log.push('purge sign-in windows')],
    clock: { now: () => new Date('2026-12-01T12:00:00Z') },
  };
}

describe('periodic jobs', () => {
  it('run once when the server is ready: promises, reminders, then the slow jobs and housekeeping', async () => {
    const log: string[] = [];
    const app = Fastify();
    await app.register(periodicJobsPlugin, { intervalSeconds: 3600, ...fakes(log) });
    await app.ready();
    await expect.poll(() => log.length).toBe(6);
    expect(log).toEqual([
      'judge promises',
      'queue reminders',
      'send reminders',
      'stage history',
      'purge sessions',
      'purge sign-in windows',
    ]);
    await app.close();
  });

  it('are off with an interval of 0 (tests)', async () => {
    const log: string[] = [];
    const app = Fastify();
    await app.register(periodicJobsPlugin, { intervalSeconds: 0, ...fakes(log) });
    await app.ready();
    await new Promise((r) => setTimeout(r, 50));
    expect(log).toEqual([]);
    await app.close();
  });

  it('log a failing run and go on with the next one', async () => {
    const log: string[] = [];
    const app = Fastify();
    await app.register(periodicJobsPlugin, { intervalSeconds: 0.05, ...fakes(log, true) });
    await app.ready();
    // The first run fails at sending; the next runs start again from the beginning.
    await expect.poll(() => log.filter((l) => l === 'judge promises').length).toBeGreaterThanOrEqual(2);
    await app.close();
  });
});
