import type { AccountSummary } from '@crm/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { AccountsTable } from './accounts-table';

const account = (over: Partial<AccountSummary>): AccountSummary => ({
  id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000001',
  externalId: 'A000000001',
  debtorName: '王芳',
  creditorName: 'Huaxin',
  product: 'credit_card',
  currency: 'CNY',
  balanceMinor: 12_345_600,
  overdueMinor: 50_000,
  oldestUnpaidDueDate: '2026-10-20',
  daysPastDue: 33,
  stage: 'm2',
  missedInstalments: 2,
  status: 'open',
  complianceProfile: 'CN',
  debtorTimeZone: 'Asia/Shanghai',
  debtorLocalTime: '23:00',
  assignedCollector: null,
  activeStopFlags: ['dispute_hold'],
  ...over,
});

describe('AccountsTable', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('formats money, stage and flags in Chinese', async () => {
    stubFetch({ '/api/accounts': () => ({ body: { items: [account({})], nextCursor: null } }) });
    await renderWithProviders(<AccountsTable />, { locale: 'zh-CN' });
    const row = (await screen.findByText('王芳')).closest('tr')!;
    expect(within(row).getByText('¥500.00')).toBeInTheDocument();
    expect(within(row).getByText('¥123,456.00')).toBeInTheDocument();
    expect(within(row).getByText('M2 · 31–60天')).toBeInTheDocument();
    expect(within(row).getByText(/争议暂停/)).toBeInTheDocument();
    expect(within(row).getByText('信用卡')).toBeInTheDocument();
  });

  it('loads the next page with the cursor the API returned', async () => {
    const calls = stubFetch({
      '/api/accounts': (url) =>
        url.searchParams.get('cursor') === 'c2'
          ? {
              body: {
                items: [
                  account({
                    id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000002',
                    debtorName: 'Second Page',
                    currency: 'USD',
                    activeStopFlags: [],
                  }),
                ],
                nextCursor: null,
              },
            }
          : { body: { items: [account({})], nextCursor: 'c2' } },
    });
    await renderWithProviders(<AccountsTable />);
    await userEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Second Page')).toBeInTheDocument();
    expect(screen.getByText('$500.00')).toBeInTheDocument();
    expect(calls.map((c) => c.url)).toEqual(['/api/accounts?limit=50', '/api/accounts?limit=50&cursor=c2']);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('shows the error with its reference and retries', async () => {
    let fail = true;
    stubFetch({
      '/api/accounts': () =>
        fail
          ? {
              status: 400,
              body: { error: { code: 'bad_request', message: 'cursor is not valid', requestId: 'req-42' } },
            }
          : { body: { items: [], nextCursor: null } },
    });
    await renderWithProviders(<AccountsTable />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('cursor is not valid');
    expect(alert).toHaveTextContent('req-42');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No accounts are assigned here yet.')).toBeInTheDocument();
  });
});
