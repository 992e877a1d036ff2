import type { KpiGroup, SessionUser } from '@crm/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { KpiDashboard } from './kpi-dashboard';

const supervisor: SessionUser = {
  id: '6f1c1d1e-1b1a-4c1d-9e1f-aaaaaaaaaaaa',
  username: 'supervisor1',
  displayName: 'Sam Park',
  role: 'supervisor',
  locale: 'en',
  timeZone: 'Asia/Shanghai',
  teamId: null,
  teamName: null,
};

const totals = (promisesMade: number, kept = 0): KpiGroup => ({
  key: null,
  label: 'Total',
  attempts: 4,
  contacts: 3,
  rightPartyContacts: 2,
  promisesMade,
  promisesMadeAmount: [],
  promisesDue: kept,
  kept,
  partlyKept: 0,
  broken: 0,
  pendingDue: 0,
  keptAmount: [],
  partlyKeptAmount: [],
  brokenAmount: [],
  keptRateByCount: kept ? 1 : null,
  keptRateByAmount: [],
  collected: [],
});

function stubReports(sums = totals(2), groups: KpiGroup[] = []) {
  return stubFetch({
    '/api/reports/kpis': (url) => ({
      body: {
        from: url.searchParams.get('from'),
        to: url.searchParams.get('to'),
        timeZone: supervisor.timeZone,
        groupBy: url.searchParams.get('groupBy'),
        groups,
        totals: sums,
      },
    }),
    '/api/reports/reviews': (url) => ({
      body: { from: url.searchParams.get('from'), to: url.searchParams.get('to'), collectors: [] },
    }),
    '/api/reports/roll-rates': () => ({ body: { months: [], rows: [] } }),
  });
}

describe('Results: the period it opens on', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('opens on the last 30 days, not an empty "this month", on the 1st of a month (in the user zone)', async () => {
    // 1 December 2026, 01:30 in Shanghai (still 30 November in UTC).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T17:30:00Z'));
    const calls = stubReports();
    await renderWithProviders(<KpiDashboard user={supervisor} />, { initialPath: '/results' });

    expect(await screen.findByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'This month' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByLabelText('From')).toHaveValue('2026-11-02');
    expect(screen.getByLabelText('To')).toHaveValue('2026-12-01');
    await vi.waitFor(() =>
      expect(calls.some((c) => c.url.startsWith('/api/reports/kpis?') && c.url.includes('from=2026-11-02'))).toBe(true),
    );
    expect(
      calls.filter((c) => c.url.startsWith('/api/reports/kpis')).every((c) => c.url.includes('to=2026-12-01')),
    ).toBe(true);
  });

  it('keeps a period given in the URL', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T03:00:00Z'));
    stubReports();
    await renderWithProviders(<KpiDashboard user={supervisor} />, {
      initialPath: '/results?from=2026-10-01&to=2026-10-31&groupBy=stage',
    });
    expect(await screen.findByRole('button', { name: 'Last month' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByLabelText('From')).toHaveValue('2026-10-01');
    expect(screen.getByLabelText('To')).toHaveValue('2026-10-31');
  });
});

describe('Results: the headline figures', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('open the contact log filtered like the table counts (promises made: attempts; kept rate: promises due)', async () => {
    stubReports(totals(2, 1));
    await renderWithProviders(<KpiDashboard user={supervisor} />, {
      initialPath: '/results?from=2026-11-01&to=2026-11-30&groupBy=collector',
    });
    const made = await screen.findByRole('link', { name: 'Promises made of Total: 2, open in the contact log' });
    expect(made).toHaveAttribute('href', '/contacts?from=2026-11-01&to=2026-11-30&hasPromise=true');
    const kept = screen.getByRole('link', { name: 'Kept rate of Total: 1, open in the contact log' });
    expect(kept).toHaveAttribute(
      'href',
      '/contacts?promiseDueFrom=2026-11-01&promiseDueTo=2026-11-30&promiseStatus=kept',
    );
  });

  it('are plain figures when there is nothing behind them', async () => {
    stubReports(totals(0));
    await renderWithProviders(<KpiDashboard user={supervisor} />, {
      initialPath: '/results?from=2026-11-01&to=2026-11-30&groupBy=collector',
    });
    await screen.findByText('Promises made', { selector: 'span' });
    expect(screen.queryByRole('link', { name: /open in the contact log/ })).toBeNull();
  });
});

describe('Results: the table by collector', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('opens best kept rate first and sorts by a figure or by name from its header', async () => {
    const group = (key: string, label: string, attempts: number, kept: number): KpiGroup => ({
      ...totals(1, kept),
      key,
      label,
      attempts,
      promisesDue: 2,
      keptRateByCount: kept / 2,
    });
    stubReports(totals(3, 2), [
      group('u1', 'Bo Li', 9, 0),
      group('u2', 'Alex Chen', 4, 2),
      group('u3', 'Cy Wu', 20, 1),
    ]);
    await renderWithProviders(<KpiDashboard user={supervisor} />, {
      initialPath: '/results?from=2026-11-01&to=2026-11-30&groupBy=collector',
    });
    const table = await screen.findByRole('table', { name: 'By collector' });
    const names = () =>
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent);
    await vi.waitFor(() => expect(names()).toEqual(['Alex Chen', 'Cy Wu', 'Bo Li', 'Total']));

    await userEvent.click(within(table).getByRole('button', { name: /^Attempts/ }));
    expect(names()).toEqual(['Cy Wu', 'Bo Li', 'Alex Chen', 'Total']);
    expect(within(table).getByRole('columnheader', { name: /^Attempts/ })).toHaveAttribute('aria-sort', 'descending');

    await userEvent.click(within(table).getByRole('button', { name: 'Collector' }));
    expect(names()).toEqual(['Alex Chen', 'Bo Li', 'Cy Wu', 'Total']);
    expect(within(table).getByRole('columnheader', { name: 'Collector' })).toHaveAttribute('aria-sort', 'ascending');
  });
});
