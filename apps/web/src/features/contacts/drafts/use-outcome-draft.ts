import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answered } from '../components/who-answered';
import { clearDraft, loadDraft, saveDraft, type OutcomeDraft, type OutcomeValues } from './draft-store';

/** How long typing pauses before the draft is written (and at once on reload, close or leaving). */
export const DRAFT_DEBOUNCE_MS = 400;

/**
 * The open account's outcome draft: the one restored when the account was opened (if any), and
 * `update` to keep the typed outcome (debounced; null = nothing typed, the draft is removed).
 */
export function useOutcomeDraft(userId: string | undefined, accountId: string) {
  const [restored, setRestored] = useState<OutcomeDraft | null>(() => (userId ? loadDraft(userId, accountId) : null));
  const pending = useRef<Omit<OutcomeDraft, 'v'> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (pending.current) saveDraft(pending.current);
    pending.current = null;
  }, []);

  const update = useCallback(
    (answered: Answered, values: OutcomeValues | null, idempotencyKey: string) => {
      if (!userId) return;
      clearTimeout(timer.current);
      if (!values) {
        pending.current = null;
        clearDraft(userId, accountId);
        return;
      }
      pending.current = { userId, accountId, savedAt: Date.now(), idempotencyKey, answered, values };
      timer.current = setTimeout(flush, DRAFT_DEBOUNCE_MS);
    },
    [userId, accountId, flush],
  );

  const discard = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
    if (userId) clearDraft(userId, accountId);
    setRestored(null);
  }, [userId, accountId]);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      flush(); // leaving the account keeps what was typed
    };
  }, [flush]);

  return { restored, update, discard };
}
