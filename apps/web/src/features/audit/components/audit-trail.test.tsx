import type { AuditEvent, SessionUser } from '@crm/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { AuditTrail } from './audit-trail';

const admin: SessionUser = {
  id: '6f1c1d1e-1b1a-4c1d-9e1f-aaaaaaaaaaaa',
  username: 'admin1',
  displayName: 'Jordan Blake',
  role: 'admin',
  locale: 'en',
  timeZone: 'Asia/Shanghai',
  teamId: null,
  teamName: null,
};

const event = (over: Partial<AuditEvent>): AuditEvent => ({
  id: '1',
  at: '2026-11-21T16:00:05.000Z',
  actor: { id: '6f1c1d1e-1b1a-4c1d-9e1f-cccccccccccc', username: 'collector1', displayName: 'Alex Chen' },
  action: 'case_file.view',
  entityType: 'account',
  entityId: '6f1c1d1e-1b1a-4c1d-9e1f-000000000001',
  purpose: 'collection',
  requestId: '0b9f7c2e-1111-4222-8333-444455556666',
  accountCount: 1,
  accounts: [{ id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000001', externalId: 'A000000001' }],
  data: { route: 'GET /api/accounts/:id/case-file' },
  ...over,
});

describe('AuditTrail', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows who read what and why, refusals marked, times in the admin's zone, and filters through the URL", async () => {
    const calls = stubFetch({
      '/api/audit-events': () => ({
        body: {
          items: [
            event({}),
            event({
              id: '2',
              action: 'case_file.view.denied',
              accounts: [{ id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000002', externalId: 'A000000002' }],
            }),
            event({ id: '3', action: 'queue.view', entityType: 'queue', accountCount: 7, purpose: 'supervision' }),
          ],
          nextCursor: null,
        },
      }),
      '/api/users': () => ({ body: { items: [] } }),
    });
    await renderWithProviders(<AuditTrail user={admin} />);
    const rows = await screen.findAllByRole('row');
    const [first, denied, queue] = rows.slice(1);
    // 16:00:05 UTC is 00:00:05 the next day in Shanghai.
    expect(within(first!).getByText('2026-11-22 00:00:05')).toBeInTheDocument();
    expect(within(first!).getByText('Opened a case file')).toBeInTheDocument();
    expect(within(first!).getByText('Collection work')).toBeInTheDocument();
    expect(within(first!).getByRole('link', { name: 'A000000001' })).toHaveAttribute(
      'href',
      '/accounts/6f1c1d1e-1b1a-4c1d-9e1f-000000000001/case-file',
    );
    expect(within(denied!).getByText('refused')).toBeInTheDocument();
    expect(within(queue!).getByText('and 6 more')).toBeInTheDocument();
    expect(within(queue!).getByText('Supervision')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Account'), 'A000000001');
    await userEvent.type(screen.getByLabelText('Action'), 'case_file.view');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(calls.at(-1)!.url).toBe('/api/audit-events?action=case_file.view&account=A000000001'));
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      '/api/audit-events/export?action=case_file.view&account=A000000001',
    );
  });

  it('speaks Chinese', async () => {
    stubFetch({
      '/api/audit-events': () => ({ body: { items: [event({})], nextCursor: null } }),
      '/api/users': () => ({ body: { items: [] } }),
    });
    await renderWithProviders(<AuditTrail user={{ ...admin, locale: 'zh-CN' }} />, { locale: 'zh-CN' });
    const table = await screen.findByRole('table');
    expect(within(table).getByText('打开案件档案')).toBeInTheDocument();
    expect(within(table).getByText('催收工作')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '搜索' })).toBeInTheDocument();
  });
});
