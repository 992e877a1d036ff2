import type { CaseFile } from '@crm/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render';
import { CaseFileView } from './case-file-view';

const gateOk = { allowed: true, reasons: [], nextAllowedAt: null, viaCallback: false, overridable: false };
const caseFile = {
  customer: {
    fullName: '王芳',
    ageBand: null,
    preferredLanguage: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    localTime: '10:00',
    zones: [
      {
        zone: 'Asia/Shanghai',
        localTime: '10:00',
        open: true,
        closesAt: '2026-11-20T14:00:00.000Z',
        opensAt: null,
        binding: true,
        home: true,
        contactPointIds: ['p1'],
      },
    ],
    employmentNotes: null,
    householdNotes: null,
    dateOfBirth: null,
    preferences: { preferredChannel: null, preferredTime: null, inconvenientTimes: [] },
  },
  account: {
    id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000001',
    externalId: 'A000000001',
    creditorName: 'Huaxin',
    product: 'credit_card',
    currency: 'CNY',
    overdueMinor: 50_000,
    balanceMinor: 120_000,
    creditMinor: 0,
    daysPastDue: 33,
    stage: 'm2',
    missedInstalments: 2,
    oldestUnpaidDueDate: null,
  },
  summary: {
    gate: gateOk,
    willingness: 'mixed',
    promisesKept: 1,
    promisesPartlyKept: 1,
    promisesBroken: 0,
    promisesPending: 0,
    lastContact: null,
    bestHours: [],
    recentBranches: [],
  },
  pendingCallback: null,
  reminders: [],
  claimedPayments: [],
  disputes: { noticeApplies: false, notices: [], disputes: [] },
  stopFlags: [{ id: 'f1', type: 'dispute_hold', reason: '金额有误', setAt: '2026-11-20T02:00:00.000Z' }],
  contactPoints: [
    {
      id: 'p1',
      kind: 'phone',
      type: 'mobile',
      value: '+86 138 0000 0000',
      status: 'valid',
      timeZones: ['Asia/Shanghai'],
      zoneSource: 'number',
      workedBefore: false,
      optedOut: false,
      optedOutChannels: [],
      workInconvenient: false,
      gate: gateOk,
    },
  ],
  thirdParties: [],
  thirdPartyScript: [],
  otherAccounts: [],
  history: [
    {
      kind: 'promise',
      id: 'h1',
      at: '2026-11-01T02:00:00.000Z',
      amountMinor: 30_000,
      currency: 'CNY',
      dueDate: '2026-11-10',
      status: 'partly_kept',
      paidMinor: 10_000,
      graceEnds: '2026-11-13',
      allocations: [],
    },
  ],
} as unknown as CaseFile;

describe('CaseFileView', () => {
  it('reads in Chinese: a contact point’s status, a stop flag, and a promise with what was paid towards it', async () => {
    await renderWithProviders(<CaseFileView caseFile={caseFile} />, { locale: 'zh-CN' });
    const points = screen.getByRole('region', { name: '联系方式' });
    expect(within(points).getByText(/手机 · 有效 · Asia\/Shanghai \(根据号码\)/)).toBeInTheDocument();
    const flags = screen.getByRole('region', { name: '停催标记' });
    expect(within(flags).getByText(/争议暂停/)).toBeInTheDocument();
    const history = screen.getByTestId('history');
    expect(history).toHaveTextContent('¥300.00 → 2026-11-10 部分履约 已还 ¥100.00');
  });

  it('shows what the customer said on recent calls, newest first, in English and Chinese (ADR 037)', async () => {
    const said = {
      ...caseFile,
      summary: {
        ...caseFile.summary,
        willingness: 'willing_unable',
        recentBranches: [
          { date: '2026-11-28', branch: 'willing_unable' },
          { date: '2026-11-02', branch: 'unwilling' },
        ],
      },
    } as CaseFile;
    const en = await renderWithProviders(<CaseFileView caseFile={said} />, { locale: 'en' });
    expect(screen.getByText('Willing but unable')).toBeInTheDocument();
    expect(screen.getByTestId('recent-branches')).toHaveTextContent(
      'On recent calls: willing but unable on Nov 28, 2026 · unwilling on Nov 2, 2026',
    );
    en.unmount();
    await renderWithProviders(<CaseFileView caseFile={said} />, { locale: 'zh-CN' });
    expect(screen.getByTestId('recent-branches')).toHaveTextContent(
      '近期通话：2026-11-28 有意愿、暂无能力 · 2026-11-02 暂无还款意愿',
    );
  });

  it('shows no recent calls line when none recorded a branch', async () => {
    await renderWithProviders(<CaseFileView caseFile={caseFile} />, { locale: 'en' });
    expect(screen.queryByTestId('recent-branches')).not.toBeInTheDocument();
  });

  it('on the desk before the customer is verified: who and whether to call, never the debt', async () => {
    await renderWithProviders(<CaseFileView caseFile={caseFile} debtDetails={false} />, { locale: 'zh-CN' });
    expect(screen.getByTestId('customer-name')).toHaveTextContent('王芳');
    expect(screen.getByRole('region', { name: '联系方式' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '同意与偏好' })).toBeInTheDocument();
    const text = document.body.textContent ?? '';
    for (const debt of ['¥500.00', '¥1,200.00', '33', 'Huaxin', '¥300.00']) expect(text).not.toContain(debt);
    expect(screen.queryByTestId('history')).not.toBeInTheDocument();
  });
});

/** A New York customer with a Denver mobile and a Honolulu work number, at 05:00 in Honolulu. */
const threeZones = {
  ...caseFile,
  customer: {
    ...caseFile.customer,
    fullName: 'Ana Rivera',
    preferredLanguage: 'en',
    timeZone: 'America/New_York',
    zones: [
      {
        zone: 'America/New_York',
        localTime: '10:00',
        open: true,
        closesAt: '2026-11-21T02:00:00.000Z',
        opensAt: null,
        binding: false,
        home: true,
        contactPointIds: [],
      },
      {
        zone: 'America/Denver',
        localTime: '08:00',
        open: true,
        closesAt: '2026-11-21T04:00:00.000Z',
        opensAt: null,
        binding: false,
        home: false,
        contactPointIds: ['p1'],
      },
      {
        zone: 'Pacific/Honolulu',
        localTime: '05:00',
        open: false,
        closesAt: null,
        opensAt: '2026-11-20T18:00:00.000Z',
        binding: true,
        home: false,
        contactPointIds: ['p2'],
      },
    ],
  },
  contactPoints: [
    { ...caseFile.contactPoints[0]!, id: 'p1', value: '+1 720-555-0142', timeZones: ['America/Denver'] },
    {
      ...caseFile.contactPoints[0]!,
      id: 'p2',
      type: 'work',
      value: '+1 808-555-0117',
      timeZones: ['Pacific/Honolulu'],
    },
  ],
} as unknown as CaseFile;

describe('CaseFileView: where the customer is', () => {
  it.each([
    ['en', 'Where the customer is', 'opens last', 'closed', 'home zone', 'from the number'],
    ['zh-CN', '客户所在时区', '最晚开始', '不可联系', '常住时区', '根据号码'],
  ] as const)(
    'shows each zone and which one binds (%s)',
    async (locale, title, opensLast, closed, home, fromNumber) => {
      await renderWithProviders(<CaseFileView caseFile={threeZones} />, { locale });
      const zones = screen.getByRole('region', { name: title });
      const rows = within(zones).getAllByRole('listitem');
      expect(rows.map((r) => r.getAttribute('data-zone'))).toEqual([
        'America/New_York',
        'America/Denver',
        'Pacific/Honolulu',
      ]);
      expect(within(rows[2]!).getByTestId('binding-zone')).toHaveTextContent(opensLast);
      expect(rows[2]).toHaveTextContent(closed);
      expect(rows[2]).toHaveTextContent('05:00');
      expect(rows[2]).toHaveTextContent('+1 808-555-0117');
      expect(rows[0]).toHaveTextContent(home);
      expect(within(zones).getAllByTestId('binding-zone')).toHaveLength(1);
      expect(screen.getAllByText(new RegExp(fromNumber)).length).toBeGreaterThan(0);
    },
  );
});
