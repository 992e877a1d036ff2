import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { QueuePanel } from './queue-panel';

const id = (n: number) => `6f1c1d1e-1b1a-4c1d-9e1f-00000000000${n}`;
const item = (n: number, name: string) => ({
  accountId: id(n),
  externalId: `ACC-${n}`,
  debtorName: name,
  stage: 'm1',
  daysPastDue: 10,
  overdueMinor: 12000,
  currency: 'GBP',
  customerLocalTime: '10:00',
  customerTimeZone: 'Europe/London',
  priority: 10 - n,
  reasons: [],
  contactPointId: null,
});
const body = {
  collectorId: id(9),
  generatedAt: '2026-11-20T10:00:00.000Z',
  items: [item(1, 'Ada First'), item(2, 'Ben Second'), item(3, 'Cy Third')],
  blocked: [],
};

describe('the queue is one tab stop with the arrow keys inside', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('tabs into the first item only, then Down/Up/End/Home move between the items', async () => {
    stubFetch({ '/api/queue': () => ({ status: 200, body }) });
    await renderWithProviders(
      <>
        <button type="button">before</button>
        <QueuePanel hrefFor={(a) => `/work/${a}`} />
        <button type="button">after</button>
      </>,
    );
    const first = await screen.findByRole('link', { name: /Ada First/ });
    const second = screen.getByRole('link', { name: /Ben Second/ });
    const third = screen.getByRole('link', { name: /Cy Third/ });
    const user = userEvent.setup();
    screen.getByRole('button', { name: 'before' }).focus();
    await user.tab();
    expect(document.activeElement).toBe(first);
    // One tab stop: the next Tab leaves the list.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'after' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(first);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(second);
    expect(second.tabIndex).toBe(0);
    expect(first.tabIndex).toBe(-1);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(third);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(third);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(second);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(first);
    expect([first, second, third].map((l) => l.tabIndex)).toEqual([0, -1, -1]);
  });

  it("gives the tab stop to the open account's item", async () => {
    stubFetch({ '/api/queue': () => ({ status: 200, body }) });
    await renderWithProviders(<QueuePanel hrefFor={(a) => `/work/${a}`} />, { initialPath: `/work/${id(2)}` });
    const second = await screen.findByRole('link', { name: /Ben Second/ });
    expect(second.tabIndex).toBe(0);
    expect(screen.getByRole('link', { name: /Ada First/ }).tabIndex).toBe(-1);
  });
});
