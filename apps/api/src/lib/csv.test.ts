import { randomUUID } from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandlerPlugin } from '../plugins/error-handler.js';
import { neutraliseCsvCell, sendCsv } from './csv.js';

describe('neutraliseCsvCell (OWASP CSV injection)', () => {
  it('makes formula starts text with a leading apostrophe', () => {
    for (const cell of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '  =1']) {
      expect(neutraliseCsvCell(cell)).toBe(`'${cell}`);
    }
  });
  it('leaves ordinary text alone, and plain numbers in numeric columns', () => {
    expect(neutraliseCsvCell('Taylor Reed')).toBe('Taylor Reed');
    expect(neutraliseCsvCell('$25.00 due 2026-11-20')).toBe('$25.00 due 2026-11-20');
    expect(neutraliseCsvCell('-12.50', true)).toBe('-12.50');
    expect(neutraliseCsvCell(-1250, true)).toBe('-1250');
    expect(neutraliseCsvCell('-12.50')).toBe("'-12.50"); // a text column: neutralised
    expect(neutraliseCsvCell('-1+cmd', true)).toBe("'-1+cmd"); // not a plain number
    expect(neutraliseCsvCell(null)).toBe('');
  });
});

// Over real HTTP: a stream that fails must end its own response only.
// As sent, and compressed as the app sends it to a browser (ADR 044; fetch asks for gzip/br).
describe.each([
  ['as it is', false],
  ['compressed', true],
])('sendCsv (%s)', (_name, compressed) => {
  const app = Fastify();
  let base = '';
  beforeAll(async () => {
    await app.register(errorHandlerPlugin);
    if (compressed) await app.register(fastifyCompress, { encodings: ['br', 'gzip'] });
    app.get('/ok', (_req, reply) =>
      sendCsv(reply, {
        filename: 'x.csv',
        columns: ['name', 'amount'],
        numericColumns: [1],
        rows: (async function* () {
          yield ['=cmd()', -5];
          yield ['plain', 7];
        })(),
      }),
    );
    app.get('/fails-at-once', (_req, reply) =>
      sendCsv(reply, {
        filename: 'x.csv',
        columns: ['a'],
        // eslint-disable-next-line require-yield -- a source that fails before its first row, on purpose
        rows: (async function* () {
          throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        })(),
      }),
    );
    app.get('/fails-later', (_req, reply) =>
      sendCsv(reply, {
        filename: 'x.csv',
        columns: ['a'],
        rows: (async function* () {
          // Enough varied text that even compressed, part of the file is on its way before the failure.
          for (let i = 0; i < 5000; i++) yield [`row ${i} ${randomUUID()}`];
          throw new Error('the database went away mid-export');
        })(),
      }),
    );
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('writes a BOM, a header and neutralised cells', async () => {
    const res = await fetch(`${base}/ok`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-encoding') !== null).toBe(compressed);
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(body).toBe("\uFEFFname,amount\n'=cmd(),-5\nplain,7\n");
  });

  it('turns an error before the first row into an ordinary error response', async () => {
    const res = await fetch(`${base}/fails-at-once`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');
  });

  it('cuts only the failing response when an error comes later; the server goes on', async () => {
    const res = await fetch(`${base}/fails-later`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    const after = await fetch(`${base}/ok`);
    expect(after.status).toBe(200);
  });
});
