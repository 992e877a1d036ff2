import type { CaseFile, ContactLogItem, KpiGroup, ObjectionBody, SessionUser } from '@crm/contracts';
import { QueryClientProvider, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { renderHook, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAssignAccounts } from '../features/accounts/api/assign-accounts';
import { accountKeys } from '../features/accounts/api/query-keys';
import { auditKeys } from '../features/audit/api/query-keys';
import { useChangePassword } from '../features/auth/api/change-password';
import { authKeys } from '../features/auth/api/query-keys';
import { caseFileKeys } from '../features/case-file/api/query-keys';
import { useAddContactPoint, useUpdateContactPoint } from '../features/contact-points/api/save-contact-point';
import { contactKeys } from '../features/contacts/api/query-keys';
import { useRecordContact } from '../features/contacts/api/record-contact';
import { useReviewContact } from '../features/contacts/api/review-contact';
import { ContactLog } from '../features/contacts/components/contact-log';
import { OutcomeForm } from '../features/contacts/components/outcome-form';
import { useSetContactPointConsent } from '../features/consent/api/set-contact-point-consent';
import { useSetPreferences } from '../features/consent/api/set-preferences';
import { useSetThirdPartyConsent } from '../features/consent/api/set-third-party-consent';
import { creditorKeys } from '../features/creditors/api/query-keys';
import { useSettleImport } from '../features/imports/api/get-import';
import { messageKeys } from '../features/messages/api/query-keys';
import { policyKeys } from '../features/policies/api/query-keys';
import { useSavePolicy } from '../features/policies/api/save-policy';
import { useNextAccount } from '../features/queue/api/next-account';
import { queueKeys } from '../features/queue/api/query-keys';
import { reportKeys } from '../features/reports/api/query-keys';
import { KpiDashboard } from '../features/reports/components/kpi-dashboard';
import { useCreateDraft } from '../features/scripts/api/create-draft';
import { usePublish } from '../features/scripts/api/publish-version';
import { scriptKeys } from '../features/scripts/api/query-keys';
import { useRestoreObjection } from '../features/scripts/api/restore-objection';
import { useApproveObjection, useRejectObjection } from '../features/scripts/api/review-objection';
import { useApproveVersion, useRejectVersion } from '../features/scripts/api/review-version';
import { useSaveDraft } from '../features/scripts/api/save-draft';
import { useSaveObjection } from '../features/scripts/api/save-objection';
import { useCreateUser } from '../features/users/api/create-user';
import { userKeys } from '../features/users/api/query-keys';
import { useResetPassword } from '../features/users/api/reset-password';
import { useSaveTeam } from '../features/users/api/save-team';
import { useUpdateUser } from '../features/users/api/update-user';
import { createTestQueryClient, renderWithProviders, stubFetch } from '../testing/render';

const ACCOUNT = '6f1c1d1e-1b1a-4c1d-9e1f-000000000001';
const OTHER_ACCOUNT = '6f1c1d1e-1b1a-4c1d-9e1f-000000000002';
const ID = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000dd';
const PHONE = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa';
const collector: SessionUser = {
  id: '6f1c1d1e-1b1a-4c1d-9e1f-cccccccccccc',
  username: 'collector1',
  displayName: 'Alex Chen',
  role: 'collector',
  locale: 'en',
  timeZone: 'UTC',
  teamId: null,
  teamName: null,
};
const gateOk = { allowed: true, reasons: [], nextAllowedAt: null, viaCallback: false, overridable: false };
const caseFile = {
  account: { id: ACCOUNT, currency: 'USD', balanceMinor: 100_000 },
  customer: { timeZone: 'America/New_York' },
  contactPoints: [{ id: PHONE, kind: 'phone', type: 'mobile', value: '+1 212-555-0101', gate: gateOk }],
  summary: { gate: { ...gateOk, contactPointId: PHONE } },
} as unknown as CaseFile;

const kpiGroup = (promisesMade: number, attempts: number): KpiGroup => ({
  key: null,
  label: 'Total',
  attempts,
  contacts: attempts,
  rightPartyContacts: attempts,
  promisesMade,
  promisesMadeAmount: [],
  promisesDue: 0,
  kept: 0,
  partlyKept: 0,
  broken: 0,
  pendingDue: 0,
  keptAmount: [],
  partlyKeptAmount: [],
  brokenAmount: [],
  keptRateByCount: null,
  keptRateByAmount: [],
  collected: [],
});

const recorded: ContactLogItem = {
  id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000bb',
  startedAt: '2026-11-22T15:00:00.000Z',
  collector: { id: collector.id, displayName: collector.displayName },
  account: { id: ACCOUNT, externalId: 'A000000001', currency: 'USD' },
  customerName: 'Maria Lopez',
  channel: 'phone',
  direction: 'outbound',
  partyReached: 'debtor',
  disposition: 'promise_to_pay',
  stage: 'm1',
  scriptVersion: null,
  notes: 'agreed to pay',
  overrideReasonCode: null,
  review: null,
  promises: [],
};

/** A server with one collector's work: the log and the results count what was recorded so far. */
function stubServer() {
  let saved = false;
  return stubFetch({
    [`/api/accounts/${ACCOUNT}/contacts`]: () => {
      saved = true;
      return {
        status: 201,
        body: {
          id: recorded.id,
          accountId: ACCOUNT,
          startedAt: recorded.startedAt,
          disposition: 'promise_to_pay',
          promiseIds: [],
          planId: null,
          callbackId: null,
          stopFlagId: null,
          overrideUsed: false,
        },
      };
    },
    '/api/contacts': () => ({ body: { items: saved ? [recorded] : [], nextCursor: null } }),
    '/api/reports/kpis': (url) => ({
      body: {
        from: url.searchParams.get('from'),
        to: url.searchParams.get('to'),
        timeZone: 'UTC',
        groupBy: url.searchParams.get('groupBy'),
        groups: [],
        totals: saved ? kpiGroup(1, 1) : kpiGroup(0, 0),
      },
    }),
    '/api/reports/reviews': (url) => ({
      body: { from: url.searchParams.get('from'), to: url.searchParams.get('to'), collectors: [] },
    }),
  });
}

/** The collector's three screens, one at a time, as the app's routes show them. */
function CollectorScreens() {
  return (
    <>
      <nav>
        <Link to="/work">Workstation</Link> <Link to="/contacts">My calls</Link> <Link to="/results">My results</Link>
      </nav>
      <Routes>
        <Route path="/work" element={<OutcomeForm caseFile={caseFile} onSaved={() => undefined} />} />
        <Route path="/contacts" element={<ContactLog user={collector} />} />
        <Route path="/results" element={<KpiDashboard user={collector} />} />
      </Routes>
    </>
  );
}

const promisesMade = () =>
  within(screen.getByText('Promises made', { selector: 'span' }).closest('.card') as HTMLElement).getByText(/^\d+$/);

describe('after a write', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('My calls and My results show a recorded outcome without a reload', async () => {
    const calls = stubServer();
    // The app's own cache: what was shown in the last 30 seconds is not asked for again unless a write invalidates it.
    await renderWithProviders(<CollectorScreens />, { initialPath: '/contacts', appCache: true });
    expect(await screen.findByText('No attempt matches these filters.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'My results' }));
    await vi.waitFor(() => expect(promisesMade()).toHaveTextContent('0'));

    await userEvent.click(screen.getByRole('link', { name: 'Workstation' }));
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '120.50');
    await userEvent.type(screen.getByLabelText('Date'), '2026-11-27');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(calls.some((c) => c.init?.method === 'POST')).toBe(true));

    await userEvent.click(screen.getByRole('link', { name: 'My calls' }));
    expect(await screen.findByText('Maria Lopez')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'My results' }));
    await vi.waitFor(() => expect(promisesMade()).toHaveTextContent('1'));
  });
});

/** One cached view of each kind, by name: what a write may leave stale. */
const VIEWS: Record<string, QueryKey> = {
  'case file': caseFileKeys.detail(ACCOUNT),
  'another case file': caseFileKeys.detail(OTHER_ACCOUNT),
  queue: queueKeys.mine(),
  'account list': accountKeys.list({}),
  'contact log': contactKeys.log(''),
  results: reportKeys.kpi({ from: '2026-11-01', to: '2026-11-22', groupBy: 'stage' }),
  'reviews report': reportKeys.reviewPeriod('2026-11-01', '2026-11-22'),
  portfolio: reportKeys.portfolioSummary(),
  'roll rates': reportKeys.rollRatePeriod('2025-11', '2026-11'),
  users: userKeys.list(),
  teams: userKeys.teams(),
  me: authKeys.me(),
  creditors: creditorKeys.list(),
  policies: policyKeys.list(),
  'policy history': policyKeys.versions('queue_weights', 'default'),
  'script library': scriptKeys.library(),
  'script version': scriptKeys.version(ID),
  objections: scriptKeys.objections(),
  'objection history': scriptKeys.objectionVersions(ID),
  'suggested script': scriptKeys.suggested(ACCOUNT),
  lint: scriptKeys.lint('en', 'text'),
  'message log': messageKeys.log(),
  'audit trail': auditKeys.eventSearch(''),
};

const user = {
  id: ID,
  username: 'collector9',
  displayName: 'New Collector',
  role: 'collector',
  locale: 'en',
  timeZone: 'UTC',
  active: true,
  team: null,
};
const scriptVersion = {
  id: ID,
  version: 2,
  status: 'draft',
  createdAt: '2026-11-22T10:00:00.000Z',
  createdBy: 'admin1',
  publishedAt: null,
  justification: null,
  findings: 0,
  submittedBy: null,
  submittedAt: null,
  reviewedBy: null,
  reviewedAt: null,
  reviewNote: null,
  scriptId: ID,
  stage: 'm1',
  locale: 'en',
  steps: [],
};
const objectionBody: ObjectionBody = {
  category: 'cash_flow',
  locale: 'en',
  customerSays: 'I cannot pay now',
  answer: 'Let us find an amount that works.',
  stages: ['m1'],
  active: true,
};
const objection = {
  id: ID,
  ...objectionBody,
  version: 2,
  savedAt: '2026-11-22T10:00:00.000Z',
  savedBy: 'admin1',
  awaitingApproval: null,
};
const allChecksMet = {
  identifiedSelfAndCreditor: true,
  verifiedRightParty: true,
  disclosureGiven: true,
  noProhibitedLanguage: true,
  clearSummary: true,
};
const importReport = (committed: boolean) => ({
  committed,
  totalRows: 1,
  validRows: 1,
  duplicateRows: 0,
  writtenRows: committed ? 1 : 0,
  errorCount: 0,
  problemRows: 0,
  errors: [],
  changedPromises: 0,
  ms: 5,
});

/** A followed import has finished (ADR 042): written unless it was only a check. */
function runImport(wrapper: (props: { children: ReactNode }) => ReactNode, mode: 'all' | 'validate') {
  const committed = mode !== 'validate';
  return runHook(wrapper, useSettleImport, {
    id: ID,
    kind: 'payments',
    mode,
    source: 'bank-file',
    startedBy: { id: ID, username: 'admin1' },
    status: 'succeeded',
    phase: 'done',
    rowsRead: 1,
    rowsToWrite: committed ? 1 : 0,
    rowsWritten: committed ? 1 : 0,
    fileBytes: 10,
    attempts: 1,
    report: importReport(committed),
    error: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    startedAt: '2026-11-20T10:00:00.000Z',
    finishedAt: '2026-11-20T10:00:01.000Z',
    updatedAt: '2026-11-20T10:00:01.000Z',
  });
}

interface Write {
  /** What the user does. */
  write: string;
  /** The server's answer, by path. */
  server: Record<string, { status?: number; body: unknown }>;
  run: (wrapper: (props: { children: ReactNode }) => ReactNode) => Promise<unknown>;
  /** The views that must be refreshed (every other one must not be). */
  refreshes: string[];
}

/** Renders a mutation hook and runs it once. */
function runHook<T>(
  wrapper: (props: { children: ReactNode }) => ReactNode,
  hook: () => { mutateAsync: (input: T) => Promise<unknown> },
  input: T,
) {
  const { result } = renderHook(hook, { wrapper });
  return result.current.mutateAsync(input);
}

const contactPoint = {
  id: PHONE,
  kind: 'phone',
  type: 'work',
  label: null,
  country: null,
  region: null,
  status: 'unverified',
  statusReason: null,
  timeZones: ['Pacific/Honolulu'],
  zoneSource: 'number',
  source: 'collector',
};

const WRITES: Write[] = [
  {
    write: "record a number's consent (opt-outs, work inconvenient)",
    server: {
      [`/api/accounts/${ACCOUNT}/consent/contact-points/${PHONE}`]: {
        body: { contactPointId: PHONE, optedOut: false, optedOutChannels: ['sms'], workInconvenient: false },
      },
    },
    run: (w) =>
      runHook(w, useSetContactPointConsent, {
        accountId: ACCOUNT,
        pointId: PHONE,
        body: { optedOut: false, optedOutChannels: ['sms'], workInconvenient: false, note: 'Said STOP texts' },
      }),
    // The same customer's numbers show on their other accounts' case files too; the queue's gate reads them.
    refreshes: ['case file', 'another case file', 'queue'],
  },
  {
    write: "record the customer's preferences",
    server: {
      [`/api/accounts/${ACCOUNT}/consent/preferences`]: {
        body: { preferredChannel: 'sms', preferredTime: null, inconvenientTimes: [] },
      },
    },
    run: (w) =>
      runHook(w, useSetPreferences, {
        accountId: ACCOUNT,
        body: { preferredChannel: 'sms', preferredTime: null, inconvenientTimes: [], note: 'Prefers texts' },
      }),
    refreshes: ['case file', 'another case file', 'queue'],
  },
  {
    write: 'mark a third party do-not-contact',
    server: {
      [`/api/accounts/${ACCOUNT}/consent/third-parties/${ID}`]: {
        body: { thirdPartyId: ID, doNotContact: true, moreContactRequested: false },
      },
    },
    run: (w) =>
      runHook(w, useSetThirdPartyConsent, {
        accountId: ACCOUNT,
        thirdPartyId: ID,
        body: { doNotContact: true, moreContactRequested: false, note: 'Asked not to be called' },
      }),
    refreshes: ['case file', 'another case file', 'queue'],
  },
  {
    write: 'add a number the customer gave',
    server: { [`/api/accounts/${ACCOUNT}/contact-points`]: { status: 201, body: contactPoint } },
    run: (w) =>
      runHook(w, () => useAddContactPoint(ACCOUNT), { kind: 'phone', type: 'work', value: '+1 808 555 0117' }),
    // The customer's other accounts show the same numbers and zones.
    refreshes: ['case file', 'another case file', 'queue'],
  },
  {
    write: 'mark a number invalid',
    server: {
      [`/api/accounts/${ACCOUNT}/contact-points/${PHONE}`]: {
        body: { ...contactPoint, status: 'invalid', statusReason: 'wrong number' },
      },
    },
    run: (w) => runHook(w, () => useUpdateContactPoint(ACCOUNT, PHONE), { status: 'invalid', reason: 'wrong number' }),
    refreshes: ['case file', 'another case file', 'queue'],
  },
  {
    write: 'record an outcome',
    server: {
      [`/api/accounts/${ACCOUNT}/contacts`]: {
        status: 201,
        body: {
          id: ID,
          accountId: ACCOUNT,
          startedAt: '2026-11-22T15:00:00.000Z',
          disposition: 'no_answer',
          promiseIds: [],
          planId: null,
          callbackId: null,
          stopFlagId: null,
          overrideUsed: false,
        },
      },
    },
    run: (w) =>
      runHook(w, useRecordContact, {
        accountId: ACCOUNT,
        idempotencyKey: ID,
        body: { channel: 'phone', direction: 'outbound', partyReached: 'nobody', disposition: 'no_answer' },
      }),
    refreshes: ['case file', 'queue', 'account list', 'contact log', 'results', 'reviews report'],
  },
  {
    write: 'take the next account',
    server: { '/api/queue/next': { status: 204, body: null } },
    run: (w) => runHook(w, useNextAccount, undefined),
    refreshes: ['queue'],
  },
  {
    write: 'review a contact',
    server: {
      [`/api/contacts/${ID}/review`]: {
        body: {
          checks: allChecksMet,
          score: 100,
          failed: false,
          comment: null,
          coaching: false,
          reviewerName: 'Sam',
          reviewedAt: '2026-11-22T15:00:00.000Z',
        },
      },
    },
    run: (w) =>
      runHook(w, () => useReviewContact(ID), {
        coaching: false,
        checks: allChecksMet,
      }),
    refreshes: ['contact log', 'reviews report'],
  },
  {
    write: 'commit a bulk assignment',
    server: { '/api/accounts/assignments': { body: { committed: true, accounts: 3, perCollector: [] } } },
    run: (w) =>
      runHook(w, useAssignAccounts, {
        commit: true,
        body: { filter: { unassignedOnly: true }, to: { teamId: ID } },
      }),
    refreshes: ['case file', 'another case file', 'queue', 'account list'],
  },
  {
    write: 'preview a bulk assignment',
    server: { '/api/accounts/assignments/preview': { body: { committed: false, accounts: 3, perCollector: [] } } },
    run: (w) =>
      runHook(w, useAssignAccounts, {
        commit: false,
        body: { filter: { unassignedOnly: true }, to: { teamId: ID } },
      }),
    refreshes: [],
  },
  {
    write: 'import payments',
    server: {},
    run: (w) => runImport(w, 'all'),
    refreshes: [
      'case file',
      'another case file',
      'queue',
      'account list',
      'contact log',
      'results',
      'reviews report',
      'portfolio',
      'roll rates',
      'creditors',
    ],
  },
  {
    write: 'check an import file',
    server: {},
    run: (w) => runImport(w, 'validate'),
    refreshes: [],
  },
  {
    write: 'save a policy',
    server: {
      '/api/policies/queue_weights/default': {
        body: { kind: 'queue_weights', key: 'default', version: 2, data: {}, createdAt: null, createdBy: null },
      },
    },
    run: (w) => runHook(w, () => useSavePolicy('queue_weights', 'default'), {}),
    refreshes: [
      'policies',
      'policy history',
      'case file',
      'another case file',
      'queue',
      'account list',
      'portfolio',
      'suggested script',
    ],
  },
  {
    write: 'add a user',
    server: { '/api/users': { status: 201, body: user } },
    run: (w) =>
      runHook(w, useCreateUser, {
        username: 'collector9',
        password: 'a-long-password',
        displayName: 'New Collector',
        role: 'collector',
        teamId: null,
        locale: 'en',
        timeZone: 'UTC',
      }),
    refreshes: ['users', 'teams'],
  },
  {
    write: 'edit a user',
    server: { [`/api/users/${ID}`]: { body: user } },
    run: (w) => runHook(w, () => useUpdateUser(ID), { displayName: 'Renamed' }),
    refreshes: ['users', 'teams', 'account list', 'contact log', 'results', 'reviews report', 'me'],
  },
  {
    write: 'reset a password',
    server: { [`/api/users/${ID}/password`]: { status: 204, body: null } },
    run: (w) => runHook(w, () => useResetPassword(ID), 'a-long-password'),
    refreshes: [],
  },
  {
    write: 'change my own password',
    server: { '/api/me/password': { status: 204, body: null } },
    run: (w) =>
      runHook(w, useChangePassword, { currentPassword: 'the-old-password', newPassword: 'a-new-long-password' }),
    refreshes: [],
  },
  {
    write: 'change a team',
    server: { [`/api/teams/${ID}`]: { body: { id: ID, name: 'Team C', supervisor: null, memberCount: 0 } } },
    run: (w) => runHook(w, () => useSaveTeam(ID), { supervisorId: null }),
    refreshes: ['users', 'teams'],
  },
  {
    write: 'start a script draft',
    server: { [`/api/scripts/${ID}/drafts`]: { status: 201, body: scriptVersion } },
    run: (w) => runHook(w, () => useCreateDraft(ID), undefined),
    refreshes: ['script library'],
  },
  {
    write: 'save a script draft',
    server: { [`/api/scripts/versions/${ID}`]: { body: scriptVersion } },
    run: (w) => runHook(w, () => useSaveDraft(ID), { steps: [] }),
    refreshes: ['script library', 'script version'],
  },
  {
    write: 'publish a script',
    server: { [`/api/scripts/versions/${ID}/publish`]: { body: { ...scriptVersion, status: 'published' } } },
    run: (w) => runHook(w, () => usePublish(ID), undefined),
    refreshes: ['script library', 'script version', 'suggested script'],
  },
  {
    write: 'approve a script version awaiting approval',
    server: { [`/api/scripts/versions/${ID}/approve`]: { body: { ...scriptVersion, status: 'published' } } },
    run: (w) => runHook(w, () => useApproveVersion(ID), undefined),
    refreshes: ['script library', 'script version', 'suggested script'],
  },
  {
    write: 'reject a script version awaiting approval',
    server: { [`/api/scripts/versions/${ID}/reject`]: { body: { ...scriptVersion, status: 'rejected' } } },
    run: (w) => runHook(w, () => useRejectVersion(ID), 'Never threaten to tell an employer.'),
    refreshes: ['script library', 'script version'],
  },
  {
    write: 'approve an objection answer version',
    server: { [`/api/objections/${ID}/versions/${ID}/approve`]: { body: objection } },
    run: (w) => runHook(w, () => useApproveObjection(ID), ID),
    refreshes: ['objections', 'objection history', 'suggested script'],
  },
  {
    write: 'reject an objection answer version',
    server: { [`/api/objections/${ID}/versions/${ID}/reject`]: { body: objection } },
    run: (w) =>
      runHook(w, () => useRejectObjection(ID), { versionId: ID, note: 'Urging to borrow is never acceptable.' }),
    refreshes: ['objections', 'objection history'],
  },
  {
    write: 'save an objection answer',
    server: { [`/api/objections/${ID}`]: { body: objection } },
    run: (w) => runHook(w, () => useSaveObjection(ID), objectionBody),
    refreshes: ['objections', 'objection history', 'suggested script'],
  },
  {
    write: 'restore an objection answer',
    server: { [`/api/objections/${ID}/versions/${ID}/restore`]: { body: objection } },
    run: (w) => runHook(w, () => useRestoreObjection(ID), { versionId: ID, expectedVersion: 2 }),
    refreshes: ['objections', 'objection history', 'suggested script'],
  },
];

/** The names of the views left invalidated (stale, to be refetched when next shown). */
const invalidated = (queryClient: QueryClient) =>
  Object.entries(VIEWS)
    .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();

describe('each write refreshes exactly the views it changes', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each(WRITES)('$write', async ({ server, run, refreshes }) => {
    stubFetch(Object.fromEntries(Object.entries(server).map(([path, answer]) => [path, () => answer])));
    const queryClient = createTestQueryClient();
    for (const key of Object.values(VIEWS)) queryClient.setQueryData(key, {});
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    await run(wrapper);
    for (const name of refreshes) expect(VIEWS, name).toHaveProperty([name]);
    expect(invalidated(queryClient)).toEqual([...refreshes].sort());
  });
});
