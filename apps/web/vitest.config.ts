import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';
import { localeParts } from './build/locale-parts';

export default defineProject({
  plugins: [react(), localeParts()],
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}', 'build/**/*.test.ts'],
    environment: 'jsdom',
    setupFiles: ['src/testing/setup.ts'],
    env: { TZ: 'UTC' },
  },
});
