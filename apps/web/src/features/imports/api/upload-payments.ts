import { CSRF_COOKIE, CSRF_HEADER, errorResponseSchema, importReportSchema, type ImportReport } from '@crm/contracts';
import { ApiError, readCookie } from '../../../lib/api-client';

export type ImportMode = 'validate' | 'all' | 'valid';

/**
 * Streams a CSV file to the import endpoint. XMLHttpRequest, not fetch, because only it reports
 * upload progress, which the admin sees for large files.
 */
export function uploadPayments(file: File, mode: ImportMode, source: string, onProgress: (fraction: number) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports/payments?mode=${mode}&source=${encodeURIComponent(source)}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
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
      reject(parsed.success ? new ApiError(xhr.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.requestId) : new ApiError(xhr.status, 'internal_error', `Unexpected response (${xhr.status}).`));
    };
    xhr.send(file);
  });
}
