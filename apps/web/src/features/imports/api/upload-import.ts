import {
  CSRF_COOKIE,
  CSRF_HEADER,
  errorResponseSchema,
  importProgressSchema,
  importReportSchema,
  type ImportProgressState,
  type ImportReport,
} from '@crm/contracts';
import { ApiError, apiRequest, readCookie } from '../../../lib/api-client';

export type ImportKind = 'payments' | 'portfolio';
export type ImportMode = 'validate' | 'all' | 'valid';

export interface ImportRequest {
  kind: ImportKind;
  mode: ImportMode;
  /** Payments only: references are unique per source. */
  source?: string;
  /** Chosen here so the server's progress can be followed while the upload runs. */
  importId: string;
}

/**
 * Streams a CSV file to an import endpoint. XMLHttpRequest, not fetch, because only it reports
 * upload progress, which the admin sees for large files.
 */
export function uploadImport(
  file: File,
  request: ImportRequest,
  onUploadProgress: (fraction: number) => void,
): Promise<ImportReport> {
  const query = new URLSearchParams({
    mode: request.mode,
    importId: request.importId,
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
      if (xhr.status >= 200 && xhr.status < 300) return resolve(importReportSchema.parse(body));
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

/** The server's side of a running import; null until the server has started on it. */
export async function fetchImportProgress(importId: string): Promise<ImportProgressState | null> {
  try {
    return await apiRequest(`/imports/progress/${importId}`, { schema: importProgressSchema });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}
