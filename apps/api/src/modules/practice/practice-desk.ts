import { createHash } from 'node:crypto';
import type { CaseFile, PracticeScenarioContent, SuggestedScript } from '@crm/contracts';
import {
  addDaysIso,
  formatMoney,
  localDate,
  localTime,
  REQUIRED_DISCLOSURE,
  renderScriptText,
  type ScriptStep,
  type ServerScriptVariable,
} from '@crm/domain';
import { addressForm } from '../scripts/scripts.service.js';

/**
 * The practice desk's data in the workstation's own shapes (ADR 057): a case file and a suggested
 * script built from a scenario's synthetic facts, so the practice desk is the real desk's
 * components fed by practice endpoints. Its ids are derived from the session (never a real row's).
 */

/** A stable UUID for a synthetic record of a session ("account", "customer", "phone"...). */
export function practiceId(sessionId: string, what: string): string {
  const h = createHash('sha256').update(`practice:${sessionId}:${what}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ALWAYS_ALLOWED = { allowed: true, reasons: [], nextAllowedAt: null, viaCallback: false, overridable: false };

export function practiceCaseFile(sessionId: string, c: PracticeScenarioContent, now: Date): CaseFile {
  const { customer, account } = c;
  const today = localDate(now, customer.timeZone);
  const fullName =
    c.locale === 'zh-CN'
      ? `${customer.familyName}${customer.givenName}`
      : `${customer.givenName} ${customer.familyName}`;
  const phoneId = practiceId(sessionId, 'phone');
  const facts = {
    id: practiceId(sessionId, 'account'),
    externalId: `PRACTICE-${sessionId.slice(0, 8).toUpperCase()}`,
    creditorName: account.creditorName,
    product: account.product,
    currency: account.currency,
    balanceMinor: account.balanceMinor,
    overdueMinor: account.overdueMinor,
    creditMinor: 0,
    instalmentMinor: account.instalmentMinor,
    oldestUnpaidDueDate: account.daysPastDue > 0 ? addDaysIso(today, -account.daysPastDue) : null,
    daysPastDue: Math.max(0, account.daysPastDue),
    missedInstalments: account.missedInstalments,
    stage: c.stage,
    status: 'open' as const,
  };
  return {
    account: { ...facts, complianceProfile: account.complianceProfile, assignedCollector: null, lease: null },
    customer: {
      id: practiceId(sessionId, 'customer'),
      salutation: customer.salutation,
      fullName,
      familyName: customer.familyName,
      givenName: customer.givenName,
      ageBand: null,
      preferredLanguage: c.locale,
      timeZone: customer.timeZone,
      localTime: localTime(now, customer.timeZone),
      localDate: today,
      zones: [
        {
          zone: customer.timeZone,
          localTime: localTime(now, customer.timeZone),
          open: true,
          closesAt: null,
          opensAt: null,
          binding: true,
          home: true,
          contactPointIds: [phoneId],
        },
      ],
      employmentNotes: null,
      householdNotes: null,
      dateOfBirth: customer.dateOfBirth,
      preferences: { preferredChannel: null, preferredTime: null, inconvenientTimes: [] },
    },
    contactPoints: [
      {
        id: phoneId,
        kind: 'phone',
        type: 'mobile',
        value: customer.phone,
        status: 'valid',
        optedOut: false,
        optedOutChannels: [],
        workInconvenient: false,
        source: 'practice',
        timeZones: [customer.timeZone],
        zoneSource: 'customer',
        lastSuccessAt: null,
        workedBefore: false,
        gate: ALWAYS_ALLOWED,
      },
    ],
    thirdParties: [],
    thirdPartyScript: [],
    otherAccounts: [],
    settableStopFlags: ['dispute_hold', 'do_not_contact'],
    stopFlags: [],
    history: [],
    pendingCallback: null,
    reminders: [],
    disputes: { noticeApplies: false, notices: [], disputes: [] },
    claimedPayments: [],
    summary: {
      promisesKept: 0,
      promisesPartlyKept: 0,
      promisesBroken: 0,
      promisesPending: 0,
      willingness: 'no_history',
      recentBranches: [],
      lastContact: null,
      bestHours: [],
      gate: { ...ALWAYS_ALLOWED, contactPointId: phoneId },
    },
  };
}

export interface PublishedScript {
  id: string;
  version: number;
  steps: unknown;
  script: { name: string };
}

/** The published script for the scenario's stage and language, filled in with its facts, and the objection answers. */
export function practiceScript(
  c: PracticeScenarioContent,
  traineeName: string,
  version: PublishedScript,
  objections: { id: string; category: string; customerSays: string; answer: string }[],
  now: Date,
): SuggestedScript {
  const { customer, account } = c;
  const intl = c.locale === 'zh-CN' ? 'zh-CN' : 'en-US';
  const money = (minor: number) => formatMoney({ amountMinor: minor, currency: account.currency }, intl);
  const today = localDate(now, customer.timeZone);
  const dueDate = account.daysPastDue > 0 ? addDaysIso(today, -account.daysPastDue) : today;
  const fullName =
    c.locale === 'zh-CN'
      ? `${customer.familyName}${customer.givenName}`
      : `${customer.givenName} ${customer.familyName}`;
  const values: Record<ServerScriptVariable, string> = {
    customerName: addressForm(c.locale, customer.salutation, customer.familyName, fullName),
    customerFullName: fullName,
    creditor: account.creditorName,
    overdueAmount: money(account.overdueMinor),
    instalmentAmount: money(account.instalmentMinor),
    balanceAmount: money(account.balanceMinor),
    dueDate: new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${dueDate}T00:00:00Z`),
    ),
    daysPastDue: String(Math.max(0, account.daysPastDue)),
    missedInstalments: String(account.missedInstalments),
    collectorName: traineeName,
    requiredDisclosure: REQUIRED_DISCLOSURE[account.complianceProfile][c.locale],
  };
  const steps = (version.steps as ScriptStep[]).map((step) => ({
    ...step,
    text: renderScriptText(step.text, values),
    ...(step.branches
      ? { branches: step.branches.map((b) => ({ ...b, text: renderScriptText(b.text, values) })) }
      : {}),
  }));
  return {
    scriptVersionId: version.id,
    scriptName: version.script.name,
    version: version.version,
    stage: c.stage,
    locale: c.locale,
    steps,
    objections: objections.map((o) => ({
      ...o,
      customerSays: renderScriptText(o.customerSays, values),
      answer: renderScriptText(o.answer, values),
    })),
  };
}
