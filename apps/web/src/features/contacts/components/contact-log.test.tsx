import type { ContactLogItem, SessionUser } from '@crm/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { ContactLog } from './contact-log';

const collector: SessionUser = {
  id: '6f1c1d1e-1b1a-4c1d-9e1f-cccccccccccc',
  username: 'collector1',
  displayName: 'Alex Chen',
  role: 'collector',
  locale: 'en',
  timeZone: 'UTC',
  teamId: null,
  teamName: null,
};

const item = (n: number, customerName: string, notes: string): ContactLogItem => ({
  id: `6f1c1d1e-1b1a-4c1d-9e1f-00000000000${n}`,
  startedAt: `2026-11-2${n}T15:00:00.000Z`,
  collector: { id: collector.id, displayName: collector.displayName },
  account: { id: `6f1c1d1e-1b1a-4c1d-9e1f-0000000000a${n}`, externalId: `A00000000${n}`, currency: 'USD' },
  customerName,
  channel: 'phone',
  direction: 'outbound',
  partyReached: 'debtor',
  disposition: 'no_answer',
  stage: 'm1',
  scriptVersion: null,
  notes,
  overrideReasonCode: null,
  review: null,
  promises: [],
});

const detail = () => screen.queryByRole('complementary', { name: 'Attempt details' });

describe('contact log rows', () => {
  afterEach(() => vi.unstubAllGlobals());

  async function renderLog() {
    stubFetch({
      '/api/contacts': () => ({
        body: { items: [item(1, 'Maria Lopez', 'first note'), item(2, 'Wei Zhang', 'second note')], nextCursor: null },
      }),
    });
    await renderWithProviders(<ContactLog user={collector} />, { initialPath: '/contacts' });
    await screen.findByText('Maria Lopez');
  }

  it('open their detail on a click anywhere in the row', async () => {
    await renderLog();
    expect(detail()).toBeNull();
    await userEvent.click(screen.getByText('Wei Zhang'));
    expect(within(detail() as HTMLElement).getByText('second note')).toBeInTheDocument();
    await userEvent.click(screen.getByText('Maria Lopez'));
    expect(within(detail() as HTMLElement).getByText('first note')).toBeInTheDocument();
  });

  it('open their detail with Enter (or Space) on a focused row', async () => {
    await renderLog();
    const row = screen.getByText('Maria Lopez').closest('tr') as HTMLElement;
    row.focus();
    expect(row).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(within(detail() as HTMLElement).getByText('first note')).toBeInTheDocument();
    await userEvent.click(within(detail() as HTMLElement).getByRole('button', { name: 'Close' }));
    expect(detail()).toBeNull();
    (screen.getByText('Wei Zhang').closest('tr') as HTMLElement).focus();
    await userEvent.keyboard(' ');
    expect(within(detail() as HTMLElement).getByText('second note')).toBeInTheDocument();
  });
});
