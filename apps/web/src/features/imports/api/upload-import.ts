import { CSRF_COOKIE, CSRF_HEADER, errorResponseSchema, importQueuedSchema, type ImportQueued } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, readCookie } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { importKeys } from './query-keys';
import { accountKeys } from '../../accounts/api/query-keys';
import { caseFileKeys } from '../../case-file/api/query-keys';
import { contactKeys } from '../../contacts/api/query-keys';
import { creditorKeys } from '../../creditors/api/query-keys';
import { queueKeys } from '../../queue/api/query-keys';
import { reportKeys } from '../../reports/api/query-keys';

export type ImportKind = 'payments' | 'portfolio';
export type ImportMode = 'validate' | 'all' | 'valid';

export interface ImportRequest {
  kind: ImportKind;
  mode: ImportMode;
  /** Payments only: references are unique per source. */
  source?: string;
}

/**
 * Streams a CSV file to an import endpoint; the server stores it and answers at once with the
 * import's id (202), a worker runs it (ADR 042). XMLHttpRequest, not fetch, because only it
 * reports upload progress, which the admin sees for large files.
 */
export function uploadImport(
  file: File,
  request: ImportRequest,
  onUploadProgress: (fraction: number) => void,
): Promise<ImportQueued> {
  const query = new URLSearchParams({
    mode: request.mode,
    ...(request.source ? { source: request.source } : {}),
  });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports/${request.kind}?${query}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onUploadProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The server cannot be reached.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // handled below
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(importQueuedSchema.parse(body));
      const parsed = errorResponseSchema.safeParse(body);
      reject(
        parsed.success
          ? new ApiError(xhr.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.requestId)
          : new ApiError(xhr.status, 'internal_error', `Unexpected response (${xhr.status}).`),
      );
    };
    xhr.send(file);
  });
}

/**
 * What a committed import changes. Payments: balances, promise outcomes (case files, lists, queue,
 * the contact log's promise statuses, results, portfolio). Customers and accounts: new or updated
 * accounts (lists, case files, queue, creditors' open accounts, portfolio).
 */
export const changedByImport = () => [
  accountKeys.all,
  caseFileKeys.all,
  queueKeys.all,
  contactKeys.logs(),
  creditorKeys.all,
  reportKeys.all,
];

export interface UploadImportInput {
  file: File;
  request: ImportRequest;
  onUploadProgress: (fraction: number) => void;
}

/**
 * Starts an import (or only a check): the list of imports gains it. What it writes is refreshed
 * when it has finished (useSettleImport), not here: nothing is written yet.
 */
export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, request, onUploadProgress }: UploadImportInput) =>
      uploadImport(file, request, onUploadProgress),
    onSuccess: () => invalidate(queryClient, [importKeys.recent()]),
  });
}

/**
 * Checks the file again on the server (nothing is written) and saves every problem as a CSV file
 * (line, column, value, problem), built by the server with formulas neutralised.
 */
export async function downloadImportProblems(file: File, request: Pick<ImportRequest, 'kind' | 'source'>) {
  const query = new URLSearchParams(request.source ? { source: request.source } : {});
  const csrf = readCookie(CSRF_COOKIE);
  await saveDownload(`/api/imports/${request.kind}/problems?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(csrf ? { [CSRF_HEADER]: csrf } : {}) },
    body: file,
  });
}

/** Saves the problems the server kept with a finished import (the first 1,000), as CSV. */
export const downloadStoredProblems = (importId: string) => saveDownload(`/api/imports/${importId}/problems`, {});

async function saveDownload(url: string, init: RequestInit) {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached.');
  }
  if (!res.ok) {
    const parsed = errorResponseSchema.safeParse(await res.json().catch(() => null));
    throw parsed.success
      ? new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.requestId)
      : new ApiError(res.status, 'internal_error', `Unexpected response (${res.status}).`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'problems.csv';
  const objectUrl = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 0);
}
