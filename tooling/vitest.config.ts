import { defineProject } from 'vitest/config';

// The repository's own tooling: the lint rules that enforce the architecture (ADR 015).
export default defineProject({
  test: { name: 'tooling', include: ['*.test.ts'], env: { TZ: 'UTC' }, testTimeout: 30_000 },
});
