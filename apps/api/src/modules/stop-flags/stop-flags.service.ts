import type {
  ClearStopFlagBody,
  EndCrisisBody,
  SessionUser,
  SetStopFlagBody,
  StopFlagDto,
  StopFlagList,
} from '@crm/contracts';
import {
  endCrisisProblems,
  flagLifecycleRule,
  flagStatus,
  flagTerms,
  localDate,
  mayActOnFlag,
  setFlagProblems,
  settableFlagTypes,
  type StopFlagAction,
} from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { isoDay } from '../../lib/date-columns.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import type { Tx, UnitOfWork } from '../../lib/transaction.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { lockAccountForWrite } from '../compliance/account-lock.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { StopFlagsRepository } from './stop-flags.repository.js';

export interface StopFlagsServiceDeps {
  stopFlags: StopFlagsRepository;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  access: AccountAccess;
  gateFacts: Pick<GateFactsRepository, 'lock'>;
  policies: Pick<PoliciesRepository, 'complianceProfiles'>;
  clock: Clock;
  /** Told after a change (the queue drops its snapshots: a verdict may have changed). */
  /** In the change's transaction, after its writes (the worklist's epoch, ADR 041). */
  onChanged?: (tx: Tx) => Promise<void>;
}

export type StopFlagsService = ReturnType<typeof createStopFlagsService>;

type Stored = NonNullable<Awaited<ReturnType<StopFlagsRepository['flag']>>>;

/** Who lifts a flag: a supervisor or admin (a user), or the system (a dispute answered by verification). */
export type ClearActor = { user: SessionUser } | { system: string };

export interface ClearRequest {
  accountId: string;
  flagId: string;
  reason: string;
  actor: ClearActor;
  requestId: string | null;
}

/**
 * The stop-flag lifecycle (compliance.md; ADR 023): set with evidence (anyone who works the
 * account), expired by the domain rule (terms computed when set and when a crisis ends), or
 * cleared with a reason by a supervisor or admin, or by the system. Every change is written under
 * the contact gate's locks (customer, then account), so a contact being decided at the same time
 * sees it or is decided before it, and audited in the same transaction.
 */
export function createStopFlagsService({
  stopFlags,
  uow,
  audit,
  access,
  gateFacts,
  policies,
  clock,
  onChanged,
}: StopFlagsServiceDeps) {
  const mayOrRefuse = (user: SessionUser, action: StopFlagAction) => {
    if (!mayActOnFlag(user.role, action)) throw new ForbiddenError('Your role may not do this to a stop flag.');
  };

  /** Opens the account for this user, takes the gate's locks, returns the account as read under them. */
  async function locked(user: SessionUser | null, accountId: string, tx: Tx) {
    await lockAccountForWrite({ access, gateFacts, clock }, tx, user, accountId);
    const account = await stopFlags.account(accountId, tx);
    if (!account) throw new NotFoundError('No such account.');
    return account;
  }

  /** The flag, only when it is this account's or its customer's (else 404: no probing other accounts' flags). */
  async function flagOfAccount(tx: Tx, account: { id: string; debtorId: string }, flagId: string) {
    const flag = await stopFlags.flag(tx, flagId);
    const belongs =
      flag && (flag.accountId === account.id || (flag.accountId === null && flag.debtorId === account.debtorId));
    if (!belongs) throw new NotFoundError('No such stop flag on this account or its customer.');
    return flag;
  }

  function dto(f: Stored, names: Map<string, string>, now: Date): StopFlagDto {
    const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
    return {
      id: f.id,
      type: f.type,
      status: flagStatus(f, now),
      accountId: f.accountId,
      reason: f.reason,
      evidence: f.evidence,
      evidenceReference: f.evidenceReference,
      setAt: f.setAt.toISOString(),
      setBy: person(f.setById),
      startsOn: isoDay(f.startsOn),
      expiresAt: f.expiresAt?.toISOString() ?? null,
      reviewAt: f.reviewAt?.toISOString() ?? null,
      crisisEndedOn: isoDay(f.crisisEndedOn),
      clearedAt: f.clearedAt?.toISOString() ?? null,
      clearedBy: person(f.clearedById),
      clearReason: f.clearReason,
    };
  }

  async function dtoWithNames(f: Stored, now: Date) {
    const names = await stopFlags.userNames([f.setById, f.clearedById].filter((x): x is string => !!x));
    return dto(f, names, now);
  }

  /**
   * Lifts a flag with a reason inside the caller's transaction, which must hold the gate's locks
   * on the account (gateFacts.lock): for services that end a hold as part of their own write (a
   * dispute answered by verification sent). 404 when the flag is not this account's or its
   * customer's; 409 when it was already cleared or has expired.
   */
  async function clearLocked(tx: Tx, account: { id: string; debtorId: string }, req: ClearRequest) {
    const now = clock.now();
    const flag = await flagOfAccount(tx, account, req.flagId);
    const status = flagStatus(flag, now);
    if (status !== 'active') throw new ConflictError(`This stop flag is already ${status}.`);
    const actorId = 'user' in req.actor ? req.actor.user.id : null;
    if (!(await stopFlags.clear(tx, flag.id, { clearedAt: now, clearedById: actorId, clearReason: req.reason })))
      throw new ConflictError('This stop flag is already cleared.');
    await audit.record(
      {
        actorId,
        action: 'stop_flag.cleared',
        entityType: 'stop_flag',
        entityId: flag.id,
        requestId: req.requestId,
        accountIds: [account.id],
        data: {
          type: flag.type,
          reason: req.reason,
          ...('system' in req.actor ? { system: req.actor.system } : {}),
        },
      },
      tx,
    );
    return { ...flag, clearedAt: now, clearedById: actorId, clearReason: req.reason };
  }

  return {
    /** An account's flags and its customer's, with their history (expired, cleared). */
    async list(user: SessionUser, accountId: string): Promise<StopFlagList> {
      const now = clock.now();
      await access.assertCanOpen(user, accountId, now);
      const account = await stopFlags.account(accountId);
      if (!account) throw new NotFoundError('No such account.');
      const [flags, profiles] = await Promise.all([
        stopFlags.flagsOf(accountId, account.debtorId),
        policies.complianceProfiles(),
      ]);
      const names = await stopFlags.userNames([
        ...new Set(flags.flatMap((f) => [f.setById, f.clearedById]).filter((x): x is string => !!x)),
      ]);
      return {
        accountId,
        flags: flags.map((f) => dto(f, names, now)),
        settableTypes: settableFlagTypes(profiles[account.complianceProfile].stopFlags),
      };
    },

    /** Sets a flag outside a call, with evidence; its expiry and review date by the domain rule. */
    async set(user: SessionUser, accountId: string, body: SetStopFlagBody, requestId: string): Promise<StopFlagDto> {
      mayOrRefuse(user, 'set');
      const profiles = await policies.complianceProfiles();
      const result = await uow(async (tx) => {
        const account = await locked(user, accountId, tx);
        const now = clock.now();
        const zone = account.debtor.timeZone;
        const problems = setFlagProblems(body, {
          profile: account.complianceProfile,
          profileStopFlags: profiles[account.complianceProfile].stopFlags,
          now,
          zone,
        });
        if (problems.length > 0)
          throw new BadRequestError(
            `Invalid body: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
            problems,
          );
        const rule = flagLifecycleRule(account.complianceProfile, body.type);
        const terms = flagTerms({
          profile: account.complianceProfile,
          type: body.type,
          setAt: now,
          zone,
          startsOn: body.startsOn ?? null,
        });
        const flag = await stopFlags.create(tx, {
          debtorId: account.debtorId,
          accountId: rule.scope === 'account' ? account.id : null,
          type: body.type,
          reason: body.reason,
          evidence: body.evidence,
          evidenceReference: body.evidenceReference ?? null,
          setById: user.id,
          setAt: now,
          ...terms,
        });
        await audit.record(
          {
            actorId: user.id,
            action: 'stop_flag.set',
            entityType: 'stop_flag',
            entityId: flag.id,
            requestId,
            accountIds: [account.id],
            data: {
              type: body.type,
              reason: body.reason,
              evidence: body.evidence,
              evidenceReference: body.evidenceReference ?? null,
              startsOn: terms.startsOn,
              expiresAt: terms.expiresAt?.toISOString() ?? null,
              reviewAt: terms.reviewAt?.toISOString() ?? null,
            },
          },
          tx,
        );
        await onChanged?.(tx);
        return dtoWithNames(flag, now);
      });
      return result;
    },

    /** A supervisor or admin lifts a flag, with a reason (two at once: one clears, the other gets 409). */
    async clear(
      user: SessionUser,
      accountId: string,
      flagId: string,
      body: ClearStopFlagBody,
      requestId: string,
    ): Promise<StopFlagDto> {
      mayOrRefuse(user, 'clear');
      const result = await uow(async (tx) => {
        const account = await locked(user, accountId, tx);
        const cleared = await clearLocked(tx, account, {
          accountId,
          flagId,
          reason: body.reason,
          actor: { user },
          requestId,
        });
        await onChanged?.(tx);
        return dtoWithNames(cleared, clock.now());
      });
      return result;
    },

    /**
     * Lifts a flag with a reason: by a user (their access to the account checked) or by the
     * system (a dispute answered by verification: `{ system: 'validation_notice' }`, no user).
     * Opens its own transaction; inside yours, take the gate's locks and call `clearLocked`.
     */
    async clearWithReason(req: ClearRequest): Promise<StopFlagDto> {
      if ('user' in req.actor) mayOrRefuse(req.actor.user, 'clear');
      const result = await uow(async (tx) => {
        const account = await locked('user' in req.actor ? req.actor.user : null, req.accountId, tx);
        const cleared = await clearLocked(tx, account, req);
        await onChanged?.(tx);
        return dtoWithNames(cleared, clock.now());
      });
      return result;
    },
    clearLocked,

    /** The mental-health crisis treatment ended: the flag now expires 30 days after that day. */
    async endCrisis(
      user: SessionUser,
      accountId: string,
      flagId: string,
      body: EndCrisisBody,
      requestId: string,
    ): Promise<StopFlagDto> {
      mayOrRefuse(user, 'endCrisis');
      const result = await uow(async (tx) => {
        const account = await locked(user, accountId, tx);
        const now = clock.now();
        const zone = account.debtor.timeZone;
        const flag = await flagOfAccount(tx, account, flagId);
        const status = flagStatus(flag, now);
        if (status !== 'active') throw new ConflictError(`This stop flag is already ${status}.`);
        if (flag.crisisEndedOn) throw new ConflictError(`This crisis already ended on ${isoDay(flag.crisisEndedOn)}.`);
        const startsOn = isoDay(flag.startsOn) ?? localDate(flag.setAt, zone);
        const problems = endCrisisProblems({ type: flag.type, startsOn }, body.endedOn, { now, zone });
        if (problems.some((p) => p.field === 'type')) throw new ConflictError(problems[0]!.message);
        if (problems.length > 0)
          throw new BadRequestError(
            `Invalid body: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
            problems,
          );
        const terms = flagTerms({
          profile: account.complianceProfile,
          type: flag.type,
          setAt: flag.setAt,
          zone,
          startsOn,
          crisisEndedOn: body.endedOn,
        });
        if (
          !(await stopFlags.endCrisis(tx, flag.id, {
            crisisEndedOn: body.endedOn,
            expiresAt: terms.expiresAt,
            reviewAt: terms.reviewAt,
          }))
        )
          throw new ConflictError('This crisis has already ended or the flag was cleared.');
        await audit.record(
          {
            actorId: user.id,
            action: 'stop_flag.crisis_ended',
            entityType: 'stop_flag',
            entityId: flag.id,
            requestId,
            accountIds: [account.id],
            data: { endedOn: body.endedOn, note: body.note, expiresAt: terms.expiresAt?.toISOString() ?? null },
          },
          tx,
        );
        await onChanged?.(tx);
        return dtoWithNames(
          {
            ...flag,
            crisisEndedOn: new Date(`${body.endedOn}T00:00:00Z`),
            expiresAt: terms.expiresAt,
            reviewAt: terms.reviewAt,
          },
          now,
        );
      });
      return result;
    },
  };
}
