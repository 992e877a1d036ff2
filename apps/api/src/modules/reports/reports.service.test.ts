import { DEFAULT_STAGE_THRESHOLDS } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { createReportsService } from './reports.service.js';

const admin = {
  id: 'a',
  username: 'a',
  displayName: 'A',
  role: 'admin',
  locale: 'en',
  timeZone: 'UTC',
  teamId: null,
  teamName: null,
} as const;

describe('reports service', () => {
  it('lists every stage in order, keeps currencies apart and passes policy and clock to the query', async () => {
    const seen: unknown[] = [];
    const service = createReportsService({
      reports: {
        portfolioByStage: async (...args) => {
          seen.push(args);
          return [
            { stage: 'm2', currency: 'CNY', accounts: 2n, overdue: '70000' },
            { stage: 'm2', currency: 'USD', accounts: 1n, overdue: '5000' },
          ];
        },
      },
      policies: { stageThresholds: async () => DEFAULT_STAGE_THRESHOLDS },
      clock: { now: () => new Date('2026-11-22T00:00:00Z') },
    });
    const summary = await service.portfolioSummary(admin);
    expect(summary.stages.map((s) => [s.stage, s.accounts])).toEqual([
      ['pre_due', 0],
      ['m1', 0],
      ['m2', 3],
      ['m3', 0],
      ['m4_plus', 0],
    ]);
    expect(summary.stages[2]!.overdue).toEqual([
      { currency: 'CNY', amountMinor: '70000' },
      { currency: 'USD', amountMinor: '5000' },
    ]);
    expect(seen).toEqual([[admin, DEFAULT_STAGE_THRESHOLDS, new Date('2026-11-22T00:00:00Z')]]);
  });
});
