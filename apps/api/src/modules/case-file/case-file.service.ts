import type { CaseFile, HistoryEntry, SessionUser } from '@crm/contracts';
import {
  accountFigures,
  evaluatePromises,
  ageBand,
  bestHoursToCall,
  bestPhoneVerdict,
  preferencesOf,
  thirdPartyScript,
  canContact,
  zoneWindows,
  daysPastDue,
  localDate,
  localTime,
  missedInstalments,
  settableFlagTypes,
  stageFor,
  willingnessFromRecords,
  type ContactChannel,
  type StageThresholds,
} from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { isoDay } from '../../lib/date-columns.js';
import { NotFoundError } from '../../lib/errors.js';
import { assertMayOpen } from '../accounts/account-access.js';
import { fromDbLocale } from '../auth/auth.repository.js';
import { evaluationInput } from '../promises/evaluation-input.js';
import { gateVerdictDto } from '../compliance/gate-dto.js';
import { gateInputOf, thirdPartyVerdict } from '../compliance/gate-input.js';
import type { DisputesService } from '../disputes/disputes.service.js';
import type { CaseFileRepository } from './case-file.repository.js';

export interface CaseFileServiceDeps {
  caseFiles: CaseFileRepository;
  disputes: Pick<DisputesService, 'present'>;
  clock: Clock;
}

const CHANNEL_FOR_KIND: Record<'phone' | 'email' | 'address', ContactChannel> = {
  phone: 'phone',
  email: 'email',
  address: 'letter',
};
/** At the same instant, results sit above the call that produced them (newest first). */
const KIND_ORDER: Record<HistoryEntry['kind'], number> = { payment: 0, plan: 1, promise: 2, contact: 3 };

type Loaded = NonNullable<Awaited<ReturnType<CaseFileRepository['load']>>>;

function accountFacts(
  a: Loaded['otherAccounts'][number] | Loaded['account'],
  zone: string,
  now: Date,
  t: StageThresholds,
) {
  const today = localDate(now, zone);
  const dpd = daysPastDue(isoDay(a.oldestUnpaidDueDate), today);
  return {
    id: a.id,
    externalId: a.externalId,
    creditorName: a.creditorName,
    product: a.product,
    currency: a.currency,
    balanceMinor: Number(a.balanceMinor),
    overdueMinor: Number(a.overdueMinor),
    creditMinor: Number(
      accountFigures(
        { balanceMinor: a.balanceBaselineMinor, overdueMinor: a.overdueBaselineMinor },
        a.paidSinceBaselineMinor,
      ).creditMinor,
    ),
    instalmentMinor: Number(a.instalmentMinor),
    oldestUnpaidDueDate: isoDay(a.oldestUnpaidDueDate),
    daysPastDue: dpd,
    missedInstalments: missedInstalments(isoDay(a.oldestUnpaidDueDate), today),
    stage: stageFor(dpd, t),
    status: a.status,
  };
}

export type CaseFileService = ReturnType<typeof createCaseFileService>;

export function createCaseFileService({ caseFiles, clock, disputes }: CaseFileServiceDeps) {
  return {
    /**
     * The view is audited by the route's declaration (plugins/audit.ts). One statement reads the
     * access facts and everything else (ADR 047); nothing read leaves unless the access rule allows.
     */
    async get(user: SessionUser, accountId: string): Promise<CaseFile> {
      const now = clock.now();
      const loaded = await caseFiles.load(accountId, now);
      if (!loaded) throw new NotFoundError('No such account.');
      assertMayOpen(user, loaded.access, now);
      const { account, attempts, promises, payments, plans, gate, stageThresholds: thresholds, promiseRules } = loaded;
      const debtor = account.debtor;
      const zone = debtor.timeZone;
      // The gate decides on facts assembled as its loader assembles them (gateFactsOf,
      // gate-facts.repository.ts); the contact points and stop flags shown are those same facts.
      const { contactPoints } = gate;
      const stopFlags = gate.stopFlags.filter((f) => !f.expiresAt || f.expiresAt.getTime() > now.getTime());
      const gateBase = gateInputOf(gate, now);

      // Which payment went to which promise: the same pure rules that judged them.
      const evaluation = evaluatePromises(
        evaluationInput(promises, payments, zone, now, promiseRules.graceDays),
      ).promises;
      const evaluated = new Map(evaluation.map((e) => [e.id, e]));
      const paymentById = new Map(payments.map((p) => [p.id, p]));
      const promiseById = new Map(promises.map((p) => [p.id, p]));
      const allocatedTo = new Map<string, { promiseId: string; dueDate: string; amountMinor: number }[]>();
      for (const e of evaluation) {
        for (const a of e.allocations)
          allocatedTo.set(a.paymentId, [
            ...(allocatedTo.get(a.paymentId) ?? []),
            { promiseId: e.id, dueDate: isoDay(promiseById.get(e.id)!.dueDate), amountMinor: a.amountMinor },
          ]);
      }
      // Earliest promise first whatever order the promises were read in (a plan's instalments share
      // their creation instant, so the read order alone does not say).
      for (const list of allocatedTo.values())
        list.sort((x, y) => x.dueDate.localeCompare(y.dueDate) || x.promiseId.localeCompare(y.promiseId));
      const reversedIds = new Set(payments.flatMap((p) => (p.reversalOfId ? [p.reversalOfId] : [])));

      const history: HistoryEntry[] = [
        ...attempts.map((a) => ({
          kind: 'contact' as const,
          id: a.id,
          at: a.startedAt.toISOString(),
          channel: a.channel,
          direction: a.direction,
          partyReached: a.partyReached,
          disposition: a.disposition,
          notes: a.notes,
          objections: a.objections,
          collectorName: a.collectorName,
          contactPointValue: a.contactPointValue,
          overrideReasonCode: a.overrideReasonCode,
        })),
        ...promises.map((p) => ({
          kind: 'promise' as const,
          id: p.id,
          at: p.createdAt.toISOString(),
          amountMinor: Number(p.amountMinor),
          currency: p.currency,
          dueDate: isoDay(p.dueDate)!,
          channel: p.channel,
          status: p.status,
          paidMinor: Number(p.paidMinor),
          planId: p.planId,
          sequence: p.sequence,
          graceEnds: evaluated.get(p.id)?.graceEnds ?? isoDay(p.dueDate),
          allocations: (evaluated.get(p.id)?.allocations ?? []).map((a) => {
            const payment = paymentById.get(a.paymentId)!;
            return {
              paymentId: a.paymentId,
              amountMinor: a.amountMinor,
              paidAt: payment.paidAt.toISOString(),
              reference: payment.reference,
            };
          }),
        })),
        ...payments.map((p) => ({
          kind: 'payment' as const,
          id: p.id,
          at: p.paidAt.toISOString(),
          amountMinor: Number(p.amountMinor),
          currency: p.currency,
          channel: p.channel,
          reference: p.reference,
          reversal: p.reversalOfId !== null,
          reversed: reversedIds.has(p.id),
          allocatedTo: allocatedTo.get(p.id) ?? [],
        })),
        ...plans.map((p) => ({
          kind: 'plan' as const,
          id: p.id,
          at: p.createdAt.toISOString(),
          status: p.status,
          instalments: p.promises.length,
          totalMinor: p.promises.reduce((n, x) => n + Number(x.amountMinor), 0),
          currency: p.promises[0]?.currency ?? account.currency,
        })),
      ].sort((a, b) => b.at.localeCompare(a.at) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);

      const reached = attempts.filter((a) => a.partyReached === 'debtor').map((a) => a.startedAt);
      const last = attempts[0];
      const best = bestPhoneVerdict(gateBase, contactPoints);
      const today = localDate(now, zone);
      // Promise outcomes and the willingness branches collectors recorded on recent calls (ADR 037).
      const willingness = willingnessFromRecords({
        promiseStatuses: promises.map((p) => p.status),
        branches: attempts.flatMap((a) =>
          a.scriptBranch ? [{ date: localDate(a.startedAt, zone), branch: a.scriptBranch }] : [],
        ),
        today,
      });

      return {
        account: {
          ...accountFacts(account, zone, now, thresholds),
          complianceProfile: account.complianceProfile,
          assignedCollector: account.assignedCollector,
          lease:
            account.leasedBy && account.leaseExpiresAt && account.leaseExpiresAt.getTime() > now.getTime()
              ? {
                  collectorId: account.leasedBy.id,
                  collectorName: account.leasedBy.displayName,
                  expiresAt: account.leaseExpiresAt.toISOString(),
                }
              : null,
        },
        customer: {
          id: debtor.id,
          salutation: debtor.salutation,
          fullName: debtor.fullName,
          familyName: debtor.familyName,
          givenName: debtor.givenName,
          ageBand: ageBand(isoDay(debtor.dateOfBirth), today),
          preferredLanguage: fromDbLocale(debtor.preferredLanguage),
          timeZone: zone,
          localTime: localTime(now, zone),
          localDate: today,
          zones: zoneWindows(now, gate.knownZones, gate.profile.callWindow).map((w) => ({
            zone: w.zone,
            localTime: w.localTime,
            open: w.open,
            closesAt: w.closesAt?.toISOString() ?? null,
            opensAt: w.opensAt?.toISOString() ?? null,
            binding: w.binding,
            home: w.zone === gate.customerTimeZone,
            contactPointIds: contactPoints
              .filter((p) => p.status !== 'invalid' && p.timeZones.includes(w.zone))
              .map((p) => p.id),
          })),
          employmentNotes: debtor.employmentNotes,
          householdNotes: debtor.householdNotes,
          dateOfBirth: debtor.dateOfBirth?.toISOString().slice(0, 10) ?? null,
          preferences: preferencesOf(debtor),
        },
        contactPoints: contactPoints.map((p) => ({
          id: p.id,
          kind: p.kind,
          type: p.type,
          value: p.value,
          status: p.status,
          optedOut: p.optedOut,
          optedOutChannels: [...(p.optedOutChannels ?? [])],
          workInconvenient: p.workInconvenient,
          source: p.source,
          timeZones: [...p.timeZones],
          zoneSource: p.zoneSource,
          label: p.label,
          statusReason: p.statusReason,
          lastSuccessAt: p.lastSuccessAt?.toISOString() ?? null,
          workedBefore:
            p.lastSuccessAt !== null || attempts.some((a) => a.contactPointId === p.id && a.partyReached === 'debtor'),
          gate: gateVerdictDto(canContact({ ...gateBase, channel: CHANNEL_FOR_KIND[p.kind], contactPoint: p })),
        })),
        thirdParties: loaded.thirdParties.thirdParties.map((tp) => ({
          id: tp.id,
          relationship: tp.relationship,
          name: tp.name,
          phone: tp.phone,
          source: tp.source,
          doNotContact: tp.doNotContact,
          moreContactRequested: tp.moreContactRequested,
          callsMade: tp.callsMade,
          gate: gateVerdictDto(thirdPartyVerdict(gate, loaded.thirdParties, tp, now)),
        })),
        thirdPartyScript: thirdPartyScript(fromDbLocale(debtor.preferredLanguage), user.displayName, debtor.fullName),
        otherAccounts: loaded.otherAccounts.map((a) => accountFacts(a, zone, now, thresholds)),
        settableStopFlags: settableFlagTypes(gate.profile.stopFlags),
        stopFlags: stopFlags.map((f) => ({
          id: f.id,
          type: f.type,
          reason: f.reason,
          setAt: f.setAt.toISOString(),
          expiresAt: f.expiresAt?.toISOString() ?? null,
          accountId: f.accountId,
        })),
        history,
        pendingCallback: gate.callback ? { id: gate.callback.id, dueAt: gate.callback.dueAt.toISOString() } : null,
        reminders: loaded.reminders.map((r) => ({
          id: r.id,
          channel: r.channel,
          recipient: r.recipient,
          status: r.status,
          sendAfter: r.sendAfter.toISOString(),
          sentAt: r.sentAt?.toISOString() ?? null,
          body: r.body,
          lastError: r.lastError,
        })),
        disputes: disputes.present(loaded.notices, loaded.disputes, zone, gate.profile, now),
        claimedPayments: loaded.claims.map((c) => ({
          id: c.id,
          claimedPaidOn: isoDay(c.claimedPaidOn)!,
          claimedAmountMinor: Number(c.claimedAmountMinor),
          claimedChannel: c.claimedChannel,
          claimedReference: c.claimedReference,
          status: c.status,
          matchedPaymentId: c.matchedPaymentId,
        })),
        summary: {
          promisesKept: willingness.kept,
          promisesPartlyKept: willingness.partlyKept,
          promisesBroken: willingness.broken,
          promisesPending: willingness.pending,
          willingness: willingness.assessment,
          recentBranches: willingness.recentBranches,
          lastContact: last
            ? { at: last.startedAt.toISOString(), disposition: last.disposition, partyReached: last.partyReached }
            : null,
          bestHours: bestHoursToCall(reached, zone),
          gate: { ...gateVerdictDto(best), contactPointId: best.contactPointId },
        },
      };
    },
  };
}
