import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { paths } from '../../config/paths';
import { renderWithProviders, stubFetch } from '../../testing/render';
import { CollectorQueueRoute } from './collector-queue';

const COLLECTOR = '6f1c1d1e-1b1a-4c1d-9e1f-000000000c01';
const ACCOUNT = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000a1';
const supervisor = {
  id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000501',
  username: 'supervisor1',
  displayName: 'Sam Supervisor',
  role: 'supervisor',
  locale: 'en',
  timeZone: 'Europe/London',
  teamId: null,
  teamName: null,
};
const users = {
  items: [
    {
      id: COLLECTOR,
      username: 'collector1',
      displayName: 'Casey Collector',
      role: 'collector',
      locale: 'en',
      timeZone: 'Europe/London',
      active: true,
      team: null,
    },
  ],
};
const queue = {
  collectorId: COLLECTOR,
  generatedAt: '2026-11-20T10:00:00.000Z',
  list: 'callable',
  totals: { callable: 1, blocked: 0, callbacksDue: 1 },
  nextCursor: null,
  items: [
    {
      accountId: ACCOUNT,
      debtorName: 'Jane Doe',
      stage: 'm1',
      overdueMinor: 25_000,
      currency: 'USD',
      customerLocalTime: '10:00',
      reasons: [
        { code: 'callback_due', message: 'Callback due', params: { dueAt: '2026-11-20T10:00:00.000Z' }, points: 50 },
      ],
    },
  ],
};

describe("a collector's queue for their supervisor", () => {
  afterEach(() => vi.unstubAllGlobals());

  async function open(locale: 'en' | 'zh-CN') {
    const calls = stubFetch({
      '/api/auth/me': () => ({ body: { user: supervisor } }),
      '/api/users': () => ({ body: users }),
      '/api/queue': () => ({ body: queue }),
    });
    await renderWithProviders(
      <Routes>
        <Route path={paths.collectorQueue.path} element={<CollectorQueueRoute />} />
      </Routes>,
      { locale, initialPath: paths.collectorQueue.getHref(COLLECTOR) },
    );
    return calls;
  }

  it("asks for that collector's queue and lists it read-only, accounts opening as case files", async () => {
    const calls = await open('en');
    expect(await screen.findByRole('heading', { name: "Casey Collector's queue" })).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: /Jane Doe/ });
    expect(link.getAttribute('href')).toBe(paths.accountView.getHref(ACCOUNT));
    expect(calls.map((c) => c.url)).toContain(`/api/queue?list=callable&limit=50&collectorId=${COLLECTOR}`);
    // Read-only: nothing to lease from here.
    expect(screen.queryByRole('button', { name: /next/i })).not.toBeInTheDocument();
    expect(calls.every((c) => (c.init?.method ?? 'GET') === 'GET')).toBe(true);
  });

  it('speaks Chinese', async () => {
    await open('zh-CN');
    expect(await screen.findByRole('heading', { name: 'Casey Collector 的队列' })).toBeInTheDocument();
    expect(screen.getByText(/只读/)).toBeInTheDocument();
  });
});
