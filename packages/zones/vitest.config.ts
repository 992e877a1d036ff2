import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'zones', include: ['src/**/*.test.ts'], env: { TZ: 'UTC' } },
});
