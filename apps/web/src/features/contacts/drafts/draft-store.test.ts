import { afterEach, describe, expect, it } from 'vitest';
import {
  DRAFT_MAX_AGE_MS,
  DRAFT_PREFIX,
  clearDraft,
  clearDrafts,
  loadDraft,
  saveDraft,
  type OutcomeValues,
} from './draft-store';

const values: OutcomeValues = {
  channel: 'phone',
  contactPointId: 'cp1',
  party: 'debtor',
  disposition: 'promise_to_pay',
  tpChoice: '',
  newTp: { relationship: '', name: '', phone: '' },
  purpose: 'location',
  asksMore: false,
  notes: 'Will pay Friday',
  objections: [],
  planMode: false,
  promise: { amount: '10', dueDate: '2026-12-04', channel: 'bank_transfer' },
  plan: [],
  callbackLocal: '',
  claimed: { paidAt: '', amount: '', channel: 'bank_transfer', reference: '' },
  flag: { type: '', reason: '' },
  override: { use: false, reasonCode: 'x', note: '' },
};
const draft = (userId: string, accountId: string, savedAt = Date.now()) => ({
  userId,
  accountId,
  savedAt,
  idempotencyKey: 'key-1',
  answered: { party: 'nobody' as const },
  values,
});

describe('outcome drafts in the browser', () => {
  afterEach(() => localStorage.clear());

  it('keeps a draft per user and account, with its idempotency key', () => {
    saveDraft(draft('u1', 'a1'));
    expect(loadDraft('u1', 'a1')).toMatchObject({ idempotencyKey: 'key-1', values: { notes: 'Will pay Friday' } });
    expect(loadDraft('u1', 'a2')).toBeNull();
    expect(loadDraft('u2', 'a1')).toBeNull(); // never another user's
    clearDraft('u1', 'a1');
    expect(loadDraft('u1', 'a1')).toBeNull();
  });

  it.each([
    ['not JSON', '{nope'],
    ['another version', JSON.stringify({ ...draft('u1', 'a1'), v: 0 })],
    ['a wrong shape', JSON.stringify({ v: 1, userId: 'u1', accountId: 'a1', values: 'x' })],
    ['stored under another user', JSON.stringify({ v: 1, ...draft('u2', 'a1') })],
    ['too old', JSON.stringify({ v: 1, ...draft('u1', 'a1', Date.now() - DRAFT_MAX_AGE_MS - 1) })],
  ])('ignores and removes a draft that is %s', (_, raw) => {
    localStorage.setItem(`${DRAFT_PREFIX}u1.a1`, raw);
    expect(loadDraft('u1', 'a1')).toBeNull();
    expect(localStorage.getItem(`${DRAFT_PREFIX}u1.a1`)).toBeNull();
  });

  it('removes every draft, or every other user’s, and nothing else', () => {
    saveDraft(draft('u1', 'a1'));
    saveDraft(draft('u2', 'a1'));
    localStorage.setItem('crm.other', 'kept');
    clearDrafts({ keepUserId: 'u1' });
    expect(loadDraft('u1', 'a1')).not.toBeNull();
    expect(loadDraft('u2', 'a1')).toBeNull();
    clearDrafts();
    expect(loadDraft('u1', 'a1')).toBeNull();
    expect(localStorage.getItem('crm.other')).toBe('kept');
  });
});
