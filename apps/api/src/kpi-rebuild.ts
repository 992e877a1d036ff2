// Entry point of `pnpm kpi:rebuild [--from YYYY-MM-DD] [--to YYYY-MM-DD]`: recomputes the KPI
// report's daily summary (ADR 045) exactly from the base tables, day by day, for every zone a user
// works in. Without a span: every day any fact falls on, and then the roll rates' monthly stage
// snapshot (ADR 055), every finished month from the stage history. Safe while the API runs (a day at a time,
// each under the same lock as the refresh job). Needs DATABASE_URL of a migrated database.
import { parseArgs } from 'node:util';
import { isoDateSchema } from '@crm/contracts';
import { createPrismaClient } from '@crm/db';
import { loadEnv } from './config/env.js';
import { systemClock } from './lib/clock.js';
import { createKpiSummary } from './modules/reports/reports.module.js';
import { createStageMonthsService } from './modules/stages/roll-rates.service.js';
import { createStageMonthsRepository } from './modules/stages/stage-months.repository.js';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
for (const [name, value] of Object.entries(values))
  if (value !== undefined && !isoDateSchema.safeParse(value).success) {
    process.stderr.write(`--${name} must be a date, YYYY-MM-DD (got ${value})\n`);
    process.exit(2);
  }
const env = loadEnv();
if (!env.DATABASE_URL) {
  process.stderr.write(
    '`pnpm kpi:rebuild` needs DATABASE_URL (the app role of a migrated database), as `pnpm worker` does.\n' +
      'With the embedded PostgreSQL: EMBEDDED_PG_PORT=5499 pnpm start, then\n' +
      'DATABASE_URL=postgresql://crm_app_login:crm_app_login@127.0.0.1:5499/collector pnpm kpi:rebuild\n',
  );
  process.exit(1);
}
const db = createPrismaClient(env.DATABASE_URL);
try {
  const started = Date.now();
  const done = await createKpiSummary({ db, clock: systemClock }).rebuild({ from: values.from, to: values.to });
  process.stdout.write(
    `KPI summary rebuilt: ${done.days} days (${done.from} to ${done.to}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (values.from === undefined && values.to === undefined) {
    const t0 = Date.now();
    const stages = await createStageMonthsService({
      stageMonths: createStageMonthsRepository(db),
      clock: systemClock,
    }).rebuild();
    process.stdout.write(
      `Roll-rate snapshot rebuilt: ${stages.months.length} months (${stages.months[0] ?? '-'} to ${stages.months.at(-1) ?? '-'}), ${stages.rows} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    );
  }
} finally {
  await db.$disconnect();
}
