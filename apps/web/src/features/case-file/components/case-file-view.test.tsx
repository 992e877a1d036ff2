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
    employmentNotes: null,
    householdNotes: null,
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
  },
  pendingCallback: null,
  reminders: [],
  claimedPayments: [],
  stopFlags: [{ id: 'f1', type: 'dispute_hold', reason: '金额有误', setAt: '2026-11-20T02:00:00.000Z' }],
  contactPoints: [
    {
      id: 'p1',
      kind: 'phone',
      type: 'mobile',
      value: '+86 138 0000 0000',
      status: 'valid',
      workedBefore: false,
      gate: gateOk,
    },
  ],
  thirdParties: [],
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
    expect(within(points).getByText(/手机 · 有效/)).toBeInTheDocument();
    const flags = screen.getByRole('region', { name: '停催标记' });
    expect(within(flags).getByText(/争议暂停/)).toBeInTheDocument();
    const history = screen.getByTestId('history');
    expect(history).toHaveTextContent('¥300.00 → 2026-11-10 部分履约 已还 ¥100.00');
  });
});
