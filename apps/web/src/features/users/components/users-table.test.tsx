import type { User } from '@crm/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { UsersTable } from './users-table';

const user = (n: number, displayName: string, role: User['role'], team: string | null, active = true): User => ({
  id: `6f1c1d1e-1b1a-4c1d-9e1f-00000000000${n}`,
  username: `user${n}`,
  displayName,
  role,
  locale: 'en',
  timeZone: 'Europe/London',
  active,
  team: team === null ? null : { id: `7f1c1d1e-1b1a-4c1d-9e1f-00000000000${n}`, name: team },
});

describe('UsersTable', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sorts by any column from its header, users without a team last either way', async () => {
    stubFetch({
      '/api/users': () => ({
        body: {
          items: [
            user(1, 'Zoe Ng', 'collector', 'North'),
            user(2, 'Admin One', 'admin', null),
            user(3, 'Bo Li', 'supervisor', 'East', false),
          ],
        },
      }),
    });
    await renderWithProviders(<UsersTable />);
    const table = await screen.findByRole('table', { name: 'Users' });
    const names = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getAllByRole('cell')[0]!.textContent);
    expect(names()).toEqual(['Zoe Ng', 'Admin One', 'Bo Li']);

    await userEvent.click(within(table).getByRole('button', { name: 'Name' }));
    expect(names()).toEqual(['Admin One', 'Bo Li', 'Zoe Ng']);
    expect(within(table).getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(within(table).getByRole('button', { name: 'Team' }));
    expect(names()).toEqual(['Bo Li', 'Zoe Ng', 'Admin One']);
    await userEvent.click(within(table).getByRole('button', { name: 'Team' }));
    expect(names()).toEqual(['Zoe Ng', 'Bo Li', 'Admin One']);
    expect(within(table).getByRole('columnheader', { name: 'Team' })).toHaveAttribute('aria-sort', 'descending');
    expect(within(table).getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'none');
  });
});
