import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from './build-app.js';

// How the app serves the built SPA and compresses answers (ADR 044): hashed assets cached for a
// year and sent precompressed, index.html revalidated, API JSON compressed and still never stored.

const dist = mkdtempSync(path.join(tmpdir(), 'crm-web-dist-'));
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head></html>';
const SCRIPT = `export const texts = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `text number ${i}`))};\n`;
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'index.html'), INDEX);
writeFileSync(path.join(dist, 'assets/index-Ab12Cd34.js'), SCRIPT);
// As the build writes them (apps/web/vite.config.ts, precompress).
writeFileSync(path.join(dist, 'assets/index-Ab12Cd34.js.br'), brotliCompressSync(SCRIPT));
writeFileSync(path.join(dist, 'assets/index-Ab12Cd34.js.gz'), gzipSync(SCRIPT));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('serving the SPA and compressing answers', () => {
  const t = useTestApp({ env: { WEB_DIST: dist } });

  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('a hashed asset is sent %s-compressed from the build and cached for a year', async (encoding, decode) => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/assets/index-Ab12Cd34.js',
      headers: { 'accept-encoding': `${encoding}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('brotli is preferred when the browser accepts both', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/assets/index-Ab12Cd34.js',
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(res.headers['content-encoding']).toBe('br');
  });

  it('a client that accepts no compression gets the file as it is, cached alike', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.body).toBe(SCRIPT);
  });

  it.each(['/index.html', '/', '/work', '/work/some-account'])(
    'index.html (%s) is revalidated on every load, so a release is seen at once',
    async (url) => {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.rawPayload) : res.rawPayload;
      expect(body.toString()).toBe(INDEX);
    },
  );

  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('API JSON is %s-compressed and still never stored', async (encoding, decode) => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': encoding },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(decode(res.rawPayload).toString())).toHaveProperty('paths');
  });

  it('a CSV download is compressed as it streams, and never stored', async () => {
    const admin = await t.factories.user('admin');
    const s = await t.login(admin.username);
    const url = '/api/audit-events/export?from=2020-01-01&to=2030-12-31';
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie, 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('no-store');
    const csv = gunzipSync(res.rawPayload).toString();
    expect(csv.startsWith('\uFEFFat,actor_username')).toBe(true);
    expect(csv).toContain(admin.username); // the sign-in above, in the trail
  });
});
