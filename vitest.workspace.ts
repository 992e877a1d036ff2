// The test projects: pure rules, shared schemas, the API against a real PostgreSQL, and web
// components in jsdom. Run all with `pnpm test:unit` (vitest reads this file).
export default [
  'packages/domain/vitest.config.ts',
  'packages/contracts/vitest.config.ts',
  'apps/api/vitest.config.ts',
  'apps/web/vitest.config.ts',
];
