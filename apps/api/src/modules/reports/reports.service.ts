import { STAGES, type PortfolioSummaryResponse, type SessionUser, type Stage } from '@crm/contracts';
import type { Clock } from '../../lib/clock.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { ReportsRepository } from './reports.repository.js';

export interface ReportsServiceDeps {
  reports: Pick<ReportsRepository, 'portfolioByStage'>;
  policies: Pick<PoliciesRepository, 'stageThresholds'>;
  clock: Clock;
}

export type ReportsService = ReturnType<typeof createReportsService>;

export function createReportsService({ reports, policies, clock }: ReportsServiceDeps) {
  return {
    /** Every stage appears, even when empty; overdue amounts stay per currency. */
    async portfolioSummary(user: SessionUser): Promise<PortfolioSummaryResponse> {
      const now = clock.now();
      const rows = await reports.portfolioByStage(user, await policies.stageThresholds(), now);
      return {
        asOf: now.toISOString(),
        stages: STAGES.map((stage) => {
          const ofStage = rows.filter((r) => r.stage === stage);
          return {
            stage: stage as Stage,
            accounts: ofStage.reduce((n, r) => n + Number(r.accounts), 0),
            overdue: ofStage.map((r) => ({ currency: r.currency, amountMinor: r.overdue })),
          };
        }),
      };
    },
  };
}
