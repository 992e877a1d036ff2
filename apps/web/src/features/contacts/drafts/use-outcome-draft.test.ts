import { renderHook, act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDraft, type OutcomeValues } from './draft-store';
import { DRAFT_DEBOUNCE_MS, useOutcomeDraft } from './use-outcome-draft';

const values: OutcomeValues = {
  channel: 'phone',
  contactPointId: '',
  party: 'nobody',
  disposition: 'no_answer',
  tpChoice: '',
  newTp: { relationship: '', name: '', phone: '' },
  purpose: 'location',
  asksMore: false,
  notes: 'Will call back after lunch',
  objections: [],
  planMode: false,
  promise: { amount: '', dueDate: '', channel: 'bank_transfer' },
  plan: [],
  callbackLocal: '',
  claimed: { paidAt: '', amount: '', channel: 'bank_transfer', reference: '' },
  flag: { type: '', reason: '' },
  override: { use: false, reasonCode: 'other', note: '' },
};
const answered = { party: 'nobody' } as const;

describe('useOutcomeDraft', () => {
  afterEach(() => {
    vi.useRealTimers();
    localStorage.clear();
  });

  it('writes the draft once typing pauses, restores it when the account is opened again, discards it', () => {
    vi.useFakeTimers();
    const first = renderHook(() => useOutcomeDraft('u1', 'a1'));
    expect(first.result.current.restored).toBeNull();
    act(() => first.result.current.update(answered, values, 'k1'));
    expect(loadDraft('u1', 'a1')).toBeNull(); // debounced
    act(() => vi.advanceTimersByTime(DRAFT_DEBOUNCE_MS));
    expect(loadDraft('u1', 'a1')).toMatchObject({ idempotencyKey: 'k1', answered, values });
    first.unmount();

    const again = renderHook(() => useOutcomeDraft('u1', 'a1'));
    expect(again.result.current.restored).toMatchObject({ idempotencyKey: 'k1', values });
    expect(renderHook(() => useOutcomeDraft('u2', 'a1')).result.current.restored).toBeNull();
    act(() => again.result.current.discard());
    expect(again.result.current.restored).toBeNull();
    expect(loadDraft('u1', 'a1')).toBeNull();
  });

  it('keeps what was typed when the account is left before the pause (Esc, another account)', () => {
    const hook = renderHook(() => useOutcomeDraft('u1', 'a1'));
    act(() => hook.result.current.update(answered, values, 'k1'));
    hook.unmount();
    expect(loadDraft('u1', 'a1')).toMatchObject({ values });
  });

  it('removes the draft when the form is back to fresh', () => {
    const hook = renderHook(() => useOutcomeDraft('u1', 'a1'));
    act(() => hook.result.current.update(answered, values, 'k1'));
    act(() => window.dispatchEvent(new Event('pagehide')));
    expect(loadDraft('u1', 'a1')).not.toBeNull();
    act(() => hook.result.current.update(answered, null, 'k1'));
    expect(loadDraft('u1', 'a1')).toBeNull();
  });
});
