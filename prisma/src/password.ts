import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is memory-hard and ships with Node (no native add-on to build). Parameters are
// stored with each hash (`scrypt$N$r$p$salt$key`) so they can be raised later: a hash made with
// weaker parameters still verifies, and is replaced at the next sign-in (needsRehash).

/** scrypt work factors: N = 2^log2N (CPU and memory), r (block size), p (parallelism). */
export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

/**
 * OWASP Password Storage Cheat Sheet (2025): scrypt with N=2^17, r=8, p=1 at least.
 * 128 MiB and roughly a quarter of a second per hash on one core. The production default.
 */
export const RECOMMENDED_SCRYPT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };

const KEY_LENGTH = 32;
/**
 * Hashes read from the database with parameters beyond these are refused, not computed: a
 * tampered hash must not make one sign-in allocate gigabytes (2^20 x 16 x 128 B = 2 GiB at most;
 * the production cost uses 128 MiB).
 */
const MAX_LOG2N = 20;
const MAX_R = 16;
const MAX_P = 4;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  // OpenSSL needs 128 * r * (N + p + 2) bytes; Node's default limit (32 MiB) is below N=2^17.
  const options: ScryptOptions = { N: n, r, p, maxmem: 128 * r * (n + p + 2) + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

interface ParsedHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  const log2N = Math.log2(N);
  const ok =
    Number.isInteger(log2N) &&
    log2N >= 1 &&
    log2N <= MAX_LOG2N &&
    Number.isInteger(R) &&
    R >= 1 &&
    R <= MAX_R &&
    Number.isInteger(P) &&
    P >= 1 &&
    P <= MAX_P;
  return ok ? { n: N, r: R, p: P, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') } : null;
}

export async function hashPassword(password: string, cost: ScryptCost = RECOMMENDED_SCRYPT_COST): Promise<string> {
  const n = 2 ** cost.log2N;
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, n, cost.r, cost.p);
  return `scrypt$${n}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const actual = await scrypt(password, h.salt, h.n, h.r, h.p);
  return actual.length === h.key.length && timingSafeEqual(actual, h.key);
}

/** True when `stored` was made with weaker parameters than `cost` (or cannot be read): hash again. */
export function needsRehash(stored: string, cost: ScryptCost = RECOMMENDED_SCRYPT_COST): boolean {
  const h = parse(stored);
  return !h || h.n < 2 ** cost.log2N || h.r < cost.r || h.p < cost.p;
}

/**
 * A hash to compare against when the user does not exist, with the same parameters as real
 * ones, so the response time does not reveal whether the username exists.
 */
export function dummyPasswordHash(cost: ScryptCost = RECOMMENDED_SCRYPT_COST): string {
  return `scrypt$${2 ** cost.log2N}$${cost.r}$${cost.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;
}

/** The four operations bound to one cost, as the API uses them. */
export interface PasswordHasher {
  readonly cost: ScryptCost;
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  needsRehash(stored: string): boolean;
  /** The hash to verify against when there is no user. */
  readonly dummyHash: string;
}

export function createPasswordHasher(cost: ScryptCost = RECOMMENDED_SCRYPT_COST): PasswordHasher {
  return {
    cost,
    hash: (password) => hashPassword(password, cost),
    verify: verifyPassword,
    needsRehash: (stored) => needsRehash(stored, cost),
    dummyHash: dummyPasswordHash(cost),
  };
}
