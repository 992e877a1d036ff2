import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3199);
const baseURL = `http://localhost:${PORT}`;

// Playwright cannot download its own browser on locked-down machines: use the system
// Chromium when there is one (Debian: /usr/bin/chromium), else Playwright's own.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1366, height: 850 },
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    // The real built server on its own embedded PostgreSQL, reset and seeded for each run.
    command: 'node e2e/serve.mjs',
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      EMBEDDED_PG_DATA_DIR: path.resolve(import.meta.dirname, '../../.data/e2e-postgres'),
      DEMO_ACCOUNTS: '600',
      LOG_LEVEL: 'warn',
      // Specs sign the same demo users in many times a minute, some with wrong passwords on purpose;
      // the limits themselves are tested in the API tests.
      LOGIN_RATE_LIMIT_PER_MINUTE: '100',
      LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '1000',
    },
  },
});
