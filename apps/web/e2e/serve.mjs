// Starts the built server for the end-to-end run on a fresh embedded database.
import { rmSync } from 'node:fs';

if (!process.env.EMBEDDED_PG_DATA_DIR?.includes('e2e'))
  throw new Error('EMBEDDED_PG_DATA_DIR must point at the e2e data folder');
rmSync(process.env.EMBEDDED_PG_DATA_DIR, { recursive: true, force: true });
await import('../../api/dist/main.js');
