// Lighthouse (12.2.3, the last on Node 20) against the built app: the login page and a collector's
// workstation (/work), desktop and mobile presets, performance only (ADR 044).
// 1. An embedded PostgreSQL in .data/bench-lighthouse-postgres seeded with --accounts accounts.
// 2. The built server (apps/api/dist, serving apps/web/dist) on --port.
// 3. Per page and preset, a fresh headless Chromium (cold cache): for the workstation a collector
//    signs in through the API and the browser gets the session cookies before Lighthouse loads /work.
// It prints each score with its metrics and the JavaScript the page loaded (transferred, as the
// server sent it, and gzip as the build wrote it), the figures docs/performance.md records.
//
//   pnpm bench:lighthouse [--accounts 3000] [--port 3410] [--runs 1] [--pages login,workstation]
//                         [--save <folder for the JSON reports>] [--chrome /usr/bin/chromium]
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@crm/db/paths';
import { launch } from 'chrome-launcher';
import lighthouse, { type Config, type Result } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';
import { login, openBenchDatabase, startServer, stopServer } from './lib.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '3000' },
    port: { type: 'string', default: '3410' },
    runs: { type: 'string', default: '1' },
    chrome: { type: 'string', default: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    /** Only these pages (login, workstation), comma-separated. */
    pages: { type: 'string', default: 'login,workstation' },
    /** Also write each run's full Lighthouse report (JSON) into this folder. */
    save: { type: 'string' },
  },
});
const BASE = `http://127.0.0.1:${values.port}`;
const RUNS = Number(values.runs);
const DIST = path.join(repoRoot(), 'apps/web/dist');

const PRESETS: Record<'desktop' | 'mobile', Config | undefined> = { desktop: desktopConfig, mobile: undefined };

interface Figures {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  /** Script bytes as transferred (the server's brotli), and as gzip files of the build. */
  jsTransferred: number;
  jsGzip: number;
  scripts: number;
}

/** The gzip size of a built file the page loaded (its .gz copy from the build). */
function gzipSizeOf(url: string) {
  const file = path.join(DIST, new URL(url).pathname);
  return existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : existsSync(file) ? statSync(file).size : 0;
}

function figures(lhr: Result): Figures {
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const requests = (lhr.audits['network-requests']?.details as { items?: Record<string, unknown>[] } | undefined)
    ?.items;
  const scripts = (requests ?? []).filter((r) => r.resourceType === 'Script');
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    si: metric('speed-index'),
    jsTransferred: scripts.reduce((sum, r) => sum + Number(r.transferSize ?? 0), 0),
    jsGzip: scripts.reduce((sum, r) => sum + gzipSizeOf(String(r.url)), 0),
    scripts: scripts.length,
  };
}

/** One Lighthouse run in a fresh browser; `cookies`: a signed-in session. */
async function run(url: string, preset: keyof typeof PRESETS, cookies: { name: string; value: string }[]) {
  const chrome = await launch({
    chromePath: values.chrome,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
  try {
    const page = await browser.newPage();
    if (cookies.length) await page.setCookie(...cookies.map((c) => ({ ...c, url: BASE })));
    const result = await lighthouse(
      url,
      // Keep the cookies just set (the cache is empty anyway: a new browser).
      { output: 'json', logLevel: 'error', onlyCategories: ['performance'], disableStorageReset: cookies.length > 0 },
      PRESETS[preset],
      page,
    );
    if (!result) throw new Error(`no Lighthouse result for ${url}`);
    if (values.save) {
      mkdirSync(values.save, { recursive: true });
      const name = `${new URL(url).pathname.slice(1) || 'root'}-${preset}-${Date.now()}.json`;
      writeFileSync(path.join(values.save, name), JSON.stringify(result.lhr));
    }
    if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
    const finalUrl = result.lhr.finalDisplayedUrl;
    if (new URL(finalUrl).pathname !== new URL(url).pathname) throw new Error(`${url} ended on ${finalUrl}`);
    return figures(result.lhr);
  } finally {
    await browser.disconnect();
    chrome.kill();
  }
}

/** The run with the median score of `RUNS`. */
async function median(url: string, preset: keyof typeof PRESETS, cookies: { name: string; value: string }[]) {
  const all: Figures[] = [];
  for (let i = 0; i < RUNS; i++) all.push(await run(url, preset, cookies));
  return all.sort((a, b) => a.score - b.score)[Math.floor(all.length / 2)]!;
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;

let server: ChildProcess | undefined;
const db = await openBenchDatabase(Number(values.accounts), { dataDir: 'bench-lighthouse-postgres' });
try {
  server = await startServer(db, Number(values.port));
  const { rows } = await db.pool.query<{ username: string }>(
    "SELECT username FROM users WHERE role = 'collector' AND active ORDER BY username LIMIT 1",
  );
  const session = await login(BASE, rows[0]!.username);
  const cookies = session.cookie.split('; ').map((c) => {
    const [name, ...rest] = c.split('=');
    return { name: name!, value: rest.join('=') };
  });
  const pages = [
    { name: 'login', url: `${BASE}/login`, cookies: [] },
    { name: 'workstation', url: `${BASE}/work`, cookies },
  ];
  console.log(`Lighthouse 12.2.3, performance; median of ${RUNS} run(s) each, cold cache.`);
  console.log(
    '| page | preset | score | FCP | LCP | TBT | CLS | Speed Index | JS transferred (br) | JS gzip | scripts |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const page of pages.filter((p) => values.pages.split(',').includes(p.name))) {
    for (const preset of ['desktop', 'mobile'] as const) {
      const f = await median(page.url, preset, page.cookies);
      console.log(
        `| ${page.name} | ${preset} | ${f.score} | ${ms(f.fcp)} | ${ms(f.lcp)} | ${f.tbt.toFixed(0)} ms | ${f.cls.toFixed(3)} | ${ms(f.si)} | ${kib(f.jsTransferred)} | ${kib(f.jsGzip)} | ${f.scripts} |`,
      );
    }
  }
} finally {
  await stopServer(server);
  await db.pool.end();
  await db.stop();
}
