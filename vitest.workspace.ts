// The test projects: pure rules, shared schemas, the API against a real PostgreSQL, web
// components in jsdom, and the lint rules that enforce the architecture. Run all with `pnpm test:unit` (vitest reads this file).
export default [
  'packages/domain/vitest.config.ts',
  'packages/contracts/vitest.config.ts',
  'packages/zones/vitest.config.ts',
  'apps/api/vitest.config.ts',
  'apps/web/vitest.config.ts',
  'tooling/vitest.config.ts',
];
