import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { Link, RouterProvider, createMemoryRouter, useNavigate } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LEAVE_CONFIRMED, confirmLeave, markOutcomeDirty, useLeaveGuard } from './leave-guard';

function Desk({ dirty }: { dirty: boolean }) {
  useLeaveGuard('Leave?');
  const navigate = useNavigate();
  useEffect(() => markOutcomeDirty(dirty), [dirty]);
  return (
    <>
      <h1>desk</h1>
      <Link to="/work/other">Other account</Link>
      <button type="button" onClick={() => void navigate('/work/next', { state: LEAVE_CONFIRMED })}>
        Saved, next
      </button>
    </>
  );
}

function setup(dirty: boolean) {
  const router = createMemoryRouter(
    [
      { path: '/work/a1', element: <Desk dirty={dirty} /> },
      { path: '/work/:id', element: <h1>elsewhere</h1> },
    ],
    { initialEntries: ['/work/a1'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe('leaving a dirty outcome form', () => {
  afterEach(() => {
    markOutcomeDirty(false);
    vi.restoreAllMocks();
  });

  it('asks first; "cancel" stays with the typed outcome, "OK" leaves', async () => {
    const ask = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const router = setup(true);
    await userEvent.click(screen.getByRole('link', { name: 'Other account' }));
    expect(ask).toHaveBeenCalledWith('Leave?');
    expect(router.state.location.pathname).toBe('/work/a1');
    ask.mockReturnValue(true);
    await userEvent.click(screen.getByRole('link', { name: 'Other account' }));
    expect(await screen.findByText('elsewhere')).toBeInTheDocument();
  });

  it('does not ask when nothing is typed, or when the move was already agreed (after a save)', async () => {
    const ask = vi.spyOn(window, 'confirm');
    setup(false);
    await userEvent.click(screen.getByRole('link', { name: 'Other account' }));
    expect(await screen.findByText('elsewhere')).toBeInTheDocument();
    expect(ask).not.toHaveBeenCalled();
  });

  it('lets an agreed move through without asking again', async () => {
    const ask = vi.spyOn(window, 'confirm');
    setup(true);
    await userEvent.click(screen.getByRole('button', { name: 'Saved, next' }));
    expect(await screen.findByText('elsewhere')).toBeInTheDocument();
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks on a reload or close (beforeunload) only while dirty, and confirmLeave asks the same', () => {
    setup(true);
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    const ask = vi.spyOn(window, 'confirm').mockReturnValue(false);
    expect(confirmLeave('Leave?')).toBe(false);
    markOutcomeDirty(false);
    const clean = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented).toBe(false);
    expect(confirmLeave('Leave?')).toBe(true);
    expect(ask).toHaveBeenCalledTimes(1);
  });
});
