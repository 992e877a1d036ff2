import { useCallback, useEffect } from 'react';
import { useBlocker, type Location } from 'react-router';

/**
 * Leaving a dirty outcome form asks first (ADR 026): any navigation away from the page (Esc to the
 * queue, another account, N), and a reload or close (the browser's own prompt). The form marks
 * itself dirty synchronously, so a save that navigates at once is never asked about.
 */
let dirty = false;

export function markOutcomeDirty(value: boolean) {
  dirty = value;
}
export const isOutcomeDirty = () => dirty;

/** Navigation state for a move the user already agreed to (see confirmLeave). */
export const LEAVE_CONFIRMED = { leaveConfirmed: true } as const;

/** Asks before leaving a dirty form; true when there is nothing to lose or the user agreed. */
export function confirmLeave(message: string): boolean {
  return !dirty || window.confirm(message);
}

const confirmed = (l: Location) => (l.state as { leaveConfirmed?: boolean } | null)?.leaveConfirmed === true;

export function useLeaveGuard(message: string) {
  const blocker = useBlocker(
    useCallback(
      ({ currentLocation, nextLocation }: { currentLocation: Location; nextLocation: Location }) =>
        dirty && currentLocation.pathname !== nextLocation.pathname && !confirmed(nextLocation),
      [],
    ),
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(message)) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirty) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      dirty = false;
    };
  }, []);
}
