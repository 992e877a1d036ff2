import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { QueuePanel } from './queue-panel';

const id = (n: number) => `6f1c1d1e-1b1a-4c1d-9e1f-00000000000${n}`;
const item = (n: number, name: string) => ({
  accountId: id(n),
  debtorName: name,
  stage: 'm1',
  overdueMinor: 12000,
  currency: 'GBP',
  customerLocalTime: '10:00',
  reasons: [],
});
const page = (items: unknown[], extra: Record<string, unknown> = {}) => ({
  collectorId: id(9),
  generatedAt: '2026-11-20T10:00:00.000Z',
  list: 'callable',
  totals: { callable: items.length, blocked: 0, callbacksDue: 0 },
  nextCursor: null,
  items,
  ...extra,
});
const body = page([item(1, 'Ada First'), item(2, 'Ben Second'), item(3, 'Cy Third')]);

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

describe('the queue a page at a time (ADR 050)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows the whole queue's counts, the next page on demand, and fetches blocked accounts when opened", async () => {
    const totals = { callable: 4, blocked: 1, callbacksDue: 2 };
    const calls = stubFetch({
      '/api/queue': (url) => {
        if (url.searchParams.get('list') === 'blocked')
          return {
            body: page(
              [
                {
                  accountId: id(7),
                  debtorName: 'Gus Blocked',
                  stage: 'm2',
                  customerTimeZone: 'Asia/Tokyo',
                  nextAllowedAt: null,
                  reasons: [{ code: 'stop_flag', message: 'Stopped', params: {}, until: null, overridable: false }],
                },
              ],
              { list: 'blocked', totals },
            ),
          };
        return url.searchParams.get('cursor') === 'c2'
          ? { body: page([item(4, 'Dee Fourth')], { totals }) }
          : {
              body: page([item(1, 'Ada First'), item(2, 'Ben Second'), item(3, 'Cy Third')], {
                totals,
                nextCursor: 'c2',
              }),
            };
      },
    });
    await renderWithProviders(<QueuePanel hrefFor={(a) => `/work/${a}`} />);
    expect(await screen.findByRole('link', { name: /Ada First/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /4 to call · 2 callbacks due/ })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Dee Fourth/ })).not.toBeInTheDocument();
    expect(calls.some((c) => c.url.includes('list=blocked'))).toBe(false); // not until it is opened
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Show 1 more of 4' }));
    expect(await screen.findByRole('link', { name: /Dee Fourth/ })).toBeInTheDocument();
    expect(calls.map((c) => c.url)).toContain('/api/queue?list=callable&limit=50&cursor=c2');
    expect(screen.queryByRole('button', { name: /Show .* more/ })).not.toBeInTheDocument();
    // The list stays one tab stop, the arrows reaching the rows of every page.
    within(screen.getByRole('list', { name: "Today's queue" }))
      .getByRole('link', { name: /Ada First/ })
      .focus();
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('link', { name: /Dee Fourth/ }));
    await user.click(screen.getByText('Not callable now (1)'));
    expect(await screen.findByRole('link', { name: /Gus Blocked/ })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Not callable now' })).toBeInTheDocument();
  });
});
