import {
  fieldProblemsOf,
  recordContactBodySchema,
  type CaseFile,
  type FieldProblem,
  type OVERRIDE_REASON_CODES,
  type RecordContactBody,
  type STOP_FLAG_TYPES,
} from '@crm/contracts';
import {
  outcomeProblems,
  outcomeRequirements,
  parseAmountToMinor,
  promiseProblems,
  zonedWallTimeToInstant,
  type PromiseRulesPolicy,
} from '@crm/domain';
import type { OutcomeValues } from '../drafts/draft-store';
import type { Answered } from './who-answered';

/** The longest note the contracts take: shown under the notes field before anything is sent. */
export const NOTES_MAX = recordContactBodySchema.shape.notes.unwrap().maxLength ?? 4000;

/** What building the request needs besides the typed values. */
export interface OutcomeContext {
  caseFile: Pick<CaseFile, 'account' | 'customer'>;
  answered?: Answered | undefined;
  script?: { versionId: string; branch: RecordContactBody['scriptBranch'] | null } | undefined;
  /** The purpose note a third-party call carries ("Purpose: Confirming location information"). */
  purposeNote: (purpose: string) => string;
}

/** A problem the form finds that the request schema cannot (text that is not an amount, a callback time that does not exist). */
export type LocalProblem = FieldProblem & { local?: 'amount' | 'callback' | 'third_party' | 'unknown_number' };

const blank = (s: string) => (s.trim() === '' ? undefined : s);

/**
 * The request an outcome form's values make, and EVERY problem with it at once (ADR 038): the
 * form's own (amounts that are not money), the contracts' request schema (fieldProblemsOf, the
 * mapping the API's error handler uses) and the domain's outcome rules (outcomeProblems, the
 * rule the server checks with). Problems name the request's fields; `formField` maps them onto inputs.
 */
export function outcomeBody(
  v: OutcomeValues,
  ctx: OutcomeContext,
): { body: RecordContactBody; problems: LocalProblem[] } {
  const { account, customer } = ctx.caseFile;
  const local: LocalProblem[] = [];
  const channel = v.channel as RecordContactBody['channel'];
  const direction = (v.direction ?? 'outbound') as NonNullable<RecordContactBody['direction']>;
  const party = v.party as RecordContactBody['partyReached'];
  const disposition = v.disposition as RecordContactBody['disposition'];
  const needs = outcomeRequirements(party, disposition, channel, direction);
  // An empty amount is missing (the schema says "is required"); text that is not money is the form's problem.
  const toMinor = (field: string, value: string): number | undefined => {
    if (!blank(value)) return undefined;
    const minor = parseAmountToMinor(value, account.currency);
    if (minor === null) {
      local.push({ field, code: 'invalid', message: 'is not an amount', local: 'amount' });
      return 0;
    }
    return minor;
  };
  const body: RecordContactBody = {
    channel,
    direction,
    partyReached: party,
    disposition,
    ...(v.contactPointId ? { contactPointId: v.contactPointId } : {}),
  };
  const { answered, script } = ctx;
  if (party === 'debtor' && answered?.party === 'debtor') body.rightPartyVerification = answered.verification;
  if (party === 'debtor' && script) {
    body.scriptVersionId = script.versionId;
    if (script.branch) body.scriptBranch = script.branch;
  }
  if (party === 'third_party') {
    const tp = v.tpChoice;
    if (!tp) local.push({ field: 'thirdPartyId', code: 'required', message: 'is required', local: 'third_party' });
    else if (tp === 'new')
      body.thirdParty = {
        relationship: v.newTp.relationship.trim(),
        name: v.newTp.name.trim(),
        ...(v.newTp.phone.trim() ? { phone: v.newTp.phone.trim() } : {}),
      };
    else if (tp !== 'unknown') body.thirdPartyId = tp;
    if (tp === 'unknown' && !v.contactPointId)
      local.push({ field: 'contactPointId', code: 'required', message: 'is required', local: 'unknown_number' });
    if (account.complianceProfile === 'US' && tp && tp !== 'unknown' && v.asksMore)
      body.thirdPartyAsksMoreContact = true;
  }
  const purposeNote =
    party === 'third_party' && v.tpChoice && v.tpChoice !== 'unknown' ? ctx.purposeNote(v.purpose) : '';
  const allNotes = [purposeNote, v.notes.trim()].filter(Boolean).join(' — ');
  if (allNotes) body.notes = allNotes;
  if (v.objections.length && needs.objections !== 'forbidden')
    body.objections = v.objections as NonNullable<RecordContactBody['objections']>;
  const payChannel = v.promise.channel as NonNullable<RecordContactBody['planChannel']>;
  if (needs.commitment !== 'forbidden') {
    if (v.planMode) {
      body.plan = v.plan.map((row, i) => ({
        amountMinor: toMinor(`plan.${i}.amountMinor`, row.amount)!,
        dueDate: blank(row.dueDate)!,
      }));
      body.planChannel = payChannel;
    } else {
      body.promise = {
        amountMinor: toMinor('promise.amountMinor', v.promise.amount)!,
        dueDate: blank(v.promise.dueDate)!,
        channel: payChannel,
      };
    }
  }
  if (needs.callbackAt === 'required' || (needs.callbackAt === 'allowed' && v.callbackLocal)) {
    const at = zonedWallTimeToInstant(v.callbackLocal, customer.timeZone);
    if (!at)
      local.push(
        v.callbackLocal
          ? { field: 'callbackAt', code: 'invalid_date', message: 'is not a real date', local: 'callback' }
          : { field: 'callbackAt', code: 'required', message: 'is required' },
      );
    else body.callbackAt = at.toISOString();
  }
  if (needs.claimedPayment !== 'forbidden') {
    body.claimedPayment = {
      paidAt: blank(v.claimed.paidAt)!,
      amountMinor: toMinor('claimedPayment.amountMinor', v.claimed.amount)!,
      channel: v.claimed.channel as NonNullable<RecordContactBody['planChannel']>,
      ...(v.claimed.reference ? { reference: v.claimed.reference } : {}),
    };
  }
  if (needs.flagType) body.flag = { type: needs.flagType, reason: v.flag.reason };
  else if (v.flag.type && needs.flag !== 'forbidden')
    body.flag = { type: v.flag.type as (typeof STOP_FLAG_TYPES)[number], reason: v.flag.reason };
  if (v.override.use && direction === 'outbound')
    body.override = {
      reasonCode: v.override.reasonCode as (typeof OVERRIDE_REASON_CODES)[number],
      note: v.override.note,
    };

  // Drop undefined leaves (JSON would), then check the request as the server will.
  const sent = JSON.parse(JSON.stringify(body)) as RecordContactBody;
  const parsed = recordContactBodySchema.safeParse(sent);
  const schema = parsed.success ? [] : fieldProblemsOf(parsed.error, sent);
  // The promise rules that depend on the value alone (more than zero, not over the balance); the
  // policy's minimum, horizon and the customer's today are the server's (this browser's clock may be wrong).
  const valueRules = { minAmountMinor: 0, maxHorizonDays: Number.MAX_SAFE_INTEGER } as PromiseRulesPolicy;
  const commitments = [
    ...(sent.promise ? [{ p: sent.promise, field: 'promise' }] : []),
    ...(sent.plan ?? []).map((p, i) => ({ p, field: `plan.${i}` })),
  ];
  const amounts = commitments.flatMap(({ p, field }) =>
    typeof p.amountMinor === 'number' && !local.some((l) => l.field === `${field}.amountMinor`)
      ? promiseProblems(
          { amountMinor: p.amountMinor, dueDate: '1970-01-01' },
          { today: '1970-01-01', rules: valueRules, balanceMinor: account.balanceMinor },
          field,
        ).filter((x) => x.code === 'must_be_positive' || x.code === 'more_than_balance')
      : [],
  );
  const problems: LocalProblem[] = [...local];
  const seen = new Set(local.map((p) => p.field));
  for (const p of [...amounts, ...schema, ...outcomeProblems(sent)])
    if (!seen.has(p.field)) {
      seen.add(p.field);
      problems.push({ ...p, code: p.code ?? 'invalid' });
    }
  return { body: sent, problems };
}

const RENAMED: Record<string, string> = {
  partyReached: 'party',
  thirdPartyId: 'tpChoice',
  thirdParty: 'tpChoice',
  planChannel: 'promise.channel',
  callbackAt: 'callbackLocal',
  promise: 'promise.amount',
  claimedPayment: 'claimed.paidAt',
  flag: 'flag.reason',
  plan: 'planRoot',
};

/**
 * The form input a request field's problem belongs to ("promise.amountMinor" -> "promise.amount",
 * "claimedPayment.paidAt" -> "claimed.paidAt"); a field no input shows goes to the form's root list.
 */
export function formField(field: string): string {
  if (RENAMED[field]) return RENAMED[field];
  const parts = field.split('.');
  const [head, ...rest] = parts;
  const tail = rest.map((p) => (p === 'amountMinor' ? 'amount' : p)).join('.');
  switch (head) {
    case 'promise':
    case 'plan':
    case 'flag':
    case 'override':
      return `${head}.${tail}`;
    case 'claimedPayment':
      return `claimed.${tail}`;
    case 'thirdParty':
      return `newTp.${tail}`;
    case 'channel':
    case 'direction':
    case 'contactPointId':
    case 'disposition':
    case 'notes':
      return field;
    default:
      return `other.${field.replace(/\./g, '_')}`;
  }
}
