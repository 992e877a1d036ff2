import type { ImportView } from '@crm/contracts';
import type { App } from '../src/app.js';

/**
 * Uploads a CSV the way the screen does (202 with the import id), then runs its job as a worker
 * would (ADR 042) and reads the finished import. `statusCode` is the upload's; `json()` is the
 * report once the import ran (or the upload's error body when it was refused).
 */
export async function importCsv(
  app: App,
  session: { cookie: string; csrf: string },
  url: string,
  csv: string,
  contentType = 'text/csv',
) {
  const upload = await app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': contentType },
    payload: csv,
  });
  if (upload.statusCode !== 202)
    return { statusCode: upload.statusCode, body: upload.body, json: () => upload.json(), upload };
  const { id } = upload.json() as { id: string };
  await app.jobs['imports.run']!.handler({ importId: id });
  const read = await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie: session.cookie } });
  const view = read.json() as ImportView;
  return { statusCode: upload.statusCode, body: read.body, json: () => view.report ?? view, upload, view, id };
}
