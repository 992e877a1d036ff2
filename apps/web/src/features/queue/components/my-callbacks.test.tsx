import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { MyCallbacks } from './my-callbacks';

const LONDON = '6f1c1d1e-1b1a-4c1d-9e1f-000000000001';
const NY = '6f1c1d1e-1b1a-4c1d-9e1f-000000000002';
const body = {
  from: '2026-11-20T03:00:00.000Z',
  to: '2026-11-20T16:00:00.000Z',
  items: [
    {
      id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000a1',
      accountId: LONDON,
      externalId: 'ACC-1',
      debtorName: 'Missed This Morning',
      dueAt: '2026-11-20T09:00:00.000Z',
      customerTimeZone: 'Europe/London',
      customerDueTime: '09:00',
      customerDueDate: '2026-11-20',
      overdue: true,
    },
    {
      id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000a2',
      accountId: NY,
      externalId: 'ACC-2',
      debtorName: 'Due Soon',
      dueAt: '2026-11-20T15:30:00.000Z',
      customerTimeZone: 'America/New_York',
      customerDueTime: '10:30',
      customerDueDate: '2026-11-20',
      overdue: false,
    },
  ],
};

describe('my callbacks today', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists each callback at the customer's time, links to the account, and marks the missed one", async () => {
    stubFetch({ '/api/queue/callbacks': () => ({ status: 200, body }) });
    await renderWithProviders(<MyCallbacks hrefFor={(id) => `/work/${id}`} />);
    const missed = await screen.findByRole('link', { name: 'Open account ACC-1: Missed This Morning' });
    expect(missed.getAttribute('href')).toBe(`/work/${LONDON}`);
    expect(missed.textContent).toContain('Overdue');
    const soon = screen.getByRole('link', { name: 'Open account ACC-2: Due Soon' });
    expect(soon.textContent).not.toContain('Overdue');
    expect(soon.textContent).toMatch(/10:30/);
    expect(missed.textContent).toMatch(/9:00|09:00/);
  });

  it('speaks Chinese to a zh-CN collector', async () => {
    stubFetch({ '/api/queue/callbacks': () => ({ status: 200, body }) });
    await renderWithProviders(<MyCallbacks hrefFor={(id) => `/work/${id}`} />, { locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: /我今天的回电/ })).toBeTruthy();
    expect(screen.getByText('已逾时')).toBeTruthy();
  });

  it('says when nothing is due', async () => {
    stubFetch({ '/api/queue/callbacks': () => ({ status: 200, body: { ...body, items: [] } }) });
    await renderWithProviders(<MyCallbacks hrefFor={(id) => `/work/${id}`} />);
    expect(await screen.findByText('No callbacks due today.')).toBeTruthy();
  });
});
