import { z } from 'zod';

/**
 * A response that is a file rather than JSON. `x-media-type` tells the API's OpenAPI document
 * which media type to list (apps/api/src/plugins/openapi.ts); the body is sent as a stream.
 */
export const csvFileSchema = z
  .string()
  .meta({ description: 'CSV, UTF-8 with a byte order mark, header row first', 'x-media-type': 'text/csv' });

/** A PDF document (a letter: the validation notice), sent as binary. */
export const pdfFileSchema = z
  .string()
  .meta({ description: 'A PDF document', format: 'binary', 'x-media-type': 'application/pdf' });
