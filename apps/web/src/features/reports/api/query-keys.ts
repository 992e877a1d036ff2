import type { KpiParams } from './get-kpis';

/** Every query key of the reports feature (GET /api/reports/*); plural keys are the prefixes to invalidate. */
export const reportKeys = {
  all: ['reports'] as const,
  kpis: () => [...reportKeys.all, 'kpis'] as const,
  kpi: (params: KpiParams) => [...reportKeys.kpis(), params] as const,
  portfolioSummary: () => [...reportKeys.all, 'portfolio-summary'] as const,
  reviews: () => [...reportKeys.all, 'reviews'] as const,
  reviewPeriod: (from: string, to: string) => [...reportKeys.reviews(), from, to] as const,
  rollRates: () => [...reportKeys.all, 'roll-rates'] as const,
  rollRatePeriod: (from: string, to: string) => [...reportKeys.rollRates(), from, to] as const,
};
