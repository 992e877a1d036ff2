import { z } from 'zod';

// The only place that reads process.env. Invalid configuration fails at boot with the
// variable named.
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production').describe('Runtime mode'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port for the API and the SPA'),
  HOST: z.string().default('127.0.0.1').describe('Interface to listen on (0.0.0.0 to expose on the network)'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional()
    .describe('PostgreSQL >= 14. Unset: an embedded PostgreSQL with its data under .data/'),
  SEED_DEMO: z
    .enum(['0', '1'])
    .optional()
    .describe('With DATABASE_URL: 1 loads the demo portfolio when the database is empty'),
  DEMO_ACCOUNTS: z.coerce.number().int().min(1).default(2000).describe('Size of the demo portfolio'),
  EMBEDDED_PG_DATA_DIR: z.string().optional().describe('Data folder of the embedded PostgreSQL (default .data/postgres)'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0).describe('Port of the embedded PostgreSQL (0 = any free port)'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12).describe('Absolute session lifetime'),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120).describe('Session ends after this long without requests'),
  LEASE_MINUTES: z.coerce.number().int().min(1).max(240).default(15).describe('How long "Next account" reserves an account for the collector'),
  QUEUE_SNAPSHOT_SECONDS: z.coerce.number().int().min(0).max(600).default(60).describe('How long a computed queue is reused before it is recomputed'),
  PROMISE_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(60).describe('How often promises past their grace period are judged (0 = never, for tests)'),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10).describe('Login attempts per IP and username per minute'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto').describe('Secure cookies: auto = when the request came over HTTPS'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional().describe('Folder of the built SPA (default apps/web/dist)'),
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
