import { DIRECTIONS, RIGHT_PARTY_METHODS } from '@crm/contracts';
import { z } from 'zod';
import { DRAFT_PREFIX, storage } from './draft-keys';

// Removing drafts needs no schema: the first load (sign-in, sign-out) imports it from draft-keys (ADR 054).
export { clearDrafts, DRAFT_PREFIX } from './draft-keys';

/**
 * Outcome drafts kept in this browser (ADR 026): one per signed-in user and account, so a typed
 * outcome survives Esc, another account, a reload and an expired session, until it is saved or
 * discarded. The draft keeps the form's idempotency key: a retry after a reload is the same record.
 * Drafts hold personal notes: they are read only for the user who wrote them, removed on sign-out,
 * when another user signs in on this browser, and after DRAFT_MAX_AGE_MS.
 */
export const DRAFT_VERSION = 1;
export const DRAFT_MAX_AGE_MS = 3 * 24 * 60 * 60 * 1000;

const str = z.string().max(10_000);
/** The outcome form's fields, as typed (strings, not yet parsed). */
export const outcomeValuesSchema = z.object({
  channel: str,
  /** Absent in drafts typed before inbound calls could be recorded: outbound. */
  direction: str.optional(),
  contactPointId: str,
  party: str,
  disposition: str,
  tpChoice: str,
  newTp: z.object({ relationship: str, name: str, phone: str }),
  purpose: str,
  asksMore: z.boolean(),
  notes: str,
  objections: z.array(str).max(50),
  planMode: z.boolean(),
  promise: z.object({ amount: str, dueDate: str, channel: str }),
  plan: z.array(z.object({ amount: str, dueDate: str })).max(60),
  callbackLocal: str,
  claimed: z.object({ paidAt: str, amount: str, channel: str, reference: str }),
  flag: z.object({ type: str, reason: str }),
  override: z.object({ use: z.boolean(), reasonCode: str, note: str }),
});
export type OutcomeValues = z.infer<typeof outcomeValuesSchema>;

/** An inbound call (ADR 036): kept with who answered, so a restored draft stays inbound. */
const direction = { direction: z.enum(DIRECTIONS).optional() };
const answeredSchema = z.union([
  z.object({
    party: z.literal('debtor'),
    verification: z.object({ method: z.enum(RIGHT_PARTY_METHODS), verifiedAt: str }),
    ...direction,
  }),
  z.object({ party: z.literal('third_party'), ...direction }),
  z.object({ party: z.literal('nobody'), ...direction }),
]);

const draftSchema = z.object({
  v: z.literal(DRAFT_VERSION),
  userId: str,
  accountId: str,
  savedAt: z.number(),
  idempotencyKey: z.string().min(1).max(200),
  answered: answeredSchema,
  values: outcomeValuesSchema,
});
export type OutcomeDraft = z.infer<typeof draftSchema>;

const keyFor = (userId: string, accountId: string) => `${DRAFT_PREFIX}${userId}.${accountId}`;

/** The user's draft for the account, or null (none, another version, unreadable, stale). */
export function loadDraft(userId: string, accountId: string, now = Date.now()): OutcomeDraft | null {
  const s = storage();
  if (!s) return null;
  const key = keyFor(userId, accountId);
  const text = s.getItem(key);
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = draftSchema.safeParse(raw);
  if (
    !parsed.success ||
    parsed.data.userId !== userId ||
    parsed.data.accountId !== accountId ||
    now - parsed.data.savedAt > DRAFT_MAX_AGE_MS
  ) {
    s.removeItem(key); // garbage, another shape or too old: gone, never half-restored
    return null;
  }
  return parsed.data;
}

export function saveDraft(draft: Omit<OutcomeDraft, 'v'>) {
  try {
    storage()?.setItem(keyFor(draft.userId, draft.accountId), JSON.stringify({ v: DRAFT_VERSION, ...draft }));
  } catch {
    // quota or disabled storage: the form still works, only the draft is not kept
  }
}

export function clearDraft(userId: string, accountId: string) {
  storage()?.removeItem(keyFor(userId, accountId));
}
