// `pnpm start`: build what is missing or stale, then run the server (which starts the
// embedded PostgreSQL unless DATABASE_URL is set). Ctrl-C stops both; data is kept.
import { buildIfStale } from './build-if-stale.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node.js 20.19 or newer is required (this is ${process.versions.node}).`);
  process.exit(1);
}

buildIfStale();
await import('../apps/api/dist/main.js');
