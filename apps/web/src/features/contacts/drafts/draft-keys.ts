/**
 * Where outcome drafts are kept (ADR 026) and how they are all removed: without zod, so signing in
 * and out (the first load) does not load the draft schemas (draft-store.ts, ADR 054).
 */
export const DRAFT_PREFIX = 'crm.outcomeDraft.';

export function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage disabled: drafts are simply not kept
  }
}

/** Removes drafts: all of them, or all but those of `keepUserId` (someone else signed in here). */
export function clearDrafts({ keepUserId }: { keepUserId?: string } = {}) {
  const s = storage();
  if (!s) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(DRAFT_PREFIX) && !(keepUserId && k.startsWith(`${DRAFT_PREFIX}${keepUserId}.`))) keys.push(k);
  }
  for (const k of keys) s.removeItem(k);
}
