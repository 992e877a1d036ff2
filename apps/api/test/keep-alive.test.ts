import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from './build-app.js';

// Over real HTTP with keep-alive, as browsers and integrations connect: an answer sent before the
// request body was read to its end must not leave the connection stuck for the next request.
describe('keep-alive connections after an early answer', () => {
  const t = useTestApp();
  let admin: Session;
  let base = '';
  // One keep-alive connection: the second request travels on the connection the first one used.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'ka-admin' });
    admin = await t.login('ka-admin');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => agent.destroy());

  const post = (path: string, contentType: string, body: string) =>
    new Promise<{ status: number; json(): unknown; text(): string }>((resolve, reject) => {
      const req = http.request(`${base}${path}`, {
        method: 'POST',
        agent,
        timeout: 10_000,
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrf,
          'content-type': contentType,
          'content-length': Buffer.byteLength(body),
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(text), text: () => text }));
      });
      req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
      // The server may answer and close before the whole body is written: that is allowed.
      req.on('error', (err: NodeJS.ErrnoException) =>
        err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err),
      );
      req.end(body);
    });

  it('an upload refused at its first bad line, then another request on the same connection', async () => {
    // A quote inside an unquoted field: the CSV parser gives up at once, 3 MB before the end (the
    // problems download checks the file in the request; an upload stores it whole, ADR 042).
    const malformed = `{"pad":"${'x'.repeat(3_000_000)}"}`;
    const first = await post('/api/imports/payments/problems?mode=validate', 'text/csv', malformed);
    expect(first.status).toBe(200);
    expect(first.text()).toContain('cannot be read as CSV');
    const second = await post('/api/imports/payments?mode=validate', 'text/csv', '');
    expect(second.status).toBe(400);
    expect((second.json() as { error: { fields: unknown[] } }).error.fields).toEqual([
      expect.objectContaining({ field: 'body', message: expect.any(String) }),
    ]);
  });

  it('a large body refused before it was read (wrong media type), then another request', async () => {
    const first = await post(
      '/api/imports/portfolio',
      'application/json',
      JSON.stringify({ pad: 'x'.repeat(3_000_000) }),
    );
    expect(first.status).toBe(415);
    const second = await post('/api/imports/portfolio?mode=validate', 'text/csv', '');
    expect(second.status).toBe(400);
  });
});

// A body that never finishes (slowloris): the request is answered 408 and the connection closed
// once REQUEST_TIMEOUT_SECONDS has passed, instead of being held open for ever.
describe('a request that never arrives whole', () => {
  const t = useTestApp({ env: { REQUEST_TIMEOUT_SECONDS: '1' } });

  it('is cut off after the request timeout', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"us',
        );
      });
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        reject(new Error(`still open after 15 s: ${received}`));
      }, 15_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
