import { isIP } from 'node:net';
import { z } from 'zod';

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** One trusted proxy: an address, a CIDR range (10.0.0.0/8, fd00::/8) or a named range. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: whether X-Forwarded-For / -Proto / -Host are believed. `false` (default):
 * never, the client address is the socket's. A comma-separated list: only when the request
 * comes from one of these proxies. `true`: from anyone (only behind a proxy that overwrites
 * X-Forwarded-For). Hop counts are refused: they cannot tell a proxy from a client.
 */
const trustProxySchema = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): boolean | string[] => {
    if (value === 'false' || value === '') return false;
    if (value === 'true') return true;
    const entries = value
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const bad = entries.filter((e) => !isProxyEntry(e));
    if (/^\d+$/.test(value) || bad.length || !entries.length) {
      ctx.addIssue({
        code: 'custom',
        message: `must be false, true, or a comma-separated list of proxy addresses or CIDR ranges (or loopback, linklocal, uniquelocal)${bad.length ? `; not understood: ${bad.join(', ')}` : ''}`,
      });
      return z.NEVER;
    }
    return entries;
  });

// The only place that reads process.env. Invalid configuration fails at boot with the
// variable named.
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production').describe('Runtime mode'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port for the API and the SPA'),
    HOST: z.string().default('127.0.0.1').describe('Interface to listen on (0.0.0.0 to expose on the network)'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional()
      .describe('PostgreSQL >= 14. Unset: an embedded PostgreSQL with its data under .data/'),
    MIGRATION_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional()
      .describe(
        'With DATABASE_URL: the schema owner, for migrations and seeding at start; DATABASE_URL is then the app role (ADR 011)',
      ),
    DATABASE_READ_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional()
      .describe(
        'Optional read replica (a login in crm_app): reports and the contact log read there; unset = the primary (ADR 043)',
      ),
    SEED_DEMO: z
      .enum(['0', '1'])
      .optional()
      .describe('With DATABASE_URL: 1 loads the demo portfolio when the database is empty'),
    DEMO_ACCOUNTS: z.coerce.number().int().min(1).default(2000).describe('Size of the demo portfolio'),
    EMBEDDED_PG_DATA_DIR: z
      .string()
      .optional()
      .describe('Data folder of the embedded PostgreSQL (default .data/postgres)'),
    EMBEDDED_PG_PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(0)
      .describe('Port of the embedded PostgreSQL (0 = any free port)'),
    EMBEDDED_PG_RESTART_ATTEMPTS: z.coerce
      .number()
      .int()
      .min(0)
      .max(20)
      .default(5)
      .describe(
        'Restarts of a dead embedded PostgreSQL (waits 0.5 s, 1 s, 2 s...) before the server stops with exit code 1',
      ),
    SESSION_TTL_HOURS: z.coerce.number().positive().default(12).describe('Absolute session lifetime'),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .positive()
      .default(120)
      .describe('Session ends after this long without requests'),
    CACHE_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(60)
      .describe(
        'Sessions, users and policies are cached per process and dropped at once on a change anywhere (LISTEN/NOTIFY, ADR 046); this is the longest a copy is kept without a notice. 0: no cache, every request reads them',
      ),
    API_PROCESSES: z
      .string()
      .regex(/^(auto|[1-9][0-9]?)$/, 'a number of processes (1-99) or auto')
      .default('1')
      .describe(
        'HTTP processes sharing the port (node:cluster, ADR 046): a number, or auto for one per CPU core. Jobs run in the first only',
      ),
    REQUEST_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(120)
      .describe(
        'A request must arrive whole (headers and body) within this time, or it is answered 408 and the connection closed',
      ),
    LEASE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(240)
      .default(15)
      .describe('How long "Next account" reserves an account for the collector'),
    WORKLIST_MAX_AGE_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(300)
      .describe(
        "A collector's worklist computed longer ago than this is computed again when read (the worklist.refresh job recomputes them every 5 minutes); events that change queues take effect at once whatever this is",
      ),
    JOBS: z
      .enum(['in-process', 'off'])
      .default('in-process')
      .describe(
        'Background jobs (promises, reminders, stages, imports; ADR 040): in-process runs a job worker inside this API process; off leaves them to `pnpm worker` processes. Any number of either may run on one database',
      ),
    JOB_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(32)
      .default(2)
      .describe('How many jobs one worker (in-process or `pnpm worker`) runs at a time'),
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce
      .number()
      .int()
      .positive()
      .default(10)
      .describe('Failed sign-ins (and wrong current passwords) per username per minute, from all addresses together'),
    LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce
      .number()
      .int()
      .positive()
      .default(30)
      .describe('Failed sign-ins per client address per minute, for all usernames together (IPv6: per /64)'),
    TRUST_PROXY: trustProxySchema.describe(
      'Which proxies may set X-Forwarded-*: false (default), true, or a list of addresses/CIDRs',
    ),
    PASSWORD_SCRYPT_LOG2_N: z.coerce
      .number()
      .int()
      .min(10)
      .max(20)
      .default(17)
      .describe(
        'scrypt cost of new password hashes: N = 2^this (r=8, p=1). At least 17 (OWASP); lower only with NODE_ENV=test',
      ),
    COOKIE_SECURE: z
      .enum(['auto', 'true', 'false'])
      .default('auto')
      .describe('Secure cookies: auto = when the request came over HTTPS'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WEB_DIST: z.string().optional().describe('Folder of the built SPA (default apps/web/dist)'),
    LETTER_SPOOL_DIR: z
      .string()
      .min(1)
      .default('.data/letters')
      .describe(
        "Folder letters (validation notices, PDF) are dropped in for print and mail, like a print vendor's SFTP drop",
      ),
    COLLECTOR_NAME: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .default('Northwind Recovery Services')
      .describe("The debt collector's name printed on validation notices (Reg F 1006.34(c)(1))"),
    COLLECTOR_MAILING_ADDRESS: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .default('PO Box 1200|Wilmington, DE 19899')
      .describe("The debt collector's mailing address on validation notices, lines separated by |"),
  })
  .superRefine((env, ctx) => {
    // A cheaper hash is for test suites only, and says so.
    if (env.PASSWORD_SCRYPT_LOG2_N < 17 && env.NODE_ENV !== 'test') {
      ctx.addIssue({
        code: 'custom',
        path: ['PASSWORD_SCRYPT_LOG2_N'],
        message: 'must be at least 17 (OWASP: N=2^17) outside NODE_ENV=test',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
