/**
 * What a database error means for the client, whatever layer raised it: Prisma (with the pg driver
 * adapter), the adapter itself, node-postgres, or the socket underneath. The error handler turns
 * the result into a 4xx/503 with the one error shape, so a constraint, a dead database or a value
 * PostgreSQL refuses is never a 500. Duck-typed on purpose: no Prisma import, so the rule holds for
 * raw `pg` pools (imports, COPY) as well.
 */
export type DbErrorKind =
  /** A unique constraint: the thing exists already (409). */
  | 'unique'
  /** A foreign key: the request refers to something that does not exist (400). */
  | 'missing_reference'
  /** A row the write needed is gone (404). */
  | 'not_found'
  /** Serialization failure, deadlock or lock timeout: nothing was written, try again (409). */
  | 'retry'
  /** PostgreSQL refused a value: out of range, malformed, NOT NULL or CHECK (400). */
  | 'invalid_value'
  /** The database cannot be reached or is shutting down, the pool is exhausted (503). */
  | 'unavailable';

export interface DbErrorInfo {
  kind: DbErrorKind;
  /** API field names (camelCase) the error is about, when the database says which. */
  fields: string[];
  /** SQLSTATE or Prisma code, for the log. */
  code: string | undefined;
}

interface AdapterCause {
  kind?: string;
  originalCode?: string;
  code?: string;
  originalMessage?: string;
  message?: string;
  constraint?: { fields?: string[]; index?: string; foreignKey?: unknown };
}

const PRISMA_KINDS: Record<string, DbErrorKind> = {
  P1001: 'unavailable', // can't reach the server
  P1002: 'unavailable', // server timed out
  P1008: 'unavailable', // operation timed out
  P1017: 'unavailable', // server closed the connection
  P2024: 'unavailable', // timed out fetching a connection from the pool
  P2028: 'unavailable', // transaction API error: see the message (below) for which
  P2002: 'unique',
  P2003: 'missing_reference',
  P2025: 'not_found',
  P2034: 'retry', // write conflict or deadlock
  P2000: 'invalid_value', // value too long for the column
  P2011: 'invalid_value', // null constraint
  P2020: 'invalid_value', // value out of range
};

const ADAPTER_KINDS: Record<string, DbErrorKind> = {
  UniqueConstraintViolation: 'unique',
  ForeignKeyConstraintViolation: 'missing_reference',
  NullConstraintViolation: 'invalid_value',
  ValueOutOfRange: 'invalid_value',
  LengthMismatch: 'invalid_value',
  InvalidInputValue: 'invalid_value',
  TransactionWriteConflict: 'retry',
  DatabaseNotReachable: 'unavailable',
  DatabaseDoesNotExist: 'unavailable',
  DatabaseAccessDenied: 'unavailable',
  AuthenticationFailed: 'unavailable',
  SocketTimeout: 'unavailable',
  TooManyConnections: 'unavailable',
  ConnectionClosed: 'unavailable',
};

const NODE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
const CONNECTION_MESSAGES =
  /Connection terminated|connection (?:is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect|Can't reach database server/i;

/** SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html */
function kindOfSqlState(state: string): DbErrorKind | undefined {
  if (state === '23505') return 'unique';
  if (state === '23503') return 'missing_reference';
  if (state === '40001' || state === '40P01' || state === '55P03') return 'retry';
  if (state === '57014') return 'unavailable'; // statement timeout / cancelled: the server is overloaded
  if (/^(08|53|57P|58)/.test(state)) return 'unavailable'; // connection, resources, shutdown, system
  // Data exceptions, NOT NULL, CHECK, and a value too big for an index (54000: a 4 kB key).
  if (state.startsWith('22') || state === '23502' || state === '23514' || state === '54000') return 'invalid_value';
  return undefined;
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `contact_attempts_script_version_id_fkey` on table `contact_attempts` -> `scriptVersionId`. */
function fieldsOfConstraint(name: string | undefined, message: string | undefined): string[] {
  if (!name) return [];
  const table = /on table "([^"]+)"/.exec(message ?? '')?.[1];
  let core = name.replace(/_(fkey|key|pkey|idx)$/, '');
  if (table && core.startsWith(`${table}_`)) core = core.slice(table.length + 1);
  return core ? [camel(core)] : [];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** Classifies `err` as a database error, or returns null when it is not one. */
export function classifyDbError(err: unknown): DbErrorInfo | null {
  const e = asRecord(err);
  if (!e) return null;
  const meta = asRecord(e.meta);
  const cause = (asRecord(meta?.driverAdapterError)?.cause ??
    (e.name === 'DriverAdapterError' ? e.cause : undefined)) as AdapterCause | undefined;
  const prismaCode = typeof e.code === 'string' && /^P\d{4}$/.test(e.code) ? e.code : undefined;
  // node-postgres errors carry the SQLSTATE in `code` and the constraint by name.
  const pgState = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !prismaCode ? e.code : undefined;
  const sqlState = cause?.originalCode ?? (cause?.kind === 'postgres' ? cause.code : undefined) ?? pgState;
  const message = cause?.originalMessage ?? cause?.message ?? (typeof e.message === 'string' ? e.message : undefined);

  let kind: DbErrorKind | undefined =
    (sqlState ? kindOfSqlState(sqlState) : undefined) ??
    (cause?.kind ? ADAPTER_KINDS[cause.kind] : undefined) ??
    (prismaCode ? PRISMA_KINDS[prismaCode] : undefined);
  if (!kind && typeof e.code === 'string' && NODE_SOCKET_CODES.has(e.code)) kind = 'unavailable';
  // node-postgres reports a lost or unusable connection as a plain Error with no code; the
  // messages are its own, so they are read wherever the error comes from.
  if (!kind && CONNECTION_MESSAGES.test(String(e.message))) kind = 'unavailable';
  if (!kind && e.name === 'PrismaClientInitializationError') kind = 'unavailable';
  if (
    !kind &&
    e.name === 'DriverAdapterError' &&
    /invalid byte sequence|out of range|invalid input/i.test(String(e.message))
  )
    kind = 'invalid_value';
  // P2028 is two things: no connection to start the transaction in time (the pool is exhausted:
  // unavailable), or a transaction that ran out of time, usually waiting for row locks (retry).
  if (kind === 'unavailable' && prismaCode === 'P2028' && !/Unable to start a transaction/i.test(String(e.message)))
    kind = 'retry';
  if (!kind) return null;

  let fields: string[] = [];
  if (kind === 'unique') {
    fields = cause?.constraint?.fields?.map(camel) ?? [];
    const target = meta?.target;
    if (fields.length === 0 && Array.isArray(target)) fields = target.map(String).map(camel);
    if (fields.length === 0) {
      const key = /Key \(([^)]+)\)=/.exec(String(asRecord(e)?.detail ?? message ?? ''))?.[1];
      if (key) fields = key.split(',').map((s) => camel(s.trim().replace(/"/g, '')));
    }
  } else if (kind === 'missing_reference') {
    const name =
      cause?.constraint?.index ??
      (typeof e.constraint === 'string' ? e.constraint : undefined) ??
      /constraint "([^"]+)"/.exec(message ?? '')?.[1];
    fields = fieldsOfConstraint(name, message);
  }
  return { kind, fields, code: sqlState ?? prismaCode ?? (typeof e.code === 'string' ? e.code : undefined) };
}
