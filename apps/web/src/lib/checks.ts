import { ERROR_CODES, LOCALES, ROLES } from '@crm/contracts/plain';
import type { AuthResponse, ErrorResponse } from '@crm/contracts';

/**
 * Hand-written checks of the few answers the first load reads (ADR 054): the error shape and the
 * signed-in user. They keep zod (and the contracts' schemas) out of the login page's and the
 * workstation's first load; checks.test.ts holds them to the contracts' schemas on samples. The
 * screens loaded later parse their answers with the full schemas, as before.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);
const isOptionalListOf = (v: unknown, item: (x: unknown) => boolean) =>
  v === undefined || (Array.isArray(v) && v.every(item));
const isParams = (v: unknown) =>
  v === undefined || (isObject(v) && Object.values(v).every((p) => isString(p) || typeof p === 'number'));

/** `{ error: { code, message, requestId, fields?, reasons? } }`, every API error (errors.ts). */
export function isErrorResponse(data: unknown): data is ErrorResponse {
  if (!isObject(data) || !isObject(data.error)) return false;
  const e = data.error;
  return (
    isOneOf(ERROR_CODES, e.code) &&
    isString(e.message) &&
    isString(e.requestId) &&
    isOptionalListOf(
      e.fields,
      (f) => isObject(f) && isString(f.field) && isString(f.code) && isString(f.message) && isParams(f.params),
    ) &&
    isOptionalListOf(e.reasons, (r) => isObject(r) && isString(r.code) && isString(r.message) && isParams(r.params))
  );
}

/** `{ user }`: the signed-in user (sign-in, /auth/me, preferences). */
export function isAuthResponse(data: unknown): data is AuthResponse {
  if (!isObject(data) || !isObject(data.user)) return false;
  const u = data.user;
  const stringOrNull = (v: unknown) => v === null || isString(v);
  return (
    isString(u.id) &&
    isString(u.username) &&
    isString(u.displayName) &&
    isOneOf(ROLES, u.role) &&
    isOneOf(LOCALES, u.locale) &&
    isString(u.timeZone) &&
    stringOrNull(u.teamId) &&
    stringOrNull(u.teamName)
  );
}
