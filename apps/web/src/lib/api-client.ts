import type { ErrorCode, FieldProblem } from '@crm/contracts';
import { CSRF_COOKIE, CSRF_HEADER } from '@crm/contracts/plain';
import type { z } from 'zod';
import { isErrorResponse } from './checks';

/** An API error with the server's code, readable message and request id. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network_error',
    message: string,
    readonly requestId?: string,
    readonly fields?: FieldProblem[],
    readonly reasons?: { code: string; message: string; params?: Record<string, string | number> }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthenticatedListener = () => void;
let onUnauthenticated: UnauthenticatedListener = () => {};
/** The app registers what happens when a session ends mid-use (back to the login page). */
export function setUnauthenticatedHandler(listener: UnauthenticatedListener) {
  onUnauthenticated = listener;
}

/** A cookie the page may read (the CSRF token). */
export function readCookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Response schema: the client trusts nothing it has not parsed. */
  schema?: z.ZodType<T>;
  /**
   * Instead of a schema, a hand-written check (lib/checks.ts) for the answers the first load reads,
   * which must not load zod (ADR 054).
   */
  check?: (data: unknown) => data is T;
  /** Do not treat 401 as "session ended" (the login and me calls). */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The one place the SPA talks HTTP: JSON, CSRF header on writes, one error shape. */
export async function apiRequest<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', 'The server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    // Checked by hand, not with the contract's schema: every screen reads errors, zod stays out of the first load.
    const error = isErrorResponse(data)
      ? new ApiError(
          response.status,
          data.error.code,
          data.error.message,
          data.error.requestId,
          data.error.fields,
          data.error.reasons,
        )
      : new ApiError(response.status, 'internal_error', `Unexpected response (${response.status}).`);
    if (response.status === 401 && !options.allowUnauthenticated) onUnauthenticated();
    throw error;
  }
  if (options.check && !options.check(data)) {
    throw new ApiError(response.status, 'internal_error', `Unexpected response (${response.status}).`);
  }
  return options.schema ? options.schema.parse(data) : (data as T);
}
