import { defineProject } from 'vitest/config';

// API tests run against a real PostgreSQL: test/global-setup.ts starts an embedded server
// and a migrated template database; each test file clones its own database from it.
export default defineProject({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
